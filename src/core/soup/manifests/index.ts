// Implements: TL-171, TL-172
/**
 * Every manifest of a project read together: each with its lock file (beside it, or for npm and
 * Cargo in a folder above), requirements files with their includes; then the project's own
 * packages taken out, and transitive dependencies kept apart from direct ones.
 */
import type { FileProblem } from '../../model/types';
import type { Ecosystem, SoupDependency } from '../types';
import { cargoTransitive, readCargoLock, readCargoToml, type CargoLock } from './cargo';
import { folderOf } from './common';
import { readCsproj, readNugetLock, readPackagesProps, type NugetLock } from './csproj';
import { readGoMod } from './goMod';
import { manifestKind, type ManifestKind } from './kinds';
import { readPackageJson, readPackageLock, type NpmLock } from './npm';
import { normalizePythonName } from './pep508';
import { readPyproject, readPythonLock, type PythonLock } from './pyproject';
import { readRequirementsTxt } from './requirementsTxt';
import { readSbom } from './sbom';

/** The dependencies of a project's manifests. */
export interface ProjectDependencies {
  /** Direct and transitive dependencies, in file order; the project's own packages left out. */
  readonly dependencies: readonly SoupDependency[];
  readonly problems: readonly FileProblem[];
  /** The manifests and lock files read, sorted. */
  readonly files: readonly string[];
}

/** A name as its ecosystem compares names: PEP 503 for Python, case-insensitive for NuGet. */
export function comparableName(name: string, ecosystem: Ecosystem): string {
  if (ecosystem === 'pypi') return normalizePythonName(name);
  return ecosystem === 'nuget' ? name.toLowerCase() : name;
}

/** The lock of `kind` nearest to `folder`: in it, or (when `upward`) in a folder above. */
function nearest<T>(locks: ReadonlyMap<string, T>, folder: string, upward: boolean): T | undefined {
  for (let current = folder; ; current = folderOf(current)) {
    const lock = locks.get(current);
    if (lock !== undefined || !upward || current === '') return lock;
  }
}

/**
 * Reads the manifests among `texts` (POSIX path → text; files of other kinds are ignored, and a
 * requirements file named by an include but absent from `texts` is a problem at the include).
 */
