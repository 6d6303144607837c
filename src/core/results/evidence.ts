// Implements: TL-141, TL-142
/**
 * The verification evidence of each item: its verifying tests and how each of them ended in the
 * test results. A verifying test is a `verifies` tag in code (with the testcases it ran as, or
 * none) or a testcase whose properties name the item; a test item that lists the item under
 * `verifies` passes its own evidence on.
 */
import { compareLocations, isInactive, type Item, type Location, type Reference } from '../model/types';
import { tieByCode, type AmbiguousTie } from './match';
import { DEFAULT_RESULT_PROPERTIES, type TestCaseResult, type TestOutcome, type TestProperty, type TestResults } from './types';

/** How a verifying test ended: a testcase outcome, or `missing` when the results hold none of it. */
export type VerificationOutcome = TestOutcome | 'missing';

/** What the evidence says of an item: every verifying test passed, one failed (or errored), or one did not run. */
export type VerificationStatus = 'passed' | 'failed' | 'not-run';

/** One verifying test of an item and its result. */
export interface VerifyingTest {
  /** The testcase's name, or the tag's symbol (or `file:line`) when no testcase ran as it. */
  readonly name: string;
  readonly outcome: VerificationOutcome;
  /** The tag in code, when the test is tied by code. */
  readonly tag?: Reference;
  /** The property that names the item, when the test is tied by a property. */
  readonly property?: TestProperty;
  /** The testcases it ran as (a parametrised test runs as several), in results order. */
  readonly cases: readonly TestCaseResult[];
  /** Testcases that could have been it but could as well be another test: tied to none. */
  readonly ambiguous: readonly AmbiguousTie[];
  /** The test item whose evidence this is, when it is passed on from one (`TC-1 verifies REQ-1`). */
  readonly through?: string;
}

/** An item's verification evidence. */
export interface ItemEvidence {
  readonly status: VerificationStatus;
  readonly tests: readonly VerifyingTest[];
}

/** A property value naming an ID no item defines. */
export interface UnknownTarget {
  readonly id: string;
  readonly property: TestProperty;
  readonly testcase: TestCaseResult;
}

/** The evidence of a whole project. */
export interface VerificationEvidence {
  /** Evidence per item ID (active items with at least one verifying test), sorted by ID. */
  readonly byId: ReadonlyMap<string, ItemEvidence>;
  readonly unknown: readonly UnknownTarget[];
}

/** What tying needs besides the results: the model, every code file, and the configuration's say. */
export interface EvidenceInput {
  readonly items: readonly Item[];
  readonly references: readonly Reference[];
  readonly codeFiles: readonly string[];
  readonly inactiveStatuses: readonly string[];
  /** Property names that tie a testcase to requirements (case-insensitive); the defaults when absent. */
  readonly properties?: readonly string[];
}

const RANK: Record<VerificationOutcome, number> = { missing: 0, skipped: 1, passed: 2, failed: 3, error: 4 };

/** How a test that ran as these testcases ended: the worst of them, a pass over a skip, `missing` for none. */
export function outcomeOf(cases: readonly TestCaseResult[]): VerificationOutcome {
  let outcome: VerificationOutcome = 'missing';
  for (const testcase of cases) if (RANK[testcase.outcome] > RANK[outcome]) outcome = testcase.outcome;
  return outcome;
}

/** An item's status from its tests' outcomes: a failure outranks a test that did not run. */
export function statusOf(tests: readonly VerifyingTest[]): VerificationStatus {
  if (tests.some((test) => test.outcome === 'failed' || test.outcome === 'error')) return 'failed';
  if (tests.some((test) => test.outcome === 'missing' || test.outcome === 'skipped')) return 'not-run';
  return 'passed';
}

/**
 * The IDs a property value names: separated by commas or white space; LOBSTER's `req ` kind and
 * its `Package.` namespace (`req SampleComponent.REQ_COMP_001`) are dropped when the full value is
 * no ID but what follows is.
 */
