// Implements: TL-171
/**
 * Rust: `Cargo.toml` and the `Cargo.lock` beside it or in a folder above (a workspace's root).
 *
 * SOUP are `[dependencies]` and `[target.<cfg>.dependencies]` (optional ones too: a feature may
 * turn them on); `[dev-dependencies]` and `[build-dependencies]` are not shipped. A `path`
 * dependency and the package itself (`[package] name`, and every workspace member, whose own
 * Cargo.toml names it) are the project's own. `package = "…"` renames: the crate is that name.
 * The lock gives the version of each crate the package depends on, and the transitive crates
 * (reached from the runtime dependencies; Cargo.lock does not mark development ones).
 */
import type { FileProblem } from '../../model/types';
import type { ManifestResult, SoupDependency } from '../types';
import { isTable, parseTomlFile, tomlTable } from './common';
import { locateToml, type TomlLocations } from './tomlLocator';

/** One `[[package]]` of a Cargo.lock. */
interface LockedCrate {
  readonly name: string;
  readonly version: string;
  /** Local crates (workspace members) have no source. */
  readonly local: boolean;
  /** Its dependencies as written: `name` or `name version` (or `name version (source)`). */
  readonly dependencies: readonly string[];
  readonly line: number;
  readonly column: number;
}

/** A Cargo.lock, ready to resolve a manifest's dependencies. */
export interface CargoLock {
  readonly file: string;
  readonly crates: readonly LockedCrate[];
  readonly problems: readonly FileProblem[];
}

/** Reads a Cargo.lock. */
export function readCargoLock(text: string, file: string): CargoLock {
  const parsed = parseTomlFile(text, file);
  if (parsed.problem) return { file, crates: [], problems: [parsed.problem] };
  const list = parsed.value['package'];
  const located = locateToml(text);
  const names = located.keys.filter((k) => k.table.length === 1 && k.table[0] === 'package' && k.key[0] === 'name');
  const crates: LockedCrate[] = [];
  (Array.isArray(list) ? list : []).forEach((entry, index) => {
    if (!isTable(entry) || typeof entry['name'] !== 'string' || typeof entry['version'] !== 'string') return;
    const at = names.find((k) => k.element === index)?.strings[0];
    const dependencies = Array.isArray(entry['dependencies']) ? entry['dependencies'].filter((d): d is string => typeof d === 'string') : [];
    crates.push({ name: entry['name'], version: entry['version'], local: entry['source'] === undefined, dependencies, line: at?.line ?? 1, column: at?.column ?? 1 });
  });
  return { file, crates, problems: Array.isArray(list) ? [] : [{ file, line: 1, column: 1, message: 'Cargo.lock has no [[package]] entries: no version can be read from it.' }] };
}

/** The crate a lock dependency string names (`serde 1.0.1 (registry+…)` → serde 1.0.1). */
function lockReference(reference: string): { name: string; version?: string } {
  const [name, version] = reference.split(' ');
  return version !== undefined ? { name: name!, version } : { name: name! };
}

/** The locked version of `crate` as a dependency of the local package `from` (else the only version locked). */
function resolveCrate(lock: CargoLock, crate: string, from: string | undefined): string | undefined {
  const owner = lock.crates.find((c) => c.local && c.name === from);
  const named = owner?.dependencies.map(lockReference).find((d) => d.name === crate);
  if (named?.version !== undefined) return named.version;
  const versions = lock.crates.filter((c) => c.name === crate && !c.local);
  return versions.length === 1 ? versions[0]!.version : undefined;
}

