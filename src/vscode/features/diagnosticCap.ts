/**
 * VS Code keeps at most 1,000 diagnostics per file: past that it keeps errors, then warnings,
 * then infos, and says only "Not showing N further errors and warnings". Tracelens caps a file's
 * findings itself, so that what it publishes is what is shown, and says how many gaps are left out
 * and where to see them. Pure; the diagnostics feature turns the result into `vscode.Diagnostic`s.
 */
import type { Finding, Severity } from '../../core/model/types';

/**
 * Diagnostics VS Code shows per file (`_maxDiagnosticsPerFile` in its extHostDiagnostics.ts;
 * above it, it drops the rest by severity and adds its own unexplained marker).
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Findings counted by severity. */
export type SeverityCounts = Readonly<Record<Severity, number>>;

/** What a file's diagnostics show once capped. */
export interface CappedFindings {
  /** The findings to publish: errors first, then warnings, then infos, each by place. */
  readonly shown: readonly Finding[];
  /** How many findings were left out; 0 when the file fits. */
  readonly hidden: number;
  /** The findings left out, by severity. */
  readonly hiddenBySeverity: SeverityCounts;
}

/** Errors first, then warnings, then infos; by line and column within a severity, else as given. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.line - b.line || a.column - b.column);
}

// Implements: TL-210
/**
 * A file's findings ordered by severity and cut to `cap` diagnostics, one of which is kept for
 * the summary of what was cut: with 6,000 findings, 999 are shown and 5,001 counted.
 */
export function capFindings(findings: readonly Finding[], cap = MAX_DIAGNOSTICS_PER_FILE): CappedFindings {
  const ordered = bySeverity(findings);
  if (ordered.length <= cap) return { shown: ordered, hidden: 0, hiddenBySeverity: { error: 0, warning: 0, info: 0 } };
  const shown = ordered.slice(0, cap - 1);
  const counts = { error: 0, warning: 0, info: 0 };
  for (let i = cap - 1; i < ordered.length; i++) counts[ordered[i]!.severity]++;
  return { shown, hidden: ordered.length - shown.length, hiddenBySeverity: counts };
}

/** The most severe kind among the findings left out: the summary diagnostic's severity. */
export function worstHidden(counts: SeverityCounts): Severity {
  return counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info';
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The summary diagnostic's message:
 * `5,001 more gaps in this file are not listed as problems (2,101 warnings, 2,900 infos): VS Code shows at most 1,000 per file. …`
 */
export function hiddenGapsMessage(capped: CappedFindings, cap = MAX_DIAGNOSTICS_PER_FILE): string {
  const { error, warning, info } = capped.hiddenBySeverity;
  const parts = [error > 0 ? plural(error, 'error') : '', warning > 0 ? plural(warning, 'warning') : '', info > 0 ? plural(info, 'info') : ''].filter((p) => p !== '');
  // Never fewer than 2: the summary takes the place of one shown finding.
  return `${capped.hidden.toLocaleString('en-US')} more gaps in this file are not listed as problems (${parts.join(', ')}): VS Code shows at most ${cap.toLocaleString('en-US')} per file. `
    + 'Every item\'s coverage shows in the gutter; the Gaps view filtered to this file lists them all.';
}
