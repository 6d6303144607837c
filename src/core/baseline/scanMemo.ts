// Implements: TL-194
import type { RequirementCache } from '../readers';
import type { ReadResult } from '../readers/types';
import type { FileScan } from '../scan/codeScanner';
import type { ScanService } from '../scan/service';
import type { ScanSettings } from '../scan/settings';

/** The name of a file's content, or undefined when it cannot be named (then it is scanned). */
export type ContentKey = (root: string, file: string) => Promise<string | undefined>;

/** Files read at once while naming contents: enough to keep the disk busy, few enough to bound memory. */
const KEY_CONCURRENCY = 64;

/**
 * What the two checks of a diff share: a scan and a requirement read depend only on the file's
 * path, its content and the settings, so a file the two sides hold unchanged is scanned and read
 * once. Code contents are named by git object ID, which a revision's tree lists and git's own
 * comparison gives for the working tree, without reading the file: unchanged files cost nothing.
 */
export class BaselineMemo {
  private readonly scans = new Map<string, Map<string, FileScan>>();
  private readonly reads = new Map<string, ReadResult>();
  /** Code files handed to the inner services and files answered from the memo, over all scans. */
  readonly counts = { scanned: 0, reused: 0 };

  /** A memory requirement cache: reads keyed by file, content hash and the configuration's key. */
  readonly requirementCache: RequirementCache = {
    getRequirements: (file, hash, configKey) => this.reads.get(`${file}\0${hash}\0${configKey}`),
    setRequirements: (file, hash, configKey, read) => { this.reads.set(`${file}\0${hash}\0${configKey}`, read); },
  };

  /**
   * `inner` behind the memo: it scans only the files whose path, content and settings are not
   * scanned yet. It is told the files to prepare for (start its workers) only while the memo is
   * empty: later, most files are found in the memo, and the few left may not need workers.
   */
  scanService(inner: ScanService, keyOf: ContentKey): ScanService {
    const prepare = inner.prepare?.bind(inner);
    return {
      ...(prepare ? { prepare: async (root: string, files: readonly string[]) => { if (this.scans.size === 0) await prepare(root, files); } } : {}),
      scanFiles: (root, files, settings) => this.scanFiles(inner, keyOf, root, files, settings),
    };
  }

  private async scanFiles(inner: ScanService, keyOf: ContentKey, root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>> {
    const settingsKey = JSON.stringify(settings);
    let memo = this.scans.get(settingsKey);
    if (!memo) this.scans.set(settingsKey, (memo = new Map()));
    let keys: Array<string | undefined>;
    let scanned: Map<string, FileScan>;
    let misses: readonly string[];
    if (memo.size === 0) {
      // Nothing to reuse: scan everything while the contents are named, side by side.
      misses = files;
      [keys, scanned] = await Promise.all([contentKeys(keyOf, root, files), inner.scanFiles(root, files, settings)]);
    } else {
      keys = await contentKeys(keyOf, root, files);
      misses = files.filter((file, i) => keys[i] === undefined || !memo.has(`${file}\0${keys[i]}`));
      scanned = misses.length > 0 ? await inner.scanFiles(root, misses, settings) : new Map();
    }
    this.counts.scanned += misses.length;
    this.counts.reused += files.length - misses.length;
    const results = new Map<string, FileScan>();
    files.forEach((file, i) => {
      const key = keys[i] === undefined ? undefined : `${file}\0${keys[i]}`;
      const scan = scanned.get(file) ?? (key !== undefined ? memo.get(key) : undefined);
      if (!scan) return;
      results.set(file, scan);
      // An unreadable file is read again next time: its trouble may have been passing.
      if (key !== undefined && scanned.has(file) && !scan.skipped?.reason.startsWith('unreadable')) memo.set(key, scan);
    });
    return results;
  }
}

/** The content key of each file, in order, reading at most {@link KEY_CONCURRENCY} at a time. */
async function contentKeys(keyOf: ContentKey, root: string, files: readonly string[]): Promise<Array<string | undefined>> {
  const keys = new Array<string | undefined>(files.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      keys[i] = await keyOf(root, files[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(KEY_CONCURRENCY, files.length) }, lane));
  return keys;
}
