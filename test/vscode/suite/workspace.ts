/**
 * What every extension-host test needs: the Tracelens API, the workspace (a temp copy of
 * examples/infusion-pump), waits on state with deadlines, the Tracelens diagnostics as comparable
 * lines, and a way back to the example's pristine state after a test edited it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TracelensApi } from '../../../src/vscode/extension';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'tracelens.tracelens';

/** Default deadline of one wait: generous, the machine may be busy. */
export const WAIT_MS = 45_000;

/** The example's findings, as {@link diagnosticLines} prints them (1-based, end exclusive). */
export const BASELINE: readonly string[] = Object.freeze([
  'firmware/src/alarm.c:106:16-106:23 warning inactive-reference REQ-007',
  'requirements/software-requirements.md:80:5-80:12 warning unimplemented REQ-009',
  'requirements/software-requirements.md:105:5-105:12 warning unverified REQ-011',
  'requirements/software-requirements.md:111:5-111:12 info unimplemented REQ-012',
  'soup.yml:18:12-18:18 warning soup-version-mismatch 18.2.0',
  'soup.yml:36:15-36:25 warning soup-anomalies-stale 2025-06-02',
  'soup.yml:41:9-41:18 warning soup-incomplete scheduler',
  'soup.yml:52:9-52:17 warning soup-orphan chart.js',
  'ui/package.json:11:6-11:14 warning soup-unlisted date-fns',
  'ui/src/About.tsx:7:16-7:23 warning suspect-link REQ-011',
]);

/** The only workspace folder. */
export function folder(): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, 'exactly one workspace folder is open');
  return folders[0]!;
}

/** The URI of a workspace-relative POSIX path. */
export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...relative.split('/'));
}

/** The workspace-relative POSIX path of a URI. */
export function relativePath(uri: vscode.Uri): string {
  return path.relative(folder().uri.fsPath, uri.fsPath).split(path.sep).join('/');
}

/**
 * Refuses to edit files in the repository: the suite must run on a copy of the example
 * (runExtensionTests.ts --copy-workspace).
 */
export function assertScratchWorkspace(): void {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const relative = path.relative(extension.extensionPath, folder().uri.fsPath);
  assert.ok(
    relative.startsWith('..') || path.isAbsolute(relative),
    `the workspace ${folder().uri.fsPath} lies inside the extension's repository: run the suite on a copy (--copy-workspace)`,
  );
}

