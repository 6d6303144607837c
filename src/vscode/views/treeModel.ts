/**
 * What the sidebar trees show, computed from a snapshot: requirement documents and their items,
 * each item's trace, coverage icons, and findings grouped by rule. Pure data; the tree providers
 * turn it into TreeItems.
 */
import type { Finding, Item, LinkKind, Location, Severity } from '../../core/model/types';
import type { Coverage, SnapshotLookup } from '../state/snapshotLookup';
import { RULES } from '../../core/rules/descriptors';
import type { ItemCoverage } from '../../core/rules/coverage';
import { describeNeeds } from '../../core/model/needs';

/** A codicon id and an optional theme colour id. */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

/** The icon of an item's coverage; a failed verification shows red whatever the trace. */
export function coverageIcon(coverage: Coverage, item?: Pick<Item, 'kind'>, detail?: Pick<ItemCoverage, 'verification'>): IconSpec {
  // Implements: TL-146
  if (detail?.verification === 'failed') return { id: 'testing-failed-icon', color: 'testing.iconFailed' };
  switch (coverage) {
    case 'complete': return { id: 'pass-filled', color: 'testing.iconPassed' };
    case 'partial': return { id: 'circle-large-outline', color: 'list.warningForeground' };
    case 'none': return { id: 'error', color: 'testing.iconFailed' };
    case 'inactive': return { id: 'circle-slash' };
    case 'neutral': return { id: item?.kind === 'test' ? 'beaker' : 'circle-large-outline' };
  }
}

/**
 * Words for a coverage state, for tooltips and accessibility. With `detail` of an item whose needs
 * were declared (in tracelens.json or by the item), the words name them: `missing child:SDS`.
 */
export function coverageLabel(coverage: Coverage, item: Pick<Item, 'kind'>, detail?: Pick<ItemCoverage, 'needs' | 'needsFrom' | 'missing'> & Partial<Pick<ItemCoverage, 'verification'>>): string {
  if (detail?.verification === 'failed') return 'verification failed';
  if (detail?.verification === 'not-run') return 'verification not run';
  if (detail && detail.needsFrom !== 'default' && detail.needs.length > 0 && coverage !== 'inactive') {
    return detail.missing.length === 0 ? `${describeNeeds(detail.needs)}: covered` : `missing ${describeNeeds(detail.missing)}`;
  }
  if (item.kind === 'risk') return coverage === 'complete' ? 'mitigated' : coverage === 'inactive' ? 'inactive' : 'not mitigated';
  switch (coverage) {
    case 'complete': return item.kind === 'system' ? 'refined' : 'implemented and verified';
    case 'partial': return 'partly traced';
    case 'none': return 'not implemented, not verified';
    case 'inactive': return 'inactive';
    case 'neutral': return item.kind === 'test' ? 'test case' : 'not refined';
  }
}

// Implements: TL-076
/**
 * Whether a snapshot holds no item at all: the Requirements view then stays empty so that its
 * welcome content (context key `tracelens.noRequirements`) says nothing was found.
 */
export function hasNoItems(snapshot: { readonly summary: { readonly items: number } }): boolean {
  return snapshot.summary.items === 0;
}

/** A requirement file and the items the tree shows from it. */
export interface RequirementDocument {
  readonly file: string;
  readonly items: readonly Item[];
}

/** Whether an item has a gap worth showing in "only gaps" mode. */
export function hasGap(item: Item, view: SnapshotLookup): boolean {
  const coverage = view.coverage(item);
  return coverage === 'none' || coverage === 'partial' || view.findingsOf(item).length > 0;
}

// Implements: TL-047
/** Requirement files with their items, in path order; with `gapsOnly`, only items with gaps. */
export function requirementDocuments(view: SnapshotLookup, gapsOnly: boolean): RequirementDocument[] {
  const documents: RequirementDocument[] = [];
  for (const file of view.snapshot.requirementFiles) {
    const items = view.itemsIn(file).filter((item) => !gapsOnly || hasGap(item, view));
    if (items.length > 0 || (!gapsOnly && view.findingsIn(file).length > 0)) documents.push({ file, items });
  }
  return documents;
}

