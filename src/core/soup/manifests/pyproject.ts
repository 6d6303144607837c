// Implements: TL-171
/**
 * Python projects: `pyproject.toml` and its lock file, `poetry.lock` or `uv.lock` beside it.
 *
 * SOUP are PEP 621's `[project] dependencies` and Poetry's `[tool.poetry.dependencies]` (without
 * `python`, the interpreter, and without `optional = true` ones, which only extras install).
 * Optional dependencies (`[project.optional-dependencies]`), Poetry groups and `dev-dependencies`,
 * and uv's `[dependency-groups]` are development or extras: not SOUP. The project's own name is not
 * SOUP, nor a path dependency. The lock gives the installed version (by normalised name) and the
 * transitive dependencies: poetry.lock's packages of the `main` group, uv.lock's packages reached
 * from the project's own runtime dependencies.
 */
import type { FileProblem } from '../../model/types';
import type { ManifestResult, SoupDependency } from '../types';
import { isTable, parseTomlFile, tomlTable } from './common';
import { normalizePythonName, parsePep508, poetryResolution } from './pep508';
import { keysOfTable, locateToml, type TomlLocations } from './tomlLocator';

/** A Python lock file, ready to resolve a manifest's dependencies. */
export interface PythonLock {
  readonly file: string;
  /** The locked version of a package, by any spelling of its name. */
  resolve(name: string): string | undefined;
  /** The locked runtime packages, at their `name = "…"` line. */
  readonly packages: readonly SoupDependency[];
  readonly problems: readonly FileProblem[];
}

