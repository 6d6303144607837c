/**
 * Runs an extension test suite inside code-server's Node extension host, offline.
 *
 * code-server refuses --extensionDevelopmentPath/--extensionTestsPath on its command line, but the
 * workbench takes both from the URL's `payload` parameter; the suite's `run()` then executes in the
 * real extension host for as long as a browser keeps the workbench open. The suite reports through a
 * results file whose path code-server passes down in its environment (TRACELENS_TEST_RESULTS): one JSON
 * object a line, `{"type":"test","title","ok","durationMs","error"?}` per test, then
 * `{"type":"end","passed","failed"}`. The workbench also reports the end of the run through
 * `window.codeAutomationExit(code, logs)`, which the harness exposes to the page: so a suite that fails to
 * load, or dies without reporting, fails at once instead of at the deadline.
 *
 * Usage: node --import tsx test/e2e/runExtensionTests.ts [--extension DIR] [--tests FILE]
 *          [--workspace DIR] [--copy-workspace] [--timeout MS]
 * With --copy-workspace the workbench opens a temp copy of the workspace (removed afterwards), so a
 * suite that edits, creates and deletes files leaves the original untouched.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, readIfExists, startCodeServer, waitFor, type Browser, type CodeServer } from './codeServer';
import { copyWorkspace, type WorkspaceCopy } from './workspaceCopy';

/** Options for {@link runExtensionTests}. */
export interface ExtensionTestOptions {
  /** The extension folder (its package.json). Defaults to the repository root. */
  readonly extensionPath?: string;
  /** The suite module exporting `run()`. Defaults to `<extension>/dist/test/suite/index.js`. */
  readonly testsPath?: string;
  /** The folder the workbench opens. Defaults to the extension folder. */
  readonly workspace?: string;
  /** Open a temp copy of {@link workspace} instead of the folder itself (removed afterwards). */
  readonly copyWorkspace?: boolean;
  /** Deadline for the whole run, start-up included (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Where a screenshot goes when the suite fails or times out. */
  readonly artifactsDir?: string;
  /** Where result lines go (default stdout). */
  readonly print?: (line: string) => void;
}

/** One line of the results file. */
export type ResultRecord =
  | { readonly type: 'test'; readonly title: string; readonly ok: boolean; readonly durationMs?: number; readonly error?: string }
  | { readonly type: 'end'; readonly passed: number; readonly failed: number };

/** The outcome of one run. */
export interface ExtensionTestOutcome {
  readonly passed: number;
  readonly failed: number;
  /** Why the suite did not report its end (timeout, server exit), if it did not. */
  readonly incomplete?: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Parses the complete lines of a results file (a last line still being written is left for later). */
export function parseResults(text: string): ResultRecord[] {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResultRecord);
}

function formatRecord(record: ResultRecord): string {
  if (record.type === 'end') return '';
  const duration = record.durationMs === undefined ? '' : ` (${record.durationMs} ms)`;
  if (record.ok) return `✔ ${record.title}${duration}`;
  const detail = (record.error ?? '').split('\n').map((line) => `    ${line}`).join('\n');
  return `✖ ${record.title}${duration}\n${detail}`;
}

