// Implements: TL-062
import type { TracelensConfig } from '../config/types';
import { itemCoverage, summaryFrom, type CoverageSummary, type ItemCoverage } from './coverage';
import type { FileProblem, Finding, Item, Reference } from '../model/types';
import type { RequirementSources } from '../model/sources';
import { compareLocations, isInactive } from '../model/types';
import { buildTraceIndex, type TraceIndex } from './traceIndex';
import { commandLineLocation, compareFindings, evidenceOf, firstDefinitions, RuleEvaluator } from './evaluate';
import { withVerification } from './coverage';
import type { TestResults } from '../results/types';
import type { VerificationEvidence } from '../results/evidence';
import { evaluateReview, type ReviewResult } from '../review/reviewState';
import type { ReviewLock } from '../review/lockFile';

/** What the live analysis produces: the same as a full `analyze` over the same model. */
export interface LiveResult {
  readonly references: readonly Reference[];
  readonly findings: readonly Finding[];
  readonly summary: CoverageSummary;
  readonly index: TraceIndex;
  /** The test results and the evidence from them, when the project has results globs. */
  readonly testResults?: TestResults;
  readonly verification?: VerificationEvidence;
  readonly review: ReviewResult;
}

function compareReferences(a: Reference, b: Reference): number {
  return compareLocations(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Rules and coverage kept up to date file by file, for the editor. A changed code file costs its
 * own references' findings plus the coverage of the IDs it references before and after the
 * change; only a change to the requirement files re-runs everything. The result is identical to
 * a full {@link evaluateRules} over the same model (a test checks this after random edits).
 */
export class LiveAnalysis {
  private items: readonly Item[] = [];
  private problems: readonly FileProblem[] = [];
  private sources: RequirementSources | undefined;
  private lock: ReviewLock | undefined;
  private firstItems = new Map<string, Item>();
  private readonly referencesByFile = new Map<string, readonly Reference[]>();
  private sortedFiles: string[] = [];
  private index: TraceIndex;
  private definitionFindings: readonly Finding[] = [];
  private readonly referenceFindings = new Map<string, readonly Finding[]>();
  private readonly coverageFindings = new Map<string, readonly Finding[]>();
  private readonly coverage = new Map<string, ItemCoverage>();
  private inactiveItems = 0;
  private readonly rules: RuleEvaluator;
  private requirementsDirty = true;
  private readonly dirtyFiles = new Set<string>();
  private readonly dirtyIds = new Set<string>();
  private cached: LiveResult | undefined;
  private results: { readonly results: TestResults; readonly codeFiles: readonly string[] } | undefined;

  constructor(private readonly config: TracelensConfig) {
    this.rules = new RuleEvaluator(config);
    this.index = buildTraceIndex({ items: [], references: [], problems: [] }, config);
  }

  /**
   * Replaces every item and file problem, and where requirements were looked for (as a full check
   * gives it; without it `no-requirements` and `no-items` are not judged): the next result re-runs
   * all rules.
   */
  setRequirements(items: readonly Item[], problems: readonly FileProblem[], sources?: RequirementSources): void {
    this.items = items;
    this.problems = problems;
    this.sources = sources;
    this.requirementsDirty = true;
    this.cached = undefined;
  }

  // Implements: TL-186
  /**
   * Replaces the project's tracelens.lock (undefined: none). Review findings are judged over the
   * whole model at every result (they depend on the lock, every item's text and every tag), so a
   * new lock only drops the cached result.
   */
  setLock(lock: ReviewLock | undefined): void {
    this.lock = lock;
    this.cached = undefined;
  }

  /** Replaces one code file's references (sorted by location); an empty list removes the file. */
  setFileReferences(file: string, references: readonly Reference[]): void {
    const before = this.referencesByFile.get(file);
    if (before === undefined && references.length === 0) return;
    for (const reference of before ?? []) this.dirtyIds.add(reference.id);
    for (const reference of references) this.dirtyIds.add(reference.id);
    if (references.length === 0) {
      this.referencesByFile.delete(file);
      const at = this.fileIndex(file);
      if (this.sortedFiles[at] === file) this.sortedFiles.splice(at, 1);
    } else {
      if (before === undefined) this.sortedFiles.splice(this.fileIndex(file), 0, file);
      this.referencesByFile.set(file, references);
    }
    this.dirtyFiles.add(file);
    this.cached = undefined;
  }

  // Implements: TL-146
  /**
   * Replaces the test results (undefined: the project has no results globs) and the code files a
   * testcase's test file is looked for in. Tying results depends on every tag's symbol, so the next
   * result ties them all again: cheap next to reading them.
   */
  setResults(results: TestResults | undefined, codeFiles: readonly string[]): void {
    this.results = results && { results, codeFiles };
    this.cached = undefined;
  }

  /** The current references, findings, summary and index. */
  result(): LiveResult {
    if (this.cached) return this.cached;
    if (this.requirementsDirty) this.rebuild();
    else this.update();
    const references = this.sortedFiles.flatMap((file) => this.referencesByFile.get(file)!);
    const findings = [...this.definitionFindings];
    for (const file of this.sortedFiles) findings.push(...(this.referenceFindings.get(file) ?? []));
    for (const list of this.coverageFindings.values()) findings.push(...list);
    let coverage: Iterable<ItemCoverage> = this.coverage.values();
    let verification: VerificationEvidence | undefined;
    if (this.results) {
      const model = { items: this.items, references, problems: this.problems, ...(this.sources ? { sources: this.sources } : {}), ...this.results };
      verification = evidenceOf(model, this.config)!;
      findings.push(...this.rules.verification(this.results.results, verification, this.index, commandLineLocation(model)));
      coverage = [...this.coverage].map(([id, entry]) => withVerification(entry, verification!.byId.get(id)?.status));
    }
    const review = evaluateReview({ items: this.items, references, index: this.index, config: this.config, ...(this.lock ? { lock: this.lock } : {}) });
    findings.push(...review.findings);
    findings.sort(compareFindings);
    const summary = summaryFrom(coverage, { items: this.items.length, inactive: this.inactiveItems, references: references.length }, findings,
      this.results ? { files: this.results.results.files.length, testcases: this.results.results.cases.length } : undefined);
    this.cached = {
      references, findings, summary, index: this.index, review,
      ...(this.results && verification ? { testResults: this.results.results, verification } : {}),
    };
    return this.cached;
  }

  private fileIndex(file: string): number {
    let low = 0;
    let high = this.sortedFiles.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.sortedFiles[mid]! < file) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private rebuild(): void {
    const references = this.sortedFiles.flatMap((file) => this.referencesByFile.get(file)!);
    this.index = buildTraceIndex({ items: this.items, references, problems: this.problems }, this.config);
    this.firstItems = new Map(firstDefinitions(this.items).map((item) => [item.id, item]));
    this.definitionFindings = this.rules.definitions(this.items, this.problems, this.index, this.sources);
    this.referenceFindings.clear();
    for (const file of this.sortedFiles) this.referenceFindings.set(file, this.rules.references(this.referencesByFile.get(file)!, this.index));
    this.coverageFindings.clear();
    this.coverage.clear();
    for (const item of this.firstItems.values()) {
      this.coverageFindings.set(item.id, this.rules.coverage(item, this.index));
      this.coverage.set(item.id, itemCoverage(item, this.index, this.config));
    }
    this.inactiveItems = this.items.filter((item) => isInactive(item, this.config.inactiveStatuses)).length;
    this.requirementsDirty = false;
    this.dirtyFiles.clear();
    this.dirtyIds.clear();
  }

  private update(): void {
    // Copy on write: earlier snapshots keep the index they were made with.
    const referencesById = new Map(this.index.referencesById);
    for (const id of this.dirtyIds) {
      const kept = (referencesById.get(id) ?? []).filter((r) => !this.dirtyFiles.has(r.file));
      for (const file of this.dirtyFiles) for (const r of this.referencesByFile.get(file) ?? []) if (r.id === id) kept.push(r);
      if (kept.length === 0) referencesById.delete(id);
      else referencesById.set(id, kept.sort(compareReferences));
    }
    this.index = { ...this.index, referencesById };
    for (const file of this.dirtyFiles) {
      const references = this.referencesByFile.get(file);
      if (references) this.referenceFindings.set(file, this.rules.references(references, this.index));
      else this.referenceFindings.delete(file);
    }
    for (const id of this.dirtyIds) {
      const item = this.firstItems.get(id);
      if (!item) continue;
      this.coverageFindings.set(id, this.rules.coverage(item, this.index));
      this.coverage.set(id, itemCoverage(item, this.index, this.config));
    }
    this.dirtyFiles.clear();
    this.dirtyIds.clear();
  }
}