export function propertyIds(property: TestProperty, isId: (id: string) => boolean): string[] {
  const lobster = property.name.toLowerCase() === 'lobster-tracing';
  const raw = lobster ? property.value.split(',') : property.value.split(/[\s,;]+/);
  const ids: string[] = [];
  for (const part of raw) {
    let id = part.trim();
    if (lobster) id = id.replace(/^req\s+/i, '');
    if (id === '') continue;
    if (!isId(id)) {
      const dot = id.lastIndexOf('.');
      if (dot > 0 && isId(id.slice(dot + 1))) id = id.slice(dot + 1);
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function nameOfTag(tag: Reference, cases: readonly TestCaseResult[]): string {
  return cases[0]?.name ?? tag.symbol ?? `${tag.file}:${tag.line}`;
}

function compareTests(a: VerifyingTest, b: VerifyingTest): number {
  const at = (test: VerifyingTest): Location => test.tag ?? test.cases[0] ?? test.property!;
  return compareLocations(at(a), at(b)) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.through ?? '').localeCompare(b.through ?? '');
}

/** Ties the results to the items and builds each item's evidence. */
export function buildEvidence(results: TestResults, input: EvidenceInput): VerificationEvidence {
  const active = new Map<string, Item>();
  const defined = new Set<string>();
  for (const item of input.items) {
    defined.add(item.id);
    if (!active.has(item.id) && !isInactive(item, input.inactiveStatuses)) active.set(item.id, item);
  }
  const direct = new Map<string, VerifyingTest[]>();
  const add = (id: string, test: VerifyingTest): void => {
    const list = direct.get(id);
    if (list) list.push(test);
    else direct.set(id, [test]);
  };

  // By code: every verifies tag of an active item is a verifying test, whether or not it ran.
  const ties = tieByCode(results.cases, input.references, input.codeFiles);
  for (const tag of input.references) {
    if (tag.relation !== 'verifies' || !active.has(tag.id)) continue;
    const cases = ties.cases.get(tag) ?? [];
    add(tag.id, { name: nameOfTag(tag, cases), outcome: outcomeOf(cases), tag, cases, ambiguous: ties.ambiguous.get(tag) ?? [] });
  }

  // By properties.
  const names = new Set((input.properties ?? DEFAULT_RESULT_PROPERTIES).map((name) => name.toLowerCase()));
  const unknown: UnknownTarget[] = [];
  const reported = new Set<string>();
  const isId = (id: string): boolean => defined.has(id);
  for (const testcase of results.cases) {
    const seen = new Set<string>();
    for (const property of testcase.properties) {
      if (!names.has(property.name.toLowerCase())) continue;
      for (const id of propertyIds(property, isId)) {
        if (!defined.has(id)) {
          // A suite's property is every testcase's: reported once, where it is written.
          const key = `${property.file}:${property.line}:${property.column}:${id}`;
          if (!reported.has(key)) unknown.push({ id, property, testcase });
          reported.add(key);
          continue;
        }
        // A suite's property repeats on each of its testcases: once per testcase and ID.
        if (!active.has(id) || seen.has(id)) continue;
        seen.add(id);
        add(id, { name: testcase.name, outcome: testcase.outcome, property, cases: [testcase], ambiguous: [] });
      }
    }
  }

  // A test item's evidence is evidence for what it verifies.
  const all = new Map<string, VerifyingTest[]>([...direct].map(([id, tests]) => [id, [...tests]]));
  for (const item of active.values()) {
    if (item.kind !== 'test') continue;
    const tests = direct.get(item.id);
    if (!tests) continue;
    for (const link of item.links) {
      if (link.kind !== 'verifies' || !active.has(link.target) || link.target === item.id) continue;
      const list = all.get(link.target) ?? [];
      for (const test of tests) list.push({ ...test, through: item.id });
      all.set(link.target, list);
    }
  }

  const byId = new Map<string, ItemEvidence>();
  for (const id of [...all.keys()].sort()) {
    const tests = all.get(id)!.sort(compareTests);
    byId.set(id, { status: statusOf(tests), tests });
  }
  unknown.sort((a, b) => compareLocations(a.property, b.property) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { byId, unknown };
}
