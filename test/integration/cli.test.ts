// Verifies: TL-030, TL-031, TL-032, TL-033, TL-034, TL-035, TL-036, TL-037
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { copyProject, gapsExtras } from '../helpers/project';
import { REPO, runCli } from '../helpers/cli';

const EXAMPLE = 'examples/infusion-pump';
const GOLDEN = path.join(REPO, 'test', 'golden', 'infusion-pump.json');

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'tracelens-cli-'));
}

test('the example\'s JSON report matches the hand-reviewed golden file', () => {
  const run = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache']);
  assert.equal(run.status, 0, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, run.stdout);
  assert.equal(run.stdout, readFileSync(GOLDEN, 'utf8'));
});

test("the table-and-hierarchy example's JSON report matches its hand-reviewed golden file", () => {
  const golden = path.join(REPO, 'test', 'golden', 'oximeter-alarms.json');
  const run = runCli(['check', 'examples/oximeter-alarms', '--format', 'json', '--no-cache']);
  assert.equal(run.status, 0, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, run.stdout);
  assert.equal(run.stdout, readFileSync(golden, 'utf8'));
});

test('output is byte-identical whether scanned in-process, by worker threads, or from a warm cache', () => {
  const cacheDir = tempDir();
  try {
    const baseline = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache', '--threads', '0']).stdout;
    const workers = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache', '--threads', '2']).stdout;
    const cold = runCli(['check', EXAMPLE, '--format', 'json', '--cache-dir', cacheDir]).stdout;
    const warm = runCli(['check', EXAMPLE, '--format', 'json', '--cache-dir', cacheDir]).stdout;
    assert.ok(readdirSync(cacheDir).length > 0, 'the cache was written');
    assert.equal(workers, baseline);
    assert.equal(cold, baseline);
    assert.equal(warm, baseline);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('text output: file:line:col first, grouped by file, and a coverage summary', () => {
  const run = runCli(['check', EXAMPLE, '--no-cache']);
  assert.equal(run.status, 0);
  const lines = run.stdout.split('\n');
  assert.ok(lines.includes(`${EXAMPLE}/firmware/src/alarm.c`), 'file heading');
  assert.ok(lines.some((l) => l.startsWith(`${EXAMPLE}/firmware/src/alarm.c:106:16  warning  REQ-007 is obsolete`)), run.stdout);
  assert.match(lines.filter(Boolean).at(-1)!, /0 errors, 9 warnings, 1 info · 15 requirements: 86\.7% implemented, 93\.3% verified · 5 risks, 5 mitigated · .* · SOUP: 5 entries in soup\.yml, 3 direct dependencies \(\+3 transitive\) in 2 manifest files · reviews: 80 links, 79 reviewed, 1 suspect, 0 unreviewed$/);
  assert.ok(!run.stdout.includes('\u001b['), 'no colour codes when not a terminal');
});

test('SARIF output is valid SARIF 2.1.0 with one descriptor per rule and physical locations', () => {
  const run = runCli(['check', EXAMPLE, '--format', 'sarif', '--no-cache']);
  const sarif = JSON.parse(run.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<Record<string, any>> }> };
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, logger: false, validateFormats: false }).compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  const run0 = sarif.runs[0];
  assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id),
    ['unknown-id', 'duplicate-id', 'broken-link', 'inactive-reference', 'unmitigated-risk', 'unimplemented', 'unverified', 'invalid-file',
     'no-requirements', 'no-items', 'uncovered', 'outdated-link', 'verification-failed', 'verification-not-run', 'results-missing',
     'soup-unlisted', 'soup-version-mismatch', 'soup-orphan', 'soup-incomplete', 'soup-anomalies-stale', 'suspect-link', 'unreviewed-link']);
  assert.equal(run0.results.length, 10);
  const first = run0.results[0];
  assert.equal(first.ruleId, 'inactive-reference');
  assert.equal(run0.tool.driver.rules[first.ruleIndex].id, 'inactive-reference');
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: `${EXAMPLE}/firmware/src/alarm.c` },
    region: { startLine: 106, startColumn: 16, endLine: 106, endColumn: 23 },
  });
  assert.equal(run0.results[3].level, 'note', 'info maps to SARIF note');
});

test('github output: one workflow command per finding with escaped properties', () => {
  const run = runCli(['check', EXAMPLE, '--format', 'github', '--no-cache']);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 10);
  assert.equal(lines[0], `::warning file=${EXAMPLE}/firmware/src/alarm.c,line=106,col=16,endLine=106,endColumn=23,title=Tracelens inactive-reference::REQ-007 is obsolete: this implements reference should be removed or retargeted`);
  assert.ok(lines[3]!.startsWith('::notice '));
});

test('exit codes: 1 when findings reach --fail-on, 0 below it', () => {
  const { root, cleanup } = copyProject('gaps', gapsExtras());
  try {
    assert.equal(runCli(['check', root, '--no-cache']).status, 1);
    assert.equal(runCli(['check', root, '--no-cache', '--fail-on', 'none']).status, 0);
  } finally {
    cleanup();
  }
  assert.equal(runCli(['check', 'examples/oximeter-alarms', '--no-cache']).status, 0, 'warnings do not fail by default');
  assert.equal(runCli(['check', 'examples/oximeter-alarms', '--no-cache', '--fail-on', 'warning']).status, 1);
  assert.equal(runCli(['check', EXAMPLE, '--no-cache']).status, 0, 'warnings do not fail by default');
  assert.equal(runCli(['check', EXAMPLE, '--no-cache', '--fail-on', 'warning']).status, 1);
});

