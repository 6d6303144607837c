// Implements: TL-171
/**
 * npm: `package.json` and `package-lock.json` (lockfileVersion 1, 2 and 3).
 *
 * SOUP of a package.json are its `dependencies` and `optionalDependencies`; `devDependencies`
 * (build and test tools) are not, nor `peerDependencies` (the host provides them, and then names
 * them itself). A dependency on a local folder (`file:`, `link:`, `workspace:`) is the project's own.
 * The package-lock.json beside the manifest, or in a folder above it (a workspace's root), gives the
 * version installed: `packages["node_modules/x"]` (v2, v3; a workspace member's own
 * `<member>/node_modules/x` first) or `dependencies.x` (v1). Its other packages that are not
 * development-only are the transitive dependencies.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { FileProblem } from '../../model/types';
import type { ManifestResult, SoupDependency } from '../types';
import { folderOf, jsonEntries, jsonProperty, jsonString, parseJsonFile, type Positioner } from './common';

/** The kinds of dependency a package.json lists that are SOUP. */
const RUNTIME_KEYS = ['dependencies', 'optionalDependencies'] as const;

/** Version specs that name a folder of the project itself. */
const LOCAL_SPEC = /^(?:file|link|workspace|portal):/;

/** A version spec that is no version (a git URL, a tarball, a GitHub shorthand). */
const NOT_A_VERSION = /^(?:git\+|git:|github:|gitlab:|bitbucket:|https?:|[\w.-]+\/[\w.-]+(?:#.*)?$)/;

/** One exact version (`1.2.3`, `=1.2.3`, `v1.2.3-rc.1`). */
const EXACT = /^(?:=|v)?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

/** An npm lock file, ready to resolve a manifest's dependencies. */
export interface NpmLock {
  readonly file: string;
  /** The version installed for `name` as the package.json in `manifestFolder` sees it. */
  resolve(name: string, manifestFolder: string): string | undefined;
  /** Every installed package that is not development-only, at its key in the lock file. */
  readonly packages: readonly SoupDependency[];
  readonly problems: readonly FileProblem[];
}

/** Reads a package.json: its runtime dependencies (resolved through `lock` when given) and its own name. */
export function readPackageJson(text: string, file: string, lock?: NpmLock): ManifestResult {
  const { root, position, problems } = parseJsonFile(text, file);
  const dependencies: SoupDependency[] = [];
  const ownNames: string[] = [];
  if (root && root.type !== 'object') {
    problems.push({ file, ...position(root.offset), message: 'package.json must hold a JSON object.' });
    return { dependencies, problems, ownNames };
  }
  const own = jsonString(jsonProperty(root, 'name'));
  if (own) ownNames.push(own);
  const folder = folderOf(file);
  for (const key of RUNTIME_KEYS) {
    const list = jsonProperty(root, key);
    if (list && list.type !== 'object') {
      problems.push({ file, ...position(list.offset), message: `"${key}" must be an object of package names and versions.` });
      continue;
    }
    for (const [name, keyNode, value] of jsonEntries(list)) {
      const spec = jsonString(value);
      if (spec === undefined) {
        problems.push({ file, ...position(value.offset), message: `The version of "${name}" must be a string.` });
        continue;
      }
      if (LOCAL_SPEC.test(spec)) continue;
      dependencies.push(npmDependency(name, spec, keyNode, position, file, lock?.resolve(name, folder), lock?.file));
    }
  }
  return { dependencies, problems, ownNames };
}

function npmDependency(name: string, spec: string, keyNode: JsonNode, position: Positioner, file: string, locked: string | undefined, lockFile: string | undefined): SoupDependency {
  const at = position(keyNode.offset + 1);
  const base = { file, ...at, endColumn: at.column + name.length, name, ecosystem: 'npm' as const, direct: true };
  if (locked !== undefined && lockFile !== undefined) return { ...base, version: locked, resolution: 'locked', versionFrom: lockFile };
  // `npm:other@1.2.3` installs another package under this name: the version is after the last `@`.
  const declared = spec.startsWith('npm:') ? spec.slice(spec.lastIndexOf('@') + 1) : spec.trim();
  if (EXACT.test(declared)) return { ...base, version: declared.replace(/^[=v]/, ''), resolution: 'exact' };
  if (NOT_A_VERSION.test(declared)) return { ...base, resolution: 'none', note: `"${spec}" is no version` };
  return { ...base, version: declared, resolution: 'range' };
}

/** Reads a package-lock.json (v1, v2 or v3). */
export function readPackageLock(text: string, file: string): NpmLock {
  const { root, position, problems } = parseJsonFile(text, file);
  const versions = new Map<string, string>();
  const packages: SoupDependency[] = [];
  const lockFolder = folderOf(file);
  const installed = jsonProperty(root, 'packages');
  if (installed) {
    for (const [key, keyNode, entry] of jsonEntries(installed)) {
      const at = key.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const version = jsonString(jsonProperty(entry, 'version'));
      if (version === undefined || jsonProperty(entry, 'link')?.value === true) continue;
      versions.set(key, version);
      if (developmentOnly(entry)) continue;
      const name = key.slice(at + 'node_modules/'.length);
      packages.push(lockPackage(name, version, keyNode, position, file, at + 'node_modules/'.length));
    }
  } else {
    const walk = (dependencies: JsonNode | undefined, prefix: string): void => {
      for (const [name, keyNode, entry] of jsonEntries(dependencies)) {
        const version = jsonString(jsonProperty(entry, 'version'));
        if (version === undefined) continue;
        const key = `${prefix}node_modules/${name}`;
        versions.set(key, version);
        if (!developmentOnly(entry) && !version.startsWith('file:')) packages.push(lockPackage(name, version, keyNode, position, file, 0));
        walk(jsonProperty(entry, 'dependencies'), `${key}/`);
      }
    };
    walk(jsonProperty(root, 'dependencies'), '');
  }
  if (root && !installed && !jsonProperty(root, 'dependencies') && problems.length === 0) {
    problems.push({ file, line: 1, column: 1, message: 'package-lock.json has neither "packages" nor "dependencies": no installed version can be read from it.' });
  }
  return {
    file, packages, problems,
    resolve: (name, manifestFolder) => {
      const member = relativeFolder(lockFolder, manifestFolder);
      return (member !== '' ? versions.get(`${member}/node_modules/${name}`) : undefined) ?? versions.get(`node_modules/${name}`);
    },
  };
}

/** Whether a lock entry is installed for development only. */
function developmentOnly(entry: JsonNode): boolean {
  return jsonProperty(entry, 'dev')?.value === true || jsonProperty(entry, 'devOptional')?.value === true;
}

/** A lock file's package, at its name: `skip` characters into its key (past `node_modules/` in v2 and v3). */
function lockPackage(name: string, version: string, keyNode: JsonNode, position: Positioner, file: string, skip: number): SoupDependency {
  const at = position(keyNode.offset + 1 + skip);
  return { file, ...at, endColumn: at.column + name.length, name, ecosystem: 'npm', direct: false, version, resolution: 'locked' };
}

/** `inner` relative to `outer` (both POSIX folders, `inner` inside `outer`), '' when the same. */
function relativeFolder(outer: string, inner: string): string {
  if (outer === inner) return '';
  return outer === '' ? inner : inner.slice(outer.length + 1);
}
