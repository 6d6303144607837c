// Implements: TL-202
/**
 * The stamp of a report the editor makes (export, matrix): the same as the CLI's (git, the build,
 * the configuration, the time, which SOURCE_DATE_EPOCH sets), plus the files whose unsaved buffers
 * the snapshot shows, since the editor reports what the user sees, not only what is on disk.
 */
import * as vscode from 'vscode';
import type { ProjectSnapshot } from '../../core/project/projectIndex';
import { nodeFileSystem } from '../../core/files/nodeFileSystem';
import { gitSource } from '../../core/reports/evidence/gitSource';
import { generationTime, makeStamp, type ReportStamp } from '../../core/reports/evidence/stamp';
import { buildHash, configStamp } from '../../core/reports/evidence/stampInputs';
import { nodeGitRunner } from '../../cli/gitRunner';
import type { ProjectEntry, ProjectRegistry } from './registry';

/** The extension's bundles: the stamp's build hash. */
const EXTENSION_BUNDLES = ['extension.js', 'scanWorker.js', 'xlsx.js'];

/**
 * The stamp for a report of `snapshot`. `exclude` names root-relative files that do not make the
 * tree dirty (the report being written). Throws SourceDateEpochError for a malformed SOURCE_DATE_EPOCH.
 */
export async function editorReportStamp(registry: ProjectRegistry, entry: ProjectEntry, snapshot: ProjectSnapshot, exclude: readonly string[] = []): Promise<ReportStamp> {
  const time = generationTime(process.env['SOURCE_DATE_EPOCH'], Date.now());
  const root = entry.folder.uri.fsPath;
  const unsaved = vscode.workspace.textDocuments.flatMap((document) => {
    if (!document.isDirty) return [];
    const located = registry.locate(document.uri);
    const same = located?.entry.folder.uri.toString() === entry.folder.uri.toString();
    return located && same && entry.project.roleOf(located.file) !== 'other' ? [located.file] : [];
  }).sort();
  const config = await configStamp(nodeFileSystem, root, snapshot.configFile);
  return makeStamp({
    build: await buildHash(nodeFileSystem, __dirname, EXTENSION_BUNDLES),
    source: await gitSource(nodeGitRunner(root), exclude),
    ...(config ? { config } : {}),
    ...time,
    ...(unsaved.length > 0 ? { unsaved } : {}),
  });
}