/** Polls `probe` until it returns a value other than undefined; fails after `timeoutMs` saying what it last saw. */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: { readonly timeoutMs?: number; readonly detail?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const detail = options.detail ? `\nlast seen:\n${options.detail()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let api: TracelensApi | undefined;

/**
 * The extension's API once its activation event has fired (the suite never calls `activate()`
 * itself, so a missing activation event fails here) and the first index is built.
 */
export async function tracelens(): Promise<TracelensApi> {
  if (api) return api;
  const extension = vscode.extensions.getExtension<TracelensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await waitUntil('the extension to activate', () => (extension.isActive ? true : undefined), { timeoutMs: 90_000 });
  api = extension.exports;
  assert.equal(typeof api?.whenIndexed, 'function', 'activate() returns the TracelensApi');
  await api.whenIndexed();
  return api;
}

/** A Tracelens diagnostic's rule ID (its code). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' ? String(code.value) : String(code);
}

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

/** `1:5-1:12`: a range, 1-based, end exclusive. */
export function rangeText(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** Every Tracelens diagnostic with its file. */
export function tracelensDiagnostics(): Array<{ file: string; diagnostic: vscode.Diagnostic }> {
  const found: Array<{ file: string; diagnostic: vscode.Diagnostic }> = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) if (diagnostic.source === 'Tracelens') found.push({ file: relativePath(uri), diagnostic });
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || a.diagnostic.range.start.compareTo(b.diagnostic.range.start)
    || (ruleOf(a.diagnostic) < ruleOf(b.diagnostic) ? -1 : 1));
}

/** The text a range covers now: in the open buffer if there is one, else on disk. */
export function textAt(uri: vscode.Uri, range: vscode.Range): string {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText(range);
  let lines: string[];
  try {
    lines = readFileSync(uri.fsPath, 'utf8').split(/\r?\n/);
  } catch {
    return '';
  }
  if (range.start.line !== range.end.line) return '';
  return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
}

/**
 * The Tracelens diagnostics as `file:range severity rule text-under-the-range` lines, sorted by
 * place: `firmware/src/alarm.c:106:16-106:23 warning inactive-reference REQ-007`.
 */
export function diagnosticLines(): string[] {
  return tracelensDiagnostics().map(({ file, diagnostic }) => {
    const covered = textAt(fileUri(file), diagnostic.range);
    return `${file}:${rangeText(diagnostic.range)} ${SEVERITY[diagnostic.severity]} ${ruleOf(diagnostic)}${covered ? ` ${covered}` : ''}`;
  });
}

/** Waits until the diagnostic lines satisfy `predicate`; returns them. */
export function waitForDiagnostics(what: string, predicate: (lines: string[]) => boolean, timeoutMs = WAIT_MS): Promise<string[]> {
  return waitUntil(what, () => {
    const lines = diagnosticLines();
    return predicate(lines) ? lines : undefined;
  }, { timeoutMs, detail: () => diagnosticLines().join('\n') });
}

/** Waits until the diagnostics are exactly `expected` (order included). */
export function waitForExactDiagnostics(what: string, expected: readonly string[], timeoutMs = WAIT_MS): Promise<string[]> {
  return waitForDiagnostics(what, (lines) => lines.join('\n') === expected.join('\n'), timeoutMs);
}

/** `lines` with `added` merged in place order, as {@link diagnosticLines} sorts them. */
export function withLines(lines: readonly string[], added: readonly string[]): string[] {
  const key = (line: string): [string, number, number, string] => {
    const match = /^(.*):(\d+):(\d+)-\d+:\d+ \S+ (\S+)/.exec(line)!;
    return [match[1]!, Number(match[2]), Number(match[3]), match[4]!];
  };
  return [...lines, ...added].sort((a, b) => {
    const [fa, la, ca, ra] = key(a);
    const [fb, lb, cb, rb] = key(b);
    return (fa < fb ? -1 : fa > fb ? 1 : 0) || la - lb || ca - cb || (ra < rb ? -1 : ra > rb ? 1 : 0);
  });
}

const encoder = new TextEncoder();

/** Writes a workspace file on disk (not through an editor). */
export async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(relative);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

/** Reads a workspace file from disk. */
export async function readFile(relative: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(relative)));
}

/** Deletes a workspace file on disk, if it exists. */
export async function deleteFile(relative: string): Promise<void> {
  await Promise.resolve(vscode.workspace.fs.delete(fileUri(relative), { useTrash: false })).catch(() => undefined);
}

/** Opens a workspace file in an editor. */
export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(document);
}

/** The 0-based position of the `occurrence`-th `needle` in a document, `offset` characters in. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `${relativePath(document.uri)} contains "${needle}" (occurrence ${occurrence})`);
  }
  return document.positionAt(index + offset);
}

/**
 * Puts the example back as it was: reverts unsaved buffers, closes editors, deletes the files a
 * test created, restores files it rewrote, and waits until the example's findings are back.
 */
export async function restore(options: { readonly created?: readonly string[]; readonly rewritten?: Readonly<Record<string, string>> } = {}): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.uri.scheme !== 'file') continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitUntil(`${relativePath(document.uri)} to be reverted`, () => (document.isDirty ? undefined : true), {
      detail: () => `active: ${vscode.window.activeTextEditor?.document.uri.toString()} dirty=${document.isDirty} version=${document.version}`,
    });
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const relative of options.created ?? []) await deleteFile(relative);
  for (const [relative, text] of Object.entries(options.rewritten ?? {})) await writeFile(relative, text);
  await waitForExactDiagnostics('the example\'s findings again', BASELINE, 60_000);
  await (await tracelens()).whenIndexed();
}

/** Applies a workspace edit and fails if VS Code refuses it. */
export async function applyEdit(edit: vscode.WorkspaceEdit): Promise<void> {
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'the workspace edit applies');
}

/** Code actions at a range (every provider's), edits resolved, polling until one titled `wanted` is offered. */
export async function codeActionsOffering(uri: vscode.Uri, range: vscode.Range, wanted: string | RegExp, kind?: string): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  const matches = (title: string): boolean => (typeof wanted === 'string' ? title === wanted : wanted.test(title));
  // The command needs the document's model in the workbench (it throws "Illegal argument" otherwise).
  await vscode.workspace.openTextDocument(uri);
  return waitUntil(`a code action "${String(wanted)}" at ${relativePath(uri)}:${rangeText(range)}`, async () => {
    last = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, 20)) ?? [];
    return last.some((action) => matches(action.title)) ? last : undefined;
  }, { detail: () => last.map((action) => action.title).join('\n') });
}

/** Titles of the quick fixes and Tracelens refactorings (e.g. the Markdown extension's "Insert …" actions left out). */
export function tracelensActionTitles(actions: readonly vscode.CodeAction[]): string[] {
  return actions
    .filter((action) => action.kind?.value === 'quickfix' || action.kind?.value === 'refactor.tracelens')
    .map((action) => action.title);
}

/** Markdown text of the hovers at a position, backslash escapes removed. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<{ text: string; ranges: vscode.Range[] }> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const text = hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/\\(.)/g, '$1');
  return { text, ranges: hovers.flatMap((hover) => (hover.range ? [hover.range] : [])) };
}

/**
 * Runs a command that asks with a quick pick, and accepts the pick's first (active) item; returns
 * what the command returned. The accept is retried until the command settles: the pick shows once
 * the command has read the snapshot, and accepting while no pick is open does nothing.
 */
export async function runAcceptingFirstPick<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  let settled = false;
  let failure: unknown;
  let result: T | undefined;
  const running = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).then(
    (value) => { settled = true; result = value; },
    (error: unknown) => { settled = true; failure = error; },
  );
  await waitUntil(`${command} to finish after its quick pick is accepted`, async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return settled ? true : undefined;
  });
  await running;
  if (failure) throw failure;
  return result as T;
}
