import * as vscode from 'vscode';
import type { TextChange } from '../../core/project/projectIndex';
import type { EditorSettingsReader } from './editorSettingsReader';
import { KeyedDebouncer, type CancellationFlag } from './debouncer';
import type { ProjectRegistry } from './registry';

/** Edits of one buffer since the index last saw it. */
interface PendingEdits {
  /** The document version the first collected edit applies to. */
  readonly baseVersion: number;
  /** The version after the last collected edit. */
  lastVersion: number;
  readonly changes: TextChange[];
  /** An edit was missed: send the whole text. */
  whole: boolean;
}

// Implements: TL-041
/**
 * Keeps the index in step with the editor: the unsaved buffer of an open file is what counts.
 * Edits are collected per document and applied after a pause in typing (`tracelens.debounceMs`);
 * a newer edit cancels work still waiting for an older one. Code buffers go to the index as
 * incremental edits; requirement buffers as whole text.
 */
export class DocumentSync {
  private readonly debouncer = new KeyedDebouncer<string>();
  private readonly pending = new Map<string, PendingEdits>();
  /** Requirement documents whose unsaved text the index holds. */
  private readonly requirementBuffers = new Set<string>();

  constructor(private readonly registry: ProjectRegistry, private readonly settings: EditorSettingsReader) {}

  register(subscriptions: vscode.Disposable[]): void {
    vscode.workspace.onDidChangeTextDocument(this.onChange, this, subscriptions);
    vscode.workspace.onDidCloseTextDocument(this.onClose, this, subscriptions);
    vscode.workspace.onDidOpenTextDocument(this.onOpen, this, subscriptions);
    subscriptions.push({ dispose: () => this.debouncer.dispose() });
  }

  /** Whether edits are waiting for the debounce or being applied. */
  get busy(): boolean {
    return this.debouncer.busy;
  }

  whenIdle(): Promise<void> {
    return this.debouncer.whenIdle();
  }

  private onOpen(document: vscode.TextDocument): void {
    // A buffer restored unsaved (hot exit) differs from the disk the index read.
    if (document.isDirty) this.schedule(document, { baseVersion: document.version, lastVersion: document.version, changes: [], whole: true });
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const { document } = event;
    const key = document.uri.toString();
    const previous = this.pending.get(key);
    const edits: PendingEdits = previous ?? { baseVersion: document.version - 1, lastVersion: document.version - 1, changes: [], whole: false };
    if (document.version !== edits.lastVersion + 1) edits.whole = true;
    // Each change's offsets are relative to the text left by the changes before it.
    for (const change of event.contentChanges) {
      edits.changes.push({ start: change.rangeOffset, deleteCount: change.rangeLength, insertText: change.text });
    }
    edits.lastVersion = document.version;
    this.schedule(document, edits);
  }

  private schedule(document: vscode.TextDocument, edits: PendingEdits): void {
    const located = this.registry.locate(document.uri);
    if (!located) return;
    const role = located.entry.project.roleOf(located.file);
    if (role !== 'code' && role !== 'requirement') return;
    const key = document.uri.toString();
    this.pending.set(key, edits);
    const delay = this.settings.for(located.entry.folder).debounceMs;
    this.debouncer.schedule(key, delay, (flag) => this.flush(document, flag));
  }

  private async flush(document: vscode.TextDocument, flag: CancellationFlag): Promise<void> {
    const key = document.uri.toString();
    const edits = this.pending.get(key);
    this.pending.delete(key);
    if (!edits || document.isClosed || flag.isCancellationRequested) return;
    const located = this.registry.locate(document.uri);
    if (!located) return;
    const { project } = located.entry;
    const role = project.roleOf(located.file);
    if (role === 'code') {
      const incremental = !edits.whole && edits.lastVersion === document.version ? { baseVersion: edits.baseVersion, changes: edits.changes } : undefined;
      project.setCodeText(located.file, document.getText(), document.version, incremental);
    } else if (role === 'requirement') {
      this.requirementBuffers.add(key);
      await project.setRequirementText(located.file, document.getText(), flag);
    }
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.debouncer.cancel(key);
    this.pending.delete(key);
    const located = this.registry.locate(document.uri);
    if (!located) return;
    const { project } = located.entry;
    if (project.holdsBuffer(located.file)) void project.closeCodeBuffer(located.file);
    if (this.requirementBuffers.delete(key)) void project.revertRequirement(located.file);
  }
}
