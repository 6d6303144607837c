// Implements: TL-172, TL-174
/** The SOUP check joined to a project's analysis: its findings merged, its numbers in the summary. */
import type { TracelensConfig } from '../config/types';
import type { FileSystem } from '../files/fileSystem';
import type { Finding } from '../model/types';
import { countFindings, type CoverageSummary, type SoupSummary } from '../rules/coverage';
import { compareFindings } from '../rules/evaluate';
import type { TraceIndex } from '../rules/traceIndex';
import { loadSoup, soupDay, type SoupModel } from './project';
import { soupFindings } from './rules';

/** The SOUP check's result. */
export interface SoupCheck {
  readonly model: SoupModel;
  readonly findings: readonly Finding[];
  readonly summary: SoupSummary;
}

/** Whether a project checks SOUP: its config names a register, or the listing found one (or a manifest with it). */
export function checksSoup(config: TracelensConfig, soupFiles: readonly string[] | undefined): boolean {
  return config.soup !== undefined || (soupFiles !== undefined && soupFiles.length > 0);
}

/** Judges a SOUP model against the items of the trace index (risk IDs must be defined). */
export function judgeSoup(model: SoupModel, config: TracelensConfig, index: TraceIndex): SoupCheck {
  return {
    model,
    findings: soupFindings(model, config, (id) => index.itemsById.has(id)),
    summary: {
      register: model.registerFile,
      registerFound: model.register !== undefined,
      entries: model.register?.entries.length ?? 0,
      manifests: model.manifests.length,
      directDependencies: model.dependencies.filter((d) => d.direct).length,
      transitiveDependencies: model.dependencies.filter((d) => !d.direct).length,
    },
  };
}

/** Reads and judges a project's SOUP from disk; undefined when the project checks none. */
export async function checkSoupFiles(
  fs: FileSystem, root: string, config: TracelensConfig, listed: { readonly soupFiles?: readonly string[]; readonly soupAsOf?: string }, index: TraceIndex,
): Promise<SoupCheck | undefined> {
  if (!checksSoup(config, listed.soupFiles)) return undefined;
  const model = await loadSoup(fs, root, config, listed.soupFiles ?? [], listed.soupAsOf ?? soupDay());
  return judgeSoup(model, config, index);
}

/** An analysis with the SOUP check's findings merged in order and counted in the summary. */
export function withSoup<T extends { readonly findings: readonly Finding[]; readonly summary: CoverageSummary }>(analysed: T, soup: SoupCheck | undefined): T {
  if (!soup) return analysed;
  const findings = [...analysed.findings, ...soup.findings].sort(compareFindings);
  return { ...analysed, findings, summary: { ...analysed.summary, ...countFindings(findings), soup: soup.summary } };
}
