// Verifies: TL-064, TL-061, TL-035
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blockingNodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { loadProjectConfig } from '../../src/core/config/load';
import { listProjectFiles } from '../../src/core/files/projectFiles';
import { RunCache, runRecordName, type RenderKey } from '../../src/core/cache/runCache';
import { blockingNodeCacheStore } from '../../src/core/cache/nodeCacheStore';
import { spawnSync } from 'node:child_process';
import { CLI, cliBuildIdentity, runCli } from '../helpers/cli';
import { copyProject } from '../helpers/project';

/** A code file whose tag is followed by a complete block: edits after it cannot change its scan. */
const EXTRA_C = '/* Implements: REQ-001 */\nint extra(void) {\n    return 0;\n}\nint pad;\n';

/** Sets every file's times an hour back, as for files not touched just before a run. */
function age(root: string): void {
  const past = new Date(Date.now() - 3_600_000);
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else utimesSync(full, past, past);
    }
  };
  visit(root);
}

/** Runs `body` on an aged copy of the `gaps` fixture (plus src/extra.c) and an empty cache folder. */
async function withProject(body: (root: string, cacheDir: string) => Promise<void>): Promise<void> {
  const { root, cleanup } = copyProject('gaps', { 'src/extra.c': EXTRA_C });
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-runcache-'));
  age(root);
  try {
    await body(root, cacheDir);
  } finally {
    cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const JSON_RENDER = (root: string): RenderKey => ({ format: 'json', displayRoot: path.relative(process.cwd(), root).split(path.sep).join('/'), color: false });

/** What the run cache answers now for a JSON report, as the CLI would ask it from the working directory. */
async function replay(root: string, cacheDir: string, tool?: string) {
  const project = await loadProjectConfig(blockingNodeFileSystem, root);
  const listed = await listProjectFiles(blockingNodeFileSystem, root, project.config);
  return new RunCache(blockingNodeCacheStore(cacheDir), blockingNodeFileSystem, root, tool ?? (await cliBuildIdentity())).replay(project.config, project.configFile, listed, JSON_RENDER(root));
}

/** The CLI's JSON check with extra environment variables. */
function runCliWithEnv(root: string, cacheDir: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--cache-dir', cacheDir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const check = (root: string, ...args: string[]) => runCli(['check', path.relative(process.cwd(), root), '--format', 'json', ...args], process.cwd());

/** The cached run's output must be the uncached one, byte for byte, with the same exit code. */
function assertSameAsUncached(root: string, cacheDir: string, message: string): void {
  const cached = check(root, '--cache-dir', cacheDir);
  const fresh = check(root, '--no-cache');
  assert.equal(cached.stdout, fresh.stdout, message);
  assert.equal(cached.status, fresh.status, message);
  assert.equal(cached.stderr, fresh.stderr, message);
}

test('an unchanged project is answered from the run cache with the report of the full check', async () => {
  await withProject(async (root, cacheDir) => {
    assert.equal((await replay(root, cacheDir)).kind, 'miss', 'nothing recorded yet');
    const full = check(root, '--cache-dir', cacheDir);
    assert.equal(full.status, 1, 'the gaps fixture has errors');
    const replayed = await replay(root, cacheDir);
    assert.ok(replayed.kind === 'hit', 'recorded and replayable');
    assert.equal(Buffer.from(replayed.report).toString('utf8'), full.stdout);
    assert.equal(replayed.worst, 'error');
    const again = check(root, '--cache-dir', cacheDir);
    assert.equal(again.stdout, full.stdout);
    assert.equal(again.status, 1);
    assert.equal(check(root, '--cache-dir', cacheDir, '--fail-on', 'none').status, 0, '--fail-on applies to a replay');
  });
});

test('each report format is recorded beside the others; --output gets the same bytes', async () => {
  await withProject(async (root, cacheDir) => {
    const json = check(root, '--cache-dir', cacheDir);
    const sarif = runCli(['check', root, '--format', 'sarif', '--cache-dir', cacheDir]);
    assert.equal((await replay(root, cacheDir)).kind, 'hit', 'the JSON report survives a SARIF run of the same state');
    assert.equal(runCli(['check', root, '--format', 'sarif', '--cache-dir', cacheDir]).stdout, sarif.stdout);
    const out = path.join(cacheDir, 'report.json');
    check(root, '--cache-dir', cacheDir, '--output', out);
    assert.equal(readFileSync(out, 'utf8'), json.stdout);
  });
});

test('an edit after the last tag of a file is replayed; its new stat is remembered', async () => {
  await withProject(async (root, cacheDir) => {
    check(root, '--cache-dir', cacheDir);
    appendFileSync(path.join(root, 'src', 'extra.c'), '/* touched */\n');
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(root, 'src', 'extra.c'), past, past);
    assert.equal((await replay(root, cacheDir)).kind, 'hit', 'same dependency key: replayed');
    assert.equal((await replay(root, cacheDir)).kind, 'hit', 'and again, now from the stat identity');
    assertSameAsUncached(root, cacheDir, 'appended comment');
  });
});

test('a changed file whose scan is the same is scanned again, not the whole project', async () => {
  await withProject(async (root, cacheDir) => {
    check(root, '--cache-dir', cacheDir);
    // Code before the tag changes (its dependency key changes) but no reference moves or changes.
    const dose = path.join(root, 'src', 'dose.c');
    writeFileSync(dose, readFileSync(dose, 'utf8').replace('if (requested > limit)', 'if (requested >  limit)'));
    const past = new Date(Date.now() - 60_000);
    utimesSync(dose, past, past);
    assert.equal((await replay(root, cacheDir)).kind, 'miss', 'without a scanner the key decides');
    const traced = runCliWithEnv(root, cacheDir, { TRACELENS_DEBUG_CACHE: '1' });
    assert.match(traced.stderr, /run cache hit/);
    assertSameAsUncached(root, cacheDir, 'code edited, same references');
    assert.equal((await replay(root, cacheDir)).kind, 'hit', 'the new key is remembered');
    // A moved tag is a different scan: the full check runs.
    writeFileSync(dose, `\n${readFileSync(dose, 'utf8')}`);
    utimesSync(dose, past, past);
    assert.match(runCliWithEnv(root, cacheDir, { TRACELENS_DEBUG_CACHE: '1' }).stderr, /run cache miss: src\/dose\.c: references changed/);
    assertSameAsUncached(root, cacheDir, 'tag moved');
  });
});

test('any change that can change the report makes the full check run', async () => {
  const cases: Array<[string, (root: string) => void]> = [
    ['a tag edited', (root) => writeFileSync(path.join(root, 'src', 'extra.c'), EXTRA_C.replace('REQ-001', 'REQ-004'))],
    ['a line inserted before a tag', (root) => writeFileSync(path.join(root, 'src', 'extra.c'), `\n${EXTRA_C}`)],
    ['a requirement file edited', (root) => appendFileSync(path.join(root, 'requirements', 'software.md'), '\n## REQ-777: Added\n\nNew.\n')],
    ['a code file added', (root) => writeFileSync(path.join(root, 'src', 'new.c'), '// Implements: REQ-001\nint n;\n')],
    ['a code file removed', (root) => unlinkSync(path.join(root, 'src', 'extra.c'))],
    ['the configuration changed', (root) => writeFileSync(path.join(root, 'tracelens.json'), '{ "exclude": [], "maxFileSize": 4096 }\n')],
    ['a file became binary', (root) => writeFileSync(path.join(root, 'src', 'extra.c'), `${EXTRA_C}\0`)],
  ];
  for (const [name, change] of cases) {
    await withProject(async (root, cacheDir) => {
      const before = check(root, '--cache-dir', cacheDir);
      change(root);
      assert.equal((await replay(root, cacheDir)).kind, 'miss', name);
      const after = check(root, '--cache-dir', cacheDir);
      assert.notEqual(after.stdout, before.stdout, `${name}: the report changes`);
      assertSameAsUncached(root, cacheDir, name);
      assert.equal((await replay(root, cacheDir)).kind, 'hit', `${name}: recorded again`);
    });
  }
});

test('a file written just before a run is checked by content next time, even with the same size and mtime', async () => {
  await withProject(async (root, cacheDir) => {
    const file = path.join(root, 'src', 'extra.c');
    writeFileSync(file, EXTRA_C);
    check(root, '--cache-dir', cacheDir);
    // The same size and mtime, different content: what a write within one mtime tick looks like.
    const { atime, mtime } = statSync(file);
    writeFileSync(file, EXTRA_C.replace('REQ-001', 'REQ-004'));
    utimesSync(file, atime, mtime);
    assert.equal((await replay(root, cacheDir)).kind, 'miss');
    assertSameAsUncached(root, cacheDir, 'racy write');
  });
});

test('a corrupt or foreign run record is ignored', async () => {
  await withProject(async (root, cacheDir) => {
    const first = check(root, '--cache-dir', cacheDir);
    writeFileSync(path.join(cacheDir, runRecordName(root)), 'not a record');
    assert.equal((await replay(root, cacheDir)).kind, 'miss');
    assert.equal(check(root, '--cache-dir', cacheDir).stdout, first.stdout);
    assert.equal((await replay(root, cacheDir)).kind, 'hit', 'rewritten by the full check');
  });
});

test('a record written by another build is not replayed, even at the same version', async () => {
  await withProject(async (root, cacheDir) => {
    check(root, '--cache-dir', cacheDir);
    assert.equal((await replay(root, cacheDir)).kind, 'hit');
    assert.equal((await replay(root, cacheDir, `${await cliBuildIdentity()}+rebuilt`)).kind, 'miss');
  });
});

test('a replay whose scan of a changed file fails is a miss, not an error', async () => {
  await withProject(async (root, cacheDir) => {
    check(root, '--cache-dir', cacheDir);
    const dose = path.join(root, 'src', 'dose.c');
    writeFileSync(dose, readFileSync(dose, 'utf8').replace('if (requested > limit)', 'if (requested >  limit)'));
    const project = await loadProjectConfig(blockingNodeFileSystem, root);
    const listed = await listProjectFiles(blockingNodeFileSystem, root, project.config);
    const outcome = await new RunCache(blockingNodeCacheStore(cacheDir), blockingNodeFileSystem, root, await cliBuildIdentity()).replay(project.config, project.configFile, listed, JSON_RENDER(root), async () => {
      throw new Error('parser gone');
    });
    assert.equal(outcome.kind, 'miss');
    assert.match(outcome.kind === 'miss' ? outcome.reason : '', /src\/dose\.c: could not scan it again \(parser gone\)/);
  });
});

