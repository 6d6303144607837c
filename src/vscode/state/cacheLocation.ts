/**
 * Where the editor keeps a workspace folder's scan cache. No `vscode` import: unit-tested.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';

// Implements: TL-213
/**
 * The scan cache folder of a workspace folder: under the extension's global storage, named by a
 * hash of the folder's URI. Not under the workspace storage, whose key code-server derives from
 * the server's address: a restart on another port would start from an empty cache.
 */
export function scanCacheFolder(globalStorage: string, folderUri: string): string {
  const key = createHash('sha256').update(folderUri).digest('hex').slice(0, 16);
  return path.join(globalStorage, 'scan-cache', key);
}
