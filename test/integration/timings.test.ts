// Verifies: TL-135
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const EXAMPLE = 'examples/infusion-pump';

test('--timings prints each phase with what it worked on to stderr, and leaves the report unchanged', () => {
  const plain = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache']);
  const timed = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache', '--timings']);
  assert.equal(timed.status, plain.status);
  assert.equal(timed.stdout, plain.stdout);
  const report = JSON.parse(plain.stdout) as { items: unknown[]; summary: { requirementFiles: number; codeFiles: number } };
  const pattern = new RegExp(
    `^tracelens: timings: listing \\d+ ms · requirements \\d+ ms \\(${report.items.length} items, ${report.summary.requirementFiles} files\\)`
    + ` · code \\d+ ms \\(${report.summary.codeFiles} files\\) · rules \\d+ ms · report \\d+ ms · total (\\d+) ms since start\\n$`,
  );
  assert.match(timed.stderr, pattern);
  assert.equal(plain.stderr, '', 'nothing on stderr without --timings');
});

test('--timings says when the run cache answered', () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-timings-'));
  try {
    const first = runCli(['check', EXAMPLE, '--cache-dir', cacheDir, '--timings']);
    assert.match(first.stderr, / · requirements \d+ ms /);
    const second = runCli(['check', EXAMPLE, '--cache-dir', cacheDir, '--timings']);
    assert.equal(second.stdout, first.stdout);
    assert.match(second.stderr, /^tracelens: timings: replayed from the run cache · total \d+ ms since start\n$/);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
