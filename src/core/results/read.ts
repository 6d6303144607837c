// Implements: TL-140, TL-141, TL-143
/**
 * Finds and reads a project's test results: the files the results globs match, each parsed as
 * JUnit XML. Results files are build output, usually git-ignored, so neither `.gitignore` nor
 * `exclude` hides them; only version-control folders and `node_modules` are never entered.
 */
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import { globMatcher, staticBase } from '../files/walk';
import type { FileProblem } from '../model/types';
import { parseJunit } from './junit';
import type { ResultsPattern, TestCaseResult, TestResults } from './types';

/** Folders never entered looking for results. */
const NEVER_ENTERED = new Set(['.git', '.hg', '.svn', 'node_modules']);

/** A results file larger than this is reported, not read: no test run writes one. */
export const MAX_RESULTS_FILE_SIZE = 64 * 1024 * 1024;

const decoder = new TextDecoder('utf-8');

/** Every file under `dir` (POSIX, relative to the root; '' for the root), sorted. */
async function walkAll(fs: FileSystem, root: string, dir: string, into: string[]): Promise<void> {
  const entries = await fs.readDirectory(absoluteFromPosix(root, dir));
  const folders: string[] = [];
  for (const [name, type] of entries) {
    const rel = dir ? `${dir}/${name}` : name;
    if (type === 'file') into.push(rel);
    else if (type === 'directory' && !NEVER_ENTERED.has(name)) folders.push(rel);
  }
  await Promise.all(folders.map((folder) => walkAll(fs, root, folder, into)));
}

/**
 * The files the results globs match (relative to `root`), sorted. Each glob's walk starts at its
 * static folder (`build/test-results` of `build/test-results/**\/*.xml`), so a narrow glob never
 * walks the whole tree.
 */
export async function listResultFiles(fs: FileSystem, root: string, globs: readonly string[]): Promise<string[]> {
  if (globs.length === 0) return [];
  const matches = globMatcher(globs);
  const bases = new Set<string>();
  for (const glob of globs) {
    const base = staticBase(glob);
    if (base === undefined) {
      bases.clear();
      bases.add('');
      break;
    }
    bases.add(base);
  }
  // A base inside another base is walked with it.
  const sorted = [...bases].sort();
  const roots = sorted.filter((base) => !sorted.some((other) => other !== base && (other === '' || base.startsWith(`${other}/`))));
  const found: string[] = [];
  for (const base of roots) {
    const stat = base === '' ? undefined : await fs.stat(absoluteFromPosix(root, base));
    if (stat?.type === 'file') found.push(base);
    else if (base === '' || stat?.type === 'directory') await walkAll(fs, root, base, found);
  }
  return [...new Set(found.filter(matches))].sort();
}

/** Reads one results file: its testcases, or the problem that kept it from being read. */
export async function readResultFile(fs: FileSystem, root: string, file: string, maxSize = MAX_RESULTS_FILE_SIZE): Promise<{ cases: readonly TestCaseResult[]; problem?: FileProblem; modified?: string }> {
  const absolute = absoluteFromPosix(root, file);
  let modified: string | undefined;
  try {
    const stat = await fs.stat(absolute);
    if (stat && stat.mtimeMs > 0) modified = new Date(stat.mtimeMs).toISOString();
    if (stat && stat.size > maxSize) {
      return { cases: [], problem: { file, line: 1, column: 1, message: `${file} was not read: ${stat.size} bytes is more than a results file may hold (${maxSize} bytes). Split the run's results or point the results globs elsewhere.` } };
    }
    const text = decoder.decode(await fs.readFile(absolute)).replace(/^\uFEFF/, '');
    const read = parseJunit(text, file);
    return { cases: read.cases, ...(read.problem ? { problem: { ...read.problem, message: `${file}: ${read.problem.message} No testcase of it is used.` } } : {}), ...(modified ? { modified } : {}) };
  } catch (error) {
    return { cases: [], problem: { file, line: 1, column: 1, message: `cannot read results file ${file}: ${(error as Error).message}` } };
  }
}

/** Reads the listed results files, in order: one file's problem never keeps the others from being read. */
export async function readTestResults(fs: FileSystem, root: string, patterns: readonly ResultsPattern[], files: readonly string[], maxSize?: number): Promise<TestResults> {
  const reads = await Promise.all(files.map((file) => readResultFile(fs, root, file, maxSize)));
  const modified: Record<string, string> = {};
  files.forEach((file, index) => {
    const time = reads[index]!.modified;
    if (time !== undefined) modified[file] = time;
  });
  return {
    patterns,
    files: [...files],
    cases: reads.flatMap((read) => read.cases),
    problems: reads.flatMap((read) => (read.problem ? [read.problem] : [])),
    modified,
  };
}
