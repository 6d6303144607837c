// Implements: TL-190, TL-191, TL-194
// `tracelens diff`: loaded by main.ts only for this command. Checks the project at two revisions
// (or a revision and the working tree) with the unchanged check pipeline, each revision read from
// git through a RevisionFileSystem, and prints what changed between them.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../parsing/commentParser';
import { compareBaselines, sideLabel, type BaselineContext, type BaselineSide } from '../core/baseline/compare';
import { changedSince, GitError, resolveCommit, UnknownRevisionError } from '../core/baseline/gitTree';
import { RevisionFileSystem } from '../core/baseline/revisionFileSystem';
import { BaselineMemo } from '../core/baseline/scanMemo';
import { defaultCacheDir, blockingNodeCacheStore } from '../core/cache/nodeCacheStore';
import { ConfigError } from '../core/config/load';
import { absoluteFromPosix } from '../core/files/fileSystem';
import { blockingNodeFileSystem, nodeFileSystem } from '../core/files/nodeFileSystem';
import { checkProject, type CheckResult } from '../core/project/check';
import type { RequirementCache } from '../core/readers';
import { formatDiffJson } from '../core/reports/diffJson';
import { formatDiffMarkdown } from '../core/reports/diffMarkdown';
import { formatDiffText } from '../core/reports/diffText';
import { writeFileAtomic } from './atomicWrite';
import { openScanService, type CliCache } from './check';
import { GitMissingError, gitRepository, runGit } from './git';
import { fullCheckTimings } from './timings';
import { cliBuild, displayRootOf, ExitCode, UsageError } from './options';
import { preferBaselineWasm } from './wasmTiering';
import { installNodeSha256 } from '../core/review/nodeSha256';

// This bundle's fingerprints and Doorstop stamps use Node's native SHA-256 (the same text, faster).
installNodeSha256();

/** The options of `tracelens diff`, as commander parses them. */
export interface DiffFlags {
  format: 'text' | 'json' | 'md';
  output?: string;
  cache: boolean;
  cacheDir?: string;
  threads?: string;
  timings?: boolean;
}

