// Implements: TL-001, TL-007, TL-008, TL-011
import * as path from 'node:path';
import { loadProjectConfig, withStrictReview, type ProjectConfig } from '../config/load';
import type { TracelensConfig } from '../config/types';
import type { FileSystem } from '../files/fileSystem';
import { nodeFileSystem } from '../files/nodeFileSystem';
import { compareLocations, type Finding, type Item, type Reference, type SkippedFile } from '../model/types';
import { readRequirements, type RequirementCache } from '../readers';
import { summarize, type CoverageSummary } from '../rules/coverage';
import type { FileScan } from '../scan/codeScanner';
import type { ScanService } from '../scan/service';
import { referenceFamilies, scanSettingsFor } from '../scan/settings';
import { listProjectFiles } from '../files/projectFiles';
import { buildTraceIndex, type TraceIndex, type TraceModel } from '../rules/traceIndex';
import { compareFindings, evaluateRules } from '../rules/evaluate';
import type { ListedFiles } from '../cache/runCache';
import type { RequirementSearch, RequirementSources } from '../model/sources';
import { evidenceOf } from '../rules/evaluate';
import { readTestResults } from '../results/read';
import type { TestResults } from '../results/types';
import type { VerificationEvidence } from '../results/evidence';
import { checkSoupFiles, withSoup } from '../soup/check';
import type { SoupModel } from '../soup/project';
import { evaluateReview, type ReviewResult } from '../review/reviewState';
import { readLock } from '../review/lockRead';
import type { ReviewLock } from '../review/lockFile';

/**
 * The search with what it found, files sorted (the listing's order is the walk's); `skipped`: the
 * requirement files deliberately not read (see {@link RequirementSources.skipped}).
 */
export function requirementSources(search: RequirementSearch, files: readonly string[], unreadable: readonly string[], skipped: readonly SkippedFile[] = []): RequirementSources {
  return { ...search, files: [...files].sort(), unreadable: [...unreadable].sort(), ...(skipped.length > 0 ? { skipped: skipped.map((s) => s.file) } : {}) };
}

/** Skipped code files and skipped requirement files together, sorted by file. */
export function allSkipped(code: readonly SkippedFile[], requirements: readonly SkippedFile[]): SkippedFile[] {
  if (requirements.length === 0) return [...code];
  return [...code, ...requirements].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
  /** The test results read, when results globs were given (`testResults`, `--results`). */
  readonly testResults?: TestResults;
  /**
   * Each item's verifying tests and how they ended in the test results (see results/evidence.ts):
   * present exactly when `testResults` is.
   */
  readonly verification?: VerificationEvidence;
  /** The review state of every link (see review/reviewState.ts); absent in a model built without it. */
  readonly review?: ReviewResult;
  /** The SOUP register and dependencies read, when the project checks SOUP (for hovers, quick fixes and diffs). */
  readonly soup?: SoupModel;
  /** The tracelens.lock read; absent when the project has none. */
  readonly lock?: ReviewLock;
}

/** How long each phase of a check took, in milliseconds (wall clock; never part of a report). */
export interface CheckTimings {
  /** Loading the configuration and listing the files (0 when the caller had them already). */
  readonly listing: number;
  /** Reading the requirement files into items. */
  readonly requirements: number;
  /** Scanning the code files for tags (after reading: which ID families to look for depends on the items). */
  readonly code: number;
  /** Evaluating the rules and the coverage. */
  readonly rules: number;
}

/** Everything a check produces. */
export interface CheckResult extends AnalysedProject {
  readonly root: string;
  readonly files: { readonly requirementFiles: number; readonly codeFiles: number };
  /** Absent when the result is not a check's from disk (an editor snapshot's). */
  readonly timings?: CheckTimings;
  /** Files sphinx-needs needimports read, when there are any: the report depends on them too. */
  readonly importedFiles?: readonly string[];
}

