/**
 * The lines the Tracelens output channel gets for one index of a project: what was read, how long
 * each phase took, which files were skipped and why. Pure (no `vscode` import), unit-tested.
 */
import type { SkippedFile } from '../../core/model/types';
import type { LoadStats, ProjectSnapshot } from '../../core/project/projectIndex';

/** Skipped files listed one by one at `info`; the rest at `debug`. */
export const SKIPPED_AT_INFO = 20;

/** Lines at two levels: what a user sees by default, and what `debug` adds. */
export interface LevelledLines {
  readonly info: readonly string[];
  readonly debug: readonly string[];
}

function count(n: number, word: string, plural = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : plural}`;
}

function skippedLine(skipped: SkippedFile): string {
  return `  skipped ${skipped.file}: ${skipped.reason}${skipped.detail ? ` (${skipped.detail})` : ''}`;
}

// Implements: TL-212
/**
 * The log of one load: a summary line (files listed, requirement files and items, code files and
 * references, findings), the phases' timings, and every skipped file with its reason (the first
 * {@link SKIPPED_AT_INFO} at info level, the others at debug); at debug also each requirement
 * file's item count.
 */
export function indexLogLines(root: string, stats: LoadStats, snapshot: ProjectSnapshot): LevelledLines {
  const t = stats.timings;
  const total = t.config + t.listing + t.requirements + t.results + t.code + t.soup + t.rules;
  const { findings } = snapshot.summary;
  const parts = [
    `${count(stats.listed, 'file')} listed`,
    `${count(stats.requirementFiles, 'requirement file')}, ${count(snapshot.items.length, 'item')}`,
    `${count(stats.codeFiles, 'code file')}, ${count(snapshot.references.length, 'reference')}`,
    ...(stats.resultFiles > 0 ? [count(stats.resultFiles, 'test results file')] : []),
    ...((snapshot.soupFiles?.length ?? 0) > 0 ? [count(snapshot.soupFiles!.length, 'SOUP file')] : []),
    `findings: ${count(findings.error, 'error')}, ${count(findings.warning, 'warning')}, ${count(findings.info, 'info', 'infos')}`,
  ];
  const info = [
    `Indexed ${root} (${snapshot.configFile ?? 'no tracelens.json: defaults'}) in ${total} ms: ${parts.join('; ')}`,
    `  phases: config ${t.config} ms · listing ${t.listing} ms · requirements ${t.requirements} ms · test results ${t.results} ms · code ${t.code} ms · SOUP ${t.soup} ms · rules ${t.rules} ms`,
  ];
  const debug: string[] = [];
  const { skipped } = snapshot;
  if (skipped.length > 0) {
    info.push(`  ${count(skipped.length, 'code file')} skipped${skipped.length > SKIPPED_AT_INFO ? ` (the first ${SKIPPED_AT_INFO} below; the debug level lists all)` : ''}:`);
    skipped.forEach((file, index) => (index < SKIPPED_AT_INFO ? info : debug).push(skippedLine(file)));
  }
  const perFile = new Map<string, number>();
  for (const item of snapshot.items) perFile.set(item.file, (perFile.get(item.file) ?? 0) + 1);
  for (const file of snapshot.requirementFiles) debug.push(`  requirement file ${file}: ${count(perFile.get(file) ?? 0, 'item')}`);
  return { info, debug };
}
