// Implements: TL-188
/**
 * Reviewing suspect links in the editor: the quick fix on a `suspect-link` diagnostic ("Mark
 * reviewed against REQ-012 as it is now") and the command "Tracelens: Review Suspect Links" (the
 * active file's, or an item's). The core plans the new tracelens.lock (review/reviewPlan.ts); here
 * it is written atomically, only on these explicit actions, and read back at once.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../cli/atomicWrite';
import { LOCK_FILE } from '../../core/review/lockFile';
import { planReview, type ReviewSelection } from '../../core/review/reviewPlan';
import type { LinkReview } from '../../core/review/reviewState';
import { RuleId } from '../../core/rules/descriptors';
import { ruleOf } from './diagnostics';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';

/** The quick fix's command: marks the links with these keys reviewed in the folder's project. */
export const MARK_REVIEWED_COMMAND = 'tracelens.markReviewed';
export const REVIEW_SUSPECT_COMMAND = 'tracelens.reviewSuspectLinks';

/** The title of the quick fix on a suspect link. */
export function markReviewedTitle(target: string): string {
  return `Mark reviewed against ${target} as it is now`;
}

/** Quick fixes on `suspect-link` diagnostics, and the review commands. */
export class ReviewFeature implements vscode.CodeActionProvider {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(
      vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.commands.registerCommand(MARK_REVIEWED_COMMAND, (folder: vscode.Uri, keys: string[]) => this.markReviewed(folder, keys)),
      vscode.commands.registerCommand(REVIEW_SUSPECT_COMMAND, (target?: vscode.Uri | string) => this.reviewSuspect(target)),
    );
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const located = this.registry.locate(document.uri);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot) return [];
    const view = SnapshotLookup.of(snapshot);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (ruleOf(diagnostic) !== RuleId.SuspectLink) continue;
      const review = view.reviewAt(located.file, diagnostic.range.start.line + 1, diagnostic.range.start.character + 1);
      // Doorstop's own fingerprints are Doorstop's to record (doorstop clear).
      if (!review || review.state !== 'suspect' || review.doorstop) continue;
      const action = new vscode.CodeAction(markReviewedTitle(review.target), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.command = { title: action.title, command: MARK_REVIEWED_COMMAND, arguments: [located.entry.folder.uri, [review.key]] };
      actions.push(action);
    }
    return actions;
  }

  /** Records the links with these keys as reviewed now. */
  private async markReviewed(folder: vscode.Uri, keys: readonly string[]): Promise<void> {
    const entry = this.registry.entryFor(folder);
    if (entry) await this.write(entry, { keys });
  }

  /** Reviews the suspect links of the active file, or of an item (its ID, or picked from the suspect ones). */
  private async reviewSuspect(target?: vscode.Uri | string): Promise<void> {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    const located = uri && this.registry.locate(uri);
    const entry = located?.entry ?? this.registry.all()[0];
    const snapshot = entry?.project.snapshot;
    if (!entry || !snapshot) return;
    const view = SnapshotLookup.of(snapshot);
    let links: LinkReview[];
    if (typeof target === 'string') {
      links = view.suspectLinks({ target });
    } else if (located && view.suspectLinks({ file: located.file }).length > 0) {
      links = view.suspectLinks({ file: located.file });
    } else {
      const ids = [...new Set(view.suspectLinks({}).map((review) => review.target))].sort();
      if (ids.length === 0) {
        void vscode.window.showInformationMessage('Tracelens: no suspect links.');
        return;
      }
      const picked = await vscode.window.showQuickPick(ids.map((id) => ({ label: id, description: view.item(id)?.title ?? '' })), { title: 'Review the suspect links to which item?' });
      if (!picked) return;
      links = view.suspectLinks({ target: picked.label });
    }
    if (links.length === 0) {
      void vscode.window.showInformationMessage('Tracelens: no suspect links here.');
      return;
    }
    await this.write(entry, { keys: links.map((review) => review.key) });
    void vscode.window.showInformationMessage(`Tracelens: ${links.length} link${links.length === 1 ? '' : 's'} to ${[...new Set(links.map((l) => l.target))].join(', ')} marked reviewed in ${LOCK_FILE}.`);
  }

  private async write(entry: ProjectEntry, selection: ReviewSelection): Promise<void> {
    const snapshot = entry.project.snapshot;
    if (!snapshot?.review) return;
    const view = SnapshotLookup.of(snapshot);
    const plan = planReview(snapshot.review.links, snapshot.lock, (id) => view.item(id), selection);
    await writeFileAtomic(path.join(entry.folder.uri.fsPath, LOCK_FILE), plan.text);
    await entry.project.lockWritten();
  }
}
