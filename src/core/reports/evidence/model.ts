// Implements: TL-150
/**
 * The traceability report's model: built once from a check, then written as HTML, CSV, XLSX,
 * Markdown or JSON by the writers beside it, so every format shows the same rows and numbers.
 */
import type { CheckResult } from '../../project/check';
import { isInactive, type Finding, type Item, type Reference, type SafetyClass, type Severity, type SkippedFile } from '../../model/types';
import { itemCoverage, withVerification, type CoverageState, type CoverageSummary } from '../../rules/coverage';
import { safetyClassOf, type TraceIndex } from '../../rules/traceIndex';
import { RULES } from '../../rules/descriptors';
import type { VerificationStatus } from '../../results/evidence';
import { testResultLookup, type TestResult, type TestResultLookup } from '../../results/outcomes';
import { compareIds } from './order';

/**
 * The result of a verifying test in a test run: set when test results were read (JUnit), absent
 * otherwise. `missing`: results were given but hold none for this test.
 */
export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped' | 'missing';

// Implements: TL-200
/** The test results the report was made with: absent when no results glob was given. */
export interface ReportResults {
  /** The globs, as given (`testResults`, then `--results`). */
  readonly globs: readonly string[];
  /** The results files read, sorted (none when no glob matched a file). */
  readonly files: readonly string[];
  readonly testcases: number;
}

/** A place in a code file that implements (or mitigates through) an item. */
export interface CodeEvidence {
  readonly file: string;
  readonly line: number;
  readonly symbol?: string;
  readonly relation: Reference['relation'];
}

/**
 * A test that verifies an item: a `verifies` tag in a test file, a test item that lists it, or
 * (with test results) a testcase whose property names it.
 */
export interface TestEvidence {
  /** `tag` for a `verifies` comment, `item` for a test item's `verifies` link, `results` for a testcase's property. */
  readonly source: 'tag' | 'item' | 'results';
  /** Where it is: the tag, the test item, or the testcase in its results file. */
  readonly file: string;
  readonly line: number;
  /** The tagged function (tag), the test item's ID (item), or the testcase's name (results). */
  readonly name?: string;
  /** The test's result, when test results were read; rendered wherever present. */
  readonly outcome?: TestOutcome;
  /** The first line of the failure or skip message, with an outcome. */
  readonly message?: string;
}

/** A finding attached to the row of the item it is about. */
export interface RowFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

/** One row of the matrix: one item of any kind, inactive ones included. */
export interface ReportRow {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /** The class the rules applied: the item's own, else the configuration's default. */
  readonly safetyClass: SafetyClass;
  readonly classFrom: 'item' | 'default';
  readonly status?: string;
  readonly active: boolean;
  readonly file: string;
  readonly line: number;
  /** How far its needs are met (see rules/coverage.ts). */
  readonly coverage: CoverageState;
  readonly needs: readonly string[];
  readonly missing: readonly string[];
  /** Each path from a direct parent up to a root (`[SRS-1, SYS-1]`), by `parent` links. */
  readonly parentChains: ReadonlyArray<readonly string[]>;
  /** The risks it lists under `mitigates`. */
  readonly mitigates: readonly string[];
  /** The active items that list it under `mitigates` (its risk controls, for a risk). */
  readonly mitigatedBy: readonly string[];
  readonly implementedBy: readonly CodeEvidence[];
  readonly verifiedBy: readonly TestEvidence[];
  /** What the test results say of its verifying tests together, with results and such tests (see results/evidence.ts). */
  readonly verification?: VerificationStatus;
  readonly findings: readonly RowFinding[];
  /** Whether the row shows a gap: an open finding, or a need not met. */
  readonly gap: boolean;
}

/** One step of a risk chain: an item, its code, its tests and the items that refine it. */
export interface ChainNode {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly implementedBy: readonly CodeEvidence[];
  readonly verifiedBy: readonly TestEvidence[];
  /** Active items naming it as their parent; empty where the chain would repeat an item. */
  readonly refinedBy: readonly ChainNode[];
}

