// Implements: TL-064
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { rootCacheName, type CacheStore } from './cacheStore';
import type { TracelensConfig } from '../config/types';
import { contentHash } from './contentHash';
import { absoluteFromPosix, FileIdentities, type FileIdentity, type FileSystem } from '../files/fileSystem';
import type { Severity } from '../model/types';
import type { FileScan } from '../scan/codeScanner';
import { scanDigest, scanKey } from '../scan/scanKey';
import { TOOL_VERSION } from '../version';
import type { ScanSettings } from '../scan/settings';

/**
 * The run cache: what a whole `tracelens check` produced, and what it was produced from, so that a
 * run on an unchanged project replays the report without reading requirement files, deserialising
 * per-file scans or evaluating rules. It holds, for every requirement and code file the run read,
 * its stat identity (size, mtime, ctime, inode), the content hash of a requirement file, the scan
 * key (see scanKey.ts) and a digest of the scan of a code file; the resolved configuration; the
 * scan settings; and the rendered reports with the worst finding severity; all under the identity
 * of the build that wrote it.
 *
 * A replay is allowed only when the build, the configuration and the list of files are the same and
 * every file either has the same stat identity, or is a requirement file with the same content, or
 * a code file whose scan key is unchanged (an edit after the block that follows its last tag cannot
 * change its references) or which, scanned again, gives the same scan. Anything else is a miss and
 * the full check runs. Files modified shortly before the
 * run that recorded them are "racy" (the same mtime could hide a later write, as git knows): they
 * are recorded with no stat identity, so the next run checks their content.
 */

/** Bump when the record layout or the meaning of a field changes. */
const RUN_FORMAT = 5;

/**
 * Files modified less than this long before a run started are checked by content next time: a
 * write within the same timestamp tick as the run's read would leave size and mtime unchanged.
 * Only the mtime decides, as in git; the ctime is still part of the identity, so restoring an
 * mtime with `utimes` after a write is noticed.
 */
const RACY_MS = 2000;

/** More changed files than this is not worth checking one by one: the full check runs. */
const MAX_CHANGED_FILES = 256;

/**
 * Fields of a file's stat identity, per file in {@link RunRecord.stats}: the layout of
 * {@link FileIdentities}, so that a replay compares the stats it takes with the record's as they are.
 */
const STAT_FIELDS = FileIdentities.FIELDS;

/** What a report depends on besides the project: format, how the root is shown, colour. */
export interface RenderKey {
  readonly format: string;
  readonly displayRoot: string;
  readonly color: boolean;
}

interface StoredReport {
  readonly key: string;
  /** The report as UTF-8: half the size of a two-byte string, and written out as it is. */
  readonly bytes: Uint8Array;
}

interface RunRecord {
  readonly format: number;
  readonly tool: string;
  readonly root: string;
  /** The resolved configuration and config file, as JSON. */
  readonly config: string;
  readonly settings: ScanSettings;
  /** Requirement files then code files, in listing order, joined by `\n`. */
  readonly files: string;
  readonly requirementFiles: number;
  /** Per file: size, mtimeMs, ctimeMs, ino; NaN when the file must be checked by content. */
  readonly stats: Float64Array;
  /**
   * Per file, in the order of `files`, `\n`-joined (split only when a file changed): the content
   * hash of a requirement file, the scan key of a code file; '' when unknown.
   */
  readonly keys: string;
  /** Per file, `\n`-joined: the {@link scanDigest} of a code file's scan, '' for requirement files or when unknown. */
  readonly digests: string;
  /** The worst finding severity, for `--fail-on`. */
  readonly worst: Severity | 'none';
  /** Reports already rendered from this state, most recent first. */
  readonly reports: readonly StoredReport[];
}

