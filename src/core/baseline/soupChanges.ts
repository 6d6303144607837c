// Implements: TL-195
/**
 * What changed in the SOUP between two checks: register entries added, removed and changed (by
 * name; a field's value changed), and the dependencies in use added, removed or at another version
 * (by ecosystem and name). Positions never count: an entry that only moved is unchanged.
 */
import type { SoupModel } from '../soup/project';
import type { SoupDependency, SoupEntry } from '../soup/types';

/** A register entry or a dependency on one side: its name and version. */
export interface SoupVersioned {
  readonly name: string;
  readonly version?: string;
}

/** A field of a register entry, or a dependency's version, before and after. */
export interface SoupFieldChange {
  readonly name: string;
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

/** The SOUP section of a baseline diff. */
export interface SoupChanges {
  readonly entries: { readonly added: readonly SoupVersioned[]; readonly removed: readonly SoupVersioned[]; readonly changed: readonly SoupFieldChange[] };
  readonly dependencies: { readonly added: readonly SoupVersioned[]; readonly removed: readonly SoupVersioned[]; readonly changed: readonly SoupFieldChange[] };
}

/** The fields of an entry a diff compares, as written. */
function entryFields(entry: SoupEntry): Record<string, string | undefined> {
  return {
    version: entry.version?.value,
    manufacturer: entry.manufacturer?.value,
    purpose: entry.purpose?.value,
    requirements: entry.requirements?.value,
    'anomalies.url': entry.anomaliesUrl?.value,
    'anomalies.reviewed': entry.anomaliesReviewed?.value,
    risks: entry.risks?.map((risk) => risk.id).join(', '),
    class: entry.safetyClass,
  };
}

const byName = (a: SoupVersioned, b: SoupVersioned): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const versioned = (name: string, version: string | undefined): SoupVersioned => (version !== undefined ? { name, version } : { name });

/** Entries by name (the first of a name; a duplicate is the register's own finding). */
function entriesByName(model: SoupModel | undefined): Map<string, SoupEntry> {
  const entries = new Map<string, SoupEntry>();
  for (const entry of model?.register?.entries ?? []) {
    const name = entry.name?.value;
    if (name !== undefined && !entries.has(name)) entries.set(name, entry);
  }
  return entries;
}

/** Dependencies by ecosystem and name, shown as `name` (`npm:react` when two ecosystems share a name). */
function dependenciesByKey(model: SoupModel | undefined): Map<string, SoupDependency> {
  const dependencies = new Map<string, SoupDependency>();
  for (const dependency of model?.dependencies ?? []) {
    const key = `${dependency.ecosystem}:${dependency.name}`;
    if (!dependencies.has(key)) dependencies.set(key, dependency);
  }
  return dependencies;
}

function compareMaps<T>(
  before: Map<string, T>, after: Map<string, T>, show: (key: string, value: T) => SoupVersioned, fields: (value: T) => Record<string, string | undefined>,
): { added: SoupVersioned[]; removed: SoupVersioned[]; changed: SoupFieldChange[] } {
  const added = [...after].filter(([key]) => !before.has(key)).map(([key, value]) => show(key, value)).sort(byName);
  const removed = [...before].filter(([key]) => !after.has(key)).map(([key, value]) => show(key, value)).sort(byName);
  const changed: SoupFieldChange[] = [];
  for (const [key, was] of before) {
    const is = after.get(key);
    if (is === undefined) continue;
    const old = fields(was);
    const now = fields(is);
    for (const field of Object.keys(old)) {
      if (old[field] === now[field]) continue;
      changed.push({ name: show(key, is).name, field, ...(old[field] !== undefined ? { before: old[field] } : {}), ...(now[field] !== undefined ? { after: now[field] } : {}) });
    }
  }
  changed.sort((a, b) => byName(a, b) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  return { added, removed, changed };
}

/** The SOUP changes between two checks; undefined when neither side checks SOUP. */
export function compareSoup(before: SoupModel | undefined, after: SoupModel | undefined): SoupChanges | undefined {
  if (!before && !after) return undefined;
  const entries = compareMaps(entriesByName(before), entriesByName(after), (name, entry) => versioned(name, entry.version?.value), entryFields);
  const oldDependencies = dependenciesByKey(before);
  const newDependencies = dependenciesByKey(after);
  const names = new Map<string, number>();
  for (const key of new Set([...oldDependencies.keys(), ...newDependencies.keys()])) {
    const name = key.slice(key.indexOf(':') + 1);
    names.set(name, (names.get(name) ?? 0) + 1);
  }
  const shown = (key: string): string => {
    const name = key.slice(key.indexOf(':') + 1);
    return (names.get(name) ?? 0) > 1 ? key : name;
  };
  const dependencies = compareMaps(oldDependencies, newDependencies, (key, dependency) => versioned(shown(key), dependency.version), (dependency) => ({ version: dependency.version }));
  return { entries, dependencies };
}

/** Whether anything in the SOUP changed. */
export function soupChanged(changes: SoupChanges): boolean {
  const { entries, dependencies } = changes;
  return [entries.added, entries.removed, entries.changed, dependencies.added, dependencies.removed, dependencies.changed].some((list) => list.length > 0);
}
