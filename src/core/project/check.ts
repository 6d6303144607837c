// Implements: TL-001, TL-007, TL-008, TL-011
import * as path from 'node:path';
import type { TracelensConfig } from '../config/types';
import { listProjectFiles, loadProjectConfig, type ProjectConfig } from '../config/load';

export { ConfigError, listProjectFiles, loadProjectConfig, type ProjectConfig } from '../config/load';
import { summarize, type CoverageSummary } from '../rules/coverage';
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import { nodeFileSystem } from '../files/nodeFileSystem';
import { idPrefix } from '../model/ids';
import type { FileProblem, Finding, Item, ItemKind, Reference, SkippedFile } from '../model/types';
import { compareLocations } from '../model/types';
import { contentHash } from '../cache/contentHash';
import { readRequirementFile, type ReadResult } from '../readers';
import { buildTraceIndex, evaluateRules, type TraceIndex, type TraceModel } from '../rules/rules';
import type { FileScan, ScanSettings } from '../scan/codeScanner';

const decoder = new TextDecoder('utf-8');

/** Maps an ID to its kind through the configured prefixes; unknown prefixes are requirements. */
export function kindResolver(config: TracelensConfig): (id: string) => ItemKind {
  return (id) => config.prefixes[idPrefix(id)] ?? 'requirement';
}

/** Requirement files read, with their items and problems. */
export interface RequirementSet {
  readonly items: Item[];
  readonly problems: FileProblem[];
}

/** Remembers parsed requirement files by content, so unchanged files are not parsed again. */
export interface RequirementCache {
  getRequirements(file: string, hash: string, configKey: string): ReadResult | undefined;
  setRequirements(file: string, hash: string, configKey: string, result: ReadResult): void;
}

/** Reads requirement files. One malformed file never hides the others: its problems are returned. */
export async function readRequirements(fs: FileSystem, root: string, files: readonly string[], config: TracelensConfig, cache?: RequirementCache): Promise<RequirementSet> {
  const kindOf = kindResolver(config);
  // What else than the text decides the items: the prefix → kind table.
  const configKey = JSON.stringify(config.prefixes);
  const results = await Promise.all(files.map(async (file) => {
    try {
      const bytes = await fs.readFile(absoluteFromPosix(root, file));
      const hash = cache ? contentHash(bytes) : '';
      const cached = cache?.getRequirements(file, hash, configKey);
      if (cached) return cached;
      const result = readRequirementFile(decoder.decode(bytes), { file, kindOf });
      cache?.setRequirements(file, hash, configKey, result);
      return result;
    } catch (error) {
      return { items: [], problems: [{ file, line: 1, column: 1, message: `cannot read file: ${(error as Error).message}` }] };
    }
  }));
  return {
    items: results.flatMap((r) => r.items).sort(compareLocations),
    problems: results.flatMap((r) => r.problems).sort(compareLocations),
  };
}

/**
 * Prefixes that make an ID in a comment a reference: those that defined items use, and those the
 * config declares explicitly. Sorted, so the list is a stable cache key.
 */
export function referencePrefixes(items: readonly Item[], declared: readonly string[]): string[] {
  const prefixes = new Set(declared);
  for (const item of items) prefixes.add(idPrefix(item.id));
  for (const item of items) for (const link of item.links) prefixes.add(idPrefix(link.target));
  return [...prefixes].sort();
}

/** The scan settings for a project. */
export function scanSettingsFor(config: TracelensConfig, prefixes: readonly string[]): ScanSettings {
  return { prefixes, keywords: config.keywords, testFiles: config.testFiles, maxFileSize: config.maxFileSize };
}

/** Scans code files; the in-process scanner, a worker pool and a cache all fit behind it. */
export interface ScanService {
  scanFiles(root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>>;
  /** Told the code files as soon as they are known, so slow start-up can overlap other work. */
  prepare?(root: string, files: readonly string[]): Promise<void>;
}

/** The analysed state of a project: what a CLI check and an editor snapshot both hold. */
export interface AnalysedProject {
  readonly configFile?: string;
  readonly config: TracelensConfig;
  readonly items: readonly Item[];
  readonly references: readonly Reference[];
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedFile[];
  readonly summary: CoverageSummary;
  readonly index: TraceIndex;
}

/** Everything a check produces. */
export interface CheckResult extends AnalysedProject {
  readonly root: string;
  readonly files: { readonly requirementFiles: number; readonly codeFiles: number };
}

export interface CheckOptions {
  readonly root: string;
  readonly configFile?: string;
  readonly fs?: FileSystem;
  readonly scanner: ScanService;
  readonly requirementCache?: RequirementCache;
  /** The configuration and listing, when the caller has them already (as the CLI after a run-cache miss). */
  readonly prepared?: { readonly project: ProjectConfig; readonly listed: { readonly requirementFiles: readonly string[]; readonly codeFiles: readonly string[] } };
  /** Told which requirement and code files the check reads, once they are listed. */
  readonly onListed?: (requirementFiles: readonly string[], codeFiles: readonly string[]) => void;
}

/** Turns per-file scans into references and skipped-file records, in report order. */
export function collectScans(scans: ReadonlyMap<string, FileScan>): { references: Reference[]; skipped: SkippedFile[] } {
  const references: Reference[] = [];
  const skipped: SkippedFile[] = [];
  for (const [file, scan] of scans) {
    if (scan.skipped) skipped.push({ file, ...scan.skipped });
    for (const reference of scan.references) references.push({ file, ...reference });
  }
  references.sort((a, b) => compareLocations(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { references, skipped };
}

/** Evaluates rules and coverage over a model: the part the editor re-runs after every change. */
export function analyze(model: TraceModel, config: TracelensConfig): { findings: Finding[]; summary: CoverageSummary; index: TraceIndex } {
  const index = buildTraceIndex(model, config);
  const findings = evaluateRules(model, config, index);
  return { findings, summary: summarize(model, index, findings, config), index };
}

/** Checks a whole project from disk: config, requirement files, code, rules. */
export async function checkProject(options: CheckOptions): Promise<CheckResult> {
  const fs = options.fs ?? nodeFileSystem;
  const root = path.resolve(options.root);
  const project = options.prepared?.project ?? (await loadProjectConfig(fs, root, options.configFile));
  const { config } = project;
  const { requirementFiles, codeFiles } = options.prepared?.listed ?? (await listProjectFiles(fs, root, config));
  options.onListed?.(requirementFiles, codeFiles);

  const [requirements] = await Promise.all([
    readRequirements(fs, root, requirementFiles, config, options.requirementCache),
    options.scanner.prepare?.(root, codeFiles),
  ]);
  const prefixes = referencePrefixes(requirements.items, declaredPrefixes(config));
  const scans = await options.scanner.scanFiles(root, codeFiles, scanSettingsFor(config, prefixes));
  const { references, skipped } = collectScans(scans);
  const model: TraceModel = { items: requirements.items, references, problems: [...project.problems, ...requirements.problems] };
  const { findings, summary, index } = analyze(model, config);
  return {
    root, config, items: model.items, references, findings, skipped, summary, index,
    ...(project.configFile !== undefined ? { configFile: project.configFile } : {}),
    files: { requirementFiles: requirementFiles.length, codeFiles: codeFiles.length },
  };
}

/** Prefixes the config declares on top of the defaults (see {@link TracelensConfig.declaredPrefixes}). */
export function declaredPrefixes(config: TracelensConfig): readonly string[] {
  return config.declaredPrefixes ?? [];
}