/** Reads a pyproject.toml: its runtime dependencies (resolved through `lock` when given) and its own name. */
export function readPyproject(text: string, file: string, lock?: PythonLock): ManifestResult {
  const parsed = parseTomlFile(text, file);
  if (parsed.problem) return { dependencies: [], problems: [parsed.problem], ownNames: [] };
  const toml = parsed.value;
  const located = locateToml(text);
  const dependencies: SoupDependency[] = [];
  const problems: FileProblem[] = [];
  const ownNames: string[] = [];
  const project = tomlTable(toml, 'project');
  const poetry = tomlTable(toml, 'tool', 'poetry');
  for (const name of [project?.['name'], poetry?.['name']]) if (typeof name === 'string') ownNames.push(name);

  const pep621 = project?.['dependencies'];
  if (pep621 !== undefined) {
    const key = keysOfTable(located.keys, ['project']).find((k) => k.key.length === 1 && k.key[0] === 'dependencies');
    if (!Array.isArray(pep621) || !pep621.every((d) => typeof d === 'string')) {
      problems.push({ file, line: key?.line ?? 1, column: key?.column ?? 1, message: '[project] dependencies must be an array of strings (PEP 508 specifiers).' });
    } else {
      pep621.forEach((spec, index) => {
        const string = key?.strings[index];
        const requirement = parsePep508(spec);
        const line = string?.line ?? key?.line ?? 1;
        const column = (string?.column ?? key?.column ?? 1) + (requirement?.offset ?? 0);
        if (!requirement) {
          problems.push({ file, line, column, message: `"${spec}" is no dependency specifier (PEP 508).` });
          return;
        }
        dependencies.push(withLock({
          file, line, column, endColumn: column + requirement.name.length, name: requirement.name, ecosystem: 'pypi', direct: true,
          resolution: requirement.resolution,
          ...(requirement.version !== undefined ? { version: requirement.version } : {}),
          ...(requirement.note !== undefined ? { note: requirement.note } : {}),
        }, lock));
      });
    }
  }
  const poetryDependencies = tomlTable(poetry, 'dependencies');
  for (const [name, value] of Object.entries(poetryDependencies ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    const at = poetryKey(located, name);
    const spec = typeof value === 'string' ? value : isTable(value) ? value : undefined;
    if (spec === undefined) {
      problems.push({ file, ...at, message: `The Poetry dependency "${name}" must be a version string or a table.` });
      continue;
    }
    if (isTable(spec) && (spec['optional'] === true || typeof spec['path'] === 'string')) continue;
    const base = { file, ...at, endColumn: at.column + name.length, name, ecosystem: 'pypi' as const, direct: true };
    if (isTable(spec) && typeof spec['version'] !== 'string') {
      const source = ['git', 'url'].find((k) => typeof spec[k] === 'string');
      dependencies.push(withLock({ ...base, resolution: 'none', note: source ? `installed from ${String(spec[source])}: no version to check` : 'no version declared' }, lock));
      continue;
    }
    const declared = poetryResolution(typeof spec === 'string' ? spec : String(spec['version']));
    dependencies.push(withLock({ ...base, ...declared }, lock));
  }
  return { dependencies, problems, ownNames };
}

/** Where a Poetry dependency's name is: its key in `[tool.poetry.dependencies]`, or its own `[tool.poetry.dependencies.x]` header. */
function poetryKey(located: TomlLocations, name: string): { line: number; column: number } {
  const key = keysOfTable(located.keys, ['tool', 'poetry', 'dependencies']).find((k) => k.key[0] === name);
  if (key) return { line: key.line, column: key.column };
  const header = located.headers.find((h) => h.table.length === 4 && h.table.slice(0, 3).join('.') === 'tool.poetry.dependencies' && h.table[3] === name);
  return header ? { line: header.line, column: header.column } : { line: 1, column: 1 };
}

function withLock(dependency: SoupDependency, lock: PythonLock | undefined): SoupDependency {
  const locked = lock?.resolve(dependency.name);
  if (locked === undefined || !lock) return dependency;
  const { note: _note, ...rest } = dependency;
  return { ...rest, version: locked, resolution: 'locked', versionFrom: lock.file };
}

/** Reads a poetry.lock or uv.lock (which one, by `file`'s name). */
export function readPythonLock(text: string, file: string): PythonLock {
  const parsed = parseTomlFile(text, file);
  if (parsed.problem) return { file, resolve: () => undefined, packages: [], problems: [parsed.problem] };
  const list = parsed.value['package'];
  const entries = Array.isArray(list) ? list.filter(isTable) : [];
  const located = locateToml(text);
  const versions = new Map<string, string>();
  for (const entry of entries) {
    if (typeof entry['name'] === 'string' && typeof entry['version'] === 'string') versions.set(normalizePythonName(entry['name']), entry['version']);
  }
  const runtime = file.endsWith('uv.lock') ? uvRuntime(entries) : poetryRuntime(entries);
  const packages: SoupDependency[] = [];
  entries.forEach((entry, index) => {
    const name = entry['name'];
    const version = entry['version'];
    if (typeof name !== 'string' || typeof version !== 'string' || !runtime.has(normalizePythonName(name))) return;
    const string = keysOfTable(located.keys, ['package'], index).find((k) => k.key[0] === 'name')?.strings[0];
    const at = string ? { line: string.line, column: string.column } : { line: 1, column: 1 };
    packages.push({ file, ...at, endColumn: at.column + name.length, name, ecosystem: 'pypi', direct: false, version, resolution: 'locked' });
  });
  const problems: FileProblem[] = Array.isArray(list) ? [] : [{ file, line: 1, column: 1, message: 'The lock file has no [[package]] entries: no installed version can be read from it.' }];
  return { file, packages, problems, resolve: (name) => versions.get(normalizePythonName(name)) };
}

/** poetry.lock: packages of the `main` group (`groups`, or the older `category`); optional ones are extras. */
function poetryRuntime(entries: readonly Record<string, unknown>[]): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    if (typeof entry['name'] !== 'string' || entry['optional'] === true) continue;
    const groups = entry['groups'];
    const category = entry['category'];
    const main = Array.isArray(groups) ? groups.includes('main') : category === undefined || category === 'main';
    if (main) names.add(normalizePythonName(entry['name']));
  }
  return names;
}

/**
 * uv.lock: the packages reached from the project's own packages (those whose source is the
 * project: `editable`, `virtual` or a `directory`) through runtime `dependencies` only, not
 * `dev-dependencies` nor `optional-dependencies`. The project's own packages are not included.
 */
function uvRuntime(entries: readonly Record<string, unknown>[]): Set<string> {
  const byName = new Map(entries.filter((e) => typeof e['name'] === 'string').map((e) => [normalizePythonName(e['name'] as string), e]));
  const own = [...byName].filter(([, entry]) => {
    const source = entry['source'];
    return isTable(source) && ['editable', 'virtual', 'directory'].some((k) => k in source);
  }).map(([name]) => name);
  const reached = new Set<string>();
  const queue = [...own];
  while (queue.length > 0) {
    const entry = byName.get(queue.shift()!);
    const dependencies = entry?.['dependencies'];
    for (const dependency of Array.isArray(dependencies) ? dependencies : []) {
      const name = isTable(dependency) && typeof dependency['name'] === 'string' ? normalizePythonName(dependency['name']) : undefined;
      if (name === undefined || reached.has(name) || own.includes(name)) continue;
      reached.add(name);
      queue.push(name);
    }
  }
  return reached;
}
