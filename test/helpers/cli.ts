import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { cliBuild } from '../../src/cli/options';

/** The repository root. */
export const REPO = path.resolve(__dirname, '..', '..');
/** The built CLI: the real artefact users run (`npm test` builds it first). */
export const CLI = path.join(REPO, 'dist', 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The day the CLI judges SOUP anomaly reviews on in tests (2026-12-01): reports stay the same
 * whatever day the tests run.
 */
export const TEST_SOURCE_DATE_EPOCH = '1796083200';

/** Runs the built CLI synchronously from `cwd` (the repository root by default); `env` adds to the environment. */
export function runCli(args: readonly string[], cwd = REPO, env: Readonly<Record<string, string>> = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: TEST_SOURCE_DATE_EPOCH, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The build identity the built CLI gives its caches (see src/core/cache/buildIdentity.ts). */
export function cliBuildIdentity(): Promise<string> {
  return cliBuild(path.dirname(CLI));
}
