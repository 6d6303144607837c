// Implements: TL-061, TL-064
import { createHash } from 'node:crypto';
import { contentHash } from '../cache/contentHash';
import { idRegexFor } from '../model/ids';
import { scanDependencyEnd, type FileScan } from './codeScanner';
import type { ScanSettings } from './settings';
import { candidateNeedles, looksBinary, mayHoldCandidate, type CandidateNeedle } from './prefilter';
import { languageResolver } from './fileLanguages';

const decoder = new TextDecoder('utf-8');

/** The ID pattern and needles of the last settings seen: one project per process. */
let memo: { settings: ScanSettings; idPattern: RegExp | undefined; needles: CandidateNeedle[] } | undefined;

function patternsFor(settings: ScanSettings): NonNullable<typeof memo> {
  if (memo?.settings !== settings) memo = { settings, idPattern: idRegexFor(settings), needles: candidateNeedles(settings) };
  return memo;
}

/**
 * A key for what the scan of `bytes` depends on (see `scanDependencyEnd`): two contents of the
 * same file with the same key scan the same under the same settings, so a changed file whose key
 * is unchanged needs no parse. `none` when the content holds no candidate ID; undefined when the
 * result depends on more than a prefix of the text (oversized, binary or unsupported files).
 */
export function dependencyKey(file: string, bytes: Uint8Array, settings: ScanSettings): string | undefined {
  const language = languageResolver(settings.languages)(file);
  if (!language || bytes.length > settings.maxFileSize || looksBinary(bytes)) return undefined;
  const { idPattern, needles } = patternsFor(settings);
  if (!mayHoldCandidate(bytes, needles)) return 'none';
  const text = decoder.decode(bytes);
  const end = scanDependencyEnd(text, idPattern, language.id);
  return end === 0 ? 'none' : `${end}:${createHash('sha1').update(text.slice(0, end)).digest('base64url')}`;
}

/**
 * The key of a code file's scan for caches: its {@link dependencyKey}; for an oversized file its
 * size (all its scan says); otherwise (binary, unsupported) its content hash. `hash` is the content
 * hash when the caller has it already.
 */
export function scanKey(file: string, bytes: Uint8Array, settings: ScanSettings, hash?: string): string {
  if (bytes.length > settings.maxFileSize) return oversizedKey(bytes.length);
  return dependencyKey(file, bytes, settings) ?? `#${hash ?? contentHash(bytes)}`;
}

/** The {@link scanKey} of a file too large to scan, which is never read. */
export function oversizedKey(size: number): string {
  return `size:${size}`;
}

/**
 * A digest of a scan's result: equal digests, equal references and skip status. An empty scan's is
 * plain (most files of a large tree), the others' a hash of the scan.
 */
export function scanDigest(scan: FileScan): string {
  if (scan.references.length === 0 && !scan.skipped) return `empty:${scan.language}`;
  return createHash('sha1').update(JSON.stringify(scan)).digest('base64url');
}
