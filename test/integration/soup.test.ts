// Verifies: TL-172, TL-174, TL-175
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, runCli } from '../helpers/cli';

/** The SOUP findings of a JSON report, one line each. */
function soupLines(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: Array<{ rule: string; file: string; line: number; id?: string }> };
  return report.findings.filter((f) => f.rule.startsWith('soup-') || f.file === 'soup.yml').map((f) => `${f.rule} ${f.id} ${f.file}:${f.line}`);
}

test('the run cache never replays a report after a change to the SOUP register, a manifest, a lock file, a new manifest or another day', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-soup-'));
  try {
    const root = path.join(dir, 'pump');
    const cacheDir = path.join(dir, 'cache');
    cpSync(path.join(REPO, 'examples', 'infusion-pump'), root, { recursive: true });
    const check = (env: Record<string, string> = {}): string[] => {
      const run = runCli(['check', root, '--format', 'json', '--cache-dir', cacheDir], REPO, env);
      // The example's config makes its SOUP gaps warnings.
      assert.equal(run.status, 0, run.stderr);
      return soupLines(run.stdout);
    };
    const initial = [
      'soup-version-mismatch react-dom soup.yml:18',
      'soup-anomalies-stale loose-envify soup.yml:36',
      'soup-incomplete scheduler soup.yml:41',
      'soup-orphan chart.js soup.yml:52',
      'soup-unlisted date-fns ui/package.json:11',
    ];
    assert.deepEqual(check(), initial);
    assert.deepEqual(check(), initial, 'replayed');

    const edit = (file: string, from: string, to: string): void => {
      const absolute = path.join(root, file);
      writeFileSync(absolute, readFileSync(absolute, 'utf8').replace(from, to));
    };
    edit('ui/package-lock.json', '"version": "18.3.1",\n      "license": "MIT",\n      "dependencies": {\n        "loose-envify": "^1.1.0",\n        "scheduler"', '"version": "18.2.0",\n      "license": "MIT",\n      "dependencies": {\n        "loose-envify": "^1.1.0",\n        "scheduler"');
    assert.deepEqual(check(), initial.filter((line) => !line.startsWith('soup-version-mismatch')), 'the lock file now resolves react-dom 18.2.0');

    edit('soup.yml', 'reviewed: 2025-06-02', 'reviewed: 2026-06-02');
    assert.deepEqual(check(), initial.filter((line) => !line.startsWith('soup-version-mismatch') && !line.startsWith('soup-anomalies-stale')));

    edit('ui/package.json', '"date-fns": "^3.6.0",', '');
    const withoutDateFns = initial.filter((line) => !/^soup-(version-mismatch|anomalies-stale|unlisted)/.test(line));
    assert.deepEqual(check(), withoutDateFns);

    writeFileSync(path.join(root, 'tools', 'requirements.txt'), '-r base-requirements.txt\n');
    writeFileSync(path.join(root, 'tools', 'base-requirements.txt'), 'pyserial==3.5\n');
    assert.deepEqual(check(), [...withoutDateFns, 'soup-unlisted pyserial tools/base-requirements.txt:1'], 'a new manifest and its include');
    writeFileSync(path.join(root, 'tools', 'base-requirements.txt'), 'pyserial==3.5\ncrcmod==1.7\n');
    assert.deepEqual(check(), [...withoutDateFns, 'soup-unlisted pyserial tools/base-requirements.txt:1', 'soup-unlisted crcmod tools/base-requirements.txt:2'], 'an included file changed');

    // 2027-11-01: the reviews of 2026 are older than a year.
    assert.deepEqual(check({ SOURCE_DATE_EPOCH: '1824940800' }).filter((line) => line.startsWith('soup-anomalies-stale')), [
      'soup-anomalies-stale react soup.yml:12',
      'soup-anomalies-stale react-dom soup.yml:24',
      'soup-anomalies-stale loose-envify soup.yml:36',
      'soup-anomalies-stale chart.js soup.yml:59',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a register that tracelens.json names but is missing is a finding at the key, and the check says so', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-soup-'));
  try {
    writeFileSync(path.join(dir, 'tracelens.json'), '{\n  "requirements": ["reqs.md"],\n  "soup": "docs/soup.yml"\n}\n');
    writeFileSync(path.join(dir, 'reqs.md'), '## REQ-1: One\n- verification: inspection\n');
    writeFileSync(path.join(dir, 'main.c'), '// Implements: REQ-1\n');
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/pump\n\nrequire github.com/spf13/cobra v1.8.1\n');
    const run = runCli(['check', dir, '--no-cache']);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    const shown = path.relative(REPO, dir).split(path.sep).join('/');
    assert.ok(lines.includes(`${shown}/go.mod:3:9  error    github.com/spf13/cobra v1.8.1 is a dependency with no entry in the SOUP register docs/soup.yml  soup-unlisted`), run.stdout);
    assert.ok(lines.includes(`${shown}/tracelens.json:3:3  error    The SOUP register docs/soup.yml does not exist: the project's 1 direct dependency is unlisted  soup-unlisted`), run.stdout);
    assert.match(lines.at(-1)!, / · SOUP: no register \(docs\/soup\.yml not found\), 1 direct dependency in 1 manifest file$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