/** Reads a Cargo.toml: its runtime dependencies (resolved through `lock`) and its own package name. */
export function readCargoToml(text: string, file: string, lock?: CargoLock): ManifestResult {
  const parsed = parseTomlFile(text, file);
  if (parsed.problem) return { dependencies: [], problems: [parsed.problem], ownNames: [] };
  const toml = parsed.value;
  const located = locateToml(text);
  const problems: FileProblem[] = [];
  const own = tomlTable(toml, 'package')?.['name'];
  const ownNames = typeof own === 'string' ? [own] : [];
  const tables: Array<{ path: string[]; value: Record<string, unknown> }> = [];
  const runtime = tomlTable(toml, 'dependencies');
  if (runtime) tables.push({ path: ['dependencies'], value: runtime });
  for (const [cfg, target] of Object.entries(tomlTable(toml, 'target') ?? {})) {
    const table = tomlTable(target, 'dependencies');
    if (table) tables.push({ path: ['target', cfg, 'dependencies'], value: table });
  }
  const dependencies: SoupDependency[] = [];
  for (const { path, value } of tables) {
    for (const [key, spec] of Object.entries(value)) {
      const at = cargoKey(located, path, key);
      if (typeof spec !== 'string' && !isTable(spec)) {
        problems.push({ file, ...at, message: `The dependency "${key}" must be a version string or a table.` });
        continue;
      }
      if (isTable(spec) && typeof spec['path'] === 'string') continue;
      const name = isTable(spec) && typeof spec['package'] === 'string' ? spec['package'] : key;
      const base = { file, ...at, endColumn: at.column + key.length, name, ecosystem: 'cargo' as const, direct: true };
      const locked = lock ? resolveCrate(lock, name, ownNames[0]) : undefined;
      if (locked !== undefined && lock) {
        dependencies.push({ ...base, version: locked, resolution: 'locked', versionFrom: lock.file });
        continue;
      }
      const declared = typeof spec === 'string' ? spec : spec['version'];
      if (typeof declared === 'string') {
        // Cargo reads `1.2.3` as `^1.2.3`: only `=1.2.3` is one version.
        const exact = /^=\s*(\d+\.\d+\.\d+\S*)$/.exec(declared.trim());
        dependencies.push(exact ? { ...base, version: exact[1]!, resolution: 'exact' } : { ...base, version: declared, resolution: 'range' });
      } else if (isTable(spec) && typeof spec['git'] === 'string') {
        dependencies.push({ ...base, resolution: 'none', note: `installed from ${spec['git']}: no version to check without Cargo.lock` });
      } else {
        dependencies.push({ ...base, resolution: 'range' });
      }
    }
  }
  return { dependencies, problems, ownNames };
}

/** Where a dependency's key is: in its table, or its own `[dependencies.x]` header. */
function cargoKey(located: TomlLocations, table: readonly string[], key: string): { line: number; column: number } {
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
  const found = located.keys.find((k) => same(k.table, table) && k.key[0] === key);
  if (found) return { line: found.line, column: found.column };
  const header = located.headers.find((h) => same(h.table, [...table, key]));
  return header ? { line: header.line, column: header.column } : { line: 1, column: 1 };
}

/**
 * The transitive crates of a lock: those reached from `direct` (the runtime dependencies of the
 * manifests using it), at their `name = "…"` line in the lock.
 */
export function cargoTransitive(lock: CargoLock, direct: readonly SoupDependency[]): SoupDependency[] {
  const key = (name: string, version: string): string => `${name} ${version}`;
  const byKey = new Map(lock.crates.map((c) => [key(c.name, c.version), c]));
  const byName = new Map<string, LockedCrate[]>();
  for (const crate of lock.crates) byName.set(crate.name, [...(byName.get(crate.name) ?? []), crate]);
  const find = (reference: { name: string; version?: string }): LockedCrate | undefined =>
    reference.version !== undefined ? byKey.get(key(reference.name, reference.version)) : byName.get(reference.name)?.length === 1 ? byName.get(reference.name)![0] : undefined;
  const seen = new Set<LockedCrate>();
  const queue = direct.map((d) => find({ name: d.name, ...(d.resolution === 'locked' && d.version !== undefined ? { version: d.version } : {}) })).filter((c): c is LockedCrate => c !== undefined);
  const directs = new Set(queue);
  while (queue.length > 0) {
    const crate = queue.shift()!;
    if (seen.has(crate)) continue;
    seen.add(crate);
    for (const reference of crate.dependencies) {
      const next = find(lockReference(reference));
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return [...seen].filter((c) => !directs.has(c) && !c.local).map((c) => ({
    file: lock.file, line: c.line, column: c.column, endColumn: c.column + c.name.length, name: c.name, ecosystem: 'cargo', direct: false, version: c.version, resolution: 'locked',
  }));
}
