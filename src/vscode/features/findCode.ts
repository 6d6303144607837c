import * as vscode from 'vscode';
import { rankCodeUnits, type CandidateFile, type RankedUnit } from '../../core/authoring/codeCandidates';
import type { ProjectSnapshot } from '../../core/project/projectIndex';
import { uriOf } from '../locations';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { unitsOfDocument, unitsOfText } from './codeUnits';
import { rankItems } from './completionModel';
import { tagEdit } from './edits';

const decoder = new TextDecoder();

/** What the command did, for its caller (tests): the candidates as offered, and where the tag went. */
export interface FindCodeResult {
  /** `name file:line`, in the order offered. */
  readonly candidates: readonly string[];
  /** Files that could not be read, so their code is not among the candidates. */
  readonly unreadable: readonly string[];
  /** `file:line` (1-based) of the tag written, when one was. */
  readonly tagged?: string;
}

// Implements: TL-217
/**
 * "Find code to trace to REQ-009…": the functions and classes of the project's code files (test
 * files for a verification), parsed by Tracelens when the command runs, ranked for the item (see
 * rankCodeUnits); the pick gets the tag above it, planned as Trace to Requirement plans it.
 */
export class FindCodeFeature {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.commands.registerCommand('tracelens.findCodeToTrace',
      (id?: string, relation?: 'implements' | 'verifies', resource?: vscode.Uri) => this.run(id, relation, resource)));
  }

  private async run(id: string | undefined, relation: 'implements' | 'verifies' | undefined, resource: vscode.Uri | undefined): Promise<FindCodeResult | undefined> {
    const entry = await this.entryFor(resource ?? vscode.window.activeTextEditor?.document.uri);
    const snapshot = entry?.project.phase === 'ready' ? entry.project.snapshot : undefined;
    if (!entry || !snapshot) {
      void vscode.window.showInformationMessage(entry ? `Tracelens is still indexing ${entry.folder.name}.` : 'Find code to trace works in a Tracelens project.');
      return undefined;
    }
    const view = SnapshotLookup.of(snapshot);
    const item = id === undefined ? await this.pickItem(view) : view.item(id);
    if (!item) {
      if (id !== undefined) void vscode.window.showInformationMessage(`${id} is not defined.`);
      return undefined;
    }
    const verifies = relation === 'verifies' || (relation === undefined && view.isImplemented(item.id) && !view.isVerified(item));
    const read = await this.candidates(entry, snapshot, view, verifies);
    if (!read) return undefined;
    const ranked = rankCodeUnits(item, read.files);
    const candidates = ranked.map(({ file, unit }) => `${unit.name} ${file}:${unit.row + 1}`);
    const unreadable = read.unreadable.length > 0 ? ` (${read.unreadable.length} unreadable file${read.unreadable.length === 1 ? '' : 's'} left out: ${read.unreadable.slice(0, 3).join(', ')})` : '';
    if (ranked.length === 0) {
      void vscode.window.showInformationMessage(`Tracelens found no function or class in the ${verifies ? 'test' : 'code'} files of ${entry.folder.name}${unreadable}.`);
      return { candidates, unreadable: read.unreadable };
    }
    const picked = await vscode.window.showQuickPick(ranked.map((candidate) => ({
      label: `$(${candidate.unit.kind === 'type' ? 'symbol-class' : 'symbol-function'}) ${candidate.unit.name}`,
      description: `${candidate.file}:${candidate.unit.row + 1}`,
      ...(candidate.traced ? { detail: `$(check) already traced: ${this.tracedIds(view, candidate)}` } : {}),
      candidate,
    })), {
      title: `${verifies ? 'Verify' : 'Implement'} ${item.id}${item.title ? `: ${item.title}` : ''}`,
      placeHolder: `Functions and classes, best match for the title first, untraced before traced${unreadable}`,
      matchOnDescription: true,
    });
    if (!picked) return { candidates, unreadable: read.unreadable };
    const tagged = await this.tag(entry, picked.candidate, item.id, verifies ? 'verifies' : 'implements');
    return { candidates, unreadable: read.unreadable, ...(tagged ? { tagged } : {}) };
  }

  private async entryFor(resource: vscode.Uri | undefined): Promise<ProjectEntry | undefined> {
    const located = resource && this.registry.entryFor(resource);
    if (located) return located;
    const entries = this.registry.all();
    if (entries.length <= 1) return entries[0];
    const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Find code to trace in which folder?' });
    return folder && this.registry.entryFor(folder);
  }

  private async pickItem(view: SnapshotLookup) {
    const picked = await vscode.window.showQuickPick(
      rankItems(view, { isTest: false }).map(({ item, gap }) => ({ label: item.id, description: item.title, ...(gap ? { detail: `$(warning) ${gap}` } : {}), item })),
      { title: 'Find code to trace to which requirement?', matchOnDescription: true, placeHolder: 'Type an ID or a title' },
    );
    return picked?.item;
  }

  /** IDs the tags on a unit name. */
  private tracedIds(view: SnapshotLookup, ranked: RankedUnit): string {
    const ids = new Set(view.referencesIn(ranked.file).filter((reference) => reference.symbol === ranked.unit.name).map((reference) => reference.id));
    return [...ids].sort().join(', ');
  }

  /** Every code (or test) file's units, read and parsed with progress; undefined when cancelled. */
  private async candidates(entry: ProjectEntry, snapshot: ProjectSnapshot, view: SnapshotLookup, tests: boolean): Promise<{ files: CandidateFile[]; unreadable: string[] } | undefined> {
    const files = snapshot.codeFiles.filter((file) => view.isTestFile(file) === tests);
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Tracelens: reading functions and classes', cancellable: true }, async (progress, token) => {
      const found: CandidateFile[] = [];
      const unreadable: string[] = [];
      let reported = 0;
      for (const [index, file] of files.entries()) {
        if (token.isCancellationRequested) return undefined;
        const uri = uriOf(entry.folder, file);
        let text: string;
        try {
          text = open.get(uri.toString())?.getText() ?? decoder.decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          unreadable.push(file);
          continue;
        }
        const parsed = await unitsOfText(this.registry, entry, file, text);
        if (parsed && parsed.units.length > 0) {
          const traced = new Set(view.referencesIn(file).flatMap((reference) => (reference.symbol === undefined ? [] : [reference.symbol])));
          found.push({ file, lines: text.split(/\r?\n/), units: parsed.units, traced });
        }
        const percent = Math.floor(((index + 1) * 100) / files.length);
        if (percent > reported) {
          progress.report({ increment: percent - reported, message: `${index + 1} of ${files.length} files` });
          reported = percent;
        }
      }
      return { files: found, unreadable };
    });
  }

  /** Tags the picked unit as parsed now (the file may have changed since the list was made); `file:line` of the tag. */
  private async tag(entry: ProjectEntry, ranked: RankedUnit, id: string, relation: 'implements' | 'verifies'): Promise<string | undefined> {
    const document = await vscode.workspace.openTextDocument(uriOf(entry.folder, ranked.file));
    const parsed = await unitsOfDocument(this.registry, entry, ranked.file, document);
    const now = parsed?.units.filter((unit) => unit.name === ranked.unit.name)
      .sort((a, b) => Math.abs(a.row - ranked.unit.row) - Math.abs(b.row - ranked.unit.row))[0];
    if (!parsed || !now) {
      void vscode.window.showWarningMessage(`${ranked.unit.name} is no longer in ${ranked.file}.`);
      return undefined;
    }
    const { edit, line } = tagEdit(document, entry, { units: [now], lineComment: parsed.lineComment }, now.row, id, relation);
    if (!edit || line === undefined) {
      void vscode.window.showInformationMessage(`${now.name} is already traced to ${id}.`);
      return undefined;
    }
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
    const at = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
    return `${ranked.file}:${line + 1}`;
  }
}