/** What the check read, as the run cache records it. */
export interface RunInputs {
  readonly root: string;
  readonly config: TracelensConfig;
  readonly configFile: string | undefined;
  readonly settings: ScanSettings;
  readonly requirementFiles: readonly string[];
  readonly codeFiles: readonly string[];
  /** Stat of each file, taken before it was read. */
  readonly statOf: (file: string) => FileIdentity | undefined;
  /**
   * The content hash of each requirement file as the check read it, the dependency key of each
   * code file's scan; undefined when unknown.
   */
  readonly keyOf: (file: string) => string | undefined;
  /** The scan of each code file. */
  readonly scanOf: (file: string) => FileScan | undefined;
  /** When the run started looking at files (ms since the epoch). */
  readonly startedAt: number;
  /** The day the SOUP check judged on, when there was one (see {@link ListedFiles.soupAsOf}). */
  readonly soupAsOf?: string;
}

/** Requirement and code files, as a configuration lists them. */
export interface ListedFiles {
  readonly requirementFiles: readonly string[];
  readonly codeFiles: readonly string[];
  /** Files the requirement globs match that no reader understands: their report lists them. */
  readonly unreadableFiles?: readonly string[];
  /** Test results files the results globs match. */
  readonly resultFiles?: readonly string[];
  /** The SOUP register, manifests and lock files the SOUP check reads. */
  readonly soupFiles?: readonly string[];
  /** The day the SOUP check judges anomaly reviews on: a report of another day is not replayed. */
  readonly soupAsOf?: string;
  /** The project's tracelens.lock, when it has one: recorded with the requirement files, by content. */
  readonly lockFile?: string;
}

// Implements: TL-064, TL-144, TL-175
/**
 * The non-code files a run depends on: requirement files read and those only listed as unreadable,
 * the test results files and the SOUP files (adding or removing one changes the report; the record
 * keeps no key for the last three, so any change of their stat is a miss), and the tracelens.lock
 * (Implements: TL-186), kept like a requirement file: by content hash, so a changed lock replays
 * only when its bytes are the same.
 */
export function recordedRequirementFiles(listed: ListedFiles): readonly string[] {
  const extra = [
    ...(listed.unreadableFiles ?? []), ...(listed.resultFiles ?? []), ...(listed.soupFiles ?? []),
    ...(listed.lockFile !== undefined ? [listed.lockFile] : []),
  ];
  return extra.length > 0 ? [...listed.requirementFiles, ...extra] : listed.requirementFiles;
}

/**
 * A replayed run (the report to print and the worst severity), or why there is none; `identities`
 * gives the stat identities taken before deciding (every listed file's, when the listing matched
 * the record) and `startedAt` when the run started looking at files, both for the full check to
 * reuse.
 */
export type ReplayOutcome =
  | { readonly kind: 'hit'; readonly report: Uint8Array; readonly worst: Severity | 'none' }
  | { readonly kind: 'miss'; readonly reason: string; readonly startedAt: number; readonly identities?: (file: string) => FileIdentity | undefined };

/**
 * Scans a changed code file again, for a replay to compare with the recorded scan: a file whose
 * scan is unchanged (an edit in code, or in a comment without a tag) leaves the report unchanged.
 */
export type Rescan = (file: string, bytes: Uint8Array, settings: ScanSettings) => Promise<FileScan>;

/** More files than this to parse again is the full check's work (in worker threads). */
const MAX_RESCANS = 16;

/** The name of the run record of `root` in a {@link CacheStore}. */
export function runRecordName(root: string): string {
  return rootCacheName(root, '.run.v8');
}

function renderKeyString(key: RenderKey): string {
  return JSON.stringify([key.format, key.displayRoot, key.color]);
}

/** The configuration a report was made with, and the day its SOUP check judged on (when it had one). */
function configString(config: TracelensConfig, configFile: string | undefined, soupAsOf: string | undefined): string {
  return JSON.stringify([configFile ?? null, config, ...(soupAsOf !== undefined ? [soupAsOf] : [])]);
}

function decodeRecord(bytes: Uint8Array | undefined, root: string, tool: string): RunRecord | undefined {
  if (!bytes) return undefined;
  try {
    const record = v8.deserialize(bytes) as RunRecord;
    if (record.format !== RUN_FORMAT || record.tool !== tool || record.root !== root) return undefined;
    if (!(record.stats instanceof Float64Array) || typeof record.keys !== 'string' || typeof record.digests !== 'string' || !Array.isArray(record.reports)) return undefined;
    if (!record.reports.every((r) => typeof r.key === 'string' && r.bytes instanceof Uint8Array)) return undefined;
    return record;
  } catch {
    return undefined;
  }
}


