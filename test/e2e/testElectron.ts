/**
 * The standard @vscode/test-electron runner, for machines that have VS Code (VSCODE_EXECUTABLE_PATH) or
 * can download it. Offline, where the download fails at once, it prints a SKIP line and exits 0, unless
 * REQUIRE_VSCODE_TESTS=1 demands the suite. The code-server run (runExtensionTests.ts) is the gate that
 * always runs; this one keeps the suite honest on desktop VS Code.
 *
 * Usage: node --import tsx test/e2e/testElectron.ts [--extension DIR] [--tests FILE] [--workspace DIR]
 *          [--copy-workspace]   (open a temp copy of the workspace, removed afterwards)
 * Env:   VSCODE_EXECUTABLE_PATH  use this VS Code instead of downloading one
 *        VSCODE_TEST_VERSION     version to download (default 1.100.3, the minimum engines.vscode allows)
 *        TRACELENS_E2E_CACHE     where downloads are cached (default ~/.cache/tracelens-e2e)
 *        REQUIRE_VSCODE_TESTS=1  fail instead of skipping when VS Code cannot be had
 * On Linux without a display, run it under `xvfb-run -a`.
 */
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readIfExists } from './codeServer';
import { parseResults } from './runExtensionTests';
import { copyWorkspace, type WorkspaceCopy } from './workspaceCopy';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|timed? ?out/i;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A VS Code executable: the given one, or a downloaded (cached) copy; undefined when offline. */
async function resolveVSCode(): Promise<string | undefined> {
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  const cacheRoot = process.env.TRACELENS_E2E_CACHE ?? path.join(homedir(), '.cache', 'tracelens-e2e');
  const cachePath = path.join(cacheRoot, 'vscode-test');
  mkdirSync(cachePath, { recursive: true });
  try {
    return await downloadAndUnzipVSCode({ version: process.env.VSCODE_TEST_VERSION ?? '1.100.3', cachePath, timeout: 30_000 });
  } catch (error) {
    if (NETWORK_ERROR.test(describe(error))) {
      const why = `VS Code could not be downloaded (${describe(error).split('\n')[0]})`;
      if (process.env.REQUIRE_VSCODE_TESTS === '1') console.log(`FAIL: ${why} and REQUIRE_VSCODE_TESTS=1; set VSCODE_EXECUTABLE_PATH`);
      else console.log(`SKIP: ${why}; set VSCODE_EXECUTABLE_PATH, or rely on the code-server suite (test/e2e/runExtensionTests.ts)`);
      return undefined;
    }
    throw error;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'copy-workspace': { type: 'boolean' },
    },
  });
  const extensionPath = path.resolve(values.extension ?? REPO_ROOT);
  const testsPath = path.resolve(values.tests ?? path.join(extensionPath, 'dist', 'test', 'suite', 'index.js'));
  const sourceWorkspace = path.resolve(values.workspace ?? extensionPath);
  const required = process.env.REQUIRE_VSCODE_TESTS === '1';

  const executable = await resolveVSCode();
  if (!executable) return required ? 1 : 0;

  const scratch = mkdtempSync(path.join(tmpdir(), 'tracelens-e2e-electron-'));
  const resultsFile = path.join(scratch, 'results.ndjson');
  writeFileSync(resultsFile, '');
  let copy: WorkspaceCopy | undefined;
  let exitCode: number;
  try {
    if (values['copy-workspace']) copy = copyWorkspace(sourceWorkspace);
    const workspace = copy?.path ?? sourceWorkspace;
    exitCode = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      extensionTestsEnv: { TRACELENS_TEST_RESULTS: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
      ],
    }).catch((error: unknown) => {
      console.error(`VS Code test run failed: ${describe(error)}`);
      if (process.platform === 'linux' && !process.env.DISPLAY) console.error('no DISPLAY: run under `xvfb-run -a`');
      return 1;
    });
    const records = parseResults(readIfExists(resultsFile) ?? '');
    let passed = 0;
    let failed = 0;
    for (const record of records) {
      if (record.type !== 'test') continue;
      if (record.ok) passed += 1;
      else failed += 1;
      console.log(`${record.ok ? '✔' : '✖'} ${record.title}${record.ok ? '' : `\n    ${record.error ?? ''}`}`);
    }
    if (exitCode !== 0 && failed === 0) failed = 1;
    console.log(`${passed} passed, ${failed} failed`);
    return exitCode === 0 && failed === 0 ? 0 : 1;
  } finally {
    copy?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describe(error));
    process.exit(1);
  },
);
