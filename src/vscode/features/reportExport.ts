// Implements: TL-202
/**
 * "Tracelens: Export Traceability Report…": the report `tracelens report` writes, of the state the
 * user sees (unsaved buffers included, and the stamp says so), in a format the user picks, to the
 * file (or, for LOBSTER, the folder) the user names in a save dialog. The core renders; this
 * writes only after the user chose, atomically, as the CLI does.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkResultOf } from '../../core/project/snapshotResult';
import { isFolderFormat, renderReport, type ReportFormat } from '../../core/reports/evidence/render';
import { SourceDateEpochError } from '../../core/reports/evidence/stamp';
import { writeFileAtomic } from '../../cli/atomicWrite';
import { uriOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';
import { editorReportStamp } from '../state/reportStamp';
import { pickEntry, readySnapshot } from './projectPick';

/** The formats offered, with the default name and the save dialog's filter of each. */
const FORMATS: ReadonlyArray<{ format: ReportFormat; label: string; description: string; file: string; filters?: Record<string, string[]> }> = [
  { format: 'html', label: 'HTML', description: 'one self-contained page: stamp, summary, matrix, risk chains, gaps', file: 'traceability.html', filters: { HTML: ['html'] } },
  { format: 'csv', label: 'CSV', description: 'the matrix, one row per item (RFC 4180)', file: 'traceability.csv', filters: { CSV: ['csv'] } },
  { format: 'xlsx', label: 'XLSX', description: 'an Excel workbook: matrix, summary, risk chains, gaps', file: 'traceability.xlsx', filters: { Excel: ['xlsx'] } },
  { format: 'md', label: 'Markdown', description: 'for a pull-request comment', file: 'traceability.md', filters: { Markdown: ['md'] } },
  { format: 'json', label: 'JSON', description: 'the report\'s data with its stamp', file: 'traceability.json', filters: { JSON: ['json'] } },
  { format: 'lobster', label: 'LOBSTER folder', description: 'LOBSTER trace files, written into the folder you name', file: 'lobster' },
  { format: 'needs-json', label: 'needs.json', description: 'a sphinx-needs needs.json', file: 'needs.json', filters: { JSON: ['json'] } },
];

/** The export command; `format` (one of the report's formats) skips the format pick. */
export class ReportExportFeature {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.commands.registerCommand('tracelens.exportTraceabilityReport', (format?: ReportFormat) => this.export(format)));
  }

  /** Exports; resolves with the file or folder written, or undefined when nothing was. */
  private async export(given?: ReportFormat): Promise<vscode.Uri | undefined> {
    const entry = await pickEntry(this.registry, 'Export the traceability report of which folder?');
    const snapshot = entry && readySnapshot(entry);
    if (!entry || !snapshot) return undefined;
    const choice = given !== undefined
      ? FORMATS.find((f) => f.format === given)
      : await vscode.window.showQuickPick([...FORMATS], { title: 'Export Traceability Report', placeHolder: 'Report format' });
    if (!choice) return undefined;
    const folder = isFolderFormat(choice.format);
    const target = await vscode.window.showSaveDialog({
      defaultUri: uriOf(entry.folder, choice.file),
      title: folder ? `Export Traceability Report: the folder for the ${choice.label} files (created)` : 'Export Traceability Report',
      saveLabel: 'Export',
      ...(choice.filters ? { filters: choice.filters } : {}),
    });
    if (!target) return undefined;
    if (target.scheme !== 'file') {
      void vscode.window.showErrorMessage('Tracelens writes reports to local files only.');
      return undefined;
    }
    const root = entry.folder.uri.fsPath;
    const output = target.fsPath;
    const relative = path.relative(root, output).split(path.sep).join('/');
    const inside = relative !== '' && !relative.startsWith('../') && !path.isAbsolute(relative);
    try {
      const stamp = await editorReportStamp(this.registry, entry, snapshot, inside ? [relative] : []);
      const rendered = await renderReport(choice.format, checkResultOf(root, snapshot), {
        // Paths as `tracelens report` run in the folder prints them; links relative to the page.
        displayRoot: '.', stamp, linkBase: path.relative(path.dirname(output), root).split(path.sep).join('/') || '.',
      });
      if (rendered.kind === 'file') await writeFileAtomic(output, rendered.content);
      else {
        await mkdir(output, { recursive: true });
        for (const [name, content] of rendered.files) await writeFileAtomic(path.join(output, name), content);
      }
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof SourceDateEpochError
        ? `Tracelens: ${error.message}`
        : `Tracelens could not write ${vscode.workspace.asRelativePath(target)}: ${(error as Error).message}`);
      return undefined;
    }
    void this.written(target, choice.format);
    return target;
  }

  /** Says where the report went, offering to open it (a text format) or reveal it. */
  private async written(target: vscode.Uri, format: ReportFormat): Promise<void> {
    const text = format !== 'xlsx' && format !== 'lobster';
    const action = text ? 'Open' : 'Reveal';
    const picked = await vscode.window.showInformationMessage(`Traceability report written to ${vscode.workspace.asRelativePath(target)}.`, action);
    if (picked === 'Open') await vscode.window.showTextDocument(target);
    else if (picked === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', target);
  }
}
