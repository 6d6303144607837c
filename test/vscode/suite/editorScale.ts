// Verifies: TL-210, TL-211, TL-212, TL-213, TL-214
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { codeActionsOffering, folder, restore, tracelens, waitUntil, writeFile } from './workspace';

/** The generated requirements file: 3,000 unimplemented items, the last 100 of class B. */
const BIG = 'requirements/big-requirements.md';
const ITEMS = 3000;

function bigRequirements(): string {
  const lines = ['# Generated requirements (3,000 items)', ''];
  for (let n = 1; n <= ITEMS; n++) {
    lines.push(`### BIG-${String(n).padStart(4, '0')}: Generated requirement ${n}`, `- class: ${n > 2900 ? 'B' : 'A'}`, '', `The software shall do thing ${n}.`, '');
  }
  return lines.join('\n');
}

/** The 1-based line of item BIG-n's heading in {@link bigRequirements}. */
const lineOf = (n: number): number => 3 + 5 * (n - 1);

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

function tracelensDiagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tracelens');
}

const megabytes = (bytes: number): number => Math.round(bytes / 1024 / 1024);

export const editorScaleTests: SuiteTest[] = [
  {
    title: 'editor scale: the output channel: after activation the Tracelens log holds the index summary and its phase timings',
    body: async () => {
      const api = await tracelens();
      const snapshot = api.snapshot(folder().uri)!;
      const lines = api.inspect.logLines();
      const summary = lines.find((line) => line.startsWith('[info] Indexed '));
      assert.ok(summary, `an index summary in the log:\n${lines.join('\n')}`);
      const expected = new RegExp(`^\\[info\\] Indexed ${folder().uri.fsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(tracelens\\.json\\) in \\d+ ms: \\d+ files listed; `
        + `5 requirement files, ${snapshot.items.length} items; ${snapshot.codeFiles.length} code files, ${snapshot.references.length} references; `
        + `\\d+ SOUP files; findings: 0 errors, 9 warnings, 1 info$`);
      assert.match(summary, expected);
      const phases = lines[lines.indexOf(summary) + 1] ?? '';
      assert.match(phases, /^\[info\] {3}phases: config \d+ ms · listing \d+ ms · requirements \d+ ms · test results \d+ ms · code \d+ ms · SOUP \d+ ms · rules \d+ ms$/);
    },
  },
  {
    title: 'editor scale: the scan cache is kept under global storage in a folder named by the workspace folder\'s URI, not the server\'s port',
    body: async () => {
      const api = await tracelens();
      const cacheFolder = api.inspect.scanCacheFolder(folder());
      const key = createHash('sha256').update(folder().uri.toString()).digest('hex').slice(0, 16);
      assert.equal(path.basename(cacheFolder), key);
      assert.equal(path.basename(path.dirname(cacheFolder)), 'scan-cache');
      assert.equal(path.basename(path.dirname(path.dirname(cacheFolder))), 'tracelens.tracelens', 'the extension\'s global storage');
      await waitUntil('the scan cache to be written', () => (readdirSync(cacheFolder, { withFileTypes: true }).some((e) => e.isFile()) ? true : undefined));
    },
  },
  {
    title: 'editor scale: no gap hidden: a 3,000-item file gets 1,000 diagnostics (errors first, a summary on line 1), a gutter mark per item and lazy CodeLenses',
    timeoutMs: 240_000,
    body: async () => {
      const api = await tracelens();
      const rss: Record<string, number> = { before: api.inspect.rss() };
      try {
        const uri = await writeFile(BIG, bigRequirements());
        await api.whenSnapshot(folder().uri, (s) => s.items.filter((item) => item.file === BIG).length === ITEMS, 60_000);
        await api.whenIndexed();
        rss.indexed = api.inspect.rss();

        const diagnostics = await waitUntil('the big file\'s diagnostics', () => {
          const found = tracelensDiagnosticsOf(uri);
          return found.length > 0 ? found : undefined;
        });
        assert.equal(diagnostics.length, 1000, 'exactly VS Code\'s cap: nothing for it to drop');
        const [summary, ...rest] = diagnostics;
        assert.deepEqual(
          [summary!.range.start.line, summary!.range.start.character, SEVERITY[summary!.severity], typeof summary!.code === 'object' ? summary!.code.value : summary!.code],
          [0, 0, 'warning', 'hidden-gaps'],
        );
        assert.equal(summary!.message, '5,001 more gaps in this file are not listed as problems (2,101 warnings, 2,900 infos): VS Code shows at most 1,000 per file. '
          + 'Every item\'s coverage shows in the gutter; the Gaps view filtered to this file lists them all.');
        const target = typeof summary!.code === 'object' ? summary!.code.target.toString(true) : '';
        assert.ok(target.startsWith('command:tracelens.showGapsForFile?'), target);
        const severities = rest.map((d) => SEVERITY[d.severity]);
        assert.equal(severities.filter((s) => s === 'error').length, 100);
        assert.equal(severities.lastIndexOf('error'), 99, 'errors first');
        assert.equal(severities.includes('info'), false, 'infos are the ones left out');
        assert.equal(rest[0]!.range.start.line, lineOf(2901) - 1, 'the first error is BIG-2901\'s, near the end of the file');
        assert.equal(rest[100]!.range.start.line, lineOf(1) - 1, 'then the warnings, from the top');

        await vscode.window.showTextDocument(uri);
        const marks = await waitUntil('the gutter marks of the big file', () => api.inspect.gutterMarks(uri));
        assert.deepEqual(marks, { complete: 0, partial: 0, none: ITEMS, inactive: 0, neutral: 0 });

        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        assert.equal(lenses.length, ITEMS, 'a lens per item');
        assert.equal(lenses.filter((lens) => lens.command !== undefined).length, 0, 'none resolved until shown');
        const resolved = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 2);
        assert.deepEqual(resolved.map((lens) => `${lens.range.start.line}:${lens.command?.title}`), [`${lineOf(1) - 1}:0 implementations · 0 tests`, `${lineOf(2) - 1}:0 implementations · 0 tests`]);
        // Let the editor render and resolve its visible lenses and the decorations.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        rss.open = api.inspect.rss();

        const actions = await codeActionsOffering(uri, new vscode.Range(0, 0, 0, 0), 'Show every gap of this file in the Gaps view', vscode.CodeActionKind.QuickFix.value);
        const show = actions.find((action) => action.title === 'Show every gap of this file in the Gaps view')!;
        await vscode.commands.executeCommand(show.command!.command, ...(show.command!.arguments ?? []));
        assert.deepEqual(api.inspect.gapsFilter(), { folder: folder().uri.toString(), file: BIG });
        await vscode.commands.executeCommand('tracelens.clearGapsFilter');
        assert.equal(api.inspect.gapsFilter(), undefined);
      } finally {
        await restore({ created: [BIG] });
        rss.after = api.inspect.rss();
        // The figures for bench/README.md: TRACELENS_RSS_OUT=file in the harness's environment.
        const out = process.env.TRACELENS_RSS_OUT;
        if (out) writeFileSync(out, `${JSON.stringify(Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, megabytes(v)])))}\n`);
      }
    },
  },
];

