// Implements: TL-184, TL-185
/**
 * The review state of every link: each tag in code and each item link whose target is defined is
 * `reviewed` (the lock records the target's fingerprint as it is now), `suspect` (the lock records
 * another one: the target changed since), `unreviewed` (the lock has no record) or, for a Doorstop
 * link that records Doorstop's own fingerprint, judged by that (`not-checked` when Doorstop's
 * fingerprint cannot be reproduced). Without a lock only Doorstop fingerprints are judged: a plain
 * project gets no `suspect-link` at all.
 */
import type { TracelensConfig } from '../config/types';
import type { Finding, FileProblem, Item, Reference, RelatedLocation, Severity } from '../model/types';
import { RuleId, ruleDescriptor } from '../rules/descriptors';
import { safetyClassOf, type TraceIndex } from '../rules/traceIndex';
import { doorstopStamp } from './doorstopStamp';
import { itemFingerprint, shortFingerprint } from './fingerprint';
import { itemSource, referenceSources } from './lockKeys';
import { linkKey, textKey, type LinkSource, type ReviewedText, type ReviewLock } from './lockFile';
import { describeChange } from './wordDiff';

/**
 * What a review found of one link; `not-checked` when the target cannot be judged: a Doorstop
 * fingerprint that cannot be reproduced, or a target ID defined more than once.
 */
export type LinkState = 'reviewed' | 'suspect' | 'unreviewed' | 'not-checked';

/** One link (a tag in code or an item's link) and its review state. */
export interface LinkReview {
  readonly target: string;
  readonly source: LinkSource;
  /** {@link linkKey} of target and source. */
  readonly key: string;
  /** Where the link's target ID is written (the tag, or the link in the item's file). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** `implements`, `verifies`, `mitigates` for a tag; `parent`, `verifies`… for an item's link. */
  readonly relation: string;
  readonly state: LinkState;
  /** The target's fingerprint now (Doorstop's stamp for a Doorstop-fingerprinted link). */
  readonly fingerprint: string;
  /** The fingerprint recorded at the review, when there is a record. */
  readonly recorded?: string;
  /** The title and text reviewed against, when the lock keeps them. */
  readonly reviewed?: ReviewedText;
  /** Whether the record is Doorstop's own link fingerprint rather than the lock's. */
  readonly doorstop?: boolean;
}

/** How many links are in each state. */
export interface ReviewSummary {
  readonly links: number;
  readonly reviewed: number;
  readonly suspect: number;
  readonly unreviewed: number;
  /** Links that could not be judged: Doorstop fingerprints that cannot be reproduced, targets defined twice. */
  readonly notChecked: number;
}

/** What the review rules found. */
export interface ReviewResult {
  /** Absent without a lock and without Doorstop fingerprints: nothing was judged. */
  readonly summary?: ReviewSummary;
  readonly links: readonly LinkReview[];
  readonly findings: readonly Finding[];
}

/** The parts of a trace model the review rules look at. */
export interface ReviewInput {
  readonly items: readonly Item[];
  /** Every reference, in report order (file, line, column). */
  readonly references: readonly Reference[];
  readonly index: TraceIndex;
  readonly config: TracelensConfig;
  readonly lock?: ReviewLock;
}

/** The first definition of an ID: the item links are judged against. */
function targetOf(id: string, index: TraceIndex): Item | undefined {
  return index.itemsById.get(id)?.[0];
}

/** Every link of the model with its review state, in report order (file, line, column). */
export function reviewLinks(input: ReviewInput): LinkReview[] {
  const { lock, index, config } = input;
  const attributes = config.fingerprintAttributes ?? [];
  const reviews: LinkReview[] = [];
  const judge = (target: Item, source: LinkSource, at: { file: string; line: number; column: number; endColumn: number }, relation: string): void => {
    const key = linkKey(target.id, source);
    const fingerprint = itemFingerprint(target, attributes);
    const record = lock?.links.get(key);
    // An ID defined twice has no one text to review against: duplicate-id says so, the link waits.
    const ambiguous = (index.itemsById.get(target.id)?.length ?? 0) > 1;
    const state: LinkState = ambiguous ? 'not-checked' : !record ? 'unreviewed' : record.fingerprint === fingerprint ? 'reviewed' : 'suspect';
    const reviewed = record && lock?.texts.get(textKey(target.id, record.fingerprint));
    reviews.push({
      target: target.id, source, key, file: at.file, line: at.line, column: at.column, endColumn: at.endColumn, relation, state, fingerprint,
      ...(record ? { recorded: record.fingerprint } : {}), ...(reviewed ? { reviewed } : {}),
    });
  };
  if (lock) {
    const sources = referenceSources(input.references);
    for (const reference of input.references) {
      const target = targetOf(reference.id, index);
      if (target) judge(target, sources.get(reference)!, reference, reference.relation);
    }
  }
  for (const item of input.items) {
    for (const link of item.links) {
      const target = targetOf(link.target, index);
      if (!target) continue;
      const at = { file: link.file, line: link.line, column: link.column, endColumn: link.column + link.target.length };
      const stamp = link.attributes?.['fingerprint'];
      if (stamp !== undefined && item.format === 'doorstop') {
        const now = doorstopStamp(target);
        reviews.push({
          target: target.id, source: itemSource(item), key: linkKey(target.id, itemSource(item)), ...at, relation: link.kind,
          state: now === undefined ? 'not-checked' : now === stamp ? 'reviewed' : 'suspect', fingerprint: now ?? '', recorded: stamp, doorstop: true,
        });
      } else if (lock) {
        judge(target, itemSource(item), at, link.kind);
      }
    }
  }
  return reviews.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}