/** Hazard → risk control → requirement → code → test (IEC 62304 7.3.3). */
export interface RiskChain {
  readonly id: string;
  readonly title: string;
  readonly active: boolean;
  /** Code that names the risk in a `mitigates` tag. */
  readonly mitigatedInCode: readonly CodeEvidence[];
  /** Active items that list the risk under `mitigates`, each followed down its children. */
  readonly controls: readonly ChainNode[];
}

/** Coverage of the items of one kind and safety class (first definitions). */
export interface CoverageRow {
  readonly kind: string;
  readonly safetyClass: SafetyClass;
  readonly items: number;
  readonly inactive: number;
  /** Active items that need something. */
  readonly needing: number;
  /** Of those, every need met. */
  readonly complete: number;
  /** Active items with code that implements (or mitigates through) them. */
  readonly withCode: number;
  /** Active items with a verifying test (tag or test item; a testcase tied by a property does not count, as in the check). */
  readonly withTests: number;
  /** Active items that an item or code mitigates. */
  readonly mitigated: number;
}

/** Findings of one rule by severity. */
export interface RuleCount {
  readonly rule: string;
  readonly title: string;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

/** Everything a traceability report shows. */
export interface ReportModel {
  /** The checked folder as the user named it (POSIX). */
  readonly root: string;
  readonly configFile?: string;
  /** The test results read; absent when none were given (the report then says so). */
  readonly testResults?: ReportResults;
  readonly summary: CoverageSummary;
  readonly files: CheckResult['files'];
  readonly coverage: readonly CoverageRow[];
  readonly rules: readonly RuleCount[];
  readonly rows: readonly ReportRow[];
  readonly chains: readonly RiskChain[];
  /** Every finding, in report order (file, line, column). */
  readonly gaps: readonly Finding[];
  /** Files that were not examined, and why. */
  readonly skipped: readonly SkippedFile[];
}

/** How deep a chain follows children: deeper hierarchies are cut (and the cut is never silent: see refinedBy). */
const MAX_CHAIN_DEPTH = 8;
/** At most this many parent paths per row: a lattice of parents could otherwise multiply them. */
const MAX_PARENT_CHAINS = 16;

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function codeEvidence(index: TraceIndex, id: string): CodeEvidence[] {
  return (index.referencesById.get(id) ?? [])
    .filter((r) => r.relation !== 'verifies')
    .map((r) => ({ file: r.file, line: r.line, ...(r.symbol !== undefined ? { symbol: r.symbol } : {}), relation: r.relation }));
}

/** What the check's test results tell the model: absent without results. */
interface Results {
  readonly lookup: TestResultLookup;
  readonly evidence: NonNullable<CheckResult['verification']>;
}

function withResult(result: TestResult | undefined): Pick<TestEvidence, 'outcome' | 'message'> {
  return result ? { outcome: result.outcome, ...(result.message !== undefined ? { message: result.message } : {}) } : {};
}

/** Tags, then test items, then (with results) testcases tied by a property; each with its result when there are results. */
function testEvidence(index: TraceIndex, id: string, results: Results | undefined): TestEvidence[] {
  const tags: TestEvidence[] = (index.referencesById.get(id) ?? [])
    .filter((r) => r.relation === 'verifies')
    .map((r) => ({ source: 'tag', file: r.file, line: r.line, ...(r.symbol !== undefined ? { name: r.symbol } : {}), ...withResult(results?.lookup.ofTag(r)) }));
  const items: TestEvidence[] = (index.incomingLinks.get(id) ?? [])
    .filter((l) => l.kind === 'verifies' && l.item.kind === 'test')
    .map((l) => ({ source: 'item', file: l.item.file, line: l.item.line, name: l.item.id, ...withResult(results?.lookup.ofTestItem(l.item.id)) }));
  const properties: TestEvidence[] = (results?.evidence.byId.get(id)?.tests ?? []).flatMap((test) => {
    const testcase = test.cases[0];
    if (test.tag !== undefined || test.through !== undefined || !testcase) return [];
    return [{ source: 'results', file: testcase.file, line: testcase.line, name: test.name, ...withResult({ outcome: test.outcome, ...(testcase.message !== undefined ? { message: testcase.message } : {}) }) }];
  });
  return [...tags, ...items, ...properties];
}

function incoming(index: TraceIndex, id: string, kind: string): string[] {
  const ids = new Set((index.incomingLinks.get(id) ?? []).filter((l) => l.kind === kind).map((l) => l.item.id));
  return [...ids].sort(compareIds);
}

function targets(item: Item, kind: string): string[] {
  return [...new Set(item.links.filter((l) => l.kind === kind).map((l) => l.target))].sort(compareIds);
}

/** Every path from the item's parents upward; a parent already on the path ends it (a cycle). */
function parentChains(item: Item, index: TraceIndex): string[][] {
  const chains: string[][] = [];
  const walk = (id: string, path: string[]): void => {
    if (chains.length >= MAX_PARENT_CHAINS) return;
    const parents = index.itemsById.get(id)?.[0];
    const up = parents ? targets(parents, 'parent').filter((p) => !path.includes(p) && p !== item.id) : [];
    if (up.length === 0 || path.length >= MAX_CHAIN_DEPTH) chains.push(path);
    for (const parent of up) walk(parent, [...path, parent]);
  };
  for (const parent of targets(item, 'parent')) walk(parent, [parent]);
  return chains;
}

function rowFindings(item: Item, byId: ReadonlyMap<string, readonly Finding[]>, byLine: ReadonlyMap<string, ReadonlyMap<number, readonly Finding[]>>): RowFinding[] {
  const own = new Set(byId.get(item.id) ?? []);
  // Findings inside the item's text (a broken link, an unreadable attribute) belong to it too.
  const lines = byLine.get(item.file);
  if (lines) for (let line = item.line; line <= item.endLine; line++) for (const f of lines.get(line) ?? []) own.add(f);
  return [...own]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
    .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line }));
}

