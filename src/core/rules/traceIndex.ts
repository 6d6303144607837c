/**
 * The trace of every ID (the items that define it, the code that references it, the items that
 * link to it) and the questions the rules and the editor ask of it.
 */
import type { TracelensConfig } from '../config/types';
import { isInactive, type FileProblem, type Item, type Reference, type SafetyClass } from '../model/types';
import type { RequirementSources } from '../model/sources';
import type { TestResults } from '../results/types';
import type { ReviewLock } from '../review/lockFile';

/** Everything the rules look at. */
export interface TraceModel {
  readonly items: readonly Item[];
  readonly references: readonly Reference[];
  /** Problems from requirement and config files, reported as `invalid-file`. */
  readonly problems: readonly FileProblem[];
  /**
   * Where requirements were looked for and which files were found, for `no-requirements` and
   * `no-items`. A check always gives it; a model without it (a test of other rules) skips them.
   */
  readonly sources?: RequirementSources;
  /** The test results, when results globs were given (see results/); absent: nothing about results is judged. */
  readonly results?: TestResults;
  /**
   * Every code file of the project, where a testcase's test file is looked for; absent: the files
   * of the references (a model built in a test).
   */
  readonly codeFiles?: readonly string[];
  /** The project's tracelens.lock; absent when it has none (then only Doorstop link fingerprints are judged). */
  readonly lock?: ReviewLock;
}

/** Effective safety class of an item. */
export function safetyClassOf(item: Item, config: TracelensConfig): SafetyClass {
  return item.safetyClass ?? config.defaultClass;
}

/** Links and references collected per item ID: the trace the coverage rules and the editor read. */
export interface TraceIndex {
  readonly itemsById: ReadonlyMap<string, readonly Item[]>;
  readonly referencesById: ReadonlyMap<string, readonly Reference[]>;
  /** Active items that link to an ID, keyed by the target ID. */
  readonly incomingLinks: ReadonlyMap<string, ReadonlyArray<{ readonly item: Item; readonly kind: string }>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the per-ID index of items, references and incoming links. */
export function buildTraceIndex(model: TraceModel, config: TracelensConfig): TraceIndex {
  const itemsById = new Map<string, Item[]>();
  const referencesById = new Map<string, Reference[]>();
  const incomingLinks = new Map<string, Array<{ item: Item; kind: string }>>();
  for (const item of model.items) push(itemsById, item.id, item);
  for (const reference of model.references) push(referencesById, reference.id, reference);
  for (const item of model.items) {
    if (isInactive(item, config.inactiveStatuses)) continue;
    for (const link of item.links) {
      push(incomingLinks, link.target, { item, kind: link.kind });
      // Implements: TL-111
      // A child link is the child's parent link written on the parent: the hierarchy (the
      // `child:X` needs, "Refined by") must see it as if the active child had named its parent.
      if (link.kind !== 'child') continue;
      for (const child of itemsById.get(link.target) ?? []) {
        if (!isInactive(child, config.inactiveStatuses)) push(incomingLinks, item.id, { item: child, kind: 'parent' });
      }
    }
  }
  return { itemsById, referencesById, incomingLinks };
}

/** Whether a requirement has code implementing it. */
export function isImplemented(id: string, index: TraceIndex): boolean {
  return (index.referencesById.get(id) ?? []).some((r) => r.relation === 'implements' || r.relation === 'mitigates');
}

/** Whether a requirement has a test verifying it: a `verifies` tag or an active test item. */
export function isVerified(id: string, index: TraceIndex): boolean {
  if ((index.referencesById.get(id) ?? []).some((r) => r.relation === 'verifies')) return true;
  return (index.incomingLinks.get(id) ?? []).some((l) => l.kind === 'verifies' && l.item.kind === 'test');
}

/** Whether an item needs no test because it is verified by inspection, analysis or demonstration. */
export function needsNoTest(item: Item, config: TracelensConfig): boolean {
  return item.verification !== undefined && config.nonTestVerification.includes(item.verification.toLowerCase());
}
