// Implements: TL-160
/**
 * What the interchange writers know of a verifying test's result. The results of a run (JUnit
 * files read by `check --results`) reach them as one optional function, so that a writer never
 * depends on how the results were read, and without results every test has no status.
 */

import type { Item, Reference } from '../../model/types';
import type { VerificationEvidence } from '../../results/evidence';
import { testResultLookup } from '../../results/outcomes';

/** The result of one verifying test in the run's results; `missing` when the results lack it. */
export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped' | 'missing';

/** A test whose outcome a writer asks for: a `verifies` tag in code, or a test item. */
export type VerifyingTest = Reference | Item;

/** What every interchange writer is given besides the check result. */
export interface InterchangeOptions {
  /**
   * The checked folder as the user named it (POSIX), put before every file path as SARIF does, so
   * that locations open from where the tool ran. Default: paths relative to the project root.
   */
  readonly displayRoot?: string;
  /** The outcome of a verifying test when results were read; undefined when there are none. */
  readonly outcomeOf?: (test: VerifyingTest) => TestOutcome | undefined;
}

/** A LOBSTER activity's `status`: null says "no results", which LOBSTER itself counts as ok. */
export type LobsterStatus = 'ok' | 'fail' | 'not run' | null;

const STATUS: Readonly<Record<TestOutcome, LobsterStatus>> = {
  passed: 'ok', failed: 'fail', error: 'fail', skipped: 'not run', missing: 'not run',
};

/** Worse statuses rank higher: a unit is ok only when every one of its tests is. */
const RANK = new Map<LobsterStatus, number>([['ok', 0], [null, 1], ['not run', 2], ['fail', 3]]);

/**
 * The LOBSTER status of a test made of `tests` (one test function may carry several tags): the
 * worst of their outcomes, null when none has one.
 */
export function lobsterStatus(tests: readonly VerifyingTest[], outcomeOf: InterchangeOptions['outcomeOf']): LobsterStatus {
  let worst: LobsterStatus | undefined;
  for (const test of tests) {
    const outcome = outcomeOf?.(test);
    const status = outcome === undefined ? null : STATUS[outcome];
    if (worst === undefined || RANK.get(status)! > RANK.get(worst)!) worst = status;
  }
  return worst ?? null;
}

// Implements: TL-201
/**
 * The `outcomeOf` of a check's verification evidence (`CheckResult.verification`): a `verifies`
 * tag's outcome as the check judged it, a test item's the worst of its own tests (`missing` when
 * the results hold none of them). Undefined without results, so every status stays null.
 */
export function outcomeOfEvidence(evidence: VerificationEvidence | undefined): InterchangeOptions['outcomeOf'] {
  if (!evidence) return undefined;
  const lookup = testResultLookup(evidence);
  return (test) => ('relation' in test ? lookup.ofTag(test)?.outcome : lookup.ofTestItem(test.id).outcome);
}
