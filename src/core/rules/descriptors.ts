// Implements: TL-020
/** The rules: stable IDs, titles, descriptions, default severities and the clauses they serve. */
import type { SafetyClass, Severity } from '../model/types';

/** Stable rule IDs: used by JSON, SARIF, editor diagnostics and quick fixes. */
export const RuleId = {
  UnknownId: 'unknown-id',
  DuplicateId: 'duplicate-id',
  BrokenLink: 'broken-link',
  InactiveReference: 'inactive-reference',
  UnmitigatedRisk: 'unmitigated-risk',
  Unimplemented: 'unimplemented',
  Unverified: 'unverified',
  InvalidFile: 'invalid-file',
  NoRequirements: 'no-requirements',
  NoItems: 'no-items',
  Uncovered: 'uncovered',
  OutdatedLink: 'outdated-link',
  VerificationFailed: 'verification-failed',
  VerificationNotRun: 'verification-not-run',
  ResultsMissing: 'results-missing',
  SoupUnlisted: 'soup-unlisted',
  SoupVersionMismatch: 'soup-version-mismatch',
  SoupOrphan: 'soup-orphan',
  SoupIncomplete: 'soup-incomplete',
  SoupAnomaliesStale: 'soup-anomalies-stale',
  SuspectLink: 'suspect-link',
  UnreviewedLink: 'unreviewed-link',
} as const;
export type RuleId = (typeof RuleId)[keyof typeof RuleId];

/** What a rule checks and which IEC 62304 clause it gives evidence for. */
export interface RuleDescriptor {
  readonly id: RuleId;
  readonly title: string;
  readonly description: string;
  /** IEC 62304 / ISO 14971 clauses the rule gives evidence for (not a compliance claim). */
  readonly clauses: string;
  /** Default severity, per safety class where the class matters. */
  readonly defaultSeverity: Severity | Readonly<Record<SafetyClass, Severity>>;
}

