// Implements: TL-187
// `tracelens review [dir] [ID…]`: records in tracelens.lock what every link (or every link to the
// given IDs) is reviewed against, after a full check without caches; loaded only for this command.
import * as path from 'node:path';
import { CommentParser } from '../parsing/commentParser';
import { checkProject } from '../core/project/check';
import { blockingNodeFileSystem } from '../core/files/nodeFileSystem';
import { bundledWorkerScript, createScanService } from '../core/scan/serviceFactory';
import { ConfigError } from '../core/config/load';
import { emptyLock, LOCK_FILE } from '../core/review/lockFile';
import { planReview } from '../core/review/reviewPlan';
import { shortFingerprint } from '../core/review/fingerprint';
import { reviewLinks, type LinkReview } from '../core/review/reviewState';
import { writeFileAtomic } from './atomicWrite';
import { ExitCode } from './options';
import { installNodeSha256 } from '../core/review/nodeSha256';

// This bundle's fingerprints and Doorstop stamps use Node's native SHA-256 (the same text, faster).
installNodeSha256();

/** `src/pump/bolus.c:42 (check_bolus)` or `requirements/srs.md:20 (SRS-001's parent link)`. */
function describeLink(review: LinkReview): string {
  const where = `${review.file}:${review.line}`;
  if (review.source.kind === 'item') return `${where} (${review.source.id}'s ${review.relation} link)`;
  return review.source.anchor.startsWith('#') ? `${where} (${review.relation} tag)` : `${where} (${review.relation} tag in ${review.source.anchor})`;
}

/** Runs `tracelens review`: exit 0 when the lock was written, 2 on a usage or config error. */
export async function runReview(dir: string, ids: readonly string[], flags: { config?: string }): Promise<number> {
  const root = path.resolve(dir);
  const parser = await CommentParser.create();
  const workerScript = await bundledWorkerScript(blockingNodeFileSystem, __dirname);
  const scanner = createScanService({ parser, fs: blockingNodeFileSystem, ...(workerScript !== undefined ? { workerScript } : {}) });
  try {
    const result = await checkProject({ root, fs: blockingNodeFileSystem, scanner, ...(flags.config !== undefined ? { configFile: flags.config } : {}) });
    const configProblems = result.findings.filter((f) => f.rule === 'invalid-file' && f.file === result.configFile);
    if (configProblems.length > 0) {
      for (const p of configProblems) process.stderr.write(`${path.join(dir, p.file)}:${p.line}:${p.column}: config error: ${p.message}\n`);
      return ExitCode.Usage;
    }
    const unknown = ids.filter((id) => !result.index.itemsById.has(id));
    if (unknown.length > 0) {
      process.stderr.write(`tracelens: no item defines ${unknown.join(', ')}: nothing was reviewed\n`);
      return ExitCode.Usage;
    }
    // Lines a malformed lock holds are not kept: say which, so nothing goes silently.
    for (const problem of result.lock?.problems ?? []) {
      process.stderr.write(`${path.join(dir, problem.file)}:${problem.line}: dropped: ${problem.message}\n`);
    }
    // Without a lock, the check judged no link by it: every link is one to record.
    const links = result.lock ? result.review?.links ?? [] : reviewLinks({ ...result, lock: emptyLock() });
    const plan = planReview(links, result.lock, (id) => result.index.itemsById.get(id)?.[0], ids.length > 0 ? { ids } : {});
    await writeFileAtomic(path.join(root, LOCK_FILE), plan.text);
    for (const review of plan.changed) {
      const was = review.state === 'suspect' ? `was suspect (reviewed at ${shortFingerprint(review.recorded!)})` : 'was unreviewed';
      process.stdout.write(`recorded ${review.target} ${shortFingerprint(review.fingerprint)}  ${describeLink(review)}  ${was}\n`);
    }
    const selected = links.filter((review) => ids.length === 0 || ids.includes(review.target));
    const doorstop = selected.filter((review) => review.doorstop).length;
    const twice = selected.filter((review) => !review.doorstop && review.state === 'not-checked').length;
    const left = (doorstop > 0 ? `; ${doorstop} Doorstop link${doorstop === 1 ? '' : 's'} with Doorstop fingerprints left to doorstop clear` : '')
      + (twice > 0 ? `; ${twice} link${twice === 1 ? '' : 's'} to IDs defined more than once not recorded (see duplicate-id)` : '');
    const scope = ids.length > 0 ? ` to ${ids.join(', ')}` : '';
    process.stdout.write(`${plan.changed.length + plan.unchanged} link${plan.changed.length + plan.unchanged === 1 ? '' : 's'}${scope} reviewed: ${plan.changed.length} recorded anew, ${plan.unchanged} unchanged${left}; wrote ${path.join(dir, LOCK_FILE)}\n`);
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tracelens: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  } finally {
    await scanner.dispose();
    parser.dispose();
  }
}
