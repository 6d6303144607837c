// Verifies: TL-151, TL-157, TL-158, TL-153, TL-154
/**
 * `tracelens report` as users run it (the built CLI): exit codes, files written, byte-identical
 * output with SOURCE_DATE_EPOCH, the git stamp in a temporary repository (clean, dirty, detached,
 * none, no git), and the job summary `check --format github` appends to $GITHUB_STEP_SUMMARY.
 */
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, REPO } from '../helpers/cli';

const EXAMPLE = path.join(REPO, 'examples', 'infusion-pump');

function run(args: readonly string[], env: Record<string, string> = {}, cwd = REPO) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function temp(): string {
  return mkdtempSync(path.join(tmpdir(), 'tracelens-report-'));
}

test('every format is written, exit 0, byte-identical twice with SOURCE_DATE_EPOCH', () => {
  const dir = temp();
  try {
    for (const format of ['html', 'csv', 'xlsx', 'md', 'json']) {
      const outputs = [1, 2].map((n) => {
        const file = path.join(dir, `${n}.${format}`);
        const result = run(['report', EXAMPLE, '--format', format, '--output', file, '--no-cache'], { SOURCE_DATE_EPOCH: '1700000000' });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`wrote .*${n}\\.${format} \\(${format}: 33 items, 9 findings\\)`));
        return readFileSync(file);
      });
      assert.ok(outputs[0]!.equals(outputs[1]!), `${format} is byte-identical`);
    }
    const csv = readFileSync(path.join(dir, '1.csv'), 'utf8');
    assert.equal(csv.split('\r\n').length, 35, 'a header, 33 items, the last CRLF');
    const json = JSON.parse(readFileSync(path.join(dir, '1.json'), 'utf8'));
    assert.equal(json.stamp.generatedAt, '2023-11-14T22:13:20Z');
    assert.equal(json.stamp.version, run(['--version']).stdout.trim());
    assert.match(json.stamp.build, /^sha256:[0-9a-f]{16}$/);
    // What `sha256sum tracelens.json` prints in the example.
    const sha256 = createHash('sha256').update(readFileSync(path.join(EXAMPLE, 'tracelens.json'))).digest('hex');
    assert.deepEqual(json.stamp.config, { file: 'tracelens.json', sha256 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage and config errors exit 2 and write nothing', () => {
  const dir = temp();
  try {
    const out = path.join(dir, 'r.html');
    assert.equal(run(['report', EXAMPLE]).status, 2, 'no --output');
    assert.equal(run(['report', EXAMPLE, '--format', 'pdf', '--output', out]).status, 2);
    assert.equal(run(['report', path.join(dir, 'nowhere'), '--output', out]).status, 2);
    const bad = run(['report', EXAMPLE, '--output', out, '--no-cache'], { SOURCE_DATE_EPOCH: 'yesterday' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got "yesterday"/);
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'requirements'), { recursive: true });
    writeFileSync(path.join(project, 'requirements', 'r.md'), '## REQ-1: One\n');
    writeFileSync(path.join(project, 'tracelens.json'), '{ "rules": { "no-such-rule": "off" } }');
    const config = run(['report', project, '--output', out, '--no-cache']);
    assert.equal(config.status, 2);
    assert.match(config.stderr, /tracelens\.json:1:\d+: config error: /);
    assert.equal(existsSync(out), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the stamp from git: clean, dirty, detached HEAD, no repository, no git', () => {
  const dir = temp();
  try {
    const repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, 'requirements'), { recursive: true });
    writeFileSync(path.join(repo, 'requirements', 'r.md'), '## REQ-1: One\n');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'release');
    git('add', '.');
    git('commit', '-qm', 'one');
    const sha = git('rev-parse', 'HEAD');
    const stamp = (env: Record<string, string> = {}, output = path.join(repo, 'report.json')) => {
      const result = run(['report', repo, '--format', 'json', '--output', output, '--no-cache'], env);
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(readFileSync(output, 'utf8')).stamp.source;
    };
    // The report written inside the repository is output: it does not make the tree dirty.
    assert.deepEqual(stamp(), { kind: 'git', commit: sha, branch: 'release', dirty: false });
    assert.deepEqual(stamp(), { kind: 'git', commit: sha, branch: 'release', dirty: false });
    writeFileSync(path.join(repo, 'requirements', 'r.md'), '## REQ-1: One, changed\n');
    assert.deepEqual(stamp(), { kind: 'git', commit: sha, branch: 'release', dirty: true });
    git('checkout', '-q', '--', 'requirements/r.md');
    git('checkout', '-q', '--detach');
    assert.deepEqual(stamp(), { kind: 'git', commit: sha, dirty: false });
    const html = path.join(dir, 'r.html');
    run(['report', repo, '--output', html, '--no-cache']);
    assert.match(readFileSync(html, 'utf8'), new RegExp(`<dt>Commit</dt><dd class="mono">${sha}</dd><dt>Branch</dt><dd class="mono">\\(detached HEAD\\)</dd>`));
    assert.deepEqual(stamp({ PATH: '/nonexistent' }), { kind: 'none', reason: 'git is not installed (not on PATH)' });
    rmSync(path.join(repo, '.git'), { recursive: true, force: true });
    assert.deepEqual(stamp({ GIT_CEILING_DIRECTORIES: dir }), { kind: 'none', reason: 'not a git repository' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check --format github appends the job summary to $GITHUB_STEP_SUMMARY, with or without a cached run', () => {
  const dir = temp();
  try {
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    for (let i = 0; i < 2; i++) {
      const result = run(['check', EXAMPLE, '--format', 'github', '--cache-dir', path.join(dir, 'cache')], { GITHUB_STEP_SUMMARY: summary });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.split('\n').filter((l) => l.startsWith('::')).length, 10);
    }
    const text = readFileSync(summary, 'utf8');
    assert.ok(text.startsWith('earlier step\n## Tracelens traceability\n\n### Summary\n\n**0 errors, 9 warnings, 1 info · 15 requirements: 86.7% implemented, 93.3% verified'));
    assert.equal(text.split('## Tracelens traceability').length, 3, 'one summary per run');
    assert.ok(text.includes('- firmware/src/alarm.c:106:16 **warning** inactive-reference: REQ-007 is obsolete'));
    const plain = run(['check', EXAMPLE, '--format', 'text', '--cache-dir', path.join(dir, 'cache')], { GITHUB_STEP_SUMMARY: summary });
    assert.equal(plain.status, 0);
    assert.equal(readFileSync(summary, 'utf8'), text, 'other formats leave the summary alone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Verifies: TL-200, TL-201
test('--results: the failing test in the matrix; LOBSTER with test status; needs.json read back by Tracelens', () => {
  const dir = temp();
  try {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const results = ['--results', 'test-reports/*.xml'];
    const csvFile = path.join(dir, 'r.csv');
    assert.equal(run(['report', EXAMPLE, '--format', 'csv', '--output', csvFile, '--no-cache', ...results], env).status, 0);
    const rows = readFileSync(csvFile, 'utf8').split('\r\n');
    const header = rows[0]!.split(',');
    const req013 = rows.find((r) => r.startsWith('REQ-013,'))!;
    assert.ok(req013.includes('; tests/tools/test_dose_calc.py:36 test_rounds_down_to_pump_resolution [failed: AssertionError: assert Decimal(\'4.39\') == Decimal(\'4.40\')],failed,'), req013);
    assert.equal(header[header.indexOf('Test results')], 'Test results');

    const lobster = path.join(dir, 'lobster', 'trace');
    const written = run(['report', EXAMPLE, '--format', 'lobster', '--output', lobster, '--no-cache', ...results], env);
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /wrote .*trace \(lobster: 5 files, 33 items, 19 findings\)/);
    assert.deepEqual(readdirSync(lobster).sort(), ['code.lobster', 'requirements.lobster', 'risks.lobster', 'system-requirements.lobster', 'tests.lobster']);
    const tests = JSON.parse(readFileSync(path.join(lobster, 'tests.lobster'), 'utf8'));
    assert.equal(tests.schema, 'lobster-act-trace');
    const byTag = new Map<string, string | null>(tests.data.map((t: { tag: string; status: string | null }) => [t.tag, t.status]));
    const prefix = 'test ';
    // Tags are root-relative; locations start at the checked folder as named.
    const failing = tests.data.find((t: { tag: string }) => t.tag === 'test tests/tools/test_dose_calc.py:test_rounds_down_to_pump_resolution');
    assert.deepEqual(failing.location, { kind: 'file', file: 'examples/infusion-pump/tests/tools/test_dose_calc.py', line: 36, column: 17 });
    assert.equal(byTag.get(`${prefix}tests/tools/test_dose_calc.py:test_rounds_down_to_pump_resolution`), 'fail');
    assert.equal(byTag.get(`${prefix}tests/tools/test_dose_calc.py:test_never_negative`), 'ok');
    assert.equal(byTag.get(`${prefix}tests/tools/test_log_analyzer.py:1`), 'not run', 'a tag no testcase can be tied to');
    // A file where the folder should be is a usage error.
    assert.equal(run(['report', EXAMPLE, '--format', 'lobster', '--output', csvFile, '--no-cache'], env).status, 2);

    const project = path.join(dir, 'readback');
    mkdirSync(path.join(project, 'requirements'), { recursive: true });
    const needs = path.join(project, 'requirements', 'needs.json');
    assert.equal(run(['report', EXAMPLE, '--format', 'needs-json', '--output', needs, '--no-cache'], env).status, 0);
    const parsed = JSON.parse(readFileSync(needs, 'utf8'));
    assert.equal(parsed.project, 'infusion-pump');
    assert.equal(parsed.created, '2023-11-14T22:13:20.000Z');
    const original = JSON.parse(run(['check', EXAMPLE, '--format', 'json', '--no-cache'], env).stdout);
    const back = JSON.parse(run(['check', project, '--format', 'json', '--no-cache'], env).stdout);
    const items = (report: { items: Array<{ id: string; kind: string; title: string; status?: string; links: unknown[] }> }) =>
      report.items.map((i) => `${i.id} ${i.kind} ${i.status ?? '-'} ${i.title} ${JSON.stringify(i.links)}`).sort();
    assert.equal(back.items.length, 33);
    assert.deepEqual(items(back), items(original));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