export const RULES: readonly RuleDescriptor[] = [
  {
    id: RuleId.UnknownId, title: 'Unknown ID', defaultSeverity: 'error', clauses: 'IEC 62304 5.5.3, 5.7.4',
    description: 'A code comment references an ID that no requirement file defines.',
  },
  {
    id: RuleId.DuplicateId, title: 'Duplicate ID', defaultSeverity: 'error', clauses: 'IEC 62304 5.2.6',
    description: 'Two items define the same ID; every requirement needs a unique identifier.',
  },
  {
    id: RuleId.BrokenLink, title: 'Broken link', defaultSeverity: 'error', clauses: 'IEC 62304 5.1.1, 5.2.6, 7.3.3',
    description: "An item's parent, mitigates or verifies attribute names an ID that no item defines.",
  },
  {
    id: RuleId.InactiveReference, title: 'Reference to an inactive item', defaultSeverity: 'warning', clauses: 'IEC 62304 5.5.3, 7.4.2',
    description: 'Code references an item whose status makes it inactive (obsolete, deprecated, deleted…).',
  },
  {
    id: RuleId.UnmitigatedRisk, title: 'Unmitigated risk', defaultSeverity: 'error', clauses: 'IEC 62304 5.2.3, 7.2.2; ISO 14971 7.1',
    description: 'A risk or hazard that no item lists under `mitigates`: it has no risk control measure.',
  },
  {
    id: RuleId.Unimplemented, title: 'Unimplemented requirement', clauses: 'IEC 62304 5.5.3, 5.5.5, 5.4 (class C)',
    defaultSeverity: { C: 'error', B: 'warning', A: 'info' },
    description: 'An active requirement that no code comment implements (or mitigates).',
  },
  {
    id: RuleId.Unverified, title: 'Unverified requirement', clauses: 'IEC 62304 5.7.1, 5.7.4, 7.3.1',
    defaultSeverity: { C: 'error', B: 'error', A: 'warning' },
    description: 'An active requirement with no test that verifies it (a `verifies` tag in code or a test item), and no non-test verification method.',
  },
  {
    id: RuleId.InvalidFile, title: 'Invalid file', defaultSeverity: 'error', clauses: 'IEC 62304 5.2.6',
    description: 'A requirement or configuration file that cannot be read or parsed.',
  },
  {
    id: RuleId.NoRequirements, title: 'No requirements found', defaultSeverity: 'error', clauses: 'IEC 62304 5.2, 5.1.1',
    description: 'The project has no requirement items at all (no coverage can be judged), or a `requirements` entry of tracelens.json matches no file.',
  },
  {
    id: RuleId.NoItems, title: 'File without items', defaultSeverity: 'warning', clauses: 'IEC 62304 5.2.6',
    description: 'A file the requirement globs match gave no items: no reader understands its format, or it holds no item (landing pages such as README.md and index.md excepted).',
  },
  {
    id: RuleId.Uncovered, title: 'Uncovered by children', clauses: 'IEC 62304 5.1.1, 5.3, 5.4',
    defaultSeverity: { C: 'error', B: 'warning', A: 'info' },
    description: 'An active item that needs coverage by child items of a kind (`child:X` in its needs) has no such child naming it as its parent.',
  },
  {
    id: RuleId.OutdatedLink, title: 'Outdated link', defaultSeverity: 'warning', clauses: 'IEC 62304 5.1.1, 8.2.4',
    description: 'A tag or a link names a revision of an OpenFastTrace item that is not the defined one (`dsn~x~1` when `dsn~x~2` is defined): the item changed since, so the link no longer covers it.',
  },
  // Implements: TL-142
  {
    id: RuleId.VerificationFailed, title: 'Verification failed', clauses: 'IEC 62304 5.7.5, 5.8',
    defaultSeverity: { C: 'error', B: 'error', A: 'warning' },
    description: 'A test that verifies the requirement failed or errored in the test results (JUnit XML); reported on the requirement and on the test\'s tag.',
  },
  {
    id: RuleId.VerificationNotRun, title: 'Verification not run', defaultSeverity: 'warning', clauses: 'IEC 62304 5.7.5, 5.8',
    description: 'Test results were given, but a test that verifies the requirement has no result in them, or was skipped.',
  },
  {
    id: RuleId.ResultsMissing, title: 'Test results missing', defaultSeverity: 'error', clauses: 'IEC 62304 5.7.5',
    description: 'A `testResults` glob of tracelens.json or a `--results` glob matches no file: no test result is read from it.',
  },
  // Implements: TL-173
  {
    id: RuleId.SoupUnlisted, title: 'SOUP not in the register', clauses: 'IEC 62304 8.1.2, 5.3.3, 7.1.2',
    defaultSeverity: { C: 'error', B: 'error', A: 'warning' },
    description: 'A dependency of a package manifest (direct; transitive with `soupTransitive`) has no entry in the SOUP register, or the register `soup` names does not exist.',
  },
  {
    id: RuleId.SoupVersionMismatch, title: 'SOUP version mismatch', clauses: 'IEC 62304 8.1.2',
    defaultSeverity: { C: 'error', B: 'error', A: 'warning' },
    description: "A SOUP entry's version is not the version in use (from the lock file, an exact pin or the SBOM); a version range without a lock file cannot be confirmed (warning), a dependency without any version cannot be checked (info).",
  },
  {
    id: RuleId.SoupOrphan, title: 'SOUP entry without a dependency', defaultSeverity: 'warning', clauses: 'IEC 62304 8.1.2',
    description: 'A SOUP register entry that no manifest, lock file or SBOM of the project names: the register lists something the software no longer uses.',
  },
  {
    id: RuleId.SoupIncomplete, title: 'Incomplete SOUP entry', clauses: 'IEC 62304 8.1.2, 5.3.3, 5.3.4, 7.1.2, 7.1.3',
    defaultSeverity: { C: 'error', B: 'error', A: 'warning' },
    description: 'A SOUP entry lacks a required field (name, version, manufacturer, purpose, requirements, anomalies.reviewed, risks), or it still says TODO.',
  },
  {
    id: RuleId.SoupAnomaliesStale, title: 'Stale SOUP anomaly review', clauses: 'IEC 62304 7.1.3, 6.1',
    defaultSeverity: { C: 'warning', B: 'warning', A: 'info' },
    description: "A SOUP entry's known-anomalies list was last reviewed longer ago than `soupAnomalyReviewDays` (default 365).",
  },
  // Implements: TL-184
  {
    id: RuleId.SuspectLink, title: 'Suspect link', defaultSeverity: 'warning', clauses: 'IEC 62304 7.4.1, 7.4.2, 8.2.2',
    description: 'A tag or a link whose target changed since the link was reviewed: its fingerprint differs from the one tracelens.lock (or a Doorstop link) records. An error for class C targets with `strictReview`.',
  },
  {
    id: RuleId.UnreviewedLink, title: 'Unreviewed link', defaultSeverity: 'warning', clauses: 'IEC 62304 7.4.2, 8.2.2',
    description: 'A tag or a link that tracelens.lock has no record of (reported only with `requireReview`; always counted in the summary).',
  },
];

const DESCRIPTORS = new Map(RULES.map((rule) => [rule.id, rule]));

/** The descriptor of a rule ID. */
export function ruleDescriptor(id: RuleId): RuleDescriptor {
  const rule = DESCRIPTORS.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}
