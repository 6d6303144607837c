#!/usr/bin/env node
// Implements: TL-030, TL-034
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CommentParser } from '../parsing/commentParser';
import { checkProject, ConfigError, type CheckResult } from '../core/engine';
import { blockingNodeFileSystem, nodeFileSystem } from '../core/fileSystem';
import { initFiles } from '../core/init';
import { LocalScanService } from '../core/localScanService';
import { defaultCacheDir, ScanCache } from '../core/scanCache';
import { WorkerScanService } from '../core/workerScanService';
import type { ScanService } from '../core/engine';
import type { Severity } from '../core/model';
import { formatGithub } from '../core/reports/githubReport';
import { formatJson } from '../core/reports/jsonReport';
import { formatSarif } from '../core/reports/sarifReport';
import { formatText } from '../core/reports/textReport';
import { TOOL_VERSION } from '../core/version';
import { writeFileAtomic } from './atomicWrite';

/** Exit codes: CI gates on them. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;

type Format = 'text' | 'json' | 'sarif' | 'github';
type FailOn = 'error' | 'warning' | 'none';

const FAIL_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Whether any finding reaches the `--fail-on` threshold. */
export function reachesThreshold(result: CheckResult, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = FAIL_RANK[failOn];
  return result.findings.some((finding) => FAIL_RANK[finding.severity] >= threshold);
}

/** The folder as the user named it, POSIX, relative to the working directory: stable in reports. */
function displayRootOf(dir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(dir)).split(path.sep).join('/');
  return relative === '' ? '.' : relative;
}

function render(result: CheckResult, format: Format, displayRoot: string, color: boolean): string {
  switch (format) {
    case 'json': return formatJson(result, displayRoot);
    case 'sarif': return formatSarif(result, displayRoot);
    case 'github': return formatGithub(result, displayRoot);
    case 'text': return formatText(result, displayRoot, { color });
  }
}

interface CheckFlags {
  format: Format;
  failOn: FailOn;
  config?: string;
  output?: string;
  color: boolean;
  cache: boolean;
  cacheDir?: string;
  threads?: string;
}

/** Files to parse below which worker start-up costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 64;

/**
 * The scan service for a CLI run: worker threads when the bundled worker is present (dist/), the
 * in-process scanner otherwise (running from sources); the persistent cache unless `--no-cache`.
 */
async function createScanService(root: string, parser: CommentParser, flags: CheckFlags): Promise<{ service: ScanService; cache?: ScanCache; finish: () => Promise<void> }> {
  const workerScript = path.join(__dirname, 'scanWorker.js');
  const hasWorker = (await nodeFileSystem.stat(workerScript))?.type === 'file';
  const threads = flags.threads !== undefined ? Number(flags.threads) : undefined;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0)) throw new UsageError(`--threads must be a whole number, got ${flags.threads}`);
  if (!hasWorker || threads === 0) {
    if (!flags.cache) return { service: new LocalScanService(parser, blockingNodeFileSystem), finish: async () => undefined };
  }
  const cache = flags.cache ? await ScanCache.open(flags.cacheDir ?? (await defaultCacheDir(root)), root) : undefined;
  const service = new WorkerScanService({
    workerScript,
    localParser: parser,
    localFileSystem: blockingNodeFileSystem,
    // An explicit --threads N asks for workers whatever the project's size.
    minFilesForWorkers: !hasWorker || threads === 0 ? Number.POSITIVE_INFINITY : threads !== undefined ? 0 : MIN_FILES_FOR_WORKERS,
    ...(threads !== undefined && threads > 0 ? { threads } : {}),
    ...(cache ? { cache } : {}),
  });
  return {
    service,
    ...(cache ? { cache } : {}),
    finish: async () => {
      await service.dispose();
      await cache?.save();
    },
  };
}

/** A command-line mistake: exit 2 with the message. */
class UsageError extends Error {}

async function runCheck(dir: string, flags: CheckFlags): Promise<number> {
  const root = path.resolve(dir);
  const stat = await nodeFileSystem.stat(root);
  if (!stat || stat.type !== 'directory') {
    process.stderr.write(`tracelens: not a directory: ${dir}\n`);
    return ExitCode.Usage;
  }
  const parser = await CommentParser.create();
  let finish = async (): Promise<void> => undefined;
  try {
    const scan = await createScanService(root, parser, flags);
    finish = scan.finish;
    const result = await checkProject({
      root,
      fs: blockingNodeFileSystem,
      ...(flags.config !== undefined ? { configFile: flags.config } : {}),
      scanner: scan.service,
      ...(scan.cache ? { requirementCache: scan.cache } : {}),
    });
    const configProblems = result.findings.filter((f) => f.rule === 'invalid-file' && f.file === result.configFile);
    if (configProblems.length > 0) {
      for (const p of configProblems) process.stderr.write(`${path.join(dir, p.file)}:${p.line}:${p.column}: config error: ${p.message}\n`);
      return ExitCode.Usage;
    }
    const color = flags.color && flags.output === undefined && process.stdout.isTTY === true && !process.env['NO_COLOR'];
    const text = render(result, flags.format, displayRootOf(dir), color);
    if (flags.output !== undefined) await writeFileAtomic(flags.output, text);
    else process.stdout.write(text);
    return reachesThreshold(result, flags.failOn) ? ExitCode.Findings : ExitCode.Ok;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`tracelens: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  } finally {
    await finish();
    parser.dispose();
  }
}

async function runInit(dir: string): Promise<number> {
  const root = path.resolve(dir);
  for (const file of initFiles()) {
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
    .action(async (dir: string, flags: CheckFlags) => setExit(await runCheck(dir, flags)));
  program.command('init')
    .description('write a commented starter tracelens.json and a requirements template')
    .argument('[dir]', 'project root', '.')
    .action(async (dir: string) => setExit(await runInit(dir)));
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
