// Implements: TL-073, TL-074, TL-075, TL-117
/**
 * The coverage model: which needs an item has (its own `needs:`, else `coverage` in tracelens.json
 * by the longest matching ID prefix, else what its document asks (a Doorstop tree), else `coverage`
 * by kind, else the built-in needs of its kind) and which of them are met. The rules and the coverage classifier both ask here, so a finding and an icon
 * never disagree.
 */
import type { TracelensConfig } from '../config/types';
import { childTarget, childTargets, DEFAULT_NEEDS, hasIdPrefix, isTestNeed } from '../model/needs';
import type { Item, ItemKind, Need } from '../model/types';
import { idShape } from '../model/ids';
import { isImplemented, needsNoTest, type TraceIndex } from './traceIndex';

/** An item's needs and where they come from: `default` needs keep the flat project's messages. */
export interface ResolvedNeeds {
  readonly needs: readonly Need[];
  /** `document`: the item's place in its requirement base (see {@link Item.documentNeeds}). */
  readonly source: 'item' | 'config' | 'document' | 'default';
}

interface CoverageTable {
  /** Prefix keys of `coverage`, longest first, so that `SDOC-SRS` wins over `SDOC`. */
  readonly prefixes: readonly string[];
}

const tables = new WeakMap<TracelensConfig, CoverageTable>();

function tableOf(config: TracelensConfig): CoverageTable {
  let table = tables.get(config);
  if (!table) {
    const keys = Object.keys(config.coverage ?? {}).filter((key) => !isKind(key));
    table = { prefixes: keys.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)) };
    tables.set(config, table);
  }
  return table;
}

function isKind(name: string): name is ItemKind {
  return Object.prototype.hasOwnProperty.call(DEFAULT_NEEDS, name);
}

/** Whether a child target (each of `A|B`) names a kind or a prefix the configuration knows. */
export function isKnownTarget(target: string, config: TracelensConfig): boolean {
  return target.split('|').every((name) => isKind(name) || Object.prototype.hasOwnProperty.call(config.prefixes, name));
}

// Implements: TL-121
/**
 * Whether an item's own child need names something coverage can be judged by: a kind or a known
 * prefix, and for an OpenFastTrace item (a typed ID) any artifact type, since OFT lets a project
 * name its own (`Needs: uman` is met by a `uman` item that covers it).
 */
export function isKnownTargetOf(item: Item, target: string, config: TracelensConfig): boolean {
  return isKnownTarget(target, config) || (idShape(item.id) === 'typed' && /^[a-z]+$/.test(target));
}

/**
 * The needs of an item. An item's own child needs naming an unknown kind or prefix are left out
 * (the definitions rules report them at their position).
 */
export function needsOf(item: Item, config: TracelensConfig): ResolvedNeeds {
  if (item.needs) {
    const needs: Need[] = [];
    for (const { need } of item.needs) {
      const target = childTarget(need);
      if ((target === undefined || isKnownTargetOf(item, target, config)) && !needs.includes(need)) needs.push(need);
    }
    return { needs, source: 'item' };
  }
  const coverage = config.coverage;
  const prefix = coverage ? tableOf(config).prefixes.find((key) => hasIdPrefix(item.id, key)) : undefined;
  if (coverage && prefix !== undefined) return { needs: coverage[prefix]!, source: 'config' };
  if (item.documentNeeds) return { needs: item.documentNeeds, source: 'document' };
  const byKind = coverage?.[item.kind];
  if (byKind) return { needs: byKind, source: 'config' };
  return { needs: DEFAULT_NEEDS[item.kind] ?? [], source: 'default' };
}

/** Whether one need of an item is met by the trace. */
export function isMet(need: Need, item: Item, index: TraceIndex, config: TracelensConfig): boolean {
  switch (need) {
    case 'impl': return isImplemented(item.id, index);
    case 'test': return needsNoTest(item, config) || hasVerifyingTag(item.id, index) || hasVerifyingTestItem(item.id, index);
    case 'test-tag': return needsNoTest(item, config) || hasVerifyingTag(item.id, index);
    case 'test-item': return needsNoTest(item, config) || hasVerifyingTestItem(item.id, index);
    case 'mitigation': return (index.incomingLinks.get(item.id) ?? []).some((link) => link.kind === 'mitigates');
    default: {
      const targets = childTargets(need);
      return (index.incomingLinks.get(item.id) ?? []).some((link) => link.kind === 'parent'
        && targets.some((target) => (isKind(target) ? link.item.kind === target : hasIdPrefix(link.item.id, target))));
    }
  }
}

function hasVerifyingTag(id: string, index: TraceIndex): boolean {
  return (index.referencesById.get(id) ?? []).some((reference) => reference.relation === 'verifies');
}

function hasVerifyingTestItem(id: string, index: TraceIndex): boolean {
  return (index.incomingLinks.get(id) ?? []).some((link) => link.kind === 'verifies' && link.item.kind === 'test');
}

/** The needs of an item the trace does not meet, in the order the needs are declared. */
export function missingNeeds(item: Item, needs: readonly Need[], index: TraceIndex, config: TracelensConfig): Need[] {
  return needs.filter((need) => !isMet(need, item, index, config));
}

/** Whether any of the needs asks for a test. */
export function needsTest(needs: readonly Need[]): boolean {
  return needs.some(isTestNeed);
}