/** Counts links by state. */
export function summariseReviews(reviews: readonly LinkReview[]): ReviewSummary {
  const count = (state: LinkState): number => reviews.filter((review) => review.state === state).length;
  return { links: reviews.length, reviewed: count('reviewed'), suspect: count('suspect'), unreviewed: count('unreviewed'), notChecked: count('not-checked') };
}

/** `this implements tag`, `SRS-001's parent link`. */
function describeSource(review: LinkReview): string {
  return review.source.kind === 'code' ? `this ${review.relation} tag` : `${review.source.id}'s ${review.relation} link`;
}

/** The message of a suspect link: what changed, as far as the record tells. */
function suspectMessage(review: LinkReview, target: Item): string {
  if (review.doorstop) {
    return `${target.id} changed since ${describeSource(review)} was reviewed: the link records Doorstop fingerprint ${review.recorded!.slice(0, 8)}…, ${target.id}'s is now ${review.fingerprint.slice(0, 8)}… (doorstop clear records the review)`;
  }
  const what = review.reviewed ? describeChange(review.reviewed, target) : 'the reviewed text is not in tracelens.lock';
  return `${target.id} changed since ${describeSource(review)} was reviewed (${shortFingerprint(review.recorded!)} → ${shortFingerprint(review.fingerprint)}): ${what}; review it, then run tracelens review ${target.id}`;
}

/** The severity of a review rule for a target: the config's override, else the default, error for class C under `strictReview`. */
function severityOf(rule: RuleId, target: Item, config: TracelensConfig): Severity | undefined {
  const override = config.rules[rule];
  if (override === 'off') return undefined;
  if (override) return override;
  if (config.strictReview && safetyClassOf(target, config) === 'C') return 'error';
  const base = ruleDescriptor(rule).defaultSeverity;
  return typeof base === 'string' ? base : base[safetyClassOf(target, config)];
}

/** The lock's problems, as `invalid-file` findings at their lines. */
function lockFindings(problems: readonly FileProblem[], config: TracelensConfig): Finding[] {
  const override = config.rules[RuleId.InvalidFile];
  if (override === 'off') return [];
  return problems.map((problem) => ({ rule: RuleId.InvalidFile, severity: override ?? 'error', message: problem.message, file: problem.file, line: problem.line, column: problem.column }));
}

/**
 * The review rules over a model: `suspect-link` on every suspect link, `unreviewed-link` on every
 * link without a record when the config asks for reviews, the lock's problems as `invalid-file`.
 */
export function evaluateReview(input: ReviewInput): ReviewResult {
  const links = reviewLinks(input);
  const findings: Finding[] = input.lock ? lockFindings(input.lock.problems, input.config) : [];
  for (const review of links) {
    const target = targetOf(review.target, input.index)!;
    const rule = review.state === 'suspect' ? RuleId.SuspectLink : review.state === 'unreviewed' && input.config.requireReview ? RuleId.UnreviewedLink : undefined;
    if (!rule) continue;
    const severity = severityOf(rule, target, input.config);
    if (!severity) continue;
    const message = rule === RuleId.SuspectLink
      ? suspectMessage(review, target)
      : `${describeSource(review)} to ${target.id} was never reviewed: tracelens.lock has no record of it; review it, then run tracelens review ${target.id}`;
    const related: RelatedLocation[] = [{ file: target.file, line: target.line, column: target.column, message: `${target.id} is defined here` }];
    findings.push({
      rule, severity, message, id: target.id, file: review.file, line: review.line, column: review.column,
      endLine: review.line, endColumn: review.endColumn, related,
    } as Finding);
  }
  const judged = input.lock !== undefined || links.length > 0;
  return { links, findings, ...(judged ? { summary: summariseReviews(links) } : {}) };
}
