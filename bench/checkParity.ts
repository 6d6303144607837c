/**
 * Parity of the fast scan path with the reference one, file by file, on a real tree: the scanner
 * as the CLI runs it (partial parse, comments read only around candidate IDs) against
 * `new CodeScanner(parser, settings, { wholeFiles: true })` (whole file parsed, every comment read).
 * The references (id, relation, line, column, endColumn, symbol) must be equal for every file.
 *
 *   node --import tsx bench/checkParity.ts [DIR]    (default: the bench's seeded-100 tree)
 *
 * Prints the counts and every mismatch; exits 1 on any mismatch.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { absoluteFromPosix } from '../src/core/files/fileSystem';
import { blockingNodeFileSystem } from '../src/core/files/nodeFileSystem';
import { CodeScanner, isCodeFile, type FileScan, type ScanStats } from '../src/core/scan/codeScanner';
import { globMatcher, listFiles } from '../src/core/files/walk';
import { CommentParser } from '../src/parsing/commentParser';
import { referenceFamilies, scanSettingsFor } from '../src/core/scan/settings';
import { readRequirements } from '../src/core/readers';
import { loadProjectConfig } from '../src/core/config/load';

const cacheDir = process.env.TRACELENS_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'tracelens-bench');
const args = process.argv.slice(2);
const root = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(cacheDir, 'seeded-100'));

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
  const codeFiles = files.filter((file) => !isRequirementFile(file) && isCodeFile(file, config.languages));
  const requirements = await readRequirements(fs, root, files.filter(isRequirementFile), config);
  const settings = scanSettingsFor(config, referenceFamilies(requirements.items, config));

  const parser = await CommentParser.create();
  const stats: ScanStats = { files: 0, parsedChars: 0 };
  const wholeStats: ScanStats = { files: 0, parsedChars: 0 };
  const fast = new CodeScanner(parser, settings, { stats });
  const reference = new CodeScanner(parser, settings, { wholeFiles: true, stats: wholeStats });
  let withReferences = 0;
  let references = 0;
  let symbols = 0;
  const mismatches: string[] = [];
  const started = performance.now();
  for (const file of codeFiles) {
    const bytes = readFileSync(absoluteFromPosix(root, file));
    const [a, b] = [await fast.scanBytes(file, bytes), await reference.scanBytes(file, bytes)];
    const [got, want] = [essentials(a), essentials(b)];
    if (!isDeepStrictEqual(got, want) || a.language !== b.language || !isDeepStrictEqual(a.skipped, b.skipped)) {
      mismatches.push(`${file}\n  fast:      ${JSON.stringify(got)}\n  reference: ${JSON.stringify(want)}`);
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
    `files parsed: ${stats.files}`,
    `MB parsed: fast path ${mb(stats.parsedChars)}, whole files ${mb(wholeStats.parsedChars)}`,
    `mismatches: ${mismatches.length}`,
    ...mismatches.slice(0, 20),
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
    '',
  ].join('\n'));
  return mismatches.length === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
});
