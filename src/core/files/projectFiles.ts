// Implements: TL-001, TL-071
import type { TracelensConfig } from '../config/types';
import { DOORSTOP_CONFIG, isDoorstopSkipFile, isRequirementFormat } from '../readers/fileTypes';
import { isCodeFile } from '../scan/codeScanner';
import { absoluteFromPosix, type FileSystem } from './fileSystem';
import { LOCK_FILE } from '../review/lockFile';
import { globMatcher, listFiles } from './walk';
import { listResultFiles } from '../results/read';
import { listSoupFiles, soupDay, soupRegisterPath } from '../soup/project';

/** The files a check reads, in listing order. */
export interface ProjectFiles {
  /** Files matching `requirements` in a format a reader understands. */
  requirementFiles: string[];
  codeFiles: string[];
  /** Files matching `requirements` that no reader understands: reported, not read, not scanned. */
  unreadableFiles: string[];
  /** Test results files (matching `testResults` and `--results`), sorted; absent without results globs. */
  resultFiles?: string[];
  /** The SOUP register, manifests, lock files and SBOMs the SOUP check reads (sorted); empty when it reads none. */
  soupFiles: string[];
  /** The day (YYYY-MM-DD) the SOUP check judges anomaly reviews on; absent when it reads nothing. */
  soupAsOf?: string;
  /** `tracelens.lock` when the project has one (whether or not it is ignored): a report depends on it. */
  lockFile?: string;
}

// Implements: TL-240
/**
 * Whether a file is a requirement file by the `requirements` globs: a file they match, or one of
 * Doorstop's skip markers beside a `.doorstop.yml` they would match (a folder's glob names the
 * requirement extensions only, and the marker decides whether that document is read). The CLI's
 * listing and the editor's index both ask this.
 */
export function requirementMatcher(globs: readonly string[]): (file: string) => boolean {
  const matches = globMatcher(globs);
  return (file) => matches(file) || (isDoorstopSkipFile(file) && matches(`${file.slice(0, file.lastIndexOf('/') + 1)}${DOORSTOP_CONFIG}`));
}

/**
 * The files a check reads: requirement files (matching `requirements`) and code files, in listing
 * order, and the SOUP files (see soup/project.ts). `day` is the day SOUP is judged on (default:
 * {@link soupDay}).
 */
export async function listProjectFiles(fs: FileSystem, root: string, config: TracelensConfig, day?: string): Promise<ProjectFiles> {
  const files = await listFiles(fs, root, { exclude: config.exclude, useGitignore: config.useGitignore });
  const isRequirementFile = requirementMatcher(config.requirements);
  // Implements: TL-172
  // The SOUP register is YAML in its own shape: neither a requirement file nor code.
  const register = soupRegisterPath(config);
  const requirementFiles: string[] = [];
  const codeFiles: string[] = [];
  const unreadableFiles: string[] = [];
  for (const file of files) {
    if (file === register) continue;
    if (!isRequirementFile(file)) {
      // Requirement files are never code, whatever their extension (`.yml` is both).
      if (isCodeFile(file, config.languages)) codeFiles.push(file);
    } else if (isRequirementFormat(file)) {
      requirementFiles.push(file);
    } else {
      unreadableFiles.push(file);
    }
  }
  const soupFiles = await listSoupFiles(fs, root, config, files);
  const soup = soupFiles.length > 0 || config.soup !== undefined ? { soupAsOf: day ?? soupDay() } : {};
  // Implements: TL-141
  const results = config.testResults ? { resultFiles: await listResultFiles(fs, root, config.testResults) } : {};
  const lock = await fs.stat(absoluteFromPosix(root, LOCK_FILE));
  return { requirementFiles, codeFiles, unreadableFiles, soupFiles, ...soup, ...results, ...(lock?.type === 'file' ? { lockFile: LOCK_FILE } : {}) };
}
