// Verifies: TL-125, TL-126, TL-128
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli } from '../helpers/cli';

const EXAMPLE = 'examples/sphinx-needs';
const GOLDEN = path.join(REPO, 'test', 'golden', 'sphinx-needs.json');

test('the sphinx-needs example\'s JSON report matches the hand-reviewed golden file', () => {
  const run = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache']);
  assert.equal(run.status, 1, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, run.stdout);
  assert.equal(run.stdout, readFileSync(GOLDEN, 'utf8'));
});

test('the sphinx-needs example reports its deliberate gaps at the IDs in the .rst files', () => {
  const run = runCli(['check', EXAMPLE, '--no-cache']);
  assert.equal(run.status, 1, run.stderr);
  const findings = run.stdout.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line)).map((line) => line.replace(/\s+/g, ' '));
  assert.deepEqual(findings, [
    `${EXAMPLE}/docs/requirements.rst:23:9 warning REQ_003 (class B) is not implemented: no code comment implements it unimplemented`,
    `${EXAMPLE}/docs/requirements.rst:23:9 error REQ_003 (class B) is not verified: no test verifies it unverified`,
    `${EXAMPLE}/docs/tests.rst:13:11 error TC_RANGE_1 verifies SPEC_RANGE_3, which no item defines broken-link`,
  ]);
});
