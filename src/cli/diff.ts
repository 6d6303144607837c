// Implements: TL-190, TL-191, TL-194
// `tracelens diff`: loaded by main.ts only for this command. Checks the project at two revisions
// (or a revision and the working tree) with the unchanged check pipeline, each revision read from
// git through a RevisionFileSystem, and prints what changed between them.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../parsing/commentParser';
import { compareBaselines, sideLabel, type BaselineContext, type BaselineSide } from '../core/baseline/compare';
import { GitError, resolveCommit, UnknownRevisionError } from '../core/baseline/gitTree';
import { RevisionFileSystem } from '../core/baseline/revisionFileSystem';
import { BaselineMemo, blobIdOnDisk } from '../core/baseline/scanMemo';
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
import { gitRepository, runGit } from './git';
import { cliBuild, displayRootOf, ExitCode, UsageError } from './options';
import { preferBaselineWasm } from './wasmTiering';

/** The options of `tracelens diff`, as commander parses them. */
export interface DiffFlags {
  format: 'text' | 'json' | 'md';
  output?: string;
  cache: boolean;
  cacheDir?: string;
  threads?: string;
}

/** The repository's top folder holding `dir`, or undefined when `dir` is in none. */
async function repositoryTop(dir: string): Promise<string | undefined> {
  try {
    return (await runGit(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    if (error instanceof GitError && /not installed/.test(error.message)) throw new UsageError(error.message);
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
    const algorithm = baseSide.commit!.length === 64 ? 'sha256' : 'sha1';
    preferBaselineWasm();
    parser = await CommentParser.create();
    const memo = new BaselineMemo();
    const unread: Array<BaselineContext['unread'][number]> = [];

    /** A check of the project at a commit, read from git; unchanged files are not scanned again. */
    const checkRevision = async (side: BaselineSide, label: 'base' | 'head'): Promise<CheckResult> => {
      const fs = await RevisionFileSystem.open(git, side.commit!, prefix, root);
      for (const entry of fs.unread) if (entry.reason === 'submodule') unread.push({ side: label, path: entry.path, reason: entry.reason });
      // Only the files that differ from the other side are scanned here, by the workers when there
      // are many, sent the contents read from git.
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

    /** A check of the working tree as `tracelens check` makes it (workers, the persistent cache). */
    const checkWorkingTree = async (): Promise<CheckResult> => {
      const cacheDir = flags.cache ? flags.cacheDir ?? (await defaultCacheDir(root)) : undefined;
      const caches: CliCache | undefined = cacheDir !== undefined ? { store: blockingNodeCacheStore(cacheDir), tool: await cliBuild(__dirname) } : undefined;
      const scan = await openScanService(root, parser!, flags, caches);
      try {
        const scanner = memo.scanService(scan.service, blobIdOnDisk(nodeFileSystem, algorithm));
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
    const after = head === undefined ? await checkWorkingTree() : await checkRevision(headSide, 'head');
    const before = await checkRevision(baseSide, 'base');
    const context: BaselineContext = { base: baseSide, head: headSide, displayRoot: displayRootOf(dir), unread: unread.sort((a, b) => (a.side < b.side ? -1 : a.side > b.side ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
    const diff = compareBaselines(before, after);
    const text = flags.format === 'json' ? formatDiffJson(diff, context) : flags.format === 'md' ? formatDiffMarkdown(diff, context) : formatDiffText(diff, context);
    if (flags.output !== undefined) await writeFileAtomic(flags.output, text);
    else process.stdout.write(text);
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
