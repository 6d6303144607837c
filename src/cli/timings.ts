// Implements: TL-135
import type { CheckResult } from '../core/project/check';

const ms = (value: number): string => `${Math.round(value)} ms`;

/**
 * The `--timings` line of a full check: each phase, what it worked on, and the time since the
 * process started (Node start-up and module loading included), so that a slow run says where its
 * time went. Printed to stderr: reports stay byte-identical.
 */
export function fullCheckTimings(result: CheckResult, reportMs: number, now: number): string {
  const t = result.timings;
  if (!t) return `tracelens: timings: total ${ms(now)}\n`;
  return `tracelens: timings: listing ${ms(t.listing)} · requirements ${ms(t.requirements)} (${result.items.length} items, ${result.files.requirementFiles} files)`
    + ` · code ${ms(t.code)} (${result.files.codeFiles} files) · rules ${ms(t.rules)} · report ${ms(reportMs)} · total ${ms(now)} since start\n`;
}

/** The `--timings` line of a check answered from the run cache. */
export function replayTimings(now: number): string {
  return `tracelens: timings: replayed from the run cache · total ${ms(now)} since start\n`;
}
