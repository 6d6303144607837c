/**
 * The status bar's text and tooltip: implemented and verified percentages over every project of
 * the window. Pure; the status bar item only displays it.
 */
import type { CoverageSummary } from '../../core/rules/coverage';

/** What the status bar item shows. */
export interface StatusText {
  readonly text: string;
  readonly tooltip: string;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 100);
}

// Implements: TL-048
/**
 * `$(checklist) 83% impl · 75% verif` over the projects' summaries (percentages of active
 * requirements, rounded down so 99.6% never shows as done), with counts in the tooltip.
 */
export function statusText(summaries: readonly CoverageSummary[]): StatusText {
  const sum = (pick: (s: CoverageSummary) => number): number => summaries.reduce((total, s) => total + pick(s), 0);
  const requirements = sum((s) => s.requirements);
  const implemented = sum((s) => s.implemented);
  const verified = sum((s) => s.verified);
  const errors = sum((s) => s.findings.error);
  const warnings = sum((s) => s.findings.warning);
  const risks = sum((s) => s.risks);
  const tooltip = [
    `Tracelens: ${requirements} active requirement${requirements === 1 ? '' : 's'}`,
    `${implemented} implemented (${percent(implemented, requirements)}%), ${verified} verified (${percent(verified, requirements)}%)`,
    ...(risks > 0 ? [`${sum((s) => s.mitigatedRisks)} of ${risks} risks mitigated`] : []),
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    'Click to show the gaps',
  ].join('\n');
  return { text: `$(checklist) ${percent(implemented, requirements)}% impl · ${percent(verified, requirements)}% verif`, tooltip };
}
