// Verifies: TL-016
// The engine (src/core) reaches project files and caches only through its ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/cli';

/** Every .ts file under `dir`, POSIX paths relative to the repository. */
function sources(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

test('the engine reaches files only through its ports: node:fs only in the Node file systems and cache store', () => {
  const allowed = (file: string) => file.startsWith('src/core/files/') || file === 'src/core/cache/nodeCacheStore.ts';
  const offenders = sources('src/core').filter((file) => !allowed(file) && /from ['"](node:)?fs(\/promises)?['"]|require\(['"](node:)?fs/.test(readFileSync(path.join(REPO, file), 'utf8')));
  assert.deepEqual(offenders, []);
  assert.ok(sources('src/core').includes('src/core/files/nodeFileSystem.ts'), 'the walk finds the core sources');
});
