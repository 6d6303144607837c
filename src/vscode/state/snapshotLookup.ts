/**
 * Read-only lookups over one project snapshot, built once per snapshot and shared by every editor
 * feature: items, references and findings per file, the trace of an ID, and an item's coverage.
 * No `vscode` import: unit-tested under plain node.
 */
import type { TracelensConfig } from '../../core/config/types';
import type { Finding, Item, Location, Reference } from '../../core/model/types';
import { isInactive } from '../../core/model/types';
import { inFamilies, type IdFamilies } from '../../core/model/ids';
import type { ProjectSnapshot } from '../../core/project/projectIndex';
import { itemCoverage, withVerification, type CoverageState, type ItemCoverage } from '../../core/rules/coverage';
import type { ItemEvidence } from '../../core/results/evidence';
import { globMatcher } from '../../core/files/walk';
import { referenceFamilies } from '../../core/scan/settings';
import { isImplemented, isVerified, needsNoTest } from '../../core/rules/traceIndex';
import type { LinkReview } from '../../core/review/reviewState';
import { successorOf } from '../../core/authoring/successor';

/** Everything that traces to one ID. */
export interface Trace {
  /** Code tags that implement it. */
  readonly implementations: readonly Reference[];
  /** Code tags that mitigate it (count as implementation of a risk control). */
  readonly mitigations: readonly Reference[];
  /** Test tags that verify it. */
  readonly verifications: readonly Reference[];
  /** Active test items whose `verifies` names it. */
  readonly verifyingItems: readonly Item[];
  /** Active items whose `mitigates` names it (a risk's controls). */
  readonly mitigatingItems: readonly Item[];
  /** Active items whose `parent` names it. */
  readonly children: readonly Item[];
}

/** How far an item is traced (the engine's classifier; see {@link itemCoverage}). */
export type Coverage = CoverageState;

function group<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const list = map.get(k);
    if (list) list.push(value);
    else map.set(k, [value]);
  }
  return map;
}

const EMPTY: readonly never[] = Object.freeze([]);
const views = new WeakMap<ProjectSnapshot, SnapshotLookup>();

// Implements: TL-044, TL-047
/** Lookups over one snapshot; get one with {@link SnapshotLookup.of}. */
export class SnapshotLookup {
  private readonly itemsByFile: Map<string, Item[]>;
  private readonly referencesByFile: Map<string, Reference[]>;
  private readonly findingsByFile: Map<string, Finding[]>;
  private readonly traces = new Map<string, Trace>();
  private readonly testFile: (file: string) => boolean;
  private familyList: IdFamilies | undefined;
  private findingsById: Map<string, Finding[]> | undefined;

  private constructor(readonly snapshot: ProjectSnapshot) {
    this.itemsByFile = group(snapshot.items, (item) => item.file);
    this.referencesByFile = group(snapshot.references, (reference) => reference.file);
    this.findingsByFile = group(snapshot.findings, (finding) => finding.file);
    this.testFile = globMatcher(snapshot.config.testFiles);
  }

  /** The view of a snapshot, made once and cached for as long as the snapshot lives. */
  static of(snapshot: ProjectSnapshot): SnapshotLookup {
    let view = views.get(snapshot);
    if (!view) {
      view = new SnapshotLookup(snapshot);
      views.set(snapshot, view);
    }
    return view;
  }

  get config(): TracelensConfig {
    return this.snapshot.config;
  }

  /** Items defined in a file, in file order. */
  itemsIn(file: string): readonly Item[] {
    return this.itemsByFile.get(file) ?? EMPTY;
  }

  /** Tags in a code file, in file order. */
  referencesIn(file: string): readonly Reference[] {
    return this.referencesByFile.get(file) ?? EMPTY;
  }

  /** Findings located in a file. */
  findingsIn(file: string): readonly Finding[] {
    return this.findingsByFile.get(file) ?? EMPTY;
  }

  /** Findings about an ID wherever they are (an inactive reference in code, a gap on its heading). */
  findingsAbout(id: string): readonly Finding[] {
    this.findingsById ??= group(this.snapshot.findings.filter((finding) => finding.id !== undefined), (finding) => finding.id!);
    return this.findingsById.get(id) ?? EMPTY;
  }

  /** Files that hold at least one finding, sorted. */
  filesWithFindings(): string[] {
    return [...this.findingsByFile.keys()].sort();
  }

  /** The tag whose ID covers a 1-based line and column (the column just past the ID included). */
  referenceAt(file: string, line: number, column: number): Reference | undefined {
    return this.referencesIn(file).find((r) => r.line === line && r.column <= column && column <= r.endColumn);
  }

  /** The first definition of an ID (the one the rules count). */
  item(id: string): Item | undefined {
    return this.snapshot.index.itemsById.get(id)?.[0];
  }

  /** Every definition of an ID (more than one is a duplicate). */
  definitions(id: string): readonly Item[] {
    return this.snapshot.index.itemsById.get(id) ?? EMPTY;
  }

  /** Every defined ID, sorted. */
  ids(): string[] {
    return [...this.snapshot.index.itemsById.keys()].sort();
  }

