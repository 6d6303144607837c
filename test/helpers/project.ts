import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';

/** Absolute path of a fixture project under test/fixtures/projects. */
export function fixtureProject(name: string): string {
  return path.join(__dirname, '..', 'fixtures', 'projects', name);
}

/** Fixture folders read so far: POSIX paths relative to the folder → content. */
const loaded = new Map<string, Readonly<Record<string, Uint8Array>>>();

/** The files of a folder under test/fixtures, read from the repository once per test run. */
function fixtureFiles(folder: string): Readonly<Record<string, Uint8Array>> {
  let files = loaded.get(folder);
  if (!files) {
    const dir = path.join(__dirname, '..', 'fixtures', folder);
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    files = Object.fromEntries(entries.map((entry) => {
      const absolute = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, absolute).split(path.sep).join('/'), readFileSync(absolute)];
    }));
    loaded.set(folder, files);
  }
  return files;
}

/**
 * A fixture project in a {@link MemoryFileSystem}, with extra files: read from the repository once,
 * never copied to disk. Each call gives a fresh file system, so what a test writes stays its own.
 * Its root exists nowhere on disk: anything that bypasses the file system finds nothing.
 */
export function memoryProject(name: string, extra: Record<string, string | Uint8Array> = {}): MemoryFileSystem {
  return new MemoryFileSystem(path.resolve('/tracelens-memory', name), { ...fixtureFiles(path.join('projects', name)), ...extra });
}

/**
 * Copies a fixture project to a fresh temp folder (tests never write into the repository) and adds
 * extra files: ones a committed fixture cannot hold, such as git-ignored or binary files.
 */
export function copyProject(name: string, extra: Record<string, string | Uint8Array> = {}): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), `tracelens-${name}-`));
  cpSync(fixtureProject(name), root, { recursive: true });
  for (const [file, content] of Object.entries(extra)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The extra files of the `gaps` fixture: ignored, excluded-by-size and binary code files. */
export function gapsExtras(): Record<string, string | Uint8Array> {
  return {
    'build/ignored.c': '// Implements: REQ-002\n',
    'src/skip.generated.c': '// Implements: REQ-002\n',
    'src/blob.c': Buffer.from('// Implements: REQ-002\n\0\0binary', 'latin1'),
    'src/huge.c': `// Implements: REQ-002\n${'int x;\n'.repeat(1200)}`,
  };
}
