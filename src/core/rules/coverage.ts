// Implements: TL-035
import type { TracelensConfig } from '../config/types';
import type { Finding, Item, Severity } from '../model/types';
import { isInactive } from '../model/types';
import { isImplemented, isVerified, needsNoTest, type TraceIndex, type TraceModel } from './traceIndex';
import { firstDefinitions } from './evaluate';
import { missingNeeds, needsOf, type ResolvedNeeds } from './coverageModel';
import { isTestNeed } from '../model/needs';
import type { Need } from '../model/types';
import type { VerificationEvidence, VerificationStatus } from '../results/evidence';

/**
 * Coverage figures an auditor reads first. Percentages are of active requirements, one decimal,
 * and null when there is no active requirement: a percentage of nothing is no evidence.
 */
export interface CoverageSummary {
  readonly items: number;
  readonly requirements: number;
  readonly inactive: number;
  readonly implemented: number;
  readonly verified: number;
  readonly implementedPercent: number | null;
  readonly verifiedPercent: number | null;
  readonly risks: number;
  readonly mitigatedRisks: number;
  readonly references: number;
  readonly findings: Readonly<Record<Severity, number>>;
  readonly byRule: Readonly<Record<string, number>>;
  /** What the test results say, when results globs were given; absent otherwise. */
  readonly testResults?: TestResultsSummary;
  /** What the SOUP check read; absent when the project checks no SOUP. */
  readonly soup?: SoupSummary;
}

// Implements: TL-174
/** The SOUP check's inputs in numbers, so that a check over no manifest never looks complete. */
export interface SoupSummary {
  /** The register file, POSIX relative to the root, and whether it exists. */
  readonly register: string;
  readonly registerFound: boolean;
  readonly entries: number;
  /** Manifests, lock files and SBOMs read. */
  readonly manifests: number;
  readonly directDependencies: number;
  readonly transitiveDependencies: number;
}

/**
 * The test results in the summary: files and testcases read, and the active requirements (those
 * counted in `requirements`) whose verifying tests all passed, one failed, or one did not run.
 * A requirement with a failed or not-run verification is not counted as `verified`.
 */
export interface TestResultsSummary {
  readonly files: number;
  readonly testcases: number;
  readonly passed: number;
  readonly failed: number;
  readonly notRun: number;
}

// Implements: TL-072
function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/**
 * How far an item is traced: `complete` (every need met: implemented and verified, a mitigated
 * risk; or, for an item that needs nothing, refined by a child), `partial` (some needs met),
 * `none`, `inactive`, or `neutral` for items that need nothing and have no child (test cases,
 * unrefined system requirements).
 */
export type CoverageState = 'complete' | 'partial' | 'none' | 'inactive' | 'neutral';

/** The coverage of one item: what the summary counts and what the editor's tree shows. */
export interface ItemCoverage {
  readonly kind: Item['kind'];
  readonly state: CoverageState;
  /**
   * Code implements it; for an item that does not need code (covered by its children, say), all
   * its needs are met. The summary's `implemented` counts this.
   */
  readonly implemented: boolean;
  /** A test (or a non-test method) verifies it; for an item that needs no test, all its needs are met. */
  readonly verified: boolean;
  /** An item lists it under `mitigates`. */
  readonly mitigated: boolean;
  /** What must cover it (see rules/coverageModel.ts), where that was said, and which needs are missing. */
  readonly needs: readonly Need[];
  readonly needsFrom: ResolvedNeeds['source'];
  readonly missing: readonly Need[];
  /** What the test results say of its verifying tests, when there are results and it has such tests. */
  readonly verification?: VerificationStatus;
}

// Implements: TL-142
/**
 * An item's coverage with what the test results say: a requirement whose verifying test failed
 * or did not run is not verified (an auditor reads "verified" as "shown to work"), and a complete
 * item with such a test is only partly covered.
 */
export function withVerification(coverage: ItemCoverage, status: VerificationStatus | undefined): ItemCoverage {
  if (status === undefined || coverage.state === 'inactive') return coverage;
  if (status === 'passed') return { ...coverage, verification: status };
  return { ...coverage, verification: status, verified: false, state: coverage.state === 'complete' ? 'partial' : coverage.state };
}