  /** The ID families that make an ID in a comment a reference: those items use, and those declared. */
  families(): IdFamilies {
    this.familyList ??= referenceFamilies(this.snapshot.items, this.config);
    return this.familyList;
  }

  /** Whether an ID is of a family that makes it a reference in this project (`SHA-256` is not). */
  hasPrefixOf(id: string): boolean {
    return inFamilies(id, this.families());
  }

  /** Whether a file is a test file by the project's `testFiles` globs. */
  isTestFile(file: string): boolean {
    return this.testFile(file);
  }

  /** Whether the item's status retires it. */
  isInactive(item: Item): boolean {
    return isInactive(item, this.config.inactiveStatuses);
  }

  /** The active item that replaces an inactive one, when it names one (see {@link successorOf}). */
  successor(item: Item): Item | undefined {
    return successorOf(item, (id) => this.item(id), this.snapshot.items, this.config.inactiveStatuses);
  }

  /** Whether a requirement is implemented (a tag implements or mitigates it). */
  isImplemented(id: string): boolean {
    return isImplemented(id, this.snapshot.index);
  }

  /** Whether a requirement is verified, or needs no test. */
  isVerified(item: Item): boolean {
    return needsNoTest(item, this.config) || isVerified(item.id, this.snapshot.index);
  }

  /** What traces to an ID. */
  trace(id: string): Trace {
    let trace = this.traces.get(id);
    if (trace) return trace;
    const references = this.snapshot.index.referencesById.get(id) ?? EMPTY;
    const incoming = this.snapshot.index.incomingLinks.get(id) ?? EMPTY;
    trace = {
      implementations: references.filter((r) => r.relation === 'implements'),
      mitigations: references.filter((r) => r.relation === 'mitigates'),
      verifications: references.filter((r) => r.relation === 'verifies'),
      verifyingItems: incoming.filter((l) => l.kind === 'verifies' && l.item.kind === 'test').map((l) => l.item),
      mitigatingItems: incoming.filter((l) => l.kind === 'mitigates').map((l) => l.item),
      children: incoming.filter((l) => l.kind === 'parent').map((l) => l.item),
    };
    this.traces.set(id, trace);
    return trace;
  }

  /**
   * Every place that names an ID without defining it: tags in code, then links in items, each
   * spanning the ID (`endColumn` exclusive).
   */
  usesOf(id: string): Array<Location & { endColumn: number }> {
    const uses: Array<Location & { endColumn: number }> = [];
    for (const reference of this.snapshot.index.referencesById.get(id) ?? EMPTY) {
      uses.push({ file: reference.file, line: reference.line, column: reference.column, endColumn: reference.endColumn });
    }
    for (const item of this.snapshot.items) {
      for (const link of item.links) {
        if (link.target === id) uses.push({ file: link.file, line: link.line, column: link.column, endColumn: link.column + id.length });
      }
    }
    return uses;
  }

  /** Where an item's trace lives: its tags in code and tests, then the items that verify, mitigate or refine it. */
  tracePlaces(id: string): Location[] {
    const trace = this.trace(id);
    return [
      ...trace.implementations, ...trace.mitigations, ...trace.verifications,
      ...trace.verifyingItems, ...trace.mitigatingItems, ...trace.children,
    ].map((at) => ({ file: at.file, line: at.line, column: at.column }));
  }

  /** How far an item is traced (see {@link Coverage}); a failed or not-run verification makes it partial. */
  coverage(item: Item): Coverage {
    return this.coverageDetail(item).state;
  }

  /** An item's whole coverage: its state, its needs and which are missing, and what the test results say. */
  coverageDetail(item: Item): ItemCoverage {
    return withVerification(itemCoverage(item, this.snapshot.index, this.config), this.evidence(item.id)?.status);
  }

  /** An item's verifying tests and their results, when the project has test results and the item such tests. */
  evidence(id: string): ItemEvidence | undefined {
    return this.snapshot.verification?.byId.get(id);
  }

  // Implements: TL-188
  /** The review state of the link (tag or item link) whose target ID spans this place, if any link was judged. */
  reviewAt(file: string, line: number, column: number): LinkReview | undefined {
    return (this.snapshot.review?.links ?? []).find((review) => review.file === file && review.line === line && review.column <= column && column <= review.endColumn);
  }

  /** Suspect links in a file, or to an item. */
  suspectLinks(filter: { file?: string; target?: string }): LinkReview[] {
    return (this.snapshot.review?.links ?? []).filter((review) => review.state === 'suspect' && !review.doorstop
      && (filter.file === undefined || review.file === filter.file) && (filter.target === undefined || review.target === filter.target));
  }

  /** Whether some link to an item is suspect. */
  hasSuspectLinks(id: string): boolean {
    return (this.snapshot.review?.links ?? []).some((review) => review.state === 'suspect' && review.target === id);
  }

  /** Findings on the item's lines: its coverage gaps, a duplicate, a broken link in its attributes. */
  findingsOf(item: Item): Finding[] {
    // A nested item's lines belong to it, not to the item whose section holds it.
    const next = this.itemsIn(item.file).find((other) => other.line > item.line);
    const last = next ? Math.min(item.endLine, next.line - 1) : item.endLine;
    return this.findingsIn(item.file).filter((f) => f.line >= item.line && f.line <= last);
  }
}
