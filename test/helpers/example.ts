import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { nodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { LocalScanService } from '../../src/core/scan/localScanService';

/** The infusion-pump example's folder in the repository. */
export const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'infusion-pump');

/** The full check of the infusion-pump example, as the CLI makes it (tree-sitter scan, no cache). */
export async function checkExample(): Promise<CheckResult> {
  const parser = await CommentParser.create();
  try {
    return await checkProject({ root: EXAMPLE, fs: nodeFileSystem, scanner: new LocalScanService(parser, nodeFileSystem) });
  } finally {
    parser.dispose();
  }
}

/** The text of an example file (POSIX path relative to the example), undefined when missing. */
export function exampleText(file: string): string | undefined {
  try {
    return readFileSync(path.join(EXAMPLE, ...file.split('/')), 'utf8');
  } catch {
    return undefined;
  }
}
