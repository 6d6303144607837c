// Implements: TL-030, TL-034, TL-064, TL-157
// The full check: loaded by main.ts only when the run cache cannot answer, so that a replay never
// pays for loading the readers, the rules and tree-sitter.
import { appendFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CommentParser } from '../parsing/commentParser';
import { checkProject, type CheckResult } from '../core/project/check';
import { blockingNodeFileSystem } from '../core/files/nodeFileSystem';
import type { Severity } from '../core/model/types';
import { formatGithub } from '../core/reports/githubReport';
import { formatJson } from '../core/reports/jsonReport';
import { formatSarif } from '../core/reports/sarifReport';
import { formatText } from '../core/reports/textReport';
import { buildReportModel } from '../core/reports/evidence/model';
import { stepSummaryMarkdown } from '../core/reports/evidence/markdown';
import { recordedRequirementFiles, RunCache, type ListedFiles, type RenderKey, type Rescan } from '../core/cache/runCache';
import { CodeScanner } from '../core/scan/codeScanner';
import { ScanCache } from '../core/cache/scanCache';
import type { CacheStore } from '../core/cache/cacheStore';
import { WorkerScanService } from '../core/scan/workers/pool';
import { writeFileAtomic } from './atomicWrite';
import { fullCheckTimings } from './timings';
import { preferBaselineWasm } from './wasmTiering';
import { ExitCode, reachesThreshold, stepSummaryFile, UsageError, worstSeverity, type CheckFlags, type Format, type Prepared } from './options';
import { referenceFamilies, scanSettingsFor } from '../core/scan/settings';
import type { RequirementCache } from '../core/readers';
import { type DisposableScanService } from '../core/scan/service';
import { ConfigError } from '../core/config/load';
import { bundledWorkerScript, createScanService, type ScanServiceOptions } from '../core/scan/serviceFactory';
import { contentHash } from '../core/cache/contentHash';
import { LOCK_FILE } from '../core/review/lockFile';
import { installNodeSha256 } from '../core/review/nodeSha256';

// This bundle's fingerprints and Doorstop stamps use Node's native SHA-256 (the same text, faster).
installNodeSha256();

function renderReport(result: CheckResult, format: Format, displayRoot: string, color: boolean): string {
  switch (format) {
    case 'json': return formatJson(result, displayRoot);
    case 'sarif': return formatSarif(result, displayRoot);
    case 'github': return formatGithub(result, displayRoot);
    case 'text': return formatText(result, displayRoot, { color });
  }
}

/** Where a run's caches live and the identity of the build writing them (see buildIdentity.ts). */
export interface CliCache {
  readonly store: CacheStore;
  readonly tool: string;
}

/**
 * The scan service for a CLI run (a check, the working tree of a diff): worker threads when the
 * bundled worker is present (dist/), the in-process scanner otherwise (running from sources); the
 * persistent cache unless `--no-cache`. `source` reads the files from elsewhere than the disk (a git
 * revision's, whose contents the workers are sent).
 */
export async function openScanService(root: string, parser: CommentParser, flags: Pick<CheckFlags, 'threads'>, caches: CliCache | undefined, source?: Pick<ScanServiceOptions, 'fs' | 'readContent'>): Promise<{ service: DisposableScanService; workers?: WorkerScanService; cache?: ScanCache; finish: () => Promise<void> }> {
  const threads = flags.threads !== undefined ? Number(flags.threads) : undefined;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0)) throw new UsageError(`--threads must be a whole number, got ${flags.threads}`);
  const cache = caches ? await ScanCache.open(caches.store, root, caches.tool) : undefined;
  const workerScript = await bundledWorkerScript(blockingNodeFileSystem, __dirname);
  const service = createScanService({
    parser,
    fs: source?.fs ?? blockingNodeFileSystem,
    ...(source?.readContent ? { readContent: source.readContent } : {}),
    ...(workerScript !== undefined ? { workerScript } : {}),
    onLocalScan: preferBaselineWasm,
    // An explicit --threads N asks for workers whatever the project's size.
    ...(threads !== undefined ? { threads, minFilesForWorkers: 0 } : {}),
    ...(cache ? { cache } : {}),
  });
  return {
    service,
    ...(service instanceof WorkerScanService ? { workers: service } : {}),
    ...(cache ? { cache } : {}),
    finish: async () => {
      await service.dispose();
      await cache?.save();
    },
  };
}

