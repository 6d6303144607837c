// Implements: TL-035
import type { TracelensConfig } from './configTypes';
import type { Finding, Item, Severity } from './model';
import { isInactive } from './model';
import { isImplemented, isVerified, needsNoTest, type TraceIndex, type TraceModel } from './rules';

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

/** Active items, each ID once (the first definition wins, as in the rules). */
function activeUnique(items: readonly Item[], config: TracelensConfig): Item[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return !isInactive(item, config.inactiveStatuses);
  });
}

/** Counts coverage over the model. Sorted keys keep the JSON byte-identical between runs. */
export function summarize(model: TraceModel, index: TraceIndex, findings: readonly Finding[], config: TracelensConfig): CoverageSummary {
  const active = activeUnique(model.items, config);
  const requirements = active.filter((item) => item.kind === 'requirement');
  const risks = active.filter((item) => item.kind === 'risk');
  const implemented = requirements.filter((item) => isImplemented(item.id, index)).length;
  const verified = requirements.filter((item) => needsNoTest(item, config) || isVerified(item.id, index)).length;
  const mitigatedRisks = risks.filter((risk) => (index.incomingLinks.get(risk.id) ?? []).some((l) => l.kind === 'mitigates')).length;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  const sortedByRule: Record<string, number> = {};
  for (const key of Object.keys(byRule).sort()) sortedByRule[key] = byRule[key]!;
  return {
    items: model.items.length,
    requirements: requirements.length,
    inactive: model.items.filter((item) => isInactive(item, config.inactiveStatuses)).length,
    implemented,
    verified,
    implementedPercent: percent(implemented, requirements.length),
    verifiedPercent: percent(verified, requirements.length),
    risks: risks.length,
    mitigatedRisks,
    references: model.references.length,
    findings: bySeverity,
    byRule: sortedByRule,
  };
}
