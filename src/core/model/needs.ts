// Implements: TL-073, TL-074
/**
 * The vocabulary of the coverage model: what must cover an item before it counts as traced. An
 * item's needs come from its own `needs:` attribute, else from `coverage` in tracelens.json (by ID
 * prefix, then by kind), else from the built-in defaults, which are the rules of a flat project.
 */
import { kindPrefixes, normalPrefix } from './ids';
import type { ItemKind, Need } from './types';

export type { Need, NeedAt } from './types';

/** The needs that are plain words (the child needs are `child:` and a kind or a prefix). */
export const NEED_WORDS: readonly Need[] = ['impl', 'test', 'test-tag', 'test-item', 'mitigation'];

/**
 * What each kind needs when neither the item nor tracelens.json says otherwise: requirements need
 * code and a test, risks a mitigating item, system requirements and test cases nothing.
 */
export const DEFAULT_NEEDS: Readonly<Record<ItemKind, readonly Need[]>> = Object.freeze({
  requirement: Object.freeze(['impl', 'test'] as Need[]),
  risk: Object.freeze(['mitigation'] as Need[]),
  system: Object.freeze([] as Need[]),
  test: Object.freeze([] as Need[]),
});

/** A child target as written: a kind in lower case, a prefix in capitals (`child:Design` is the kind `design`). */
const CHILD_TARGET = '[A-Za-z][A-Za-z0-9_-]*';

function normalTarget(target: string): string {
  return /^[A-Z][A-Z0-9_-]*$/.test(target) ? target : target.toLowerCase();
}

/**
 * A need from its written form (case-insensitive words; the target of `child:` keeps its case, so
 * that `child:SRS` names a prefix and `child:requirement` a kind), or undefined when it is none.
 * `child:SDS|TST` is met by a child of any of the targets. Whether a child target exists is the
 * configuration's question, not this one's.
 */
export function parseNeed(text: string): Need | undefined {
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if ((NEED_WORDS as readonly string[]).includes(word)) return word as Need;
  const child = new RegExp(`^child\\s*:\\s*(${CHILD_TARGET}(?:\\s*\\|\\s*${CHILD_TARGET})*)$`, 'i').exec(trimmed);
  if (!child) return undefined;
  return childNeed(child[1]!.split('|').map((target) => target.trim()));
}

// Implements: TL-117
/** The need for a child of any of `targets` (kinds or prefixes): `child:SDS`, `child:SDS|TST`. */
export function childNeed(targets: readonly string[]): Need {
  return `child:${targets.map(normalTarget).join('|')}`;
}

/** The kind or prefix a child need names (`SDS|TST` when it names several), or undefined for the other needs. */
export function childTarget(need: Need): string | undefined {
  return need.startsWith('child:') ? need.slice('child:'.length) : undefined;
}

/** The kinds or prefixes a child need names, any of which meets it; empty for the other needs. */
export function childTargets(need: Need): string[] {
  const target = childTarget(need);
  return target === undefined ? [] : target.split('|');
}

/** Whether a need asks for a test of some sort. */
export function isTestNeed(need: Need): boolean {
  return need === 'test' || need === 'test-tag' || need === 'test-item';
}

/**
 * Whether `prefix` is one of the prefixes that may decide the ID's kind (see `kindPrefixes`):
 * `SDOC-SRS` of `SDOC-SRS-18`, `REQ` of `REQ001` or `REQ-SYS-001`, `dsn` of `dsn~x~1`; `-` and `_`
 * alike, as the kind tables compare them.
 */
export function hasIdPrefix(id: string, prefix: string): boolean {
  return kindPrefixes(id).includes(normalPrefix(prefix));
}

/** `impl`, `impl and test`, `impl, test and child:SDS`. */
export function describeNeeds(needs: readonly Need[]): string {
  if (needs.length <= 1) return needs[0] ?? 'nothing';
  return `${needs.slice(0, -1).join(', ')} and ${needs[needs.length - 1]}`;
}