/** The repository's top folder holding `dir`, or undefined when `dir` is in none. */
async function repositoryTop(dir: string): Promise<string | undefined> {
  try {
    return (await runGit(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    if (error instanceof GitMissingError) throw new UsageError(error.message);
    return undefined;
  }
}

/**
 * Which positional arguments name what: `BASE [HEAD] [DIR]`. With three, the second is the head
 * revision and the third the folder. With two, the second is the folder when it is an existing
 * folder and not a revision, the head revision otherwise; when it is both, the user must say which
 * (`./docs` is only a folder; naming the folder too makes it the revision).
 */
export async function resolveArguments(second: string | undefined, third: string | undefined): Promise<{ head?: string; dir: string }> {
  if (third !== undefined) return { head: second!, dir: third };
  if (second === undefined) return { dir: '.' };
  const isFolder = (await nodeFileSystem.stat(path.resolve(second)))?.type === 'directory';
  if (!isFolder) return { head: second, dir: '.' };
  const top = await repositoryTop(path.resolve(second));
  const isRevision = top !== undefined && (await resolveCommit({ run: (args) => runGit(top, args) }, second).then(() => true, () => false));
  if (isRevision) {
    throw new UsageError(`"${second}" is both a folder and a revision: write ./${second.replace(/^\.\//, '')} for the folder, or name the folder too (tracelens diff BASE ${second} .) for the revision`);
  }
  return { dir: second };
}

/** The project folder relative to the repository's top (POSIX, '' at the top), both with symbolic links resolved. */
function projectPrefix(top: string, root: string): string {
  return path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/');
}

/** The submodules of a revision: not in its tree, so not read (listed in the report). */
function submodules(side: 'base' | 'head', fs: RevisionFileSystem): BaselineContext['unread'] {
  return fs.unread.filter((entry) => entry.reason === 'submodule').map((entry) => ({ side, path: entry.path, reason: entry.reason }));
}

/** Stops with exit 2 when a side's configuration has errors: a diff of a misread project means nothing. */
function assertConfig(result: CheckResult, side: BaselineSide): void {
  const problems = result.findings.filter((f) => f.rule === 'invalid-file' && f.file === result.configFile);
  if (problems.length === 0) return;
  throw new ConfigError(`config error at ${sideLabel(side)}: ${problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('; ')}`);
}

/** The memo's requirement reads first, then the persistent cache's (the working tree's reads are often there). */
function chainedRequirementCache(first: RequirementCache, second: RequirementCache | undefined): RequirementCache {
  if (!second) return first;
  return {
    getRequirements: (file, hash, key) => first.getRequirements(file, hash, key) ?? second.getRequirements(file, hash, key),
    setRequirements: (file, hash, key, read) => {
      first.setRequirements(file, hash, key, read);
      second.setRequirements(file, hash, key, read);
    },
  };
}

/** `tracelens diff BASE [HEAD] [DIR]`: prints the changes from BASE to HEAD (or the working tree). */
export async function runDiff(base: string, second: string | undefined, third: string | undefined, flags: DiffFlags): Promise<number> {
  let dispose = (): void => undefined;
  let parser: CommentParser | undefined;
  try {
    const { head, dir } = await resolveArguments(second, third);
    const root = path.resolve(dir);
    if ((await nodeFileSystem.stat(root))?.type !== 'directory') throw new UsageError(`not a directory: ${dir}`);
    const top = await repositoryTop(root);
    if (top === undefined) throw new UsageError(`not in a git repository: ${dir} (tracelens diff reads the baseline from git)`);
    const git = gitRepository(top);
    dispose = git.dispose;
    const prefix = projectPrefix(top, root);
    const baseSide: BaselineSide = { revision: base, commit: await resolveCommit(git, base) };
    const headSide: BaselineSide = head === undefined ? {} : { revision: head, commit: await resolveCommit(git, head) };
    preferBaselineWasm();
    parser = await CommentParser.create();
    const memo = new BaselineMemo();
    const baseFs = await RevisionFileSystem.open(git, baseSide.commit!, prefix, root);
    const headFs = headSide.commit === undefined ? undefined : await RevisionFileSystem.open(git, headSide.commit, prefix, root);
    const unread = [...submodules('base', baseFs), ...(headFs ? submodules('head', headFs) : [])];

    /** A check of the project at a commit, read from git; files the memo knows are not scanned again. */
    const checkRevision = async (fs: RevisionFileSystem, side: BaselineSide): Promise<CheckResult> => {
      // The files left to scan go to the workers when there are many, with their contents from git.
      const scan = await openScanService(root, parser!, flags, undefined, { fs, readContent: (at, file) => fs.readFile(absoluteFromPosix(at, file)) });
      try {
        const scanner = memo.scanService(scan.service, async (_root, file) => fs.objectId(file));
        const result = await checkProject({ root, fs, scanner, requirementCache: memo.requirementCache });
        assertConfig(result, side);
        return result;
      } finally {
        await scan.finish();
      }
    };

    /**
     * A check of the working tree as `tracelens check` makes it (workers, the persistent cache). A
     * file git finds unchanged since the baseline is named by the baseline's object ID, so that the
     * baseline's check takes its scan; git compares by stat, so no file is read for it.
     */
    const checkWorkingTree = async (): Promise<CheckResult> => {
      const changed = await changedSince(git, baseSide.commit!, prefix);
      const cacheDir = flags.cache ? flags.cacheDir ?? (await defaultCacheDir(root)) : undefined;
      const caches: CliCache | undefined = cacheDir !== undefined ? { store: blockingNodeCacheStore(cacheDir), tool: await cliBuild(__dirname) } : undefined;
      const scan = await openScanService(root, parser!, flags, caches);
      try {
        const scanner = memo.scanService(scan.service, async (_root, file) => (changed.has(file) ? undefined : baseFs.objectId(file)));
        const requirementCache = chainedRequirementCache(memo.requirementCache, scan.cache);
        const result = await checkProject({ root, fs: blockingNodeFileSystem, scanner, requirementCache });
        assertConfig(result, headSide);
        return result;
      } finally {
        await scan.finish();
      }
    };

    // The head first: with the working tree, its workers scan everything in parallel, and the
    // baseline then reads and scans only the files that differ.
    const timed = async (side: BaselineSide, check: () => Promise<CheckResult>): Promise<CheckResult> => {
      const scanned = memo.counts.scanned;
      const result = await check();
      if (flags.timings) {
        const line = fullCheckTimings(result, 0, performance.now()).replace(/^tracelens: timings: /, '').replace(/ · report 0 ms/, '');
        process.stderr.write(`tracelens: timings: ${sideLabel(side)}: ${line.trimEnd()} · scanned ${memo.counts.scanned - scanned} of ${result.files.codeFiles} code files\n`);
      }
      return result;
    };
    const after = await timed(headSide, () => (headFs ? checkRevision(headFs, headSide) : checkWorkingTree()));
    const before = await timed(baseSide, () => checkRevision(baseFs, baseSide));
    const context: BaselineContext = { base: baseSide, head: headSide, displayRoot: displayRootOf(dir), unread };
    const diff = compareBaselines(before, after);
    const text = flags.format === 'json' ? formatDiffJson(diff, context) : flags.format === 'md' ? formatDiffMarkdown(diff, context) : formatDiffText(diff, context);
    if (flags.output !== undefined) await writeFileAtomic(flags.output, text);
    else process.stdout.write(text);
    if (flags.timings) process.stderr.write(`tracelens: timings: total ${Math.round(performance.now())} ms since start\n`);
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof UnknownRevisionError || error instanceof GitError) {
      process.stderr.write(`tracelens: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  } finally {
    dispose();
    parser?.dispose();
  }
}