const INACTIVE = (kind: Item['kind']): ItemCoverage => ({ kind, state: 'inactive', implemented: false, verified: false, mitigated: false, needs: [], needsFrom: 'default', missing: [] });

/**
 * Classifies one item (its first definition) by its needs: the one classifier behind the CLI's
 * summary and the editor's coverage icons, so the two never disagree.
 */
export function itemCoverage(item: Item, index: TraceIndex, config: TracelensConfig): ItemCoverage {
  if (isInactive(item, config.inactiveStatuses)) return INACTIVE(item.kind);
  const incoming = index.incomingLinks.get(item.id) ?? [];
  const { needs, source } = needsOf(item, config);
  const missing = missingNeeds(item, needs, index, config);
  const complete = missing.length === 0;
  const implemented = needs.includes('impl') ? !missing.includes('impl') : complete || isImplemented(item.id, index);
  const testNeeds = needs.filter(isTestNeed);
  const verified = testNeeds.length > 0
    ? testNeeds.every((need) => !missing.includes(need))
    : complete || needsNoTest(item, config) || isVerified(item.id, index);
  const mitigated = incoming.some((l) => l.kind === 'mitigates');
  const state: CoverageState = needs.length === 0
    ? (incoming.some((l) => l.kind === 'parent') ? 'complete' : 'neutral')
    : complete ? 'complete' : missing.length < needs.length ? 'partial' : 'none';
  return { kind: item.kind, state, implemented, verified, mitigated, needs, needsFrom: source, missing };
}

// Implements: TL-117
/**
 * Builds the summary from per-item coverage (first definitions only) and the findings. Sorted
 * keys keep the JSON byte-identical between runs.
 */
export function summaryFrom(
  coverage: Iterable<ItemCoverage>, counts: { items: number; inactive: number; references: number }, findings: readonly Finding[],
  results?: { readonly files: number; readonly testcases: number },
): CoverageSummary {
  const verification: Record<VerificationStatus, number> = { passed: 0, failed: 0, 'not-run': 0 };
  let requirements = 0;
  let implemented = 0;
  let verified = 0;
  let risks = 0;
  let mitigatedRisks = 0;
  for (const entry of coverage) {
    if (entry.state === 'inactive') continue;
    // An item that itself says nothing is expected of it (`needs: none`, a Doorstop item with
    // `normative: false`) is information, not a requirement: counted, it would raise the percentages.
    if (entry.kind === 'requirement' && !(entry.needsFrom === 'item' && entry.needs.length === 0)) {
      requirements++;
      if (entry.implemented) implemented++;
      if (entry.verified) verified++;
      if (entry.verification !== undefined) verification[entry.verification]++;
    } else if (entry.kind === 'risk') {
      risks++;
      if (entry.mitigated) mitigatedRisks++;
    }
  }
  return {
    items: counts.items,
    requirements,
    inactive: counts.inactive,
    implemented,
    verified,
    implementedPercent: percent(implemented, requirements),
    verifiedPercent: percent(verified, requirements),
    risks,
    mitigatedRisks,
    references: counts.references,
    ...countFindings(findings),
    ...(results ? { testResults: { ...results, passed: verification.passed, failed: verification.failed, notRun: verification['not-run'] } } : {}),
  };
}

/** Findings counted by severity and by rule (rules sorted, so the JSON is byte-identical between runs). */
export function countFindings(findings: readonly Finding[]): Pick<CoverageSummary, 'findings' | 'byRule'> {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  const sortedByRule: Record<string, number> = {};
  for (const key of Object.keys(byRule).sort()) sortedByRule[key] = byRule[key]!;
  return { findings: bySeverity, byRule: sortedByRule };
}

/** Counts coverage over the model, with what the test results say when it has some. */
export function summarize(model: TraceModel, index: TraceIndex, findings: readonly Finding[], config: TracelensConfig, evidence?: VerificationEvidence): CoverageSummary {
  return summaryFrom(
    firstDefinitions(model.items).map((item) => withVerification(itemCoverage(item, index, config), evidence?.byId.get(item.id)?.status)),
    { items: model.items.length, inactive: model.items.filter((item) => isInactive(item, config.inactiveStatuses)).length, references: model.references.length },
    findings,
    model.results ? { files: model.results.files.length, testcases: model.results.cases.length } : undefined,
  );
}
