// Implements: TL-062, TL-116
import * as path from 'node:path';
import type { CommentParser, ParsedDocument } from '../../parsing/commentParser';
import type { LanguageSpec } from '../../parsing/languages';
import { languageResolver } from '../scan/fileLanguages';
import { DEFAULT_ARTIFACT_TYPES, type TracelensConfig } from '../config/types';
import { allSkipped, requirementSources, type AnalysedProject } from './check';
import { isDoorstopConfig, isDoorstopSkipFile, isRequirementFormat } from '../readers/fileTypes';
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import type { FileProblem, Item, SkippedFile } from '../model/types';
import { compareLocations } from '../model/types';
import { contextKey, readerContext, readRequirementBytes, readRequirementFile, readsBytes, skippedRequirementFiles, type ReadResult } from '../readers';
import { doorstopTree, DoorstopTree } from '../readers/doorstopDocuments';
import { resolveNeedImports } from '../readers/needImport';
import { placeNeedsJsonItems } from '../readers/needsJsonSources';
import { combineRequirementReads } from '../readers/needsProject';
import { needSettings } from '../readers/sphinxNeedTypes';
import { strictdocIncludeProblems } from '../readers/strictdocIncludes';
import { LiveAnalysis } from '../rules/liveAnalysis';
import { isCodeFile, type FileScan } from '../scan/codeScanner';
import { findTags } from '../scan/tags';
import { idRegexFor, type IdFamilies } from '../model/ids';
import { globMatcher, listFiles, ListingOracle } from '../files/walk';
import { requirementMatcher } from '../files/projectFiles';
import { referenceFamilies, sameFamilies, type ScanSettings, scanSettingsFor } from '../scan/settings';
import type { ScanService } from '../scan/service';
import { loadProjectConfig, type ProjectConfig } from '../config/load';
import { listResultFiles, readResultFile } from '../results/read';
import type { TestCaseResult, TestResults } from '../results/types';
import { listSoupFiles, loadSoup, soupDay, soupRegisterPath, type SoupModel } from '../soup/project';
import { checksSoup, judgeSoup, withSoup } from '../soup/check';
import { manifestKind } from '../soup/manifests/kinds';
import { LOCK_FILE, type ReviewLock } from '../review/lockFile';
import { readLock } from '../review/lockRead';

const decoder = new TextDecoder('utf-8');

/** What one {@link ProjectIndex.load} read, and the wall-clock milliseconds of each of its phases. */
export interface LoadStats {
  /** Files the walk listed (after `exclude` and .gitignore). */
  readonly listed: number;
  readonly requirementFiles: number;
  readonly resultFiles: number;
  /** Code files scanned (from disk or the scan cache). */
  readonly codeFiles: number;
  readonly timings: {
    readonly config: number;
    readonly listing: number;
    readonly requirements: number;
    readonly results: number;
    readonly code: number;
    readonly soup: number;
    /** The first analysis of the whole model (rules, coverage). */
    readonly rules: number;
  };
}

/** A stopwatch: each call returns the milliseconds since the previous one (or since its start). */
function phaseClock(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}

/** The analysed state of a project at one moment. */
export interface ProjectSnapshot extends AnalysedProject {
  readonly requirementFiles: readonly string[];
  readonly codeFiles: readonly string[];
  /** The SOUP register and manifests read (sorted); empty when the project checks no SOUP. */
  readonly soupFiles?: readonly string[];
}

/**
 * What kind of file a path is for this project: `results` is a test results file the results globs
 * match, `soup` the SOUP register or a package manifest, `lock` the project's tracelens.lock.
 */
export type FileRole = 'config' | 'lock' | 'requirement' | 'code' | 'results' | 'soup' | 'other';

/** A text edit in UTF-16 offsets of the previous text, as editors report them. */
export interface TextChange {
  readonly start: number;
  readonly deleteCount: number;
  readonly insertText: string;
}

/**
 * The live index of one project (one workspace folder): per-file results kept apart so that one
 * changed file costs one file's work. Requirement files are re-read whole (they are small); code
 * files are re-scanned, and an open editor buffer is parsed incrementally. Rules re-run over the
 * whole model on {@link snapshot}, which is cheap next to parsing.
 */
