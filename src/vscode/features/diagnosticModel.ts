/**
 * Which findings become diagnostics, and the related locations they carry. Pure; the
 * diagnostics feature turns the result into `vscode.Diagnostic`s.
 */
import type { Finding, RelatedLocation } from '../../core/model/types';
import type { RequirementDiagnostics } from '../state/editorSettings';
import type { SnapshotLookup } from '../state/snapshotLookup';
import { RuleId } from '../../core/rules/descriptors';

/** Coverage findings that mean nothing while the code is still being scanned. */
const COVERAGE_RULES: readonly string[] = [RuleId.Unimplemented, RuleId.Unverified];

/** What decides which findings are shown. */
export interface PublishOptions {
  /** The project is in its `partial` phase: coverage of requirements is not known yet. */
  readonly partial: boolean;
  /** The `tracelens.requirementDiagnostics` setting. */
  readonly requirementDiagnostics: RequirementDiagnostics;
}

// Implements: TL-042
/**
 * The findings to show per file: all of them in code and config files; in requirement files as
 * the setting says; never coverage gaps while the code is still being scanned.
 */
export function publishableFindings(view: SnapshotLookup, options: PublishOptions): Map<string, readonly Finding[]> {
  const requirementFiles = new Set(view.snapshot.requirementFiles);
  const result = new Map<string, readonly Finding[]>();
  for (const file of view.filesWithFindings()) {
    let findings = view.findingsIn(file);
    if (options.partial) findings = findings.filter((f) => !COVERAGE_RULES.includes(f.rule));
    if (requirementFiles.has(file)) {
      if (options.requirementDiagnostics === 'none') continue;
      if (options.requirementDiagnostics === 'errors') findings = findings.filter((f) => f.severity === 'error');
    }
    if (findings.length > 0) result.set(file, findings);
  }
  return result;
}

/**
 * The related locations of a finding's diagnostic: the engine's (the duplicate, the inactive
 * item), and for an unknown ID the nearest defined IDs, as "did you mean" pointers.
 */
export function relatedLocations(finding: Finding, view: SnapshotLookup, nearest: (id: string) => readonly string[]): RelatedLocation[] {
  const related = [...(finding.related ?? [])];
  if (finding.rule === RuleId.UnknownId && finding.id) {
    for (const id of nearest(finding.id)) {
      const item = view.item(id);
      if (item) related.push({ file: item.file, line: item.line, column: item.column, message: `Did you mean ${id}${item.title ? ` (${item.title})` : ''}?` });
    }
  }
  return related;
}