/** Runs the suite and resolves with its counts; never leaves code-server or Chromium running. */
export async function runExtensionTests(options: ExtensionTestOptions = {}): Promise<ExtensionTestOutcome> {
  const print = options.print ?? ((line: string) => console.log(line));
  const extensionPath = path.resolve(options.extensionPath ?? REPO_ROOT);
  const testsPath = path.resolve(options.testsPath ?? path.join(extensionPath, 'dist', 'test', 'suite', 'index.js'));
  const sourceWorkspace = path.resolve(options.workspace ?? extensionPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const artifactsDir = path.resolve(options.artifactsDir ?? path.join(REPO_ROOT, 'test-results', 'e2e'));
  if (readIfExists(testsPath) === undefined) throw new Error(`no test suite at ${testsPath} (build it first)`);

  const resultsDir = mkdtempSync(path.join(tmpdir(), 'tracelens-e2e-results-'));
  const resultsFile = path.join(resultsDir, 'results.ndjson');
  writeFileSync(resultsFile, '');

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let copy: WorkspaceCopy | undefined;
  const printed: ResultRecord[] = [];
  let outcome: ExtensionTestOutcome;
  try {
    if (options.copyWorkspace) {
      copy = copyWorkspace(sourceWorkspace);
      print(`workspace: a copy of ${sourceWorkspace} at ${copy.path}`);
    }
    const workspace = copy?.path ?? sourceWorkspace;
    // The SOUP register's reviews are judged on a fixed day (2026-12-01), as in the CLI tests.
    server = await startCodeServer({ env: { TRACELENS_TEST_RESULTS: resultsFile, SOURCE_DATE_EPOCH: '1796083200' } });
    browser = await launchBrowser();
    const url = server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(testsPath)],
    ]);
    // The web workbench calls this when the extension host ends the test run (VS Code's automation hook).
    let hostExitCode: number | undefined;
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => {
      hostExitCode = code;
    });
    await browser.page.goto(url);

    const running = server;
    const readNewRecords = (): void => {
      const records = parseResults(readIfExists(resultsFile) ?? '');
      for (const record of records.slice(printed.length)) {
        printed.push(record);
        if (record.type === 'test') print(formatRecord(record));
      }
    };
    const end = await waitFor(
      'the suite to finish',
      () => {
        readNewRecords();
        const last = printed[printed.length - 1];
        if (last?.type === 'end') return last;
        if (hostExitCode !== undefined) {
          throw new Error(`the extension host ended the test run (exit code ${hostExitCode}) without a closing result line in TRACELENS_TEST_RESULTS`);
        }
        const exited = running.exitStatus();
        if (exited) throw new Error(`code-server ${exited} before the suite finished`);
        return undefined;
      },
      Math.max(deadline - Date.now(), 1_000),
      200,
    ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (end instanceof Error && /timed out/.test(end.message)) end.message = `the suite did not finish within ${timeoutMs} ms`;

    if (end instanceof Error) {
      const tests = printed.filter((record) => record.type === 'test');
      outcome = {
        passed: tests.filter((record) => record.ok).length,
        failed: tests.filter((record) => !record.ok).length,
        incomplete: end.message,
      };
    } else {
      // The host's exit code (when it has arrived) must agree with the suite's own count.
      outcome = { passed: end.passed, failed: hostExitCode ? Math.max(end.failed, 1) : end.failed };
    }

    if (outcome.failed > 0 || outcome.incomplete) {
      mkdirSync(artifactsDir, { recursive: true });
      const shot = path.join(artifactsDir, 'extension-tests-failure.png');
      await browser.page.screenshot({ path: shot }).then(
        () => print(`screenshot: ${shot}`),
        () => undefined,
      );
      print('--- browser console errors (last 40 lines; the extension host logs its errors here) ---');
      for (const line of browser.consoleLog().filter((entry) => entry.startsWith('[error]')).slice(-40)) print(line);
      print('--- code-server log (last 40 lines) ---');
      for (const line of server.log().trimEnd().split('\n').slice(-40)) print(line);
    }
  } finally {
    await browser?.close();
    await server?.stop();
    copy?.dispose();
    rmSync(resultsDir, { recursive: true, force: true });
  }
  return outcome;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'copy-workspace': { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  const timeoutMs = Number(values.timeout ?? process.env.TRACELENS_E2E_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  const started = Date.now();
  let outcome: ExtensionTestOutcome;
  try {
    outcome = await runExtensionTests({
      extensionPath: values.extension,
      testsPath: values.tests,
      workspace: values.workspace,
      copyWorkspace: values['copy-workspace'] ?? false,
      timeoutMs,
    });
  } catch (error) {
    console.error(`extension tests could not run: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (outcome.incomplete) console.log(`✖ ${outcome.incomplete}`);
  const failed = outcome.failed + (outcome.incomplete ? 1 : 0);
  console.log(`extension tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${outcome.passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  // Ctrl+C or a CI cancel: exit through process.exit so codeServer's exit hook kills the process group.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  main().then((code) => process.exit(code));
}
