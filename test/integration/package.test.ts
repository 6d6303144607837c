// Verifies: TL-030, TL-100, TL-158
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO } from '../helpers/cli';
import { GRAMMAR_LANGUAGES } from '../../src/parsing/languages';

test('the npm package holds a CLI that runs on its own and reports as the built one does', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-pack-'));
  try {
    execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack made a tarball');
    execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
    const packed = path.join(dir, 'package', 'dist', 'cli.js');
    const args = ['check', 'examples/infusion-pump', '--format', 'json', '--no-cache'];
    const run = (cli: string) => spawnSync(process.execPath, [cli, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const fromPackage = run(packed);
    const fromBuild = run(CLI);
    assert.equal(fromPackage.stderr, '');
    assert.equal(fromPackage.status, fromBuild.status);
    assert.equal(fromPackage.stdout, fromBuild.stdout);
    assert.ok(JSON.parse(fromPackage.stdout).references.length > 0, 'the packaged CLI parsed code');
    // The report command's bundle is packed too (TL-158).
    const report = spawnSync(process.execPath, [packed, 'report', 'examples/infusion-pump', '--format', 'xlsx', '--output', path.join(dir, 'r.xlsx'), '--no-cache'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(report.status, 0, report.stderr);
    // Nothing the CLI does not need at run time: no sources, tests or fixtures.
    const contents = readdirSync(path.join(dir, 'package'));
    assert.deepEqual(contents.sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json', 'schemas']);
    // Every grammar of the languages table, and the runtime; the lexed languages (CMake, Dockerfile) need none.
    const wasm = readdirSync(path.join(dir, 'package', 'dist', 'wasm')).sort();
    assert.deepEqual(wasm, ['tree-sitter.wasm', ...GRAMMAR_LANGUAGES.map((spec) => spec.wasm)].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
