/**
 * The one place where the benchmark meets the engine's in-process API, for the single-file update
 * measurement (an edit in an open editor, to that file's new references and findings).
 *
 * Contract the engine module must meet (default `dist/engine.js`, or the path in
 * `TRACELENS_BENCH_ENGINE` / `bench/run.mjs --engine PATH`), CommonJS:
 *
 *   exports.openWorkspace(options: { root: string }): Promise<Workspace> | Workspace
 *     Loads the requirements and scans the workspace at `root` once, as the extension does at start.
 *   Workspace.updateDocument(file: string, text: string): Promise<DocumentUpdate> | DocumentUpdate
 *     `file` is POSIX and relative to `root`; `text` is the buffer's whole new content (unsaved edits
 *     included). Resolves when the references and findings for that file reflect `text`.
 *   DocumentUpdate = { references: Array<{ id: string; line: number; file?: string }>; findings: unknown[] }
 *     `line` is 1-based.
 *   Workspace.dispose(): void
 *
 * When the engine's real API has other names, map them here; nothing else in bench/ needs to change.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A reference as the benchmark needs it to check that the edit took effect. */
export interface BenchReference {
  readonly id: string;
  readonly line: number;
  readonly file?: string;
}

/** What one document update yields. */
export interface DocumentUpdate {
  readonly references: readonly BenchReference[];
  readonly findings: readonly unknown[];
}

/** The engine, as the single-file measurement drives it. */
export interface BenchWorkspace {
  updateDocument(file: string, text: string): Promise<DocumentUpdate>;
  dispose(): void;
}

/** Either an opened workspace, or why the engine API is not there. */
export type OpenResult =
  | { readonly ok: true; readonly workspace: BenchWorkspace }
  | { readonly ok: false; readonly reason: string };

/** Default engine module: the build output next to the CLI. */
export function defaultEngineModule(): string {
  return process.env.TRACELENS_BENCH_ENGINE || path.resolve(__dirname, '..', 'dist', 'engine.js');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks the shape of one update result, so a missing field reads as a clear error, not a crash. */
function toDocumentUpdate(value: unknown): DocumentUpdate {
  if (!isObject(value) || !Array.isArray(value.references) || !Array.isArray(value.findings)) {
    throw new Error('updateDocument did not resolve to { references: [], findings: [] }');
  }
  return { references: value.references as BenchReference[], findings: value.findings as unknown[] };
}

/**
 * Loads the engine module and opens the workspace at `root`. Returns `ok: false` with a reason when
 * the module or one of the contract's functions is missing; errors thrown by a present API propagate.
 */
export async function openBenchWorkspace(root: string, modulePath: string = defaultEngineModule()): Promise<OpenResult> {
  if (!fs.existsSync(modulePath)) return { ok: false, reason: `${modulePath} not found` };
  const mod: unknown = require(modulePath);
  if (!isObject(mod) || typeof mod.openWorkspace !== 'function') {
    return { ok: false, reason: `${modulePath} has no openWorkspace export` };
  }
  const opened: unknown = await (mod.openWorkspace as (options: { root: string }) => unknown)({ root });
  if (!isObject(opened) || typeof opened.updateDocument !== 'function' || typeof opened.dispose !== 'function') {
    return { ok: false, reason: 'openWorkspace() result has no updateDocument/dispose' };
  }
  const update = opened.updateDocument as (file: string, text: string) => unknown;
  const dispose = opened.dispose as () => void;
  return {
    ok: true,
    workspace: {
      updateDocument: async (file, text) => toDocumentUpdate(await update.call(opened, file, text)),
      dispose: () => dispose.call(opened),
    },
  };
}
