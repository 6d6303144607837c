// Verifies: TL-141, TL-142, TL-144, TL-145
/**
 * Test results through the built CLI: `--results` and `testResults`, exit codes, the JSON and SARIF
 * reports, a glob that matches nothing, and the run cache never replaying a report made from
 * other results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO, runCli } from '../helpers/cli';

const EXAMPLE = 'examples/infusion-pump';
const GOLDEN = path.join(REPO, 'test', 'golden', 'infusion-pump-results.json');

test('the example with its JUnit results: JSON report matches the hand-reviewed golden file, exit 1 on the failed verification', () => {
  const run = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache', '--results', 'test-reports/*.xml']);
  assert.equal(run.status, 1, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, run.stdout);
  assert.equal(run.stdout, readFileSync(GOLDEN, 'utf8'));
  const report = JSON.parse(run.stdout);
  const req13 = report.items.find((i: { id: string }) => i.id === 'REQ-013');
  assert.equal(req13.verification.status, 'failed');
  assert.deepEqual(req13.verification.tests.find((t: { outcome: string }) => t.outcome === 'failed'), {
    name: 'test_rounds_down_to_pump_resolution', classname: 'tests.tools.test_dose_calc', outcome: 'failed',
    message: "AssertionError: assert Decimal('4.39') == Decimal('4.40')", time: 0.003, timestamp: '2025-05-12T09:14:03.512345+00:00',
    results: { file: 'test-reports/pytest.xml', line: 1 }, tag: { file: 'tests/tools/test_dose_calc.py', line: 36, symbol: 'test_rounds_down_to_pump_resolution' },
  });
  assert.deepEqual(report.summary.testResults, { files: 2, testcases: 18, passed: 6, failed: 1, notRun: 3 });
  assert.deepEqual(report.testResults, { files: ['test-reports/firmware.xml', 'test-reports/pytest.xml'] });
});

test('SARIF lists the new rules and carries the verification findings; --fail-on none exits 0', () => {
  const run = runCli(['check', EXAMPLE, '--format', 'sarif', '--no-cache', '--results', 'test-reports/*.xml', '--fail-on', 'none']);
  assert.equal(run.status, 0, run.stderr);
  const sarif = JSON.parse(run.stdout);
  const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
  assert.deepEqual(rules.filter((id: string) => /^(verification-|results-)/.test(id)), ['verification-failed', 'verification-not-run', 'results-missing']);
  const failed = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'verification-failed');
  assert.deepEqual(failed.map((r: any) => `${r.level} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`), [
    `error ${EXAMPLE}/requirements/software-requirements.md:121`,
    `error ${EXAMPLE}/tests/tools/test_dose_calc.py:36`,
  ]);
  assert.equal(rules[failed[0].ruleIndex], 'verification-failed');
});

test('a --results glob that matches no file is a results-missing error; a glob outside the root is a usage error', () => {
  const run = runCli(['check', EXAMPLE, '--no-cache', '--results', 'nowhere/*.xml']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /examples\/infusion-pump\/tracelens\.json:1:1 {2}error {4}"nowhere\/\*\.xml" in --results matches no file/);
  const outside = runCli(['check', EXAMPLE, '--no-cache', '--results', '../x.xml']);
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /--results "\.\.\/x\.xml" must be a glob relative to the project root/);
});

/** A copy of the example with `testResults` in its config, aged so that no file is racy. */
function copyExample(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-results-'));
  cpSync(path.join(REPO, EXAMPLE), root, { recursive: true });
  // The example's own config (its SOUP gaps are warnings) with the results globs.
  const config = readFileSync(path.join(root, 'tracelens.json'), 'utf8');
  writeFileSync(path.join(root, 'tracelens.json'), config.replace('"defaultClass": "C",', '"defaultClass": "C",\n  "testResults": ["test-reports/*.xml"],'));
  age(root);
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function age(root: string): void {
  const past = new Date(Date.now() - 3_600_000);
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else utimesSync(full, past, past);
    }
  };
  visit(root);
}

/** A cached JSON check, and whether the run cache answered. */
function cached(root: string, cacheDir: string, ...args: string[]): { status: number | null; stdout: string; hit: boolean } {
  const result = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--cache-dir', cacheDir, ...args], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TRACELENS_DEBUG_CACHE: '1' },
  });
  return { status: result.status, stdout: result.stdout, hit: result.stderr.includes('run cache hit') };
}

test('the run cache knows the results files: a changed, added or deleted results file, or another --results, is never replayed stale', () => {
  const { root, cleanup } = copyExample();
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-results-cache-'));
  try {
    const first = cached(root, cacheDir);
    assert.equal(first.status, 1);
    assert.equal(first.hit, false);
    assert.equal(cached(root, cacheDir).hit, true, 'unchanged: replayed');

    const pytest = path.join(root, 'test-reports', 'pytest.xml');
    writeFileSync(pytest, readFileSync(pytest, 'utf8').replace(/<failure [\s\S]*?<\/failure>/, '').replace('failures="1"', 'failures="0"'));
    age(root);
    const fixed = cached(root, cacheDir);
    assert.equal(fixed.hit, false, 'a changed results file is read again');
    assert.equal(fixed.status, 0, 'the failure is gone');
    assert.equal(JSON.parse(fixed.stdout).summary.testResults.failed, 0);
    assert.equal(cached(root, cacheDir).hit, true);

    writeFileSync(path.join(root, 'test-reports', 'ui.xml'), '<testsuite name="ui"><testcase name="x" classname="y"><failure message="late"/></testcase></testsuite>');
    age(root);
    const added = cached(root, cacheDir);
    assert.equal(added.hit, false, 'an added results file is read');
    assert.equal(JSON.parse(added.stdout).summary.testResults.files, 3);

    unlinkSync(path.join(root, 'test-reports', 'firmware.xml'));
    const deleted = cached(root, cacheDir);
    assert.equal(deleted.hit, false, 'a deleted results file is noticed');
    assert.equal(JSON.parse(deleted.stdout).summary.testResults.files, 2);

    const flagged = cached(root, cacheDir, '--results', 'nowhere/*.xml');
    assert.equal(flagged.hit, false, 'another --results is another configuration');
    assert.ok(JSON.parse(flagged.stdout).findings.some((f: { rule: string }) => f.rule === 'results-missing'));
  } finally {
    cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
