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

/**
 * Whether an item has a gap worth showing in "only gaps" mode: missing coverage, a finding on its
 * lines, or a finding about it elsewhere (an obsolete item still referenced in code).
 */
export function hasGap(item: Item, view: SnapshotLookup): boolean {
  const coverage = view.coverage(item);
  return coverage === 'none' || coverage === 'partial' || view.findingsOf(item).length > 0 || view.findingsAbout(item.id).length > 0;
}

/** Orders IDs as people number them: by prefix, then by number (`REQ-2` before `REQ-10`). */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' });
}

// Implements: TL-047, TL-228
/**
 * Requirement files with their items in document order; the files by the ID of their first item
 * (`SYS-001` before `TC-001`, `REQ-2` before `REQ-10`), those without items last by path. With
 * `gapsOnly`, only items with gaps.
 */
export function requirementDocuments(view: SnapshotLookup, gapsOnly: boolean): RequirementDocument[] {
  const documents: Array<RequirementDocument & { first?: string }> = [];
  for (const file of view.snapshot.requirementFiles) {
    const all = view.itemsIn(file);
    const items = all.filter((item) => !gapsOnly || hasGap(item, view));
    const first = all[0]?.id;
    if (items.length > 0 || (!gapsOnly && view.findingsIn(file).length > 0)) documents.push({ file, items, ...(first !== undefined ? { first } : {}) });
  }
  documents.sort((a, b) => (a.first === undefined ? 1 : 0) - (b.first === undefined ? 1 : 0)
    || (a.first !== undefined && b.first !== undefined ? compareIds(a.first, b.first) : 0)
    || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return documents.map(({ file, items }) => ({ file, items }));
}

/** What a row of the Gaps view shows: `REQ-009 — Low battery warning`, with the place as description. */
export function gapRow(finding: Finding, view: SnapshotLookup): { label: string; description: string } {
  const title = finding.id === undefined ? undefined : view.item(finding.id)?.title;
  const label = finding.id === undefined ? finding.file.slice(finding.file.lastIndexOf('/') + 1) : title ? `${finding.id} — ${title}` : finding.id;
  return { label, description: `${finding.file}:${finding.line}` };
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

// Implements: TL-228
/** The number the Gaps badge shows: every gap the view lists, infos included, and the tooltip's breakdown. */
export function badgeCount(findings: readonly Finding[]): { count: number; tooltip: string } {
  const of = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const errors = of('error');
  const warnings = of('warning');
  const infos = of('info');
  return { count: findings.length, tooltip: `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} info` };
}

/**
 * The top of a view over the workspace folders: a node per folder when there are several, else
 * the one folder's own children, else nothing.
 */
export function topLevel<E, N>(entries: readonly E[], folderNode: (entry: E) => N, childrenOf: (entry: E) => N[]): N[] {
  if (entries.length > 1) return entries.map(folderNode);
  return entries.length === 1 ? childrenOf(entries[0]!) : [];
}
