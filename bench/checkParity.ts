/**
 * Parity of the fast scan path with the reference one, file by file, on a real tree: the scanner
 * as the CLI runs it (partial parse, comments read only around candidate IDs) against
 * `new CodeScanner(parser, settings, { wholeFiles: true })` (whole file parsed, every comment read).
 * The references (id, relation, line, column, endColumn, symbol) must be equal for every file.
 *
 *   node --import tsx bench/checkParity.ts [DIR]    (default: the bench's seeded-100 tree)
 *
 * C and C++ files are also scanned in windows (the opt-in `windows: true`); its mismatches are
 * listed apart and do not fail the run, the CLI's path (prefix) must have none.
 *
 *   node --import tsx bench/checkParity.ts --stress [DIR] [--every N]
 *
 * Stress mode, over the unpacked kernel (default `<cache>/linux`, every N-th .c/.h file): probes
 * are planted without editing files, by choosing candidate offsets directly — inside comments (first
 * character, middle, last line), inside string and character literals, and in code — and for each
 * probe alone, and for all of a file's probes at once, the spans found by parsing windows
 * (`windowedCommentSpans`) must equal the whole-file spans holding the probes: same span, same
 * symbol. Prints the counts; exits 1 on any mismatch.
 *
 * Prints the counts and every mismatch; exits 1 on any mismatch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { declaredPrefixes, loadProjectConfig, readRequirements, referencePrefixes, scanSettingsFor } from '../src/core/engine';
import { absoluteFromPosix, blockingNodeFileSystem } from '../src/core/fileSystem';
import { CodeScanner, isCodeFile, windowedCommentSpans, type FileScan, type ScanStats } from '../src/core/scan';
import { lexC } from '../src/parsing/cWindows';
import { languageForPath } from '../src/parsing/languages';
import type { CommentSpan } from '../src/core/tags';
import { globMatcher, listFiles } from '../src/core/walk';
import { CommentParser } from '../src/parsing/commentParser';
import { prng } from '../test/unit/helpers/prng';

const cacheDir = process.env.TRACELENS_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'tracelens-bench');
const args = process.argv.slice(2);
const stress = args.includes('--stress');
const everyAt = args.indexOf('--every');
const every = everyAt >= 0 ? Number(args[everyAt + 1]) : 1;
const positional = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--every');
const root = path.resolve(positional[0] ?? path.join(cacheDir, stress ? 'linux' : 'seeded-100'));

/** The compared fields, in a fixed order. */
function essentials(scan: FileScan): unknown[] {
  return scan.references.map(({ id, relation, line, column, endColumn, symbol }) => ({ id, relation, line, column, endColumn, symbol }));
}

const mb = (chars: number): string => (chars / 1e6).toFixed(2);

async function main(): Promise<number> {
  const fs = blockingNodeFileSystem;
  const { config } = await loadProjectConfig(fs, root);
  const files = await listFiles(fs, root, { exclude: config.exclude, useGitignore: config.useGitignore });
  const isRequirementFile = globMatcher(config.requirements);
  const codeFiles = files.filter((file) => !isRequirementFile(file) && isCodeFile(file));
  const requirements = await readRequirements(fs, root, files.filter(isRequirementFile), config);
  const settings = scanSettingsFor(config, referencePrefixes(requirements.items, declaredPrefixes(config)));

  const parser = await CommentParser.create();
  const stats: ScanStats = { files: 0, windowed: 0, fallbacks: 0, parsedChars: 0 };
  const prefixStats: ScanStats = { files: 0, windowed: 0, fallbacks: 0, parsedChars: 0 };
  const wholeStats: ScanStats = { files: 0, windowed: 0, fallbacks: 0, parsedChars: 0 };
  const fast = new CodeScanner(parser, settings, { windows: true, stats });
  const prefix = new CodeScanner(parser, settings, { stats: prefixStats });
  const reference = new CodeScanner(parser, settings, { wholeFiles: true, stats: wholeStats });
  let withReferences = 0;
  let references = 0;
  let symbols = 0;
  const mismatches: string[] = [];
  const windowMismatches: string[] = [];
  const started = performance.now();
  for (const file of codeFiles) {
    const bytes = readFileSync(absoluteFromPosix(root, file));
    const [a, p, b] = [await fast.scanBytes(file, bytes), await prefix.scanBytes(file, bytes), await reference.scanBytes(file, bytes)];
    const [got, gotPrefix, want] = [essentials(a), essentials(p), essentials(b)];
    for (const [name, scan, essential, into] of [['windows', a, got, windowMismatches], ['prefix', p, gotPrefix, mismatches]] as const) {
      if (!isDeepStrictEqual(essential, want) || scan.language !== b.language || !isDeepStrictEqual(scan.skipped, b.skipped)) {
        into.push(`${file} (${name})\n  fast:      ${JSON.stringify(essential)}\n  reference: ${JSON.stringify(want)}`);
      }
    }
    if (want.length > 0) withReferences++;
    references += want.length;
    symbols += b.references.filter((r) => r.symbol !== undefined).length;
  }
  parser.dispose();
  process.stdout.write([
    `tree: ${root}`,
    `prefixes: ${settings.prefixes.join(', ')}`,
    `code files: ${codeFiles.length}, with references: ${withReferences}`,
    `references: ${references} (${symbols} with a symbol)`,
    `files parsed: ${stats.files}, in windows: ${stats.windowed}, fell back to the prefix: ${stats.fallbacks}`,
    `MB parsed: windows ${mb(stats.parsedChars)}, prefix ${mb(prefixStats.parsedChars)}, whole files ${mb(wholeStats.parsedChars)}`,
    `mismatches of the CLI's path (prefix): ${mismatches.length}`,
    ...mismatches.slice(0, 20),
    `mismatches of the opt-in windows path: ${windowMismatches.length}`,
    ...windowMismatches.slice(0, 20),
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
    '',
  ].join('\n'));
  return mismatches.length === 0 ? 0 : 1;
}