/** One line of an item's trace in the tree. */
export interface TraceEntry {
  readonly label: string;
  readonly description?: string;
  readonly icon: IconSpec;
  /** Where a click goes; undefined for a link to an ID that nothing defines. */
  readonly location?: Location;
  readonly tooltip?: string;
}

function referenceEntry(label: string, icon: string, reference: { file: string; line: number; column: number; symbol?: string }): TraceEntry {
  return {
    label: `${reference.file}:${reference.line}`,
    ...(reference.symbol ? { description: `${label} · ${reference.symbol}` } : { description: label }),
    icon: { id: icon },
    location: reference,
  };
}

function itemEntry(label: string, icon: string, item: Item): TraceEntry {
  return { label: `${label}: ${item.id}`, ...(item.title ? { description: item.title } : {}), icon: { id: icon }, location: item };
}

const LINK_LABELS: Readonly<Record<LinkKind, string>> = { parent: 'Parent', child: 'Child', mitigates: 'Mitigates', verifies: 'Verifies', depends: 'Depends on' };
const LINK_ICONS: Readonly<Record<LinkKind, string>> = { parent: 'arrow-up', child: 'arrow-down', mitigates: 'shield', verifies: 'beaker', depends: 'link' };

/** The trace an item's tree node expands to: code, tests and links, in that order. */
export function traceEntries(item: Item, view: SnapshotLookup): TraceEntry[] {
  const trace = view.trace(item.id);
  const entries: TraceEntry[] = [];
  for (const reference of trace.implementations) entries.push(referenceEntry('implements', 'code', reference));
  for (const reference of trace.mitigations) entries.push(referenceEntry('mitigates', 'shield', reference));
  for (const reference of trace.verifications) entries.push(referenceEntry('verifies', 'beaker', reference));
  for (const test of trace.verifyingItems) entries.push(itemEntry('Verified by', 'beaker', test));
  for (const control of trace.mitigatingItems) entries.push(itemEntry('Mitigated by', 'shield', control));
  for (const child of trace.children) entries.push(itemEntry('Refined by', 'arrow-down', child));
  for (const link of item.links) {
    const label = LINK_LABELS[link.kind];
    const icon = LINK_ICONS[link.kind];
    const target = view.item(link.target);
    entries.push(target
      ? itemEntry(label, icon, target)
      : { label: `${label}: ${link.target}`, description: 'not defined', icon: { id: 'warning', color: 'list.warningForeground' }, location: link });
  }
  return entries;
}

/** Findings of one rule. */
export interface GapGroup {
  readonly rule: string;
  readonly title: string;
  readonly findings: readonly Finding[];
}

/** Findings grouped by rule, in the rules' order (unknown rules last), each group in report order. */
export function gapGroups(findings: readonly Finding[]): GapGroup[] {
  const order = RULES.map((rule) => rule.id as string);
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }
  const rank = (rule: string): number => (order.includes(rule) ? order.indexOf(rule) : order.length);
  return [...byRule.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([rule, list]) => ({ rule, title: RULES.find((r) => r.id === rule)?.title ?? rule, findings: list }));
}

/** The icon of a finding's severity. */
export function severityIcon(severity: Severity): IconSpec {
  switch (severity) {
    case 'error': return { id: 'error', color: 'list.errorForeground' };
    case 'warning': return { id: 'warning', color: 'list.warningForeground' };
    case 'info': return { id: 'info' };
  }
}

/** Errors and warnings: the number the Gaps badge shows. */
export function badgeCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
}

/**
 * The top of a view over the workspace folders: a node per folder when there are several, else
 * the one folder's own children, else nothing.
 */
export function topLevel<E, N>(entries: readonly E[], folderNode: (entry: E) => N, childrenOf: (entry: E) => N[]): N[] {
  if (entries.length > 1) return entries.map(folderNode);
  return entries.length === 1 ? childrenOf(entries[0]!) : [];
}
