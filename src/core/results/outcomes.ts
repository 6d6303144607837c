// Implements: TL-200
/**
 * How each verifying test ended, looked up by the test as the reports know it: a `verifies` tag
 * in code, or a test item. The traceability report's matrix and the LOBSTER writer ask this of
 * the verification evidence (evidence.ts), so both show the outcome the check judged.
 */
import type { Location, Reference } from '../model/types';
import { type VerificationEvidence, type VerificationOutcome, type VerifyingTest } from './evidence';

/** A verifying test's result: its outcome and the first line of the message of a testcase that ended so. */
export interface TestResult {
  readonly outcome: VerificationOutcome;
  readonly message?: string;
}

/** Lookups of results by tag and by test item; built once per check. */
export interface TestResultLookup {
  /** The result of a `verifies` tag; undefined when the check judged no test of its ID (inactive or unknown). */
  ofTag(tag: Reference): TestResult | undefined;
  /**
   * The result of a test item: the worst of its own verifying tests (tags and properties naming
   * it), `missing` when none of them ran or it has none: a test item the results say nothing of
   * has no result, whatever it verifies.
   */
  ofTestItem(id: string): TestResult;
}

const at = (place: Location): string => `${place.file}:${place.line}:${place.column}`;

/** The worst outcome of `tests` (`missing` for none), with the message of the first testcase that ended so. */
function result(tests: readonly VerifyingTest[]): TestResult {
  const cases = tests.flatMap((test) => test.cases);
  const outcome = tests.length === 0 ? 'missing' : worst(tests);
  const message = cases.find((testcase) => testcase.outcome === outcome && testcase.message !== undefined)?.message;
  return { outcome, ...(message !== undefined ? { message } : {}) };
}

const RANK: Record<VerificationOutcome, number> = { passed: 0, skipped: 1, missing: 2, failed: 3, error: 4 };

/** The worst outcome of several tests: a failure, else one that did not run, else a pass. */
function worst(tests: readonly VerifyingTest[]): VerificationOutcome {
  let outcome: VerificationOutcome = 'passed';
  for (const test of tests) if (RANK[test.outcome] > RANK[outcome]) outcome = test.outcome;
  return outcome;
}

/** The results of every verifying test the evidence holds. */
export function testResultLookup(evidence: VerificationEvidence): TestResultLookup {
  const byTag = new Map<string, VerifyingTest>();
  for (const [id, item] of evidence.byId) {
    for (const test of item.tests) if (test.tag && test.through === undefined) byTag.set(`${at(test.tag)}\u0000${id}`, test);
  }
  return {
    ofTag: (tag) => {
      const test = byTag.get(`${at(tag)}\u0000${tag.id}`);
      return test ? result([test]) : undefined;
    },
    ofTestItem: (id) => result((evidence.byId.get(id)?.tests ?? []).filter((test) => test.through === undefined)),
  };
}