export function readProjectDependencies(texts: ReadonlyMap<string, string>): ProjectDependencies {
  const byKind = new Map<ManifestKind, string[]>();
  for (const file of [...texts.keys()].sort()) {
    const kind = manifestKind(file);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), file]);
  }
  const files = (kind: ManifestKind): string[] => byKind.get(kind) ?? [];
  const problems: FileProblem[] = [];
  const direct: SoupDependency[] = [];
  const transitive: SoupDependency[] = [];
  const ownNames = new Map<Ecosystem, Set<string>>();
  const own = (ecosystem: Ecosystem, names: readonly string[]): void => {
    const set = ownNames.get(ecosystem) ?? new Set();
    for (const name of names) set.add(comparableName(name, ecosystem));
    ownNames.set(ecosystem, set);
  };
  const read = new Set<string>();
  const text = (file: string): string => {
    read.add(file);
    return texts.get(file)!;
  };
  const take = (result: { dependencies: readonly SoupDependency[]; problems: readonly FileProblem[]; ownNames: readonly string[] }, ecosystem: Ecosystem): void => {
    problems.push(...result.problems);
    own(ecosystem, result.ownNames);
    for (const dependency of result.dependencies) (dependency.direct ? direct : transitive).push(dependency);
  };
  const locks = <T extends { problems: readonly FileProblem[] }>(kind: ManifestKind, reader: (text: string, file: string) => T): Map<string, T> => {
    const map = new Map<string, T>();
    for (const file of files(kind)) {
      const lock = reader(text(file), file);
      problems.push(...lock.problems);
      // Two locks in one folder (poetry.lock and uv.lock): the first by name is used.
      if (!map.has(folderOf(file))) map.set(folderOf(file), lock);
    }
    return map;
  };

  const npmLocks = locks('package-lock', readPackageLock);
  for (const file of files('package.json')) take(readPackageJson(text(file), file, nearest(npmLocks, folderOf(file), true)), 'npm');
  for (const lock of npmLocks.values()) transitive.push(...(lock as NpmLock).packages);

  const pythonLocks = locks('python-lock', readPythonLock);
  for (const file of files('pyproject.toml')) take(readPyproject(text(file), file, nearest(pythonLocks, folderOf(file), false)), 'pypi');
  for (const lock of pythonLocks.values()) transitive.push(...(lock as PythonLock).packages);
  readRequirementsFiles(files('requirements.txt'), texts, read, problems, direct);

  const cargoLocks = locks('Cargo.lock', readCargoLock);
  const cargoDirect = new Map<CargoLock, SoupDependency[]>();
  for (const file of files('Cargo.toml')) {
    const lock = nearest(cargoLocks, folderOf(file), true);
    const result = readCargoToml(text(file), file, lock);
    take(result, 'cargo');
    if (lock) cargoDirect.set(lock, [...(cargoDirect.get(lock) ?? []), ...result.dependencies]);
  }
  for (const [lock, dependencies] of cargoDirect) transitive.push(...cargoTransitive(lock, dependencies));

  for (const file of files('go.mod')) take(readGoMod(text(file), file), 'go');

  const nugetLocks = locks('nuget-lock', readNugetLock);
  const props = new Map<string, ReadonlyMap<string, string>>();
  for (const file of files('nuget-props')) {
    const read = readPackagesProps(text(file), file);
    problems.push(...read.problems);
    props.set(folderOf(file), read.versions);
  }
  for (const file of files('msbuild-project')) {
    take(readCsproj(text(file), file, nearest(nugetLocks, folderOf(file), false), nearest(props, folderOf(file), true)), 'nuget');
  }
  for (const lock of nugetLocks.values()) transitive.push(...(lock as NugetLock).packages);

  for (const file of files('sbom')) take(readSbom(text(file), file), 'sbom');

  const isOwn = (d: SoupDependency): boolean => ownNames.get(d.ecosystem)?.has(comparableName(d.name, d.ecosystem)) === true;
  const directKeys = new Set(direct.map((d) => `${d.ecosystem}\u0000${comparableName(d.name, d.ecosystem)}`));
  const seen = new Set<string>();
  const kept = transitive.filter((d) => {
    const key = `${d.ecosystem}\u0000${comparableName(d.name, d.ecosystem)}`;
    const once = `${d.file}\u0000${key}\u0000${d.version ?? ''}`;
    if (directKeys.has(key) || seen.has(once)) return false;
    seen.add(once);
    return true;
  });
  return {
    dependencies: [...direct, ...kept].filter((d) => !isOwn(d)),
    problems,
    files: [...read].sort(),
  };
}

/** Requirements files and the files they include (`-r`), each read once. */
function readRequirementsFiles(roots: readonly string[], texts: ReadonlyMap<string, string>, read: Set<string>, problems: FileProblem[], into: SoupDependency[]): void {
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (read.has(file)) continue;
    read.add(file);
    const result = readRequirementsTxt(texts.get(file)!, file);
    problems.push(...result.problems);
    into.push(...result.dependencies);
    for (const include of result.includes) {
      if (include.path.startsWith('..')) problems.push({ file, line: include.line, column: include.column, message: `"${include.path}" is outside the project: it is not read.` });
      else if (!texts.has(include.path)) problems.push({ file, line: include.line, column: include.column, message: `The included requirements file ${include.path} does not exist or is not part of the project.` });
      else queue.push(include.path);
    }
  }
}

/** The requirements files `text` includes, POSIX relative to the root (for the listing to read them too). */
export function requirementsIncludes(text: string, file: string): string[] {
  return readRequirementsTxt(text, file).includes.map((include) => include.path).filter((path) => !path.startsWith('..'));
}