/** Every .c and .h file under `dir`, sorted. */
function cFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.[ch]$/.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}


/** `scanDependencyEnd` for a text whose last candidate ends at `last`. */
function dependencyEndAfter(text: string, last: number): number {
  const close = text.indexOf('\n}', last);
  if (close < 0) return text.length;
  const lineEnd = text.indexOf('\n', close + 1);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

/** Probe offsets for a text: in comments (first character, middle, start of the last line), in literals, in code. */
function probesOf(text: string, full: readonly CommentSpan[], random: () => number): number[] {
  const pick = <T>(items: readonly T[], count: number): T[] => Array.from({ length: Math.min(count, items.length) }, () => items[Math.floor(random() * items.length)]!);
  const probes: number[] = [];
  for (const span of pick(full, 6)) {
    const lastLine = text.lastIndexOf('\n', span.end - 1);
    probes.push(span.start, (span.start + span.end) >> 1, lastLine > span.start ? lastLine + 1 : span.end - 1);
  }
  const { units } = lexC(text, text.length, false);
  const literals: number[] = [];
  for (let i = 0; i < units.length; i += 2) {
    const first = text.charCodeAt(units[i]!);
    if (first === 34 || first === 39) literals.push(units[i]! + 1);
  }
  probes.push(...pick(literals, 4));
  for (let i = 0; i < 3 && text.length > 0; i++) probes.push(Math.floor(random() * text.length));
  return [...new Set(probes)].filter((offset) => offset >= 0 && offset < text.length);
}

async function stressMain(): Promise<number> {
  const parser = await CommentParser.create();
  await parser.loadLanguage('c');
  const files = cFiles(root).filter((_, i) => i % every === 0);
  const random = prng(62304);
  const counts = { files: 0, probes: 0, runs: 0, windowed: 0, windows: 0, fallbacks: 0, mismatches: 0 };
  const bytes = { windowed: 0, prefix: 0, whole: 0 };
  const reasons = new Map<string, number>();
  const mismatches: string[] = [];
  const started = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const languageId = languageForPath(file)!.id;
    const full = parser.commentSpans(languageId, text);
    const probes = probesOf(text, full, random);
    counts.files++;
    counts.probes += probes.length;
    const runs = [...probes.map((probe) => [probe]), probes];
    for (const near of runs) {
      if (near.length === 0) continue;
      counts.runs++;
      const limit = dependencyEndAfter(text, Math.max(...near) + 1);
      // The prefix the fast path parsed before windows (see parseExtent).
      const prefix = limit > text.length * 0.9 ? text.length : limit;
      bytes.prefix += prefix;
      bytes.whole += text.length;
      const found = windowedCommentSpans(parser, languageId, text, near, limit);
      if ('fallback' in found) {
        counts.fallbacks++;
        const reason = found.fallback.replace(/ at offset \d+/, '').replace(/\(#\w+\)/, '');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        bytes.windowed += prefix;
        continue;
      }
      counts.windowed++;
      counts.windows += found.windows.length;
      bytes.windowed += found.parsed;
      const want = full.filter((span) => near.some((offset) => span.start <= offset && offset < span.end));
      if (!isDeepStrictEqual(found.spans, want)) {
        counts.mismatches++;
        if (mismatches.length < 30) mismatches.push(`${path.relative(root, file)} probes ${JSON.stringify(near.slice(0, 8))}\n  windows:    ${JSON.stringify(found.spans)}\n  whole file: ${JSON.stringify(want)}`);
      }
    }
  }
  parser.dispose();
  process.stdout.write([
    `stress tree: ${root}${every > 1 ? ` (every ${every}th file)` : ''}`,
    `files: ${counts.files}, probes: ${counts.probes}, runs: ${counts.runs} (each probe alone, then each file's probes together)`,
    `runs parsed in windows: ${counts.windowed} (${counts.windows} windows), fell back to the prefix: ${counts.fallbacks}`,
    ...[...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${count} × ${reason}`),
    `MB parsed over all runs: windows ${mb(bytes.windowed)} (fallbacks counted as their prefix), prefix ${mb(bytes.prefix)}, whole files ${mb(bytes.whole)}`,
    `mismatches: ${counts.mismatches}`,
    ...mismatches,
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
    '',
  ].join('\n'));
  return counts.mismatches === 0 ? 0 : 1;
}

(stress ? stressMain() : main()).then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
});
