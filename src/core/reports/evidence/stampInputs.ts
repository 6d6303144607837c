// Implements: TL-151
/**
 * The stamp's inputs read through the FileSystem port, the same for the CLI and the editor: a hash
 * of the running build's bundles and the SHA-256 of the configuration file.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { FileSystem } from '../../files/fileSystem';
import type { ReportStamp } from './stamp';

/**
 * The bundles `names` of the build in `dir`, hashed: the same build gives the same value on every
 * machine; `unbundled` when none is there (run from the sources).
 */
export async function buildHash(fs: FileSystem, dir: string, names: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  let found = 0;
  for (const name of names) {
    const bytes = await fs.readFile(path.join(dir, name)).catch(() => undefined);
    if (bytes === undefined) continue;
    hash.update(name).update(bytes);
    found++;
  }
  return found === 0 ? 'unbundled (run from the sources)' : `sha256:${hash.digest('hex').slice(0, 16)}`;
}

/** The configuration file read (relative to `root`), with the SHA-256 of its bytes (check it with `sha256sum`). */
export async function configStamp(fs: FileSystem, root: string, configFile: string | undefined): Promise<ReportStamp['config']> {
  if (configFile === undefined) return undefined;
  const bytes = await fs.readFile(path.resolve(root, configFile)).catch(() => undefined);
  if (bytes === undefined) return undefined;
  return { file: configFile, sha256: createHash('sha256').update(bytes).digest('hex') };
}