export class ProjectIndex {
  private project!: ProjectConfig;
  private isRequirementPath: (file: string) => boolean = () => false;
  private isExcluded: (file: string) => boolean = () => false;
  private readonly requirements = new Map<string, ReadResult>();
  /** The text each requirement file was last read from, to read it again when its Doorstop document changes. */
  private readonly requirementTexts = new Map<string, string>();
  /** The Doorstop documents of the `.doorstop.yml` requirement files, which decide how their folders' files read. */
  private doorstop = new DoorstopTree([]);
  /** Files the requirement globs match that no reader understands: listed by `no-items`, never read. */
  private readonly unreadable = new Set<string>();
  private readonly code = new Map<string, FileScan>();
  /** The code files, sorted; made again only when a file is added or removed, not when one is re-scanned. */
  private sortedCode: readonly string[] | undefined;
  private readonly documents = new Map<string, { parsed: ParsedDocument; text: string }>();
  private idPattern: RegExp | undefined;
  private isTestFile: (file: string) => boolean = () => false;
  private settings!: ScanSettings;
  private cached: ProjectSnapshot | undefined;
  private live!: LiveAnalysis;
  private requirementsDirty = true;
  private readonly changedCode = new Set<string>();
  private readonly skipped = new Map<string, SkippedFile>();
  /** The requirement files not read (in documents Doorstop skips), as of the last snapshot. */
  private requirementSkips: SkippedFile[] = [];
  private currentItems: readonly Item[] = [];
  /** Files the project holds: those of the last walk, plus files since created that it would list. */
  private listed = new Set<string>();
  private oracle!: ListingOracle;
  private isResultsPath: (file: string) => boolean = () => false;
  /** Each test results file as last read. */
  private readonly resultReads = new Map<string, { cases: readonly TestCaseResult[]; problem?: FileProblem; modified?: string }>();
  /** The SOUP files of the last SOUP reading, and what they gave. */
  private soupFiles: string[] = [];
  private soupModel: SoupModel | undefined;
  /** The project's tracelens.lock as last read from disk; undefined when it has none. */
  private lock: ReviewLock | undefined;
  private loadStats: LoadStats | undefined;

  constructor(
    readonly root: string,
    private readonly fs: FileSystem,
    private readonly parser: CommentParser,
    private readonly scanService: ScanService,
    private readonly configFile?: string,
  ) {}

  /** Reads the config, every requirement file and every code file from disk. */
  async load(): Promise<ProjectSnapshot> {
    const clock = phaseClock();
    this.project = await loadProjectConfig(this.fs, this.root, this.configFile);
    const configTime = clock();
    const { config } = this.project;
    this.isRequirementPath = requirementMatcher(config.requirements);
    this.isExcluded = globMatcher(config.exclude);
    this.isResultsPath = globMatcher(config.testResults ?? []);
    this.resultReads.clear();
    const walk = { exclude: config.exclude, useGitignore: config.useGitignore };
    const files = await listFiles(this.fs, this.root, walk);
    const listing = clock();
    this.listed = new Set(files);
    this.oracle = new ListingOracle(this.fs, this.root, walk);
    this.requirements.clear();
    this.requirementTexts.clear();
    this.doorstop = new DoorstopTree([]);
    this.unreadable.clear();
    this.code.clear();
    this.sortedCode = undefined;
    this.live = new LiveAnalysis(config);
    await this.reloadLock();
    this.skipped.clear();
    this.requirementsChanged();
    // Implements: TL-176
    const register = soupRegisterPath(config);
    const requirementFiles = files.filter((file) => this.isRequirementPath(file) && file !== register);
    // Doorstop documents and skip markers first: they decide how the files in their folders read.
    await Promise.all(requirementFiles.filter(isDoorstopTreeFile).map((file) => this.readRequirementFromDisk(file)));
    this.doorstop = this.currentDoorstopTree();
    await Promise.all(requirementFiles.filter((file) => !isDoorstopTreeFile(file)).map((file) => this.readRequirementFromDisk(file)));
    this.refreshSettings();
    const requirements = clock();
    // Implements: TL-146
    let resultFiles: readonly string[] = [];
    if (config.testResults) {
      resultFiles = await listResultFiles(this.fs, this.root, config.testResults);
      await Promise.all(resultFiles.map((file) => this.readResults(file)));
    }
    const results = clock();
    const codeFiles = files.filter((file) => !this.isRequirementPath(file) && file !== register && isCodeFile(file, config.languages));
    const scans = await this.scanService.scanFiles(this.root, codeFiles, this.settings);
    for (const [file, scan] of scans) this.setScan(file, scan);
    // Open documents keep their unsaved text over what is on disk.
    for (const file of this.documents.keys()) this.setScan(file, this.scanDocument(file));
    const code = clock();
    await this.reloadSoup();
    const soup = clock();
    const snapshot = this.snapshot();
    // Implements: TL-212
    this.loadStats = {
      listed: files.length, requirementFiles: requirementFiles.length, resultFiles: resultFiles.length, codeFiles: codeFiles.length,
      timings: { config: configTime, listing, requirements, results, code, soup, rules: clock() },
    };
    return snapshot;
  }