function chainNode(item: Item, index: TraceIndex, results: Results | undefined, seen: ReadonlySet<string>): ChainNode {
  const path = new Set(seen).add(item.id);
  const children = seen.size >= MAX_CHAIN_DEPTH ? [] : incoming(index, item.id, 'parent').filter((id) => !path.has(id));
  return {
    id: item.id, title: item.title, kind: item.kind,
    implementedBy: codeEvidence(index, item.id),
    verifiedBy: testEvidence(index, item.id, results),
    refinedBy: children.flatMap((id) => {
      const child = index.itemsById.get(id)?.[0];
      return child ? [chainNode(child, index, results, path)] : [];
    }),
  };
}

/** Counts coverage by kind and class over first definitions. */
function coverageRows(rows: readonly ReportRow[]): CoverageRow[] {
  const table = new Map<string, { -readonly [K in keyof CoverageRow]: CoverageRow[K] }>();
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const key = `${row.kind}\u0000${row.safetyClass}`;
    let entry = table.get(key);
    if (!entry) table.set(key, entry = { kind: row.kind, safetyClass: row.safetyClass, items: 0, inactive: 0, needing: 0, complete: 0, withCode: 0, withTests: 0, mitigated: 0 });
    entry.items++;
    if (!row.active) { entry.inactive++; continue; }
    if (row.needs.length > 0) {
      entry.needing++;
      if (row.missing.length === 0) entry.complete++;
    }
    if (row.implementedBy.length > 0) entry.withCode++;
    // As the check counts them: tags and test items (a testcase tied by a property is evidence of a result, not of a trace).
    if (row.verifiedBy.some((t) => t.source !== 'results')) entry.withTests++;
    if (row.mitigatedBy.length > 0 || row.implementedBy.some((c) => c.relation === 'mitigates')) entry.mitigated++;
  }
  return [...table.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.safetyClass < b.safetyClass ? -1 : a.safetyClass > b.safetyClass ? 1 : 0));
}

