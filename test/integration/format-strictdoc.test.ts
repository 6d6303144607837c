// Verifies: TL-110, TL-112, TL-007
// The built CLI reads StrictDoc documents and @relation markers with no format configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, runCli } from '../helpers/cli';

const EXAMPLE = 'examples/strictdoc';
const GOLDEN = path.join(REPO, 'test', 'golden', 'strictdoc.json');

test("the StrictDoc example's JSON report matches its hand-reviewed golden file", () => {
  const run = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache']);
  // One deliberate unknown-id error (a marker naming SWR-12): the exit code says so.
  assert.equal(run.status, 1, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, run.stdout);
  assert.equal(run.stdout, readFileSync(GOLDEN, 'utf8'));
});

test('markers read the same in-process, by worker threads and from a warm cache', () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-sdoc-cache-'));
  try {
    const baseline = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache', '--threads', '0']).stdout;
    assert.equal(runCli(['check', EXAMPLE, '--format', 'json', '--no-cache', '--threads', '2']).stdout, baseline);
    assert.equal(runCli(['check', EXAMPLE, '--format', 'json', '--cache-dir', cacheDir]).stdout, baseline);
    assert.equal(runCli(['check', EXAMPLE, '--format', 'json', '--cache-dir', cacheDir]).stdout, baseline);
    assert.match(baseline, /"rangeEnd": 33/);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a malformed document is an invalid-file finding at its line; the other documents are still read', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-sdoc-'));
  try {
    cpSync(path.join(REPO, EXAMPLE), root, { recursive: true });
    writeFileSync(path.join(root, 'docs', 'broken.sdoc'), '[DOCUMENT]\nTITLE: Broken\n\n[REQUIREMENT]\nUID: SRS-010\nSTATEMENT: >>>\nnever closed\n');
    const run = runCli(['check', root, '--format', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout) as { items: Array<{ id: string }>; findings: Array<{ rule: string; file: string; line: number; column: number; message: string }> };
    assert.deepEqual(report.findings.filter((f) => f.rule === 'invalid-file').map((f) => [f.file, f.line, f.column, f.message]), [
      ['docs/broken.sdoc', 6, 12, 'STATEMENT: >>> is never closed by a <<< line; reading resumes nowhere: it runs to the end of the file.'],
    ]);
    assert.equal(report.items.length, 10, 'the nine example items and SRS-010');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