  /** What the last {@link load} read and how long its phases took; undefined before the first. */
  get lastLoad(): LoadStats | undefined {
    return this.loadStats;
  }

  /** The project's config as last loaded. */
  get config(): TracelensConfig {
    return this.project.config;
  }

  /** The config file, POSIX relative to the root, or the default name when there is none. */
  get configPath(): string {
    return this.project.configFile ?? 'tracelens.json';
  }

  /** How a root-relative POSIX path takes part in this project. */
  roleOf(file: string): FileRole {
    if (file === this.configPath) return 'config';
    if (file === LOCK_FILE) return 'lock';
    // Results are build output: `exclude` and .gitignore do not hide them.
    if (this.isResultsPath(file)) return 'results';
    if (file === soupRegisterPath(this.config)) return 'soup';
    if (this.isExcluded(file)) return 'other';
    if (manifestKind(file) !== undefined || this.soupFiles.includes(file)) return 'soup';
    if (this.isRequirementPath(file)) return 'requirement';
    return isCodeFile(file, this.config.languages) ? 'code' : 'other';
  }

  /** The language a file is read as under the project's config, or undefined when it is no code file. */
  languageOf(file: string): LanguageSpec | undefined {
    return languageResolver(this.config.languages)(file);
  }

  /** Root-relative POSIX path of an absolute path, or undefined when it lies outside the root. */
  relative(absolutePath: string): string | undefined {
    const rel = path.relative(this.root, absolutePath);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  /**
   * Sets a requirement file's text (an unsaved buffer or the file on disk). Returns true when the
   * set of reference prefixes changed, in which case every code file was re-scanned.
   */
  async setRequirementText(file: string, text: string): Promise<boolean> {
    if (!(await this.isListable(file))) return false;
    if (!isRequirementFormat(file)) {
      this.markUnreadable(file);
      return false;
    }
    // Implements: TL-132
    // An archive's editor text is no archive: it is read from its bytes on disk, whatever the buffer holds.
    if (readsBytes(file)) await this.readRequirementFromDisk(file);
    else await this.readRequirement(file, text);
    this.requirementsChanged();
    if (isDoorstopTreeFile(file)) this.refreshDoorstop();
    return this.refreshPrefixes();
  }

  /** Sets a code file's text from an editor buffer, parsing it incrementally when changes are given. */
  async setCodeText(file: string, text: string, changes?: readonly TextChange[]): Promise<void> {
    const language = this.languageOf(file);
    if (!language || !(await this.isListable(file))) return;
    if (!this.parser.isLoaded(language.id)) await this.parser.loadLanguage(language.id);
    const open = this.documents.get(file);
    if (open && changes) {
      open.parsed.update(text, changes);
      open.text = text;
    } else {
      open?.parsed.dispose();
      this.documents.set(file, { parsed: this.parser.openDocument(language.id, text), text });
    }
    this.setScan(file, this.scanDocument(file));
  }

  /** Forgets an editor buffer; the file's state falls back to disk. */
  async closeDocument(file: string): Promise<void> {
    const open = this.documents.get(file);
    if (!open) return;
    open.parsed.dispose();
    this.documents.delete(file);
    await this.fileChangedOnDisk(file);
  }

  /** Re-reads a created or changed file from disk (unless an editor buffer owns it). */
  async fileChangedOnDisk(file: string): Promise<void> {
    if (this.documents.has(file)) return;
    await this.reimport(file);
    // Implements: TL-186
    // The lock is read wherever it is ignored or excluded: it is the project's, not a scanned file.
    if (file === LOCK_FILE) return this.reloadLock();
    if (this.isResultsPath(file)) {
      await this.readResults(file);
      return;
    }
    if (!(await this.isListable(file))) return;
    const role = this.roleOf(file);
    if (role === 'requirement') {
      await this.readRequirementFromDisk(file);
      this.requirementsChanged();
      if (isDoorstopTreeFile(file)) this.refreshDoorstop();
      await this.refreshPrefixes();
    } else if (role === 'code') {
      const scans = await this.scanService.scanFiles(this.root, [file], this.settings);
      const scan = scans.get(file);
      if (scan) this.setScan(file, scan);
    } else if (role === 'soup') {
      await this.reloadSoup();
    }
  }

  /** Forgets a deleted file. */
  async fileDeleted(file: string): Promise<void> {
    await this.reimport(file);
    if (file === LOCK_FILE) return this.reloadLock();
    if (this.resultReads.delete(file)) this.cached = undefined;
    this.listed.delete(file);
    this.documents.get(file)?.parsed.dispose();
    this.documents.delete(file);
    const wasRequirement = this.requirements.delete(file) || this.unreadable.delete(file);
    this.requirementTexts.delete(file);
    if (wasRequirement) this.requirementsChanged();
    if (wasRequirement && isDoorstopTreeFile(file)) this.refreshDoorstop();
    if (this.code.delete(file)) {
      this.sortedCode = undefined;
      this.changedCode.add(file);
      this.cached = undefined;
    }
    if (wasRequirement) await this.refreshPrefixes();
    if (this.roleOf(file) === 'soup') await this.reloadSoup();
  }

  /**
   * The current state, recomputed only when something changed since the last call, and then only
   * as far as the change reaches (see {@link LiveAnalysis}).
   */
  snapshot(): ProjectSnapshot {
    if (this.cached) return this.cached;
    if (this.requirementsDirty) {
      const combined = combineRequirementReads(this.requirements, needSettings(this.project.config));
      const items = combined.items;
      const problems: FileProblem[] = [...this.project.problems, ...combined.problems, ...strictdocIncludeProblems(this.requirements)].sort(compareLocations);
      this.requirementSkips = skippedRequirementFiles(this.requirements);
      const sources = requirementSources(this.project.search, [...this.requirements.keys()], [...this.unreadable], this.requirementSkips);
      this.live.setRequirements(items, problems, sources);
      this.currentItems = items;
      this.requirementsDirty = false;
    }
    for (const file of this.changedCode) {
      const scan = this.code.get(file);
      const references = (scan?.references ?? []).map((reference) => ({ file, ...reference }))
        .sort((a, b) => a.line - b.line || a.column - b.column || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.live.setFileReferences(file, references);
      if (scan?.skipped) this.skipped.set(file, { file, ...scan.skipped });
      else this.skipped.delete(file);
    }
    this.changedCode.clear();
    this.live.setResults(this.currentResults(), this.config.testResults ? this.codeFiles() : []);
    const live = this.live.result();
    const soup = this.soupModel ? judgeSoup(this.soupModel, this.config, live.index) : undefined;
    const { references, findings, summary, index, testResults, verification, review } = withSoup(live, soup);
    this.cached = {
      config: this.config, items: this.currentItems, references, findings, summary, index, review,
      ...(testResults && verification ? { testResults, verification } : {}),
      soupFiles: this.soupFiles, ...(this.soupModel ? { soup: this.soupModel } : {}),
      ...(this.lock ? { lock: this.lock } : {}),
      skipped: allSkipped([...this.skipped.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), this.requirementSkips),
      ...(this.project.configFile !== undefined ? { configFile: this.project.configFile } : {}),
      requirementFiles: [...this.requirements.keys()].sort(),
      codeFiles: this.codeFiles(),
    };
    return this.cached;
  }

  /** Reads tracelens.lock again (or finds it gone): every link's review state is judged anew. */
  private async reloadLock(): Promise<void> {
    this.lock = await readLock(this.fs, this.root);
    this.live.setLock(this.lock);
    this.cached = undefined;
  }

  /** Frees every parsed document. */
  dispose(): void {
    for (const open of this.documents.values()) open.parsed.dispose();
    this.documents.clear();
  }

  /**
   * Whether the CLI would check this file (not git-ignored, excluded or in an always-skipped
   * folder), so that the editor never reports what CI does not. Files of the last walk are known;
   * others are asked of the listing oracle once and remembered.
   */
  private async isListable(file: string): Promise<boolean> {
    if (this.listed.has(file)) return true;
    if (!this.oracle || !(await this.oracle.includes(file))) return false;
    this.listed.add(file);
    return true;
  }

  /** Reads (again) a test results file. */
  private async readResults(file: string): Promise<void> {
    this.resultReads.set(file, await readResultFile(this.fs, this.root, file));
    this.cached = undefined;
  }

  /** The test results as last read, as a check reads them; undefined without results globs. */
  private currentResults(): TestResults | undefined {
    if (!this.config.testResults) return undefined;
    const files = [...this.resultReads.keys()].sort();
    const modified: Record<string, string> = {};
    for (const file of files) {
      const time = this.resultReads.get(file)!.modified;
      if (time !== undefined) modified[file] = time;
    }
    return {
      patterns: this.project.results, files,
      cases: files.flatMap((file) => this.resultReads.get(file)!.cases),
      problems: files.flatMap((file) => { const problem = this.resultReads.get(file)!.problem; return problem ? [problem] : []; }),
      modified,
    };
  }

  /**
   * Reads the SOUP files again (the register, every manifest of the listing and their includes):
   * they are few and small, and one manifest's lock file can change another's versions.
   */
  private async reloadSoup(): Promise<void> {
    this.soupFiles = await listSoupFiles(this.fs, this.root, this.config, [...this.listed].sort());
    this.soupModel = checksSoup(this.config, this.soupFiles) ? await loadSoup(this.fs, this.root, this.config, this.soupFiles, soupDay()) : undefined;
    this.cached = undefined;
  }

  /** The code files, sorted (the same array until a file is added or removed). */
  private codeFiles(): readonly string[] {
    return (this.sortedCode ??= [...this.code.keys()].sort());
  }

  private setScan(file: string, scan: FileScan): void {
    if (!this.code.has(file)) this.sortedCode = undefined;
    this.code.set(file, scan);
    this.changedCode.add(file);
    this.cached = undefined;
  }

  private requirementsChanged(): void {
    this.requirementsDirty = true;
    this.cached = undefined;
  }

  private markUnreadable(file: string): void {
    if (this.unreadable.has(file)) return;
    this.unreadable.add(file);
    this.requirementsChanged();
  }

  private async readRequirementFromDisk(file: string): Promise<void> {
    if (!isRequirementFormat(file)) {
      this.markUnreadable(file);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(absoluteFromPosix(this.root, file));
    } catch (error) {
      this.requirementTexts.delete(file);
      this.requirements.set(file, { items: [], problems: [{ file, line: 1, column: 1, message: `cannot read file: ${(error as Error).message}` }] });
      return;
    }
    if (readsBytes(file)) {
      // A binary format (a .reqifz archive) has no text to keep.
      this.requirementTexts.delete(file);
      this.requirements.set(file, readRequirementBytes(bytes, readerContext(this.project.config, file, this.doorstop)));
      return;
    }
    await this.readRequirement(file, decoder.decode(bytes));
  }

  /**
   * Reads a requirement file's text with the current Doorstop tree, and keeps the text; a
   * needs.json need moves to its .rst source when the project holds it.
   */
  private async readRequirement(file: string, text: string): Promise<void> {
    this.requirementTexts.set(file, text);
    const context = readerContext(this.project.config, file, this.doorstop);
    this.requirements.set(file, await resolveNeedImports(this.fs, this.root, await placeNeedsJsonItems(this.fs, this.root, file, readRequirementFile(text, context)), context));
  }

  // Implements: TL-246
  /** Reads again the `.rst` files whose needimports read `file`, which changed, appeared or went. */
  private async reimport(file: string): Promise<void> {
    const importers = [...this.requirements].filter(([, result]) => result.imported?.includes(file)).map(([importer]) => importer);
    for (const importer of importers) {
      const text = this.requirementTexts.get(importer);
      if (text !== undefined) await this.readRequirement(importer, text);
    }
    if (importers.length > 0) this.requirementsChanged();
  }

  private currentDoorstopTree(): DoorstopTree {
    const markers = [...this.requirements.keys()].filter(isDoorstopSkipFile);
    return doorstopTree([...this.requirementTexts].filter(([file]) => isDoorstopConfig(file)).sort(([a], [b]) => (a < b ? -1 : 1)), markers);
  }

  /**
   * After a `.doorstop.yml` or a skip marker changed (or appeared, or went): reads again every
   * requirement file whose document, child documents or skipping changed with it (a `.doorstop.yml`
   * too: it is skipped with its document), so that the editor agrees with a check.
   */
  private refreshDoorstop(): void {
    const before = this.doorstop;
    this.doorstop = this.currentDoorstopTree();
    for (const [file, text] of this.requirementTexts) {
      const context = readerContext(this.project.config, file, this.doorstop);
      if (contextKey(context) === contextKey(readerContext(this.project.config, file, before))) continue;
      this.requirements.set(file, readRequirementFile(text, context));
    }
    this.requirementsChanged();
  }

  private currentFamilies(): IdFamilies {
    return referenceFamilies([...this.requirements.values()].flatMap((r) => r.items), this.config);
  }

  private refreshSettings(): void {
    this.settings = scanSettingsFor(this.config, this.currentFamilies());
    this.idPattern = idRegexFor(this.settings);
    this.isTestFile = globMatcher(this.config.testFiles);
  }

  /** When the prefixes change, every code file may hold new (or fewer) references: scan again. */
  private async refreshPrefixes(): Promise<boolean> {
    if (sameFamilies(this.currentFamilies(), this.settings)) return false;
    this.refreshSettings();
    const files = [...this.code.keys()].filter((file) => !this.documents.has(file));
    const scans = await this.scanService.scanFiles(this.root, files, this.settings);
    for (const [file, scan] of scans) this.setScan(file, scan);
    for (const file of this.documents.keys()) this.setScan(file, this.scanDocument(file));
    return true;
  }

  /** Scans an open document's current tree: no re-parse, the tree is already up to date. */
  private scanDocument(file: string): FileScan {
    const language = this.languageOf(file)!.id;
    const open = this.documents.get(file)!;
    if (!this.idPattern) return { language, references: [] };
    const tags = findTags(open.text, open.parsed.commentSpans(), {
      idPattern: this.idPattern, keywords: this.config.keywords, artifactTypes: this.settings.artifactTypes ?? DEFAULT_ARTIFACT_TYPES,
      defaultRelation: this.isTestFile(file) ? 'verifies' : 'implements',
    });
    return { language, references: tags.map((tag) => ({ ...tag, language })) };
  }
}

/** Whether a file shapes the Doorstop tree: a `.doorstop.yml` or one of Doorstop's skip markers. */
function isDoorstopTreeFile(file: string): boolean {
  return isDoorstopConfig(file) || isDoorstopSkipFile(file);
}