test('exit code 2 for usage and config errors, with file and line', () => {
  const notDir = runCli(['check', 'no/such/dir']);
  assert.equal(notDir.status, 2);
  assert.match(notDir.stderr, /not a directory: no\/such\/dir/);
  assert.equal(runCli(['check', EXAMPLE, '--format', 'xml']).status, 2);
  assert.equal(runCli(['frobnicate']).status, 2);
  assert.equal(runCli(['check', EXAMPLE, '--config', 'missing.json']).status, 2);

  const dir = tempDir();
  try {
    writeFileSync(path.join(dir, 'tracelens.json'), '{\n  "defaultClass": "D",\n  "rules": { "unknown-id": "loud" }\n}\n');
    const run = runCli(['check', dir, '--no-cache']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /tracelens\.json:2:\d+: config error: .*/);
    assert.match(run.stderr, /tracelens\.json:3:\d+: config error: .*/);
    assert.equal(run.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed requirement file is a finding, not a crash', () => {
  const { root, cleanup } = copyProject('gaps');
  try {
    const report = JSON.parse(runCli(['check', root, '--format', 'json', '--no-cache', '--fail-on', 'none']).stdout);
    const invalid = report.findings.filter((f: { rule: string }) => f.rule === 'invalid-file');
    assert.equal(invalid.length, 1);
    assert.equal(invalid[0].file, 'requirements/broken.yml');
    assert.ok(report.items.some((i: { id: string }) => i.id === 'REQ-001'), 'other files still read');
  } finally {
    cleanup();
  }
});

test('--output writes the report atomically to a file', () => {
  const dir = tempDir();
  try {
    const target = path.join(dir, 'report.sarif');
    const run = runCli(['check', EXAMPLE, '--format', 'sarif', '--no-cache', '--output', target]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(target, 'utf8'), runCli(['check', EXAMPLE, '--format', 'sarif', '--no-cache']).stdout);
    assert.deepEqual(readdirSync(dir), ['report.sarif'], 'no temporary file left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init writes a starter config and template that check cleanly, and never overwrites', () => {
  const dir = tempDir();
  try {
    assert.equal(runCli(['init', dir]).status, 0);
    assert.ok(existsSync(path.join(dir, 'tracelens.json')));
    const template = readdirSync(path.join(dir, 'requirements'));
    assert.equal(template.length, 1);
    writeFileSync(path.join(dir, 'tracelens.json'), '{ "defaultClass": "B" }\n');
    const again = runCli(['init', dir]);
    assert.equal(again.status, 0);
    assert.match(again.stderr, /exists, left unchanged/);
    assert.equal(readFileSync(path.join(dir, 'tracelens.json'), 'utf8'), '{ "defaultClass": "B" }\n');
    const report = JSON.parse(runCli(['check', dir, '--format', 'json', '--no-cache', '--fail-on', 'none']).stdout);
    assert.ok(report.items.length >= 4);
    assert.ok(!report.findings.some((f: { rule: string }) => f.rule === 'invalid-file'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Verifies: TL-215
test('init names the schema the CLI ships when the CLI is installed in the project, and no schema otherwise', () => {
  const dir = tempDir();
  try {
    assert.equal(runCli(['init', dir]).status, 0);
    assert.doesNotMatch(readFileSync(path.join(dir, 'tracelens.json'), 'utf8'), /\$schema/);
    rmSync(path.join(dir, 'tracelens.json'));
    // The CLI as `npm install --save-dev tracelens` places it: dist/ beside schemas/.
    const installed = path.join(dir, 'node_modules', 'tracelens');
    mkdirSync(path.join(installed, 'dist'), { recursive: true });
    mkdirSync(path.join(installed, 'schemas'));
    copyFileSync(path.join(REPO, 'dist', 'cli.js'), path.join(installed, 'dist', 'cli.js'));
    copyFileSync(path.join(REPO, 'schemas', 'tracelens.schema.json'), path.join(installed, 'schemas', 'tracelens.schema.json'));
    const run = spawnSync(process.execPath, [path.join(installed, 'dist', 'cli.js'), 'init', dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(path.join(dir, 'tracelens.json'), 'utf8').split('\n')[2], '  "$schema": "./node_modules/tracelens/schemas/tracelens.schema.json",');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Verifies: TL-083
test('init --style table writes a table template that checks cleanly; an unknown style is a usage error', () => {
  const dir = tempDir();
  try {
    assert.equal(runCli(['init', dir, '--style', 'table']).status, 0);
    const template = readFileSync(path.join(dir, 'requirements', 'requirements.md'), 'utf8');
    assert.match(template, /^\| REQ-001 \| Stop and alarm on occlusion \|/m);
    const report = JSON.parse(runCli(['check', dir, '--format', 'json', '--no-cache', '--fail-on', 'none']).stdout);
    // Each item sits on its own table row.
    const rowOf = (id: string) => template.split('\n').findIndex((line) => line.startsWith(`| ${id} |`)) + 1;
    assert.deepEqual(report.items.map((i: { id: string; line: number }) => [i.id, i.line]).sort(), [
      ['REQ-001', rowOf('REQ-001')], ['REQ-002', rowOf('REQ-002')], ['RISK-001', rowOf('RISK-001')], ['SYS-001', rowOf('SYS-001')],
    ]);
    assert.ok(rowOf('REQ-001') > 0);
    assert.ok(!report.findings.some((f: { rule: string }) => f.rule === 'invalid-file' || f.rule === 'broken-link'));
    assert.equal(runCli(['init', dir, '--style', 'rows']).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--version prints the package version', () => {
  const run = runCli(['--version']);
  assert.equal(run.status, 0);
  assert.equal(run.stdout.trim(), JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
});
