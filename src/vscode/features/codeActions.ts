import * as vscode from 'vscode';
import { isId } from '../../core/model/ids';
import { nearestIds } from '../../core/authoring/idSuggestions';
import { removeReference } from '../../core/authoring/tagInsertion';
import { ruleOf } from './diagnostics';
import { CREATE_ITEM_COMMAND } from './createItem';
import { unitAt } from './codeUnits';
import { soupEntryEdit, stubFile, stubRefusalFor, tagKeyword } from './edits';
import { dependencyAt } from '../../core/soup/hover';
import type { Located, ProjectEntry, ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { RuleId } from '../../core/rules/descriptors';
import { currentRevision, revisionTable } from '../../core/model/revisions';

/** The kind of the "Trace to requirement…" action. */
export const TRACE_KIND = vscode.CodeActionKind.Refactor.append('tracelens');

/** "Add X to the SOUP register": its edit is planned only when chosen (it reads the register). */
class AddSoupEntryAction extends vscode.CodeAction {
  constructor(title: string, readonly entry: ProjectEntry, readonly name: string, readonly version: string | undefined, diagnostic: vscode.Diagnostic) {
    super(title, vscode.CodeActionKind.QuickFix);
    this.diagnostics = [diagnostic];
    this.isPreferred = true;
  }
}

// Implements: TL-046
/**
 * Quick fixes for Tracelens diagnostics (filtered by their rule code) and the "Trace to
 * requirement…" refactoring on a definition in a code file.
 */
export class CodeActionsFeature implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, TRACE_KIND];

  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, {
      providedCodeActionKinds: CodeActionsFeature.providedCodeActionKinds,
    }));
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const located = this.registry.locate(document.uri);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot) return [];
    const view = SnapshotLookup.of(snapshot);
    const actions: vscode.CodeAction[] = [];
    const wantsFixes = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsFixes) {
      for (const diagnostic of context.diagnostics) {
        switch (ruleOf(diagnostic)) {
          case RuleId.UnknownId: actions.push(...this.unknownIdFixes(document, diagnostic, located, view)); break;
          case RuleId.OutdatedLink: actions.push(...this.outdatedLinkFixes(document, diagnostic, view)); break;
          case RuleId.InactiveReference: actions.push(...this.retargetFix(document, diagnostic, view), ...this.removeReferenceFix(document, diagnostic, view)); break;
          case RuleId.Unimplemented: actions.push(...this.coverageFixes(document, diagnostic, 'implements')); break;
          case RuleId.Unverified: actions.push(...this.coverageFixes(document, diagnostic, 'verifies')); break;
          case RuleId.SoupUnlisted: actions.push(...this.soupEntryFix(diagnostic, located)); break;
        }
      }
    }
    const wantsTrace = !context.only || context.only.contains(TRACE_KIND) || TRACE_KIND.contains(context.only);
    if (wantsTrace && located.entry.project.roleOf(located.file) === 'code') {
      const trace = await this.traceAction(located, document, range.start, context);
      if (trace && !token.isCancellationRequested) actions.push(trace);
    }
    return actions;
  }

  async resolveCodeAction(action: vscode.CodeAction): Promise<vscode.CodeAction> {
    if (action instanceof AddSoupEntryAction) {
      const planned = await soupEntryEdit(action.entry, action.name, action.version);
      if (!planned) return action;
      action.edit = planned.edit;
      const position = new vscode.Position(planned.line, 0);
      action.command = { title: 'Open', command: 'vscode.open', arguments: [planned.uri, { selection: new vscode.Range(position, position) }] };
      return action;
    }
    return action;
  }

  // Implements: TL-177
  /** "Add lodash 4.17.21 to the SOUP register" on the dependency a `soup-unlisted` finding is at. */
  private soupEntryFix(diagnostic: vscode.Diagnostic, located: Located): vscode.CodeAction[] {
    const soup = located.entry.project.snapshot?.soup;
    const start = diagnostic.range.start;
    const dependency = soup && dependencyAt(soup, located.file, start.line + 1, start.character + 1);
    if (!dependency) return [];
    const version = dependency.resolution === 'locked' || dependency.resolution === 'exact' ? dependency.version : undefined;
    return [new AddSoupEntryAction(`Add ${dependency.name}${version !== undefined ? ` ${version}` : ''} to the SOUP register`, located.entry, dependency.name, version, diagnostic)];
  }

  private unknownIdFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, located: Located, view: SnapshotLookup): vscode.CodeAction[] {
    const id = document.getText(diagnostic.range);
    if (!isId(id)) return [];
    const actions: vscode.CodeAction[] = nearestIds(id, view.ids()).map((near, index) => {
      const title = view.item(near)?.title;
      const action = new vscode.CodeAction(`Change to ${near}${title ? ` (${title})` : ''}`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = index === 0;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, near);
      return action;
    });
    const refusal = stubRefusalFor(located.entry, id);
    if (refusal) {
      // Implements: TL-134
      // Shown greyed out with its reason: the item belongs in the requirements tool, not in its export.
      const action = new vscode.CodeAction(`Create ${id}`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.disabled = { reason: refusal };
      actions.push(action);
      return actions;
    }
    const file = stubFile(located.entry, id);
    if (file) {
      // Implements: TL-224
      // A command, not an edit: it asks the new item's safety class first.
      const action = new vscode.CodeAction(`Create ${id} in ${file}`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { title: action.title, command: CREATE_ITEM_COMMAND, arguments: [located.entry.folder.uri, id] };
      actions.push(action);
    }
    return actions;
  }

  // Implements: TL-123
  /** "Change to dsn~x~2": the tag or `Covers:` entry retargeted to the defined revision. */
  private outdatedLinkFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, view: SnapshotLookup): vscode.CodeAction[] {
    const id = document.getText(diagnostic.range);
    const current = currentRevision(id, revisionTable(view.ids()));
    if (current === undefined) return [];
    const title = view.item(current)?.title;
    const action = new vscode.CodeAction(`Change to ${current}${title ? ` (${title})` : ''}`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, diagnostic.range, current);
    return [action];
  }

  // Implements: TL-226
  /** "Retarget to REQ-020": the reference to an inactive item changed to the successor it names. */
  private retargetFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, view: SnapshotLookup): vscode.CodeAction[] {
    const id = document.getText(diagnostic.range);
    const inactive = view.item(id);
    const successor = inactive && view.successor(inactive);
    if (!successor) return [];
    const action = new vscode.CodeAction(`Retarget to ${successor.id}${successor.title ? ` (${successor.title})` : ''}`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, diagnostic.range, successor.id);
    return [action];
  }

  private removeReferenceFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, view: SnapshotLookup): vscode.CodeAction[] {
    const id = document.getText(diagnostic.range);
    if (!isId(id) || diagnostic.range.start.line !== diagnostic.range.end.line) return [];
    const line = document.lineAt(diagnostic.range.start.line);
    const rest = removeReference(line.text, diagnostic.range.start.character, diagnostic.range.end.character, Object.keys(view.config.keywords));
    const action = new vscode.CodeAction(`Remove reference to ${id}`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = new vscode.WorkspaceEdit();
    if (rest === null) action.edit.delete(document.uri, line.rangeIncludingLineBreak);
    else action.edit.replace(document.uri, line.range, rest);
    return [action];
  }

  private coverageFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, relation: 'implements' | 'verifies'): vscode.CodeAction[] {
    const id = document.getText(diagnostic.range);
    if (!isId(id)) return [];
    const located = this.registry.locate(document.uri);
    const keywords = located?.entry.project.config?.keywords ?? {};
    const tag = `${tagKeyword(keywords, relation).keyword}: ${id}`;
    const copy = new vscode.CodeAction(`Copy tag "${tag}"`, vscode.CodeActionKind.QuickFix);
    copy.diagnostics = [diagnostic];
    copy.command = { title: copy.title, command: 'tracelens.copyTag', arguments: [tag] };
    const find = new vscode.CodeAction(`Find ${relation === 'verifies' ? 'a test' : 'code'} to trace to ${id}…`, vscode.CodeActionKind.QuickFix);
    find.diagnostics = [diagnostic];
    find.command = { title: find.title, command: 'tracelens.findCodeToTrace', arguments: [id, relation, document.uri] };
    return [copy, find];
  }

  // Implements: TL-216
  /**
   * Offered on a unit's name (function, method, class: from Tracelens's parse) as the cursor rests
   * there, and anywhere (inside a unit, or on a line outside every unit) when asked for explicitly.
   */
  private async traceAction(located: Located, document: vscode.TextDocument, position: vscode.Position, context: vscode.CodeActionContext): Promise<vscode.CodeAction | undefined> {
    const invoked = context.triggerKind === vscode.CodeActionTriggerKind.Invoke;
    const found = await unitAt(this.registry, located.entry, located.file, document, position);
    if (!found && !invoked) return undefined;
    if (found && !found.onName && !invoked) return undefined;
    const title = found ? `Trace ${found.unit.name} to a requirement…` : 'Trace this line to a requirement…';
    const action = new vscode.CodeAction(title, TRACE_KIND);
    action.command = { title, command: 'tracelens.traceToRequirement', arguments: [document.uri, position.line] };
    return action;
  }
}