/** Writes `stat` (or NaN: unknown) into `into` at `index`. */
function putIdentity(into: Float64Array, index: number, stat: FileIdentity | undefined): void {
  const at = index * STAT_FIELDS;
  if (!stat) {
    into.fill(Number.NaN, at, at + STAT_FIELDS);
    return;
  }
  into[at] = stat.size;
  into[at + 1] = stat.mtimeMs;
  into[at + 2] = stat.ctimeMs;
  into[at + 3] = stat.ino;
}

/** Records `stat` at `index`, or NaN when unknown or racy (modified just before the run). */
function setIdentity(stats: Float64Array, index: number, stat: FileIdentity | undefined, startedAt: number): void {
  putIdentity(stats, index, stat && stat.mtimeMs < startedAt - RACY_MS ? stat : undefined);
}

/** Whether both hold the same (known) identity at `index`; NaN never matches. */
function sameIdentity(a: Float64Array, b: Float64Array, index: number): boolean {
  const at = index * STAT_FIELDS;
  return a[at] === b[at] && a[at + 1] === b[at + 1] && a[at + 2] === b[at + 2] && a[at + 3] === b[at + 3];
}

/**
 * The run cache of one project root, one record in a {@link CacheStore} (see {@link runRecordName}).
 * {@link replay} answers from it when nothing that matters changed; {@link record} stores a full run.
 */
export class RunCache {
  private readonly name: string;
  private readonly root: string;

  /**
   * The run cache of `root` in `store`, whose files are reached through `fs` (for the CLI, the
   * blocking Node file system and cache store). `tool` identifies the build (see buildIdentity.ts);
   * the version alone by default.
   */
  constructor(private readonly store: CacheStore, private readonly fs: FileSystem, root: string, private readonly tool: string = TOOL_VERSION) {
    this.root = path.resolve(root);
    this.name = runRecordName(this.root);
  }

  private async readRecord(): Promise<RunRecord | undefined> {
    return decodeRecord(await this.store.read(this.name), this.root, this.tool);
  }

  private async writeRecord(record: RunRecord): Promise<void> {
    try {
      await this.store.write(this.name, v8.serialize(record));
    } catch {
      // Only a cache: the next run does the full check.
    }
  }

