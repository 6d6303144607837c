/**
 * A throwaway copy of a workspace folder, so that tests which edit, create and delete files leave the
 * original (e.g. examples/infusion-pump in the repository) untouched.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Folders never copied: installed dependencies, caches and build output are not part of the fixture. */
const SKIPPED = new Set(['node_modules', '.git', 'build', '__pycache__', '.pytest_cache', '.benchmarks']);

/** A copied workspace; {@link dispose} removes it. */
export interface WorkspaceCopy {
  /** The copy, `<temp>/<same folder name>`, so the workbench shows the original name. */
  readonly path: string;
  dispose(): void;
}

/** Copies `source` into a fresh temp folder. */
export function copyWorkspace(source: string): WorkspaceCopy {
  const from = path.resolve(source);
  const parent = mkdtempSync(path.join(tmpdir(), 'tracelens-ws-'));
  const to = path.join(parent, path.basename(from));
  cpSync(from, to, { recursive: true, filter: (file) => !SKIPPED.has(path.basename(file)) });
  let disposed = false;
  return {
    path: to,
    dispose() {
      if (disposed) return;
      disposed = true;
      rmSync(parent, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
