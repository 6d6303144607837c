import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/model/types';
import { nearestIds } from '../../core/authoring/idSuggestions';
import { TOOL_URI } from '../../core/version';
import type { EditorSettingsReader } from '../state/editorSettingsReader';
import { locationOf, rangeOf, uriOf } from '../locations';
import { publishableFindings, relatedLocations } from './diagnosticModel';
import { capFindings, hiddenGapsMessage, worstHidden, type CappedFindings } from './diagnosticCap';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { RuleId } from '../../core/rules/descriptors';

/** The `source` of every Tracelens diagnostic. */
export const DIAGNOSTIC_SOURCE = 'Tracelens';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The code of the diagnostic that says how many gaps of a file were left out for VS Code's cap. */
export const HIDDEN_GAPS_CODE = 'hidden-gaps';

/** The command that opens the Gaps view filtered to one file (argument: the file's URI). */
export const SHOW_GAPS_FOR_FILE = 'tracelens.showGapsForFile';

/** A `command:` URI that runs {@link SHOW_GAPS_FOR_FILE} for a file (hover and Problems links allow commands). */
export function showGapsForFileUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_GAPS_FOR_FILE}?${encodeURIComponent(JSON.stringify([file.toString()]))}`);
}

/** Where a rule is explained: its section of the README. */
export function ruleHelpUri(rule: string): vscode.Uri {
  return vscode.Uri.parse(`${TOOL_URI}/blob/main/README.md#${rule}`);
}

/** The rule ID of a Tracelens diagnostic (its `code`), or undefined for other diagnostics. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

// Implements: TL-042
/**
 * Publishes findings as diagnostics: on the tag in code files, on the item or attribute in
 * requirement files, config problems in the config file. Only files whose findings changed are
 * set again; files left without findings are cleared.
 */
export class Diagnostics {
  private readonly collection = vscode.languages.createDiagnosticCollection('tracelens');
  /** Per folder: the files it set diagnostics on, with a signature of what was set. */
  private readonly published = new Map<string, Map<string, string>>();
  /** Per folder: nearest-ID suggestions for unknown IDs, valid while the defined IDs are unchanged. */
  private readonly suggestions = new Map<string, { idsKey: string; byId: Map<string, string[]> }>();

  constructor(private readonly registry: ProjectRegistry, private readonly settings: EditorSettingsReader) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(this.collection);
    this.registry.onDidChange(this.update, this, subscriptions);
    this.registry.onDidChangeProjects(this.updateAll, this, subscriptions);
    this.settings.onDidChange(this.updateAll, this, subscriptions);
  }

  private updateAll(): void {
    const live = new Set(this.registry.all().map((entry) => entry.folder.uri.toString()));
    for (const [folder, files] of this.published) {
      if (live.has(folder)) continue;
      for (const uri of files.keys()) this.collection.delete(vscode.Uri.parse(uri));
      this.published.delete(folder);
      this.suggestions.delete(folder);
    }
    for (const entry of this.registry.all()) this.update(entry);
  }

  private update(entry: ProjectEntry): void {
    const { project, folder } = entry;
    const snapshot = project.snapshot;
    if (!snapshot) return;
    const view = SnapshotLookup.of(snapshot);
    const key = folder.uri.toString();
    const idsKey = snapshot.findings.some((f) => f.rule === RuleId.UnknownId) ? view.ids().join(',') : '';
    let suggestions = this.suggestions.get(key);
    if (!suggestions || (idsKey !== '' && idsKey !== suggestions.idsKey)) {
      suggestions = { idsKey, byId: new Map() };
      this.suggestions.set(key, suggestions);
    }
    const cache = suggestions.byId;
    const nearest = (id: string): string[] => {
      let found = cache.get(id);
      if (!found) {
        found = nearestIds(id, view.ids());
        cache.set(id, found);
      }
      return found;
    };

    const before = this.published.get(key) ?? new Map<string, string>();
    const after = new Map<string, string>();
    const findingsByFile = publishableFindings(view, {
      partial: project.phase === 'partial',
      requirementDiagnostics: this.settings.for(folder).requirementDiagnostics,
    });
    for (const [file, findings] of findingsByFile) {
      const uri = uriOf(folder, file);
      // The suggestions depend on the defined IDs too: a new item can change "did you mean".
      const signature = `${idsKey.length}:${JSON.stringify(findings)}`;
      after.set(uri.toString(), signature);
      if (before.get(uri.toString()) === signature) continue;
      // Implements: TL-210
      // Capped here, not by VS Code: what is set is what shows, and the summary says what is not.
      const capped = capFindings(findings);
      const diagnostics = capped.shown.map((finding) => this.diagnostic(finding, folder, view, nearest));
      if (capped.hidden > 0) diagnostics.unshift(hiddenGapsDiagnostic(uri, capped));
      this.collection.set(uri, diagnostics);
    }
    for (const uri of before.keys()) if (!after.has(uri)) this.collection.delete(vscode.Uri.parse(uri));
    this.published.set(key, after);
  }

  private diagnostic(finding: Finding, folder: vscode.WorkspaceFolder, view: SnapshotLookup, nearest: (id: string) => string[]): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(rangeOf(finding, finding.id?.length ?? 0), finding.message, SEVERITY[finding.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.rule, target: ruleHelpUri(finding.rule) };
    const related = relatedLocations(finding, view, nearest);
    if (related.length > 0) {
      diagnostic.relatedInformation = related.map((r) => new vscode.DiagnosticRelatedInformation(locationOf(folder, r, finding.id?.length ?? 0), r.message));
    }
    return diagnostic;
  }
}

/** The diagnostic at the top of a capped file: how many gaps are left out, and a link to them all. */
function hiddenGapsDiagnostic(file: vscode.Uri, capped: CappedFindings): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), hiddenGapsMessage(capped), SEVERITY[worstHidden(capped.hiddenBySeverity)]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: HIDDEN_GAPS_CODE, target: showGapsForFileUri(file) };
  return diagnostic;
}
