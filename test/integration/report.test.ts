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
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
