// Verifies: TL-181, TL-184, TL-186, TL-187
/** `tracelens review` and suspect links through the built CLI: the lock, the reports and the run cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { copyProject } from '../helpers/project';

function withProject(body: (root: string, cacheDir: string) => void): void {
  const { root, cleanup } = copyProject('gaps');
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-review-'));
  try {
    body(root, cacheDir);
  } finally {
    cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const SOFTWARE = 'requirements/software.md';

function edit(root: string, file: string, from: string, to: string): void {
  const full = path.join(root, file);
  const text = readFileSync(full, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(full, text.replace(from, to));
}

test('check never writes the lock; review writes it, and a changed requirement makes its links suspect until reviewed', () => {
  withProject((root, cacheDir) => {
    const check = (...args: string[]) => runCli(['check', root, '--cache-dir', cacheDir, '--fail-on', 'none', ...args]);
    const plain = check();
    assert.equal(existsSync(path.join(root, 'tracelens.lock')), false, 'check never writes the lock');
    assert.doesNotMatch(plain.stdout, /suspect-link|reviews:/, 'no lock: nothing judged');

    const review = runCli(['review', root]);
    assert.equal(review.status, 0, review.stderr);
    assert.match(review.stdout, /^recorded REQ-005 6e59698f {2}src\/dose\.c:15 \(implements tag in labels\) {2}was unreviewed$/m);
    assert.match(review.stdout, /; 3 links to IDs defined more than once not recorded \(see duplicate-id\); wrote /, 'REQ-001 is defined twice in the fixture');
    const lock = readFileSync(path.join(root, 'tracelens.lock'), 'utf8');
    assert.match(lock, /^REQ-005 6e59698f342d501b code src\/dose\.c labels$/m);
    assert.match(check().stdout, /reviews: 8 links, 5 reviewed, 0 suspect, 0 unreviewed, 3 not checked/);

    edit(root, SOFTWARE, 'Labels are checked by inspection.', 'Labels are checked by a second inspection.');
    const suspect = check();
    assert.match(suspect.stdout, /src\/dose\.c:15:16 {2}warning {2}REQ-005 changed since this implements tag was reviewed \(6e59698f → [0-9a-f]{8}\): text: added "a second"; review it, then run tracelens review REQ-005 {2}suspect-link/);
    assert.equal(check().stdout, suspect.stdout, 'the cached replay agrees');
    const strict = check('--strict-review', '--format', 'json');
    const findings = (JSON.parse(strict.stdout) as { findings: Array<{ rule: string; severity: string; file: string; line: number }> }).findings.filter((f) => f.rule === 'suspect-link');
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.severity]), [['src/dose.c', 15, 'error']], 'REQ-005 is class C: an error under --strict-review');
    const sarif = JSON.parse(check('--format', 'sarif').stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string }> }> };
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((rule) => rule.id === 'suspect-link'));
    assert.ok(sarif.runs[0]!.results.some((result) => result.ruleId === 'suspect-link'));

    const partial = runCli(['review', root, 'REQ-002']);
    assert.equal(partial.status, 0, partial.stderr);
    assert.match(check().stdout, /suspect-link/, 'reviewing another ID leaves REQ-005 suspect');
    const again = runCli(['review', root, 'REQ-005']);
    assert.match(again.stdout, /was suspect \(reviewed at [0-9a-f]{8}\)/);
    assert.doesNotMatch(check().stdout, /suspect-link/, 'the new lock is not served an old report');
    assert.equal(runCli(['review', root, 'REQ-404']).status, 2, 'an unknown ID is a usage error');
  });
});

test('a malformed lock is a finding at its line, never a crash', () => {
  withProject((root) => {
    writeFileSync(path.join(root, 'tracelens.lock'), '# lock\nREQ-005 nothex code src/dose.c labels\n');
    const run = runCli(['check', root, '--no-cache', '--fail-on', 'none']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /tracelens\.lock:2:9 {2}error {4}"nothex" is no fingerprint: expected 16 lower-case hex digits\. {2}invalid-file/);
  });
});
