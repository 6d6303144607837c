// Implements: TL-037
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a file atomically: a temporary file beside it, flushed, then renamed over the target, so a
 * crash never leaves a half-written report or config behind.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fsp.open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}