  /**
   * The report of the last run if the project is unchanged for it; otherwise why not, with the
   * stats taken on the way (when the listing matched) for the full check to reuse. `listed` are
   * the requirement and code files the same configuration lists now. Checking costs one `stat` per
   * file plus reading the few files whose stat changed; with `rescan`, up to a few code files whose
   * dependency key changed are scanned again and compared with their recorded scans.
   */
  async replay(config: TracelensConfig, configFile: string | undefined, listed: ListedFiles, render: RenderKey, rescan?: Rescan): Promise<ReplayOutcome> {
    const startedAt = Date.now();
    const record = await this.readRecord();
    if (!record) return { kind: 'miss', reason: 'no run recorded', startedAt };
    if (record.config !== configString(config, configFile, listed.soupAsOf)) return { kind: 'miss', reason: 'configuration changed (or the day SOUP is judged on)', startedAt };
    const requirementFiles = recordedRequirementFiles(listed);
    const files = [...requirementFiles, ...listed.codeFiles];
    if (requirementFiles.length !== record.requirementFiles || files.join('\n') !== record.files) return { kind: 'miss', reason: 'files added or removed', startedAt };

    // One call stats every file (a promise per file would cost more than the stats), into packed
    // identities in the record's layout: nothing per file outlives its stat call.
    const current = await this.fs.statFiles(this.root, files);
    const changed: number[] = [];
    for (let index = 0; index < files.length; index++) {
      if (!sameIdentity(record.stats, current.packed, index)) changed.push(index);
    }
    let indexOf: Map<string, number> | undefined;
    const identities = (file: string): FileIdentity | undefined => {
      indexOf ??= new Map(files.map((f, i) => [f, i]));
      const index = indexOf.get(file);
      return index === undefined ? undefined : current.at(index);
    };
    const miss = (reason: string): ReplayOutcome => ({ kind: 'miss', reason, identities, startedAt });
    const report = record.reports.find((r) => r.key === renderKeyString(render));
    if (!report) return miss('report format not recorded');
    if (changed.length > MAX_CHANGED_FILES) return miss(`${changed.length} files changed`);

    // A changed file is read: a requirement file must hold the same bytes; a code file the same
    // part that its scan depends on, or else (scanned again) give the same scan.
    const newKeys = new Map<number, string>();
    const keys = changed.length > 0 ? record.keys.split('\n') : [];
    const digests = changed.length > 0 ? record.digests.split('\n') : [];
    for (const index of changed) {
      const file = files[index]!;
      const key = keys[index];
      if (!key) return miss(`${file} changed`);
      let bytes: Uint8Array;
      try {
        bytes = await this.fs.readFile(absoluteFromPosix(this.root, file));
      } catch {
        return miss(`${file} unreadable`);
      }
      if (index < record.requirementFiles) {
        if (contentHash(bytes) !== key) return miss(`${file} changed`);
        continue;
      }
      const now = scanKey(file, bytes, record.settings);
      if (now === key) continue;
      if (!rescan || !digests[index] || newKeys.size >= MAX_RESCANS) return miss(`${file} changed`);
      let scan: FileScan;
      try {
        scan = await rescan(file, bytes, record.settings);
      } catch (error) {
        // The full check scans it again and reports whatever is wrong with it.
        return miss(`${file}: could not scan it again (${(error as Error).message})`);
      }
      if (scanDigest(scan) !== digests[index]) return miss(`${file}: references changed`);
      newKeys.set(index, now);
    }
    if (changed.length > 0) {
      // Same scans, so the same report: remember the new stat identities (and keys) for next time.
      const updated = Float64Array.from(record.stats);
      for (const index of changed) setIdentity(updated, index, current.at(index), startedAt);
      const updatedKeys = newKeys.size === 0 ? record.keys : keys.map((key, index) => newKeys.get(index) ?? key).join('\n');
      await this.writeRecord({ ...record, stats: updated, keys: updatedKeys });
    }
    return { kind: 'hit', report: report.bytes, worst: record.worst };
  }

  /** Stores a full run and its report (with the other reports of the same state, if any). */
  async record(inputs: RunInputs, render: RenderKey, text: string, worst: Severity | 'none'): Promise<void> {
    const files = [...inputs.requirementFiles, ...inputs.codeFiles];
    const stats = new Float64Array(files.length * STAT_FIELDS);
    files.forEach((file, index) => setIdentity(stats, index, inputs.statOf(file), inputs.startedAt));
    const keys = files.map((file) => inputs.keyOf(file) ?? '').join('\n');
    const digests = files.map((file, index) => {
      const scan = index < inputs.requirementFiles.length ? undefined : inputs.scanOf(file);
      return scan ? scanDigest(scan) : '';
    }).join('\n');
    const record: Omit<RunRecord, 'reports'> = {
      format: RUN_FORMAT, tool: this.tool, root: this.root,
      config: configString(inputs.config, inputs.configFile, inputs.soupAsOf), settings: inputs.settings,
      files: files.join('\n'), requirementFiles: inputs.requirementFiles.length, stats, keys, digests, worst,
    };
    const previous = await this.readRecord();
    const key = renderKeyString(render);
    const others = previous && sameState(previous, record) ? previous.reports.filter((r) => r.key !== key).slice(0, 3) : [];
    await this.writeRecord({ ...record, reports: [{ key, bytes: new TextEncoder().encode(text) }, ...others] });
  }
}

/** Whether two records describe the same files in the same state (so their reports agree). */
function sameState(a: Omit<RunRecord, 'reports'>, b: Omit<RunRecord, 'reports'>): boolean {
  if (a.config !== b.config || a.files !== b.files || a.worst !== b.worst || a.keys !== b.keys || a.digests !== b.digests) return false;
  if (JSON.stringify(a.settings) !== JSON.stringify(b.settings)) return false;
  for (let i = 0; i < a.stats.length; i++) if (!(a.stats[i] === b.stats[i])) return false;
  return true;
}
