// Implements: TL-123
/**
 * Revisions of OpenFastTrace IDs (`dsn~parse-config~2`): the last number of a typed ID is a
 * revision, raised when an item's meaning changes so that every link to the old revision stops
 * counting. A link naming another revision than the one defined is outdated, not unknown: these
 * helpers find the revision that is defined. Pure, shared by the rules and the editor's quick fix.
 */
import { idShape } from './ids';

/** A typed ID split into its `type~name` base and its revision, or undefined for other shapes. */
export function revisionParts(id: string): { base: string; revision: number } | undefined {
  if (idShape(id) !== 'typed') return undefined;
  const tilde = id.lastIndexOf('~');
  return { base: id.slice(0, tilde), revision: Number(id.slice(tilde + 1)) };
}

/** The highest defined revision of each `type~name` base among `ids`. */
export function revisionTable(ids: Iterable<string>): Map<string, string> {
  const table = new Map<string, { id: string; revision: number }>();
  for (const id of ids) {
    const parts = revisionParts(id);
    if (!parts) continue;
    const known = table.get(parts.base);
    if (!known || parts.revision > known.revision) table.set(parts.base, { id, revision: parts.revision });
  }
  return new Map([...table].map(([base, { id }]) => [base, id]));
}

/**
 * The defined revision a link to `id` should name when `id` itself is not defined: the highest
 * defined revision of the same `type~name`, older or newer. Undefined when `id` is no typed ID or
 * no revision of it is defined.
 */
export function currentRevision(id: string, table: ReadonlyMap<string, string>): string | undefined {
  const parts = revisionParts(id);
  const current = parts ? table.get(parts.base) : undefined;
  return current === id ? undefined : current;
}
