// Implements: TL-150, TL-151, TL-158, TL-201
/**
 * `tracelens report`: runs the same full check as `check` (never a run-cache replay: the report
 * needs the whole model), renders it in one format (core/reports/evidence/render.ts) and writes it
 * atomically: one file, or for LOBSTER each file into the output folder, which it creates.
 * Exit 0 when written, 2 on a usage or config error; findings do not change the exit code
 * (`check` is the gate).
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { nodeFileSystem } from '../core/files/nodeFileSystem';
import { blockingNodeCacheStore, defaultCacheDir } from '../core/cache/nodeCacheStore';
import { isFolderFormat, renderReport } from '../core/reports/evidence/render';
import { generationTime, makeStamp, SourceDateEpochError, type ReportStamp } from '../core/reports/evidence/stamp';
import { buildHash, configStamp } from '../core/reports/evidence/stampInputs';
import { gitSource } from '../core/reports/evidence/gitSource';
import { writeFileAtomic } from './atomicWrite';
import { withFullCheck, type CliCache } from './check';
import { nodeGitRunner } from './gitRunner';
import { cliBuild, displayRootOf, ExitCode, type ReportFlags } from './options';
import { installNodeSha256 } from '../core/review/nodeSha256';

// This bundle's fingerprints and Doorstop stamps use Node's native SHA-256 (the same text, faster).
installNodeSha256();

/** The CLI's bundles: the stamp's build hash. */
const CLI_BUNDLES = ['cli.js', 'report.js', 'xlsx.js', 'scanWorker.js'];

function posix(file: string): string {
  return file.split(path.sep).join('/');
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
  const folder = isFolderFormat(flags.format);
  if (outputStat !== undefined && (outputStat.type === 'directory') !== folder) {
    process.stderr.write(folder
      ? `tracelens: --format ${flags.format} writes several files: --output must name a folder, not the file ${flags.output}\n`
      : `tracelens: --output names a directory: ${flags.output}\n`);
    return ExitCode.Usage;
  }
  const cacheDir = flags.cache ? flags.cacheDir ?? (await defaultCacheDir(root)) : undefined;
  const cache: CliCache | undefined = cacheDir !== undefined ? { store: blockingNodeCacheStore(cacheDir), tool: await cliBuild(__dirname) } : undefined;
  return withFullCheck(dir, root, flags, cache, undefined, async ({ result }) => {
    const relativeOutput = posix(path.relative(root, output));
    const inside = relativeOutput !== '' && !relativeOutput.startsWith('../') && !path.isAbsolute(relativeOutput);
    const config = await configStamp(nodeFileSystem, root, result.configFile);
    const stamp = makeStamp({
      build: await buildHash(nodeFileSystem, __dirname, CLI_BUNDLES),
      // The report being written is output, not input: it does not make the tree dirty.
      source: await gitSource(nodeGitRunner(root), inside ? [relativeOutput] : []),
      ...(config ? { config } : {}),
      ...time,
    });
    const linkBase = posix(path.relative(path.dirname(output), root)) || '.';
    const rendered = await renderReport(flags.format, result, { displayRoot: displayRootOf(dir), stamp, linkBase });
    if (rendered.kind === 'file') await writeFileAtomic(output, rendered.content);
    else {
      await mkdir(output, { recursive: true });
      for (const [name, content] of rendered.files) await writeFileAtomic(path.join(output, name), content);
    }
    const what = rendered.kind === 'folder' ? `${rendered.files.size} files, ` : '';
    process.stderr.write(`tracelens: wrote ${flags.output} (${flags.format}: ${what}${result.items.length} items, ${result.findings.length} findings)\n`);
    return ExitCode.Ok;
  });
}