/** A finished full check, with what the run cache records of it. */
export interface FullCheck {
  readonly result: CheckResult;
  readonly listed: ListedFiles;
  /** The worker pool when the scan ran in workers (the run cache records what it saw). */
  readonly workers?: WorkerScanService;
  /** The content hash of each requirement file as read. */
  readonly requirementHashes: ReadonlyMap<string, string>;
}

/**
 * Runs the whole check of `root` and hands it to `use`, which returns the exit code; the scan
 * service and tree-sitter are freed afterwards. With a cache store (and the identity of the build
 * writing it), the per-file scan cache is used. Config problems are printed and exit 2 without
 * calling `use`: `check` and `report` share this, so they read a project the same way.
 */
export async function withFullCheck(
  dir: string, root: string, flags: Pick<CheckFlags, 'config' | 'threads' | 'results' | 'strictReview'>, cache: CliCache | undefined, prepared: Prepared | undefined,
  use: (check: FullCheck) => Promise<number>,
): Promise<number> {
  const parser = await CommentParser.create();
  let finish = async (): Promise<void> => undefined;
  try {
    const scan = await openScanService(root, parser, flags, cache);
    finish = scan.finish;
    if (prepared?.identities) scan.workers?.useStats(root, prepared.identities);
    let listed: ListedFiles = { requirementFiles: [], codeFiles: [], unreadableFiles: [] };
    // The content hash of each requirement file as read, for the run cache.
    const requirementHashes = new Map<string, string>();
    const requirementCache: RequirementCache | undefined = scan.cache && {
      getRequirements: (file, hash, configKey) => {
        requirementHashes.set(file, hash);
        return scan.cache!.getRequirements(file, hash, configKey);
      },
      setRequirements: (file, hash, configKey, read) => scan.cache!.setRequirements(file, hash, configKey, read),
    };
    const result = await checkProject({
      root,
      fs: blockingNodeFileSystem,
      ...(flags.config !== undefined ? { configFile: flags.config } : {}),
      ...(flags.results && flags.results.length > 0 ? { results: flags.results } : {}),
      scanner: scan.service,
      ...(requirementCache ? { requirementCache } : {}),
      onListed: (files) => { listed = files; },
      onLockRead: (bytes) => requirementHashes.set(LOCK_FILE, contentHash(bytes)),
      ...(flags.strictReview ? { strictReview: true } : {}),
      ...(prepared ? { prepared: { project: prepared.project, listed: prepared.listed } } : {}),
    });
    // Every code file was scanned: entries of files that are gone only take space.
    scan.cache?.retainOnly(new Set(listed.codeFiles));
    const configProblems = result.findings.filter((f) => f.rule === 'invalid-file' && f.file === result.configFile);
    if (configProblems.length > 0) {
      for (const p of configProblems) process.stderr.write(`${path.join(dir, p.file)}:${p.line}:${p.column}: config error: ${p.message}\n`);
      return ExitCode.Usage;
    }
    return await use({ result, listed, ...(scan.workers ? { workers: scan.workers } : {}), requirementHashes });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`tracelens: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  } finally {
    await finish();
    parser.dispose();
  }
}

/**
 * Runs the whole check of `root` and prints the report; records the run in the run cache for the
 * next replay when there is a cache. `--format github` also appends the job summary to the file
 * `$GITHUB_STEP_SUMMARY` names, when set.
 */
export async function runFullCheck(dir: string, root: string, flags: CheckFlags, render: RenderKey, cache: CliCache | undefined, prepared?: Prepared): Promise<number> {
  const startedAt = prepared?.startedAt ?? Date.now();
  return withFullCheck(dir, root, flags, cache, prepared, async ({ result, listed, workers, requirementHashes }) => {
    const reportStarted = performance.now();
    const text = renderReport(result, flags.format, render.displayRoot, render.color);
    if (flags.output !== undefined) await writeFileAtomic(flags.output, text);
    else process.stdout.write(text);
    if (flags.timings) process.stderr.write(fullCheckTimings(result, performance.now() - reportStarted, performance.now()));
    const summaryFile = stepSummaryFile(flags.format);
    if (summaryFile !== undefined) await appendFile(summaryFile, stepSummaryMarkdown(buildReportModel(result, render.displayRoot)));
    const worst = worstSeverity(result.findings);
    if (cache && workers && !readsUnlisted(result, listed)) await recordRun(cache, root, result, listed, { workers, requirementHashes, prepared, startedAt }, render, text, worst);
    return reachesThreshold(worst, flags.failOn) ? ExitCode.Findings : ExitCode.Ok;
  });
}

// Implements: TL-249
/**
 * Whether the check read files the listing does not hold (needs.json files that sphinx-needs
 * needimports bring in from outside the requirement globs): a replay would not see them change,
 * so such a run is not recorded.
 */
function readsUnlisted(result: CheckResult, listed: ListedFiles): boolean {
  if (!result.importedFiles) return false;
  const files = new Set(listed.requirementFiles);
  return result.importedFiles.some((file) => !files.has(file));
}

/** Records a full run in the run cache, from what the check read (see RunCache.record). */
async function recordRun(
  cache: CliCache, root: string, result: CheckResult, listed: ListedFiles,
  seen: { workers: WorkerScanService; requirementHashes: ReadonlyMap<string, string>; prepared: Prepared | undefined; startedAt: number },
  render: RenderKey, text: string, worst: Severity | 'none',
): Promise<void> {
  const scanned = seen.workers.lastSeen();
  // Requirement files are stat'ed after the check read them: a change since is racy (see RunCache).
  // Those the replay stat'ed already are not stat'ed again.
  const requirementFiles = recordedRequirementFiles(listed);
  const requirementStats = new Map(requirementFiles.map((file) => [file, seen.prepared?.identities?.(file)]));
  const unknown = requirementFiles.filter((file) => requirementStats.get(file) === undefined);
  const found = await blockingNodeFileSystem.statFiles(root, unknown);
  unknown.forEach((file, i) => requirementStats.set(file, found.at(i)));
  const families = referenceFamilies(result.items, result.config);
  await new RunCache(cache.store, blockingNodeFileSystem, root, cache.tool).record({
    root, config: result.config, configFile: result.configFile, settings: scanSettingsFor(result.config, families),
    requirementFiles, codeFiles: listed.codeFiles, ...(listed.soupAsOf !== undefined ? { soupAsOf: listed.soupAsOf } : {}),
    statOf: (file) => requirementStats.get(file) ?? scanned.stats.get(file),
    keyOf: (file) => seen.requirementHashes.get(file) ?? scanned.keys.get(file),
    scanOf: (file) => scanned.scans.get(file),
    startedAt: seen.startedAt,
  }, render, text, worst);
}

/**
 * A scanner for run-cache replays (see `Rescan` in runCache.ts): the same CodeScanner the full
 * check uses, on this thread, with tree-sitter loaded on first use. `dispose` frees it.
 */
export function createRescan(): { rescan: Rescan; dispose: () => void } {
  let parser: Promise<CommentParser> | undefined;
  let scanner: { key: string; scanner: CodeScanner } | undefined;
  return {
    rescan: async (file, bytes, settings) => {
      preferBaselineWasm();
      parser ??= CommentParser.create();
      const key = JSON.stringify(settings);
      if (scanner?.key !== key) scanner = { key, scanner: new CodeScanner(await parser, settings) };
      return scanner.scanner.scanBytes(file, bytes);
    },
    dispose: () => {
      void parser?.then((p) => p.dispose());
    },
  };
}
