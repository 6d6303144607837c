import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Absolute path of a fixture project under test/fixtures/projects. */
export function fixtureProject(name: string): string {
  return path.join(__dirname, '..', '..', 'fixtures', 'projects', name);
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
