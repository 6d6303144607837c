import * as vscode from 'vscode';
import { HIDDEN_GAPS_CODE, SHOW_GAPS_FOR_FILE, ruleOf } from './diagnostics';

// Implements: TL-210
/**
 * The quick fix of the summary diagnostic of a capped file: open the Gaps view filtered to the
 * file, where every gap is listed (the diagnostic's code links there too).
 */
export class HiddenGapsActions implements vscode.CodeActionProvider {
  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.filter((diagnostic) => ruleOf(diagnostic) === HIDDEN_GAPS_CODE).map((diagnostic) => {
      const action = new vscode.CodeAction('Show every gap of this file in the Gaps view', vscode.CodeActionKind.QuickFix);
      action.command = { title: action.title, command: SHOW_GAPS_FOR_FILE, arguments: [document.uri.toString()] };
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return action;
    });
  }
}
