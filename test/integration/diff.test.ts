// Verifies: TL-190, TL-191, TL-192, TL-193
/**
 * `tracelens diff` on a real temporary git repository: the project sits in a subfolder (`pump/`),
 * a baseline is tagged, then items change, move, appear and disappear and tags move and appear.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const REQS_V1 = [
  '# Requirements', '',
  '## REQ-001: Bolus limit', '', 'The pump shall reject a bolus above the maximum.', '',
  '## REQ-002: Basal limit', '', 'The pump shall reject a basal rate above 5 U/h.', '',
  '## REQ-003: Alarm', '', 'The pump shall sound an alarm.', '',
  '## REQ-004: Log', '', 'The pump shall log every bolus.', '',
].join('\n');
/** REQ-003 moved to the top, REQ-002's limit changed, REQ-004 removed, REQ-005 added. */
const REQS_V2 = [
  '# Requirements', '',
  '## REQ-003: Alarm', '', 'The pump shall sound an alarm.', '',
  '## REQ-001: Bolus limit', '', 'The pump shall reject a bolus above the maximum.', '',
  '## REQ-002: Basal limit', '', 'The pump shall reject a basal rate above 4 U/h.', '',
  '## REQ-005: Battery', '', 'The pump shall warn when the battery is low.', '',
].join('\n');
const CODE_V1 = '// Implements: REQ-001\nint bolus;\n// Implements: REQ-003\nint alarm;\n// Implements: REQ-004\nint log;\n';
/** The tags moved down two lines; REQ-004's tag stays behind, now unknown; REQ-002 gets code. */
const CODE_V2 = '\n\n// Implements: REQ-001\nint bolus;\n// Implements: REQ-003\nint alarm;\n// Implements: REQ-004\nint log;\n// Implements: REQ-002\nint basal;\n';
const TESTS = '// Verifies: REQ-001\n// Verifies: REQ-002\n// Verifies: REQ-003\n// Verifies: REQ-004\nint t;\n';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, {
  cwd: repo, encoding: 'utf8',
  env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' },
});
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};

before(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'tracelens-diff-'));
  git('init', '-q', '-b', 'main');
  write('README.md', 'outside the project\n');
  write('pump/tracelens.json', JSON.stringify({ requirements: ['requirements'] }));
  write('pump/requirements/reqs.md', REQS_V1);
  write('pump/src/pump.c', CODE_V1);
  write('pump/test/pump_test.c', TESTS);
  git('add', '.');
  git('commit', '-q', '-m', 'v1');
  git('tag', 'v1');
  write('pump/requirements/reqs.md', REQS_V2);
  write('pump/src/pump.c', CODE_V2);
});
after(() => rmSync(repo, { recursive: true, force: true }));

interface DiffJson {
  root: string;
  base: { revision: string; commit: string };
  head: { revision?: string; commit?: string; workingTree?: true };
  items: { added: string[]; removed: string[]; changed: string[] };
  findings: { new: Array<{ rule: string; id: string; file: string; line: number }>; fixed: Array<{ rule: string; id: string; file: string; line: number }> };
  coverage: { gained: Array<{ id: string; gained: string[] }>; lost: Array<{ id: string; lost: string[] }>; before: { implementedPercent: number }; after: { implementedPercent: number } };
  itemDetails: { changed: Array<{ id: string; fields: string[]; textChange: { diff: Array<{ op: string; text: string }> } }> };
}

function diffJson(args: string[], cwd = repo): DiffJson {
  const run = runCli(['diff', ...args, '--format', 'json', '--no-cache'], cwd);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout) as DiffJson;
}

const brief = (findings: DiffJson['findings']['new']) => findings.map((f) => `${f.rule} ${f.id} ${f.file}:${f.line}`);

/** What the working tree (and, committed, HEAD) changed since v1. */
function assertChanges(json: DiffJson): void {
  assert.deepEqual(json.items, { added: ['REQ-005'], removed: ['REQ-004'], changed: ['REQ-002'] });
  assert.deepEqual(json.itemDetails.changed[0]!.fields, ['text']);
  assert.deepEqual(json.itemDetails.changed[0]!.textChange.diff.filter((s) => s.op !== 'equal'), [{ op: 'removed', text: '5' }, { op: 'added', text: '4' }]);
  // Moved tags and the moved REQ-003 are neither new nor fixed; REQ-004's tags now name nothing;
  // REQ-002's code fixed its gap.
  assert.deepEqual(brief(json.findings.new), [
    'unimplemented REQ-005 requirements/reqs.md:15', 'unverified REQ-005 requirements/reqs.md:15',
    'unknown-id REQ-004 src/pump.c:7', 'unknown-id REQ-004 test/pump_test.c:4',
  ]);
  assert.deepEqual(brief(json.findings.fixed), ['unimplemented REQ-002 requirements/reqs.md:7']);
  assert.deepEqual(json.coverage.gained.map((c) => [c.id, c.gained]), [['REQ-002', ['implemented']]]);
  assert.deepEqual(json.coverage.lost, []);
}

test('diff BASE compares the baseline with the working tree, from the project folder', () => {
  const json = diffJson(['v1'], path.join(repo, 'pump'));
  assert.equal(json.root, '.');
  assert.equal(json.base.revision, 'v1');
  assert.equal(json.base.commit, git('rev-parse', 'v1').trim());
  assert.deepEqual(json.head, { workingTree: true });
  assertChanges(json);
});

