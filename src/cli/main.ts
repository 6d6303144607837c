#!/usr/bin/env node
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CommentParser } from '../parsing/commentParser';
import { checkProject, ConfigError, type CheckResult } from '../core/engine';
import { nodeFileSystem } from '../core/fileSystem';
import { initFiles } from '../core/init';
import { LocalScanService } from '../core/localScanService';
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
}

async function runCheck(dir: string, flags: CheckFlags): Promise<number> {
  const root = path.resolve(dir);
  const stat = await nodeFileSystem.stat(root);
  if (!stat || stat.type !== 'directory') {
    process.stderr.write(`tracelens: not a directory: ${dir}\n`);
    return ExitCode.Usage;
  }
  const parser = await CommentParser.create();
  try {
    const result = await checkProject({
      root,
      ...(flags.config !== undefined ? { configFile: flags.config } : {}),
      scanner: new LocalScanService(parser, nodeFileSystem),
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
    if (error instanceof ConfigError) {
      process.stderr.write(`tracelens: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  } finally {
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
