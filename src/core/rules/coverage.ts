// Implements: TL-035
import type { TracelensConfig } from '../config/types';
import type { Finding, Item, Severity } from '../model/types';
import { isInactive } from '../model/types';
import { isImplemented, isVerified, needsNoTest, type TraceIndex, type TraceModel } from './traceIndex';
import { firstDefinitions } from './evaluate';

/** Coverage figures an auditor reads first. Percentages are of active requirements, one decimal. */
export interface CoverageSummary {
  readonly items: number;
  readonly requirements: number;
  readonly inactive: number;
  readonly implemented: number;
  readonly verified: number;
  readonly implementedPercent: number;
  readonly verifiedPercent: number;
  readonly risks: number;
  readonly mitigatedRisks: number;
  readonly references: number;
  readonly findings: Readonly<Record<Severity, number>>;
  readonly byRule: Readonly<Record<string, number>>;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10;
}

/**
 * How far an item is traced: `complete` (implemented and verified, a mitigated risk, a refined
 * system requirement), `partial` (one of the two), `none`, `inactive`, or `neutral` for items no
 * rule expects anything of (test cases, unrefined system requirements).
 */
export type CoverageState = 'complete' | 'partial' | 'none' | 'inactive' | 'neutral';

/** The coverage of one item: what the summary counts and what the editor's tree shows. */
export interface ItemCoverage {
  readonly kind: Item['kind'];
  readonly state: CoverageState;
  readonly implemented: boolean;
  readonly verified: boolean;
  readonly mitigated: boolean;
}

const INACTIVE = (kind: Item['kind']): ItemCoverage => ({ kind, state: 'inactive', implemented: false, verified: false, mitigated: false });

/**
 * Classifies one item (its first definition): the one classifier behind the CLI's summary and the
 * editor's coverage icons, so the two never disagree.
 */
export function itemCoverage(item: Item, index: TraceIndex, config: TracelensConfig): ItemCoverage {
  if (isInactive(item, config.inactiveStatuses)) return INACTIVE(item.kind);
  const incoming = index.incomingLinks.get(item.id) ?? [];
  switch (item.kind) {
    case 'requirement': {
      const implemented = isImplemented(item.id, index);
      const verified = needsNoTest(item, config) || isVerified(item.id, index);
      const state = implemented && verified ? 'complete' : implemented || verified ? 'partial' : 'none';
      return { kind: item.kind, state, implemented, verified, mitigated: false };
    }
    case 'risk': {
      const mitigated = incoming.some((l) => l.kind === 'mitigates');
      return { kind: item.kind, state: mitigated ? 'complete' : 'none', implemented: false, verified: false, mitigated };
    }
    case 'system':
      return { kind: item.kind, state: incoming.some((l) => l.kind === 'parent') ? 'complete' : 'neutral', implemented: false, verified: false, mitigated: false };
    default:
      return { kind: item.kind, state: 'neutral', implemented: false, verified: false, mitigated: false };
  }
}

/**
 * Builds the summary from per-item coverage (first definitions only) and the findings. Sorted
 * keys keep the JSON byte-identical between runs.
 */
export function summaryFrom(
  coverage: Iterable<ItemCoverage>, counts: { items: number; inactive: number; references: number }, findings: readonly Finding[],
): CoverageSummary {
  let requirements = 0;
  let implemented = 0;
  let verified = 0;
  let risks = 0;
  let mitigatedRisks = 0;
  for (const entry of coverage) {
    if (entry.state === 'inactive') continue;
    if (entry.kind === 'requirement') {
      requirements++;
      if (entry.implemented) implemented++;
      if (entry.verified) verified++;
    } else if (entry.kind === 'risk') {
      risks++;
      if (entry.mitigated) mitigatedRisks++;
    }
  }
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  const sortedByRule: Record<string, number> = {};
  for (const key of Object.keys(byRule).sort()) sortedByRule[key] = byRule[key]!;
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
    findings: bySeverity,
    byRule: sortedByRule,
  };
}

/** Counts coverage over the model. */
export function summarize(model: TraceModel, index: TraceIndex, findings: readonly Finding[], config: TracelensConfig): CoverageSummary {
  return summaryFrom(
    firstDefinitions(model.items).map((item) => itemCoverage(item, index, config)),
    { items: model.items.length, inactive: model.items.filter((item) => isInactive(item, config.inactiveStatuses)).length, references: model.references.length },
    findings,
  );
}
