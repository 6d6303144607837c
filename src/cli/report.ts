// Implements: TL-150, TL-151, TL-158
/**
 * `tracelens report`: runs the same full check as `check` (never a run-cache replay: the report
 * needs the whole model), builds the report's model and writes it in one format, atomically.
 * Exit 0 when written, 2 on a usage or config error; findings do not change the exit code
 * (`check` is the gate).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { nodeFileSystem } from '../core/files/nodeFileSystem';
import { blockingNodeCacheStore, defaultCacheDir } from '../core/cache/nodeCacheStore';
import { buildReportModel, type ReportModel } from '../core/reports/evidence/model';
import { formatCsv } from '../core/reports/evidence/csv';
import { formatHtml } from '../core/reports/evidence/html';
import { formatJsonReport } from '../core/reports/evidence/json';
import { formatMarkdownReport } from '../core/reports/evidence/markdown';
import { generationTime, makeStamp, SourceDateEpochError, type ReportStamp } from '../core/reports/evidence/stamp';
import type { CheckResult } from '../core/project/check';
import { writeFileAtomic } from './atomicWrite';
import { withFullCheck, type CliCache } from './check';
import { gitSource } from './gitSource';
import { cliBuild, displayRootOf, ExitCode, type ReportFlags, type ReportFormat } from './options';

/** The bundles of this build, hashed: the same build gives the same value on every machine. */
async function buildHash(): Promise<string> {
  const hash = createHash('sha256');
  let found = 0;
  for (const name of ['cli.js', 'report.js', 'xlsx.js', 'scanWorker.js']) {
    const bytes = await nodeFileSystem.readFile(path.join(__dirname, name)).catch(() => undefined);
    if (bytes === undefined) continue;
    hash.update(name).update(bytes);
    found++;
  }
  return found === 0 ? 'unbundled (run from the sources)' : `sha256:${hash.digest('hex').slice(0, 16)}`;
}

/** The configuration file read, with the SHA-256 of its bytes (check it with `sha256sum`). */
async function configStamp(root: string, result: CheckResult): Promise<ReportStamp['config']> {
  if (result.configFile === undefined) return undefined;
  const bytes = await nodeFileSystem.readFile(path.resolve(root, result.configFile)).catch(() => undefined);
  if (bytes === undefined) return undefined;
  return { file: result.configFile, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function posix(file: string): string {
  return file.split(path.sep).join('/');
}

async function render(format: ReportFormat, model: ReportModel, stamp: ReportStamp, linkBase: string): Promise<string | Uint8Array> {
  switch (format) {
    case 'html': return formatHtml(model, stamp, { linkBase });
    case 'csv': return formatCsv(model);
    case 'md': return formatMarkdownReport(model, stamp);
    case 'json': return formatJsonReport(model, stamp);
    case 'xlsx': {
      // Required here: exceljs is initialised only when a workbook is written.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { formatXlsx } = require('../core/reports/evidence/xlsx') as typeof import('../core/reports/evidence/xlsx');
      return formatXlsx(model, stamp);
    }
  }
}

/** Runs `tracelens report` and returns its exit code. */
export async function runReport(dir: string, flags: ReportFlags): Promise<number> {
  const root = path.resolve(dir);
  const stat = await nodeFileSystem.stat(root);
  if (!stat || stat.type !== 'directory') {
    process.stderr.write(`tracelens: not a directory: ${dir}\n`);
    return ExitCode.Usage;
  }
  let time: Pick<ReportStamp, 'generatedAt' | 'timeFrom'>;
  try {
    time = generationTime(process.env['SOURCE_DATE_EPOCH'], Date.now());
  } catch (error) {
    if (!(error instanceof SourceDateEpochError)) throw error;
    process.stderr.write(`tracelens: ${error.message}\n`);
    return ExitCode.Usage;
  }
  const output = path.resolve(flags.output);
  const outputStat = await nodeFileSystem.stat(output);
  if (outputStat?.type === 'directory') {
    process.stderr.write(`tracelens: --output names a directory: ${flags.output}\n`);
    return ExitCode.Usage;
  }
  const cacheDir = flags.cache ? flags.cacheDir ?? (await defaultCacheDir(root)) : undefined;
  const cache: CliCache | undefined = cacheDir !== undefined ? { store: blockingNodeCacheStore(cacheDir), tool: await cliBuild(__dirname) } : undefined;
  return withFullCheck(dir, root, flags, cache, undefined, async ({ result }) => {
    const model = buildReportModel(result, displayRootOf(dir));
    const relativeOutput = posix(path.relative(root, output));
    const inside = !relativeOutput.startsWith('../') && !path.isAbsolute(relativeOutput);
    const config = await configStamp(root, result);
    const stamp = makeStamp({
      build: await buildHash(),
      source: gitSource(root, inside ? [relativeOutput] : []),
      ...(config ? { config } : {}),
      ...time,
    });
    const linkBase = posix(path.relative(path.dirname(output), root)) || '.';
    await writeFileAtomic(output, await render(flags.format, model, stamp, linkBase));
    process.stderr.write(`tracelens: wrote ${flags.output} (${flags.format}: ${model.rows.length} items, ${model.gaps.length} findings)\n`);
    return ExitCode.Ok;
  });
}