export interface CheckOptions {
  readonly root: string;
  readonly configFile?: string;
  /** Test results globs from the command line (`--results`), after the config's `testResults`. */
  readonly results?: readonly string[];
  readonly fs?: FileSystem;
  readonly scanner: ScanService;
  readonly requirementCache?: RequirementCache;
  /** The configuration and listing, when the caller has them already (as the CLI after a run-cache miss). */
  readonly prepared?: { readonly project: ProjectConfig; readonly listed: ListedFiles };
  /** Told which requirement and code files the check reads (and which it cannot read), once they are listed. */
  readonly onListed?: (listed: ListedFiles) => void;
  /** `check --strict-review`: as `strictReview: true` in the configuration. */
  readonly strictReview?: boolean;
  /** Told the bytes of tracelens.lock as the check read them. */
  readonly onLockRead?: (bytes: Uint8Array) => void;
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
export function analyze(model: TraceModel, config: TracelensConfig): { findings: Finding[]; summary: CoverageSummary; index: TraceIndex; verification?: VerificationEvidence; review: ReviewResult } {
  const index = buildTraceIndex(model, config);
  const evidence = evidenceOf(model, config);
  const review = evaluateReview({ items: model.items, references: model.references, index, config, ...(model.lock ? { lock: model.lock } : {}) });
  const findings = withReviewFindings(evaluateRules(model, config, index, evidence), review);
  return { findings, summary: summarize(model, index, findings, config, evidence), index, review, ...(evidence ? { verification: evidence } : {}) };
}

/** The rules' findings with the review rules', in report order. */
export function withReviewFindings(findings: Finding[], review: ReviewResult): Finding[] {
  return review.findings.length === 0 ? findings : [...findings, ...review.findings].sort(compareFindings);
}

/** Checks a whole project from disk: config, requirement files, code, rules. */
export async function checkProject(options: CheckOptions): Promise<CheckResult> {
  const fs = options.fs ?? nodeFileSystem;
  const root = path.resolve(options.root);
  const started = performance.now();
  const project = withStrictReview(options.prepared?.project ?? (await loadProjectConfig(fs, root, options.configFile, options.results)), options.strictReview);
  const { config } = project;
  const listed = options.prepared?.listed ?? (await listProjectFiles(fs, root, config));
  const { requirementFiles, codeFiles } = listed;
  options.onListed?.(listed);
  const readStarted = performance.now();

  const [requirements, , testResults, lock] = await Promise.all([
    readRequirements(fs, root, requirementFiles, config, options.requirementCache),
    options.scanner.prepare?.(root, codeFiles),
    // Implements: TL-141
    listed.resultFiles ? readTestResults(fs, root, project.results, listed.resultFiles) : undefined,
    readLock(fs, root, options.onLockRead),
  ]);
  const scanStarted = performance.now();
  const families = referenceFamilies(requirements.items, config);
  const scans = await options.scanner.scanFiles(root, codeFiles, scanSettingsFor(config, families));
  const scanned = collectScans(scans);
  const { references } = scanned;
  // Implements: TL-240
  const skipped = allSkipped(scanned.skipped, requirements.skipped);
  const rulesStarted = performance.now();
  const sources = requirementSources(project.search, requirementFiles, listed.unreadableFiles ?? [], requirements.skipped);
  const model: TraceModel = {
    items: requirements.items, references, problems: [...project.problems, ...requirements.problems], sources,
    ...(testResults ? { results: testResults, codeFiles } : {}),
    ...(lock ? { lock } : {}),
  };
  const analysed = analyze(model, config);
  // Implements: TL-172
  const soup = await checkSoupFiles(fs, root, config, listed, analysed.index);
  const { findings, summary, index, verification, review } = withSoup(analysed, soup);
  const timings: CheckTimings = {
    listing: readStarted - started, requirements: scanStarted - readStarted, code: rulesStarted - scanStarted, rules: performance.now() - rulesStarted,
  };
  return {
    root, config, items: model.items, references, findings, skipped, summary, index, timings, review, ...(lock ? { lock } : {}),
    ...(soup ? { soup: soup.model } : {}),
    ...(testResults && verification ? { testResults, verification } : {}),
    ...(project.configFile !== undefined ? { configFile: project.configFile } : {}),
    files: { requirementFiles: requirementFiles.length, codeFiles: codeFiles.length },
    ...(requirements.imported.length > 0 ? { importedFiles: requirements.imported } : {}),
  };
}
