/**
 * A minimal test runner for code that runs inside the extension host (no mocha there), speaking the
 * results-file protocol that runExtensionTests.ts and testElectron.ts read: one JSON object a line in
 * the file named by TRACELENS_TEST_RESULTS, `{"type":"test",...}` per test then `{"type":"end",...}`.
 * No `vscode` import: bundle it into the suite (dist/test/suite/index.js) and export
 * `run = () => runSuite(tests)`.
 */
import { appendFileSync } from 'node:fs';

/** One test: a title and a body that throws (or rejects) on failure. */
export interface SuiteTest {
  readonly title: string;
  readonly body: () => unknown | Promise<unknown>;
  /** Per-test deadline (default 30 s). */
  readonly timeoutMs?: number;
}

/** Options for {@link runSuite}. */
export interface SuiteOptions {
  /** Defaults to process.env.TRACELENS_TEST_RESULTS; without one, results go to the console only. */
  readonly resultsFile?: string;
  /** Runs only tests whose title contains this (default process.env.TRACELENS_TEST_GREP). */
  readonly grep?: string;
  readonly log?: (line: string) => void;
}

function withDeadline(promise: Promise<unknown>, timeoutMs: number, title: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${title}" timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs the tests one after another, reports each, writes the closing record, and rejects when any
 * failed (so the extension host ends the run with a non-zero exit code as well).
 */
export async function runSuite(tests: readonly SuiteTest[], options: SuiteOptions = {}): Promise<{ passed: number; failed: number }> {
  const resultsFile = options.resultsFile ?? process.env.TRACELENS_TEST_RESULTS;
  const grep = options.grep ?? process.env.TRACELENS_TEST_GREP;
  const log = options.log ?? ((line: string) => console.log(line));
  const report = (record: object): void => {
    const line = JSON.stringify(record);
    log(line);
    if (resultsFile) appendFileSync(resultsFile, `${line}\n`);
  };
  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    if (grep && !test.title.includes(grep)) continue;
    const started = Date.now();
    try {
      await withDeadline(Promise.resolve().then(test.body), test.timeoutMs ?? 30_000, test.title);
      passed += 1;
      report({ type: 'test', title: test.title, ok: true, durationMs: Date.now() - started });
    } catch (error) {
      failed += 1;
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report({ type: 'test', title: test.title, ok: false, durationMs: Date.now() - started, error: detail });
    }
  }
  report({ type: 'end', passed, failed });
  if (failed > 0) throw new Error(`${failed} of ${passed + failed} extension tests failed`);
  return { passed, failed };
}
