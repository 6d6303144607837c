// Throwaway extension for the e2e harness: one of each UI surface the real extension will use, so the
// harness and the workbench selectors can be proven before the real extension exists.
'use strict';
const vscode = require('vscode');

const REQUIREMENTS = new Map([
  ['REQ-001', 'Stop the motor within 100 ms of an occlusion alarm.'],
  ['REQ-002', 'Log every dose change with a timestamp.'],
]);
const ID = /REQ-\d+/g;
const UNKNOWN_CODE = 'probe.unknown-requirement';

/** Diagnostics for every requirement ID in `text` that has no requirement. */
function unknownIds(text) {
  const found = [];
  const lines = text.split('\n');
  lines.forEach((line, lineNumber) => {
    for (const match of line.matchAll(ID)) {
      if (REQUIREMENTS.has(match[0])) continue;
      const range = new vscode.Range(lineNumber, match.index, lineNumber, match.index + match[0].length);
      const diagnostic = new vscode.Diagnostic(range, `Unknown requirement ${match[0]}`, vscode.DiagnosticSeverity.Warning);
      diagnostic.code = UNKNOWN_CODE;
      diagnostic.source = 'tracelens-probe';
      found.push(diagnostic);
    }
  });
  return found;
}

class RequirementTree {
  constructor() {
    this.changed = new vscode.EventEmitter();
    this.onDidChangeTreeData = this.changed.event;
  }
  getTreeItem(element) {
    if (element.kind === 'requirement') {
      const item = new vscode.TreeItem(element.id, vscode.TreeItemCollapsibleState.Expanded);
      item.description = element.text;
      item.tooltip = element.text;
      return item;
    }
    return new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
  }
  getChildren(element) {
    if (!element) return [...REQUIREMENTS].map(([id, text]) => ({ kind: 'requirement', id, text }));
    if (element.kind === 'requirement') return [{ kind: 'link', label: element.id === 'REQ-001' ? 'src/pump.c:3' : 'not covered' }];
    return [];
  }
}

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('tracelens-probe');
  context.subscriptions.push(diagnostics);

  const check = (document) => {
    if (document.uri.scheme === 'file' || document.uri.scheme === 'vscode-remote') diagnostics.set(document.uri, unknownIds(document.getText()));
  };
  const checkWorkspace = async () => {
    for (const uri of await vscode.workspace.findFiles('**/*.c')) {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      diagnostics.set(uri, unknownIds(text));
    }
  };
  vscode.workspace.onDidChangeTextDocument((event) => check(event.document), undefined, context.subscriptions);
  vscode.workspace.onDidOpenTextDocument(check, undefined, context.subscriptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('tracelensProbe.hello', () => {
      void vscode.window.showInformationMessage('Hello from the Tracelens probe');
      return 'hello';
    }),
    vscode.languages.registerHoverProvider({ pattern: '**/*.c' }, {
      provideHover(document, position) {
        const range = document.getWordRangeAtPosition(position, /REQ-\d+/);
        if (!range) return undefined;
        const id = document.getText(range);
        const text = REQUIREMENTS.get(id) ?? 'No such requirement.';
        return new vscode.Hover(new vscode.MarkdownString(`**${id}** — ${text}`), range);
      },
    }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.c' }, {
      provideCodeActions(document, _range, context) {
        return context.diagnostics
          .filter((diagnostic) => diagnostic.code === UNKNOWN_CODE)
          .map((diagnostic) => {
            const action = new vscode.CodeAction('Replace with REQ-001', vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, diagnostic.range, 'REQ-001');
            return action;
          });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.window.createTreeView('tracelensProbe.requirements', { treeDataProvider: new RequirementTree() }),
  );

  const ready = checkWorkspace();
  return { ready, unknownCode: UNKNOWN_CODE };
}

function deactivate() {}

module.exports = { activate, deactivate };
