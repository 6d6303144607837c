// Implements: TL-030, TL-034
import * as path from 'node:path';
import { buildIdentity } from '../core/cache/buildIdentity';
import { blockingNodeFileSystem } from '../core/files/nodeFileSystem';
import type { FileIdentity } from '../core/files/fileSystem';
import type { Finding, Severity } from '../core/model/types';
import type { ProjectConfig } from '../core/config/load';
import type { ListedFiles } from '../core/cache/runCache';
import type { ReportFormat } from '../core/reports/evidence/render';

/** Exit codes: CI gates on them. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;

export type Format = 'text' | 'json' | 'sarif' | 'github';
export type FailOn = 'error' | 'warning' | 'none';

/** The options of `tracelens check`, as commander parses them. */
export interface CheckFlags {
  format: Format;
  failOn: FailOn;
  config?: string;
  output?: string;
  color: boolean;
  cache: boolean;
  cacheDir?: string;
  threads?: string;
  timings?: boolean;
  /** `--results` globs (repeatable), relative to the project root. */
  results?: string[];
  /** `--strict-review`: suspect and unreviewed links of class C targets are errors. */
  strictReview?: boolean;
}

// Implements: TL-157
/**
 * The job summary file of a GitHub Actions step (`$GITHUB_STEP_SUMMARY`), when `--format github`
 * runs where one is set: the check appends its summary there.
 */
export function stepSummaryFile(format: Format): string | undefined {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  return format === 'github' && file !== undefined && file !== '' ? file : undefined;
}

/** The formats of `tracelens report` (the core renders them all, for the CLI and the editor). */
export { REPORT_FORMATS, type ReportFormat } from '../core/reports/evidence/render';

/** The options of `tracelens report`, as commander parses them. */
export interface ReportFlags {
  format: ReportFormat;
  output: string;
  config?: string;
  cache: boolean;
  cacheDir?: string;
  threads?: string;
  /** `--results` globs (repeatable), relative to the project root. */
  results?: string[];
}

/** A command-line mistake: exit 2 with the message. */
export class UsageError extends Error {}

const RANK: Record<Severity | 'none', number> = { error: 3, warning: 2, info: 1, none: 0 };

/** The most severe finding's severity, or `none`. */
export function worstSeverity(findings: readonly Finding[]): Severity | 'none' {
  let worst: Severity | 'none' = 'none';
  for (const finding of findings) if (RANK[finding.severity] > RANK[worst]) worst = finding.severity;
  return worst;
}

/** Whether a run whose worst finding is `worst` fails under `--fail-on`. */
export function reachesThreshold(worst: Severity | 'none', failOn: FailOn): boolean {
  return failOn !== 'none' && worst !== 'none' && RANK[worst] >= RANK[failOn];
}

/** The folder as the user named it, POSIX, relative to the working directory: stable in reports. */
export function displayRootOf(dir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(dir)).split(path.sep).join('/');
  return relative === '' ? '.' : relative;
}

/** The identity of the CLI build in `distDir` (its bundles), for its caches (see buildIdentity.ts). */
export function cliBuild(distDir: string): Promise<string> {
  return buildIdentity(blockingNodeFileSystem, [path.join(distDir, 'cli.js'), path.join(distDir, 'check.js'), path.join(distDir, 'scanWorker.js')]);
}

/** Whether the text report gets colours: only on a terminal, without `--no-color` or NO_COLOR. */
export function useColor(flags: CheckFlags): boolean {
  return flags.color && flags.output === undefined && process.stdout.isTTY === true && !process.env['NO_COLOR'];
}

/** What a missed run-cache replay learnt, for the full check to reuse instead of doing it again. */
export interface Prepared {
  readonly project: ProjectConfig;
  readonly listed: ListedFiles;
  /** When the run started looking at files (ms since the epoch). */
  readonly startedAt: number;
  /** Listed files' stat identities, when the replay took them. */
  readonly identities?: (file: string) => FileIdentity | undefined;
}
