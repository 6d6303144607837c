// Verifies: TL-151
/**
 * The stamp's git logic with a stand-in runner (the CLI's real runner is tested in
 * test/integration/report.test.ts), and the unsaved-edits line of the editor's export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitFailed, gitSource, type GitRunner } from '../../src/core/reports/evidence/gitSource';
import { makeStamp, stampLines } from '../../src/core/reports/evidence/stamp';

const SHA = 'c0ffee'.repeat(6) + 'c0ff';

/** A runner answering by the first argument; records every call. */
function runner(answers: Record<string, string | GitFailed>, calls: string[][] = []): GitRunner {
  return async (args) => {
    calls.push([...args]);
    const answer = answers[args[0] === 'rev-parse' ? `${args[0]} ${args[1]}` : args[0]!];
    if (answer instanceof GitFailed) throw answer;
    return answer ?? '';
  };
}

test('git: commit, branch and dirty; the excluded output as a literal pathspec', async () => {
  const calls: string[][] = [];
  const git = runner({ 'rev-parse --show-toplevel': '/repo\n', 'rev-parse --verify': `${SHA}\n`, 'symbolic-ref': 'main\n', status: ' M requirements/r.md\n' }, calls);
  assert.deepEqual(await gitSource(git, ['out/report.html']), { kind: 'git', commit: SHA, branch: 'main', dirty: true });
  assert.deepEqual(calls.at(-1), ['status', '--porcelain', '--untracked-files=normal', '--', '.', ':(exclude,literal)out/report.html']);
});

test('git: detached HEAD, no commit, no repository, no git, another failure', async () => {
  const detached = runner({ 'rev-parse --verify': `${SHA}\n`, 'symbolic-ref': new GitFailed(false, '') });
  assert.deepEqual(await gitSource(detached), { kind: 'git', commit: SHA, dirty: false });
  assert.deepEqual(await gitSource(runner({ 'rev-parse --verify': new GitFailed(false, 'fatal: needed a single revision') })), { kind: 'none', reason: 'a git repository without any commit' });
  assert.deepEqual(await gitSource(runner({ 'rev-parse --show-toplevel': new GitFailed(false, 'fatal: not a git repository (or any of the parent directories): .git') })), { kind: 'none', reason: 'not a git repository' });
  assert.deepEqual(await gitSource(runner({ 'rev-parse --show-toplevel': new GitFailed(true, 'git is not installed (not on PATH)') })), { kind: 'none', reason: 'git is not installed (not on PATH)' });
  assert.deepEqual(await gitSource(runner({ 'rev-parse --show-toplevel': new GitFailed(false, 'fatal: detected dubious ownership') })), { kind: 'none', reason: 'git failed: fatal: detected dubious ownership' });
});

test('the stamp says which files show unsaved edits, and nothing when there are none', () => {
  const base = { build: 'b', source: { kind: 'none', reason: 'not a git repository' } as const, generatedAt: '2024-01-02T03:04:05Z', timeFrom: 'clock' as const };
  assert.deepEqual(stampLines(makeStamp({ ...base, unsaved: ['requirements/a.md', 'src/b.c'] })).find(([label]) => label === 'Unsaved edits'),
    ['Unsaved edits', 'UNSAVED: 2 files as edited in the editor, not as on disk: requirements/a.md, src/b.c']);
  assert.equal(stampLines(makeStamp({ ...base, unsaved: [] })).some(([label]) => label === 'Unsaved edits'), false);
  assert.equal(stampLines(makeStamp(base)).some(([label]) => label === 'Unsaved edits'), false);
});
