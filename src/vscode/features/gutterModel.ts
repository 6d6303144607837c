/**
 * Which lines of a requirement file carry which coverage mark in the gutter. Pure; the gutter
 * feature turns the result into decorations.
 */
import type { CoverageState } from '../../core/rules/coverage';
import type { SnapshotLookup } from '../state/snapshotLookup';

/** The gutter's states: an item's coverage as the trees show it. */
export const GUTTER_STATES: readonly CoverageState[] = ['complete', 'partial', 'none', 'inactive', 'neutral'];

/** Per state, the 0-based lines of the items in that state. */
export type GutterMarks = ReadonlyMap<CoverageState, readonly number[]>;

// Implements: TL-211
/**
 * The gutter marks of a file: one per item, on its ID's line, in the item's coverage state;
 * every state is present (empty when no item is in it), so a decoration is cleared when its
 * last item leaves that state.
 */
export function gutterMarks(view: SnapshotLookup, file: string): GutterMarks {
  const marks = new Map<CoverageState, number[]>(GUTTER_STATES.map((state) => [state, []]));
  for (const item of view.itemsIn(file)) marks.get(view.coverage(item))!.push(Math.max(0, item.line - 1));
  return marks;
}