test('diff BASE DIR names the project folder in a subfolder of the repository; output is byte-identical run to run', () => {
  const first = runCli(['diff', 'v1', 'pump', '--format', 'json', '--no-cache'], repo);
  const json = JSON.parse(first.stdout) as DiffJson;
  assert.equal(json.root, 'pump');
  assertChanges(json);
  assert.equal(runCli(['diff', 'v1', 'pump', '--format', 'json'], repo).stdout, first.stdout, 'with the scan cache too');
});

test('a file git is told not to look at (assume-unchanged) is still compared by its content', () => {
  git('update-index', '--assume-unchanged', 'pump/src/pump.c');
  try {
    assert.equal(git('diff', '--name-only', 'v1', '--', 'pump/src/pump.c'), '', 'git diff hides the change');
    assertChanges(diffJson(['v1', 'pump']));
  } finally {
    git('update-index', '--no-assume-unchanged', 'pump/src/pump.c');
  }
});

test('diff BASE HEAD DIR compares two commits; an untracked file counts in the working tree only', () => {
  git('add', 'pump');
  git('commit', '-q', '-m', 'v2');
  write('pump/requirements/draft.md', '## REQ-006: Draft\n\nNot committed.\n');
  try {
    const json = diffJson(['v1', 'HEAD', 'pump']);
    assert.equal(json.head.revision, 'HEAD');
    assert.equal(json.head.commit, git('rev-parse', 'HEAD').trim());
    assertChanges(json);
    assert.deepEqual(diffJson(['v1', 'pump']).items.added, ['REQ-005', 'REQ-006']);
    assert.deepEqual(diffJson(['HEAD', 'pump']).items, { added: ['REQ-006'], removed: [], changed: [] });
  } finally {
    rmSync(path.join(repo, 'pump/requirements/draft.md'));
  }
});

test('the text and Markdown forms name both sides and list every change', () => {
  const text = runCli(['diff', 'v1', 'pump', '--no-cache'], repo);
  assert.equal(text.status, 0, text.stderr);
  const short = git('rev-parse', 'v1').trim().slice(0, 8);
  const lines = text.stdout.split('\n');
  assert.equal(lines[0], `Changes from v1 (${short}) to working tree in pump`);
  assert.ok(lines.includes('Items: 1 added, 1 removed, 1 changed'), text.stdout);
  assert.ok(lines.includes('  + REQ-005  Battery  pump/requirements/reqs.md:15'), text.stdout);
  assert.ok(lines.includes('  - REQ-004  Log  (was pump/requirements/reqs.md:15)'), text.stdout);
  assert.ok(lines.includes('      text: The pump shall reject a basal rate above [-5-]{+4+} U/h.'), text.stdout);
  assert.ok(lines.includes('  gained  REQ-002  implemented'), text.stdout);
  assert.ok(lines.includes('Findings: 4 new, 1 fixed'), text.stdout);

  const output = path.join(repo, 'release-note.md');
  const md = runCli(['diff', 'v1', 'pump', '--format', 'md', '--no-cache', '--output', output], repo);
  assert.equal(md.status, 0, md.stderr);
  assert.equal(md.stdout, '');
  const note = readFileSync(output, 'utf8');
  rmSync(output);
  assert.ok(note.startsWith(`## Traceability changes: v1 (${short}) → working tree\n\nProject \`pump\`: 1 item added, 1 removed, 1 changed; 4 findings new, 1 fixed.\n`), note);
  assert.ok(note.includes('| REQ-005 | requirement | Battery | pump/requirements/reqs.md:15 |'), note);
  assert.ok(note.includes('```diff\n-The pump shall reject a basal rate above 5 U/h.\n+The pump shall reject a basal rate above 4 U/h.\n```'), note);
  assert.ok(note.includes('| error | unknown-id | pump/src/pump.c:7:16 | REQ-004 is not defined in any requirement file |'), note);
});

test('errors: outside a git repository, an unknown revision, a folder that is also a revision, a bad format', () => {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'tracelens-nogit-'));
  try {
    const run = runCli(['diff', 'v1'], outside);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'tracelens: not in a git repository: . (tracelens diff reads the baseline from git)\n');
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
  const unknown = runCli(['diff', 'v0.9', 'pump'], repo);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, 'tracelens: unknown revision: v0.9 (not a commit in this repository)\n');
  assert.equal(unknown.stdout, '');
  assert.equal(runCli(['diff', 'v1', 'v0.9', 'pump'], repo).stderr, 'tracelens: unknown revision: v0.9 (not a commit in this repository)\n');
  git('branch', 'pump', 'v1');
  try {
    const ambiguous = runCli(['diff', 'v1', 'pump'], repo);
    assert.equal(ambiguous.status, 2);
    assert.match(ambiguous.stderr, /"pump" is both a folder and a revision: write \.\/pump for the folder/);
    assert.deepEqual(diffJson(['v1', './pump']).items.removed, ['REQ-004']);
  } finally {
    git('branch', '-D', 'pump');
  }
  assert.equal(runCli(['diff', 'v1', '--format', 'sarif'], repo).status, 2);
  assert.equal(runCli(['diff'], repo).status, 2);
});
