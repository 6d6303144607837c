// Implements: TL-001
import type { TracelensConfig } from '../config/types';
import { isCodeFile } from '../scan/codeScanner';
import type { FileSystem } from './fileSystem';
import { globMatcher, listFiles } from './walk';

/** The files a check reads: requirement files (matching `requirements`) and code files, in listing order. */
export async function listProjectFiles(fs: FileSystem, root: string, config: TracelensConfig): Promise<{ requirementFiles: string[]; codeFiles: string[] }> {
  const files = await listFiles(fs, root, { exclude: config.exclude, useGitignore: config.useGitignore });
  const isRequirementFile = globMatcher(config.requirements);
  const requirementFiles = files.filter(isRequirementFile);
  // Requirement files are never code, whatever their extension (`.yml` is both).
  const codeFiles = files.filter((file) => !isRequirementFile(file) && isCodeFile(file, config.languages));
  return { requirementFiles, codeFiles };
}
