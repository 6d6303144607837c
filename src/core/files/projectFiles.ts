// Implements: TL-001, TL-071
import type { TracelensConfig } from '../config/types';
import { isRequirementFormat } from '../readers/fileTypes';
import { isCodeFile } from '../scan/codeScanner';
import { absoluteFromPosix, type FileSystem } from './fileSystem';
import { LOCK_FILE } from '../review/lockFile';
import { globMatcher, listFiles } from './walk';

/** The files a check reads, in listing order. */
export interface ProjectFiles {
  /** Files matching `requirements` in a format a reader understands. */
  requirementFiles: string[];
  codeFiles: string[];
  /** Files matching `requirements` that no reader understands: reported, not read, not scanned. */
  unreadableFiles: string[];
  /** `tracelens.lock` when the project has one (whether or not it is ignored): a report depends on it. */
  lockFile?: string;
}

/** The files a check reads: requirement files (matching `requirements`) and code files, in listing order. */
export async function listProjectFiles(fs: FileSystem, root: string, config: TracelensConfig): Promise<ProjectFiles> {
  const files = await listFiles(fs, root, { exclude: config.exclude, useGitignore: config.useGitignore });
  const isRequirementFile = globMatcher(config.requirements);
  const requirementFiles: string[] = [];
  const codeFiles: string[] = [];
  const unreadableFiles: string[] = [];
  for (const file of files) {
    if (!isRequirementFile(file)) {
      // Requirement files are never code, whatever their extension (`.yml` is both).
      if (isCodeFile(file, config.languages)) codeFiles.push(file);
    } else if (isRequirementFormat(file)) {
      requirementFiles.push(file);
    } else {
      unreadableFiles.push(file);
    }
  }
  const lock = await fs.stat(absoluteFromPosix(root, LOCK_FILE));
  return { requirementFiles, codeFiles, unreadableFiles, ...(lock?.type === 'file' ? { lockFile: LOCK_FILE } : {}) };
}