function ruleCounts(findings: readonly Finding[]): RuleCount[] {
  const counts = new Map<string, { error: number; warning: number; info: number }>();
  for (const f of findings) {
    const entry = counts.get(f.rule) ?? { error: 0, warning: 0, info: 0 };
    entry[f.severity]++;
    counts.set(f.rule, entry);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rule, n]) => ({ rule, title: RULES.find((r) => r.id === rule)?.title ?? rule, ...n }));
}

/**
 * Builds the report's model from a check. `root` is the checked folder as the user named it.
 * Rows are every item of every kind (inactive and duplicate definitions included), sorted by ID
 * with numbers in numeric order, then by place.
 */
export function buildReportModel(result: CheckResult, root: string): ReportModel {
  const { index, config } = result;
  const results: Results | undefined = result.verification ? { lookup: testResultLookup(result.verification), evidence: result.verification } : undefined;
  const findingsById = new Map<string, Finding[]>();
  const findingsByLine = new Map<string, Map<number, Finding[]>>();
  for (const f of result.findings) {
    if (f.id !== undefined) push(findingsById, f.id, f);
    let lines = findingsByLine.get(f.file);
    if (!lines) findingsByLine.set(f.file, lines = new Map());
    const list = lines.get(f.line);
    if (list) list.push(f);
    else lines.set(f.line, [f]);
  }
  const items = [...result.items].sort((a, b) => compareIds(a.id, b.id) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
  const rows = items.map((item): ReportRow => {
    // The first definition is judged with its test results, as the check's summary judges it: a
    // complete trace whose test failed or did not run is partial.
    const status = item === index.itemsById.get(item.id)?.[0] ? results?.evidence.byId.get(item.id)?.status : undefined;
    const coverage = withVerification(itemCoverage(item, index, config), status);
    const findings = rowFindings(item, findingsById, findingsByLine);
    return {
      id: item.id, kind: item.kind, title: item.title,
      safetyClass: safetyClassOf(item, config), classFrom: item.safetyClass !== undefined ? 'item' : 'default',
      ...(item.status !== undefined ? { status: item.status } : {}),
      active: !isInactive(item, config.inactiveStatuses),
      file: item.file, line: item.line,
      coverage: coverage.state, needs: coverage.needs, missing: coverage.missing,
      parentChains: parentChains(item, index),
      mitigates: targets(item, 'mitigates'),
      mitigatedBy: incoming(index, item.id, 'mitigates'),
      implementedBy: codeEvidence(index, item.id),
      verifiedBy: testEvidence(index, item.id, results),
      ...(status !== undefined ? { verification: status } : {}),
      findings,
      gap: findings.length > 0 || coverage.missing.length > 0,
    };
  });
  const chained = new Set<string>();
  const chains = items
    .filter((item) => item.kind === 'risk' && !chained.has(item.id) && chained.add(item.id) !== undefined)
    .map((risk): RiskChain => ({
      id: risk.id, title: risk.title, active: !isInactive(risk, config.inactiveStatuses),
      mitigatedInCode: codeEvidence(index, risk.id).filter((c) => c.relation === 'mitigates'),
      controls: incoming(index, risk.id, 'mitigates').flatMap((id) => {
        const control = index.itemsById.get(id)?.[0];
        return control ? [chainNode(control, index, results, new Set([risk.id]))] : [];
      }),
    }));
  return {
    root,
    ...(result.configFile !== undefined ? { configFile: result.configFile } : {}),
    ...(result.testResults ? { testResults: { globs: result.testResults.patterns.map((p) => p.glob), files: result.testResults.files, testcases: result.testResults.cases.length } } : {}),
    summary: result.summary,
    files: result.files,
    coverage: coverageRows(rows),
    rules: ruleCounts(result.findings),
    rows,
    chains,
    gaps: result.findings,
    skipped: result.skipped,
  };
}
