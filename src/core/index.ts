// Implements: TL-016
/**
 * The engine's programmatic API, bundled as `dist/engine.js`: what an editor integration or a
 * script drives. Opening a workspace indexes it once (worker threads when the bundled worker is
 * present); `updateDocument` then applies an editor buffer's new text incrementally.
 */
import * as path from 'node:path';
import { CommentParser } from '../parsing/commentParser';
import { nodeFileSystem } from './files/nodeFileSystem';
import type { Finding, Reference } from './model/types';
import { ProjectIndex, type ProjectSnapshot, type TextChange } from './project/projectIndex';
import { bundledWorkerScript, createScanService } from './scan/serviceFactory';
export { RULES } from './rules/descriptors';

export { checkProject } from './project/check';
export { ProjectIndex } from './project/projectIndex';
export { LANGUAGES } from '../parsing/languages';
/** The hashing port of fingerprints and stamps: an integration with a native SHA-256 installs it. */
export { useSha256, pureSha256, type Sha256Hasher } from './review/sha256';

/** The single change that turns `before` into `after`: common prefix and suffix trimmed. */
export function diffToChange(before: string, after: string): TextChange {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, deleteCount: before.length - start - tail, insertText: after.slice(start, after.length - tail) };
}

/** One file's state after an update. */
export interface DocumentUpdate {
  readonly references: readonly Reference[];
  readonly findings: readonly Finding[];
}

/** An opened workspace. */
export interface Workspace {
  readonly index: ProjectIndex;
  snapshot(): ProjectSnapshot;
  /** Sets an open buffer's whole text; parses incrementally from the previous text of that buffer. */
  updateDocument(file: string, text: string): Promise<DocumentUpdate>;
  dispose(): Promise<void>;
}

/** Opens and indexes the project at `root`. */
export async function openWorkspace(options: { root: string; configFile?: string }): Promise<Workspace> {
  const root = path.resolve(options.root);
  const parser = await CommentParser.create();
  const workerScript = await bundledWorkerScript(nodeFileSystem, __dirname);
  const service = createScanService({ parser, fs: nodeFileSystem, ...(workerScript !== undefined ? { workerScript } : {}) });
  const index = new ProjectIndex(root, nodeFileSystem, parser, service, options.configFile);
  await index.load();
  // The initial index is done: let the workers go until something needs them again.
  await service.dispose();
  const texts = new Map<string, string>();
  return {
    index,
    snapshot: () => index.snapshot(),
    async updateDocument(file, text) {
      const before = texts.get(file);
      await index.setCodeText(file, text, before === undefined ? undefined : [diffToChange(before, text)]);
      texts.set(file, text);
      const snapshot = index.snapshot();
      return {
        references: snapshot.references.filter((r) => r.file === file),
        findings: snapshot.findings.filter((f) => f.file === file),
      };
    },
    async dispose() {
      await service.dispose();
      index.dispose();
      parser.dispose();
    },
  };
}
