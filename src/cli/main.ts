#!/usr/bin/env node
// Implements: TL-030, TL-034, TL-158
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { blockingNodeFileSystem, nodeFileSystem } from '../core/files/nodeFileSystem';
import { initFiles, STARTER_STYLES, type StarterStyle } from '../core/config/starterFiles';
import { loadProjectConfig, withStrictReview, type ProjectConfig } from '../core/config/load';
import { RunCache, type ListedFiles, type RenderKey, type ReplayOutcome, type Rescan } from '../core/cache/runCache';
import { blockingNodeCacheStore, defaultCacheDir } from '../core/cache/nodeCacheStore';
import { TOOL_VERSION } from '../core/version';
import { writeFileAtomic } from './atomicWrite';
import { replayTimings } from './timings';
import type { CliCache } from './check';
import type { DiffFlags } from './diff';
import { cliBuild, displayRootOf, ExitCode, reachesThreshold, REPORT_FORMATS, stepSummaryFile, useColor, type CheckFlags, type Prepared, type ReportFlags } from './options';
import { listProjectFiles } from '../core/files/projectFiles';

export { ExitCode } from './options';

/**
 * Answers from the run cache when the project is unchanged since the last run (see runCache.ts):
 * the exit code when it did; otherwise what it learnt on the way (configuration, listing, stats),
 * which the full check reuses. Loads only the configuration, the walk and the cache, never the
 * readers, the rules or tree-sitter.
 */
async function replayFromCache(root: string, flags: CheckFlags, render: RenderKey, cache: CliCache): Promise<number | Prepared | undefined> {
  let project: ProjectConfig;
  let listed: ListedFiles;
  try {
    project = withStrictReview(await loadProjectConfig(blockingNodeFileSystem, root, flags.config, flags.results), flags.strictReview);
    // Config problems are reported by the full check, which exits 2.
    if (project.problems.length > 0) return undefined;
    listed = await listProjectFiles(blockingNodeFileSystem, root, project.config);
  } catch {
    return undefined;
  }
  // A changed code file whose tags may have moved is scanned again with the full check's scanner,
  // loaded only then.
  let rescanner: ReturnType<typeof import('./check').createRescan> | undefined;
  const rescan: Rescan = (file, bytes, settings) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    rescanner ??= (require('./check') as typeof import('./check')).createRescan();
    return rescanner.rescan(file, bytes, settings);
  };
  let outcome: ReplayOutcome;
  try {
    outcome = await new RunCache(cache.store, blockingNodeFileSystem, root, cache.tool).replay(project.config, project.configFile, listed, render, rescan);
  } catch (error) {
    // A cache never fails a check: a file that cannot be stat'ed now is the full check's to report.
    outcome = { kind: 'miss', reason: `replay failed: ${(error as Error).message}`, startedAt: Date.now() };
  } finally {
    rescanner?.dispose();
  }
  if (process.env['TRACELENS_DEBUG_CACHE']) process.stderr.write(`tracelens: run cache ${outcome.kind === 'hit' ? 'hit' : `miss: ${outcome.reason}`}\n`);
  if (outcome.kind === 'miss') return { project, listed, startedAt: outcome.startedAt, ...(outcome.identities ? { identities: outcome.identities } : {}) };
  if (flags.output !== undefined) await writeFileAtomic(flags.output, outcome.report);
  else process.stdout.write(outcome.report);
  if (flags.timings) process.stderr.write(replayTimings(performance.now()));
  return reachesThreshold(outcome.worst, flags.failOn) ? ExitCode.Findings : ExitCode.Ok;
}

async function runCheck(dir: string, flags: CheckFlags): Promise<number> {
  const root = path.resolve(dir);
  const stat = await nodeFileSystem.stat(root);
  if (!stat || stat.type !== 'directory') {
    process.stderr.write(`tracelens: not a directory: ${dir}\n`);
    return ExitCode.Usage;
  }
  const render: RenderKey = { format: flags.format, displayRoot: displayRootOf(dir), color: useColor(flags) };
  const cacheDir = flags.cache ? flags.cacheDir ?? (await defaultCacheDir(root)) : undefined;
  // Synchronous cache I/O, as every file access of the CLI: its thread has nothing else to do.
  const cache: CliCache | undefined = cacheDir !== undefined ? { store: blockingNodeCacheStore(cacheDir), tool: await cliBuild(__dirname) } : undefined;
  // A replay holds the recorded report, not the model the job summary is made from.
  const replayed = cache && stepSummaryFile(flags.format) === undefined ? await replayFromCache(root, flags, render, cache) : undefined;
  if (typeof replayed === 'number') return replayed;
  // Required here, not imported at the top: the bundle then initialises the full check's modules
  // (readers, rules, tree-sitter) only when the run cache could not answer.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runFullCheck } = require('./check') as typeof import('./check');
  return runFullCheck(dir, root, flags, render, cache, replayed);
}

// Implements: TL-215
/**
 * The starter config's `$schema`: the schema this CLI ships (`schemas/` beside `dist/`), as a path
 * relative to the project when the CLI is installed inside it (`node_modules/tracelens`), so any
 * editor can load it; none otherwise, rather than a path or URL that does not load everywhere.
 */
async function schemaReference(root: string): Promise<string | undefined> {
  const schema = path.resolve(__dirname, '..', 'schemas', 'tracelens.schema.json');
  const relative = path.relative(root, schema);
  if (relative.startsWith('..') || path.isAbsolute(relative) || !(await nodeFileSystem.stat(schema))) return undefined;
  return `./${relative.split(path.sep).join('/')}`;
}

