/**
 * The status bar's text, tooltip and click: implemented and verified percentages over every
 * project of the window, or, when nothing was found, a warning that offers to configure. Pure; the
 * status bar item only displays it.
 */
import type { CoverageSummary } from '../../core/rules/coverage';

/** What the status bar item shows, and the command a click runs. */
export interface StatusText {
  readonly text: string;
  readonly tooltip: string;
  readonly command: 'tracelens.showGaps' | 'tracelens.openConfig';
}

/** What the status bar needs of a project's snapshot. */
export interface StatusSource {
  readonly summary: CoverageSummary;
  readonly requirementFiles: readonly string[];
  readonly configFile?: string;
}

function percent(part: number, whole: number): number {
  return Math.floor((part / whole) * 100);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// Implements: TL-048, TL-076
/**
 * The summaries the status bar counts: those of projects Tracelens was pointed at (items, a
 * requirement file or a config file), so that an unrelated folder of a multi-root workspace does
 * not count; when no project was, all of them, so that "nothing found" is said, never hidden.
 */
export function statusSummaries(sources: readonly StatusSource[]): CoverageSummary[] {
  const pointed = sources.filter((s) => s.summary.items > 0 || s.requirementFiles.length > 0 || s.configFile !== undefined);
  return (pointed.length > 0 ? pointed : sources).map((s) => s.summary);
}

/**
 * `$(checklist) 83% impl · 75% verif` over the projects' summaries (percentages of active
 * requirements, rounded down so 99.6% never shows as done), with counts in the tooltip. Without
 * any item: `$(warning) No requirements`, and a click opens (or offers to create) tracelens.json;
 * without an active requirement: no percentage either.
 */
export function statusText(summaries: readonly CoverageSummary[]): StatusText {
  const sum = (pick: (s: CoverageSummary) => number): number => summaries.reduce((total, s) => total + pick(s), 0);
  const items = sum((s) => s.items);
  const requirements = sum((s) => s.requirements);
  const implemented = sum((s) => s.implemented);
  const verified = sum((s) => s.verified);
  const errors = sum((s) => s.findings.error);
  const warnings = sum((s) => s.findings.warning);
  const risks = sum((s) => s.risks);
  const findings = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  if (items === 0) {
    return {
      text: '$(warning) No requirements',
      tooltip: [
        'Tracelens found no requirements: the Gaps view says where it looked.',
        findings,
        'Click to open or create tracelens.json and point "requirements" at your requirement files',
      ].join('\n'),
      command: 'tracelens.openConfig',
    };
  }
  const coverage = requirements === 0
    ? ['No active requirements']
    : [
      `Tracelens: ${plural(requirements, 'active requirement')}`,
      `${implemented} implemented (${percent(implemented, requirements)}%), ${verified} verified (${percent(verified, requirements)}%)`,
    ];
  const tooltip = [
    ...coverage,
    ...(risks > 0 ? [`${sum((s) => s.mitigatedRisks)} of ${risks} risks mitigated`] : []),
    findings,
    'Click to show the gaps',
  ].join('\n');
  const text = requirements === 0
    ? '$(checklist) No active requirements'
    : `$(checklist) ${percent(implemented, requirements)}% impl · ${percent(verified, requirements)}% verif`;
  return { text, tooltip, command: 'tracelens.showGaps' };
}
