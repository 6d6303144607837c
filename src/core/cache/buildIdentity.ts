// Implements: TL-061, TL-064
import type { FileSystem } from '../files/fileSystem';
import { TOOL_VERSION } from '../version';

/**
 * What the caches are keyed on besides their inputs: the tool version and, for a bundled build, the
 * size and mtime of each bundle file given (those that exist, stat'ed through `fs`). A rebuild at
 * the same version (a development build, a patched install) is then a different tool, and nothing
 * it would compute differently is served from a cache the previous build wrote.
 */
export async function buildIdentity(fs: FileSystem, bundleFiles: readonly string[]): Promise<string> {
  const parts = [TOOL_VERSION];
  for (const file of bundleFiles) {
    const stat = await fs.stat(file);
    if (stat) parts.push(`${stat.size}-${stat.mtimeMs}`);
  }
  return parts.join('+');
}