async function runInit(dir: string, style: StarterStyle): Promise<number> {
  const root = path.resolve(dir);
  for (const file of initFiles({ style, schema: await schemaReference(root) })) {
    const target = path.join(root, file.path);
    if (await nodeFileSystem.stat(target)) {
      process.stderr.write(`exists, left unchanged: ${path.join(dir, file.path)}\n`);
      continue;
    }
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, file.content);
    process.stderr.write(`created ${path.join(dir, file.path)}\n`);
  }
  return ExitCode.Ok;
}

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Builds the command line. `setExit` receives the exit code of the command that ran. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('tracelens')
    .description('Requirements traceability for IEC 62304: requirement IDs in code comments, checked against requirement files.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();
  program.command('check')
    .description('check a project and report traceability gaps')
    .argument('[dir]', 'project root', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity').choices(['error', 'warning', 'none']).default('error'))
    .option('-c, --config <file>', 'config file (default: <dir>/tracelens.json)')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--no-color', 'no colours in text output')
    .option('--no-cache', 'do not read or write the per-file scan cache')
    .option('--cache-dir <dir>', 'where the scan cache lives (default: node_modules/.cache/tracelens or the OS cache folder)')
    .option('--threads <n>', 'scan worker threads (default: one per core; 0 scans on the main thread)')
    .option('--timings', 'print how long each phase took to stderr')
    .option('--results <glob>', 'JUnit XML test results to read as evidence, relative to the project root (repeatable; adds to "testResults"; quote globs)', collect, [])
    .option('--strict-review', 'suspect (and required but unreviewed) links to class C items are errors')
    .action(async (dir: string, flags: CheckFlags) => setExit(await runCheck(dir, flags)));
  program.command('report')
    .description('write the traceability report an auditor receives: HTML, CSV, XLSX, Markdown or JSON; or the trace for LOBSTER or sphinx-needs')
    .argument('[dir]', 'project root', '.')
    .addOption(new Option('-f, --format <format>', 'report format (lobster: a folder of LOBSTER files; needs-json: a sphinx-needs needs.json)').choices([...REPORT_FORMATS]).default('html'))
    .requiredOption('-o, --output <file>', 'the file to write (atomically); for lobster, the folder (created when missing)')
    .option('-c, --config <file>', 'config file (default: <dir>/tracelens.json)')
    .option('--no-cache', 'do not read or write the per-file scan cache')
    .option('--cache-dir <dir>', 'where the scan cache lives (default: node_modules/.cache/tracelens or the OS cache folder)')
    .option('--threads <n>', 'scan worker threads (default: one per core; 0 scans on the main thread)')
    .option('--results <glob>', 'JUnit XML test results to show as evidence, relative to the project root (repeatable; adds to "testResults"; quote globs)', collect, [])
    .action(async (dir: string, flags: ReportFlags) => {
      // Required here, as ./check: the report's writers (and exceljs) load only for a report.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runReport } = require('./report') as typeof import('./report');
      setExit(await runReport(dir, flags));
    });
  program.command('diff')
    .description('what changed between two git revisions, or a revision and the working tree: items, coverage, findings')
    .argument('<base>', 'the baseline revision (a tag, branch or commit)')
    .argument('[head]', 'the revision to compare with (default: the working tree); a folder here is the project folder')
    .argument('[dir]', 'project folder (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'md']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--no-cache', 'do not read or write the per-file scan cache (working tree)')
    .option('--cache-dir <dir>', 'where the scan cache lives')
    .option('--threads <n>', 'scan worker threads (default: one per core; 0 scans on the main thread)')
    .option('--timings', 'print how long each side\'s check took to stderr')
    .action(async (base: string, head: string | undefined, dir: string | undefined, flags: DiffFlags) => {
      // Required here, not imported at the top: see runCheck.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runDiff } = require('./diff') as typeof import('./diff');
      setExit(await runDiff(base, head, dir, flags));
    });
  program.command('init')
    .description('write a commented starter tracelens.json and a requirements template')
    .argument('[dir]', 'project root', '.')
    .addOption(new Option('--style <style>', 'how the requirements template writes items: one heading or one table row each').choices([...STARTER_STYLES]).default('headings'))
    .action(async (dir: string, flags: { style: StarterStyle }) => setExit(await runInit(dir, flags.style)));
  // Implements: TL-187
  program.command('review')
    .description('record in tracelens.lock what each link (or each link to the given IDs) is reviewed against')
    .argument('[dir]', 'project root', '.')
    .argument('[ids...]', 'review only the links to these item IDs')
    .option('-c, --config <file>', 'config file (default: <dir>/tracelens.json)')
    .action(async (dir: string, ids: string[], flags: { config?: string }) => {
      // Loaded only for this command, as the full check is (see runCheck).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runReview } = require('./review') as typeof import('./review');
      setExit(await runReview(dir, ids, flags));
    });
  return program;
}

/** Runs the CLI and returns its exit code: 0 clean, 1 findings reach --fail-on, 2 usage or config error. */
export async function main(argv: readonly string[]): Promise<number> {
  let exit: number = ExitCode.Ok;
  const program = buildProgram((code) => { exit = code; });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    process.stderr.write(`tracelens: internal error: ${(error as Error).stack ?? error}\n`);
    return ExitCode.Usage;
  }
  return exit;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
