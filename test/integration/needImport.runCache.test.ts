// Verifies: TL-249
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const vendor = (status: string): string => JSON.stringify({ current_version: '1', versions: { '1': { needs: {
  SW_001: { id: 'SW_001', type: 'spec', title: 'Vendor driver', status, tags: [], links: [] },
} } } }, null, 2);

test('a check that read a needimport\'s file from outside the requirement globs is not replayed, so a change to that file shows', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-needimport-'));
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-needimport-cache-'));
  try {
    const files: Record<string, string> = {
      'tracelens.json': '{ "requirements": ["docs"] }\n',
      'docs/index.rst': 'Vendor\n======\n\n.. needimport:: ../vendor/needs-sw.json\n',
      'vendor/needs-sw.json': vendor('open'),
      'src/main.c': 'int main(void) { return 0; }\n',
    };
    const past = new Date(Date.now() - 3_600_000);
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
      utimesSync(path.join(root, file), past, past);
    }
    const gaps = (stdout: string): string[] => (JSON.parse(stdout) as { findings: Array<{ rule: string; message: string }> }).findings
      .filter((f) => f.rule === 'unimplemented').map((f) => f.message.split(':')[0]!);
    const first = runCli(['check', root, '--format', 'json', '--cache-dir', cacheDir]);
    assert.deepEqual(gaps(first.stdout), ['SW_001 (class C) is not implemented']);
    // Old times again: the globs do not list the file, so only reading it shows the change.
    writeFileSync(path.join(root, 'vendor/needs-sw.json'), vendor('obsolete'));
    utimesSync(path.join(root, 'vendor/needs-sw.json'), past, past);
    const second = runCli(['check', root, '--format', 'json', '--cache-dir', cacheDir, '--timings']);
    assert.deepEqual(gaps(second.stdout), []);
    assert.doesNotMatch(second.stderr, /run cache/i);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
