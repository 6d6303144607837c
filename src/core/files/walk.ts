// Implements: TL-014, TL-035
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { FileSystem } from './fileSystem';
import { absoluteFromPosix } from './fileSystem';

/** Folders never worth walking: version control internals and installed dependencies. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface WalkOptions {
  /** Globs relative to the root (POSIX) whose files and folders are skipped. */
  readonly exclude: readonly string[];
  /** Honour `.gitignore` files (the root's and nested ones). */
  readonly useGitignore: boolean;
}

interface IgnoreScope {
  /** Folder of the .gitignore, relative to the root, '' for the root. */
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * Answers, for one path at a time, whether {@link listFiles} would list it: the same always-skipped
 * folders, exclude globs and `.gitignore` files at every depth. The editor asks it about files that
 * appear after the first walk, so that it indexes exactly what the CLI checks.
 */
export class ListingOracle {
  private readonly excluded: (relativePath: string) => boolean;
  private readonly gitignores = new Map<string, Promise<Ignore | undefined>>();

  constructor(private readonly fs: FileSystem, private readonly root: string, private readonly options: WalkOptions) {
    this.excluded = globMatcher(options.exclude);
  }

  /** Whether `file` (POSIX, relative to the root) would be listed. */
  async includes(file: string): Promise<boolean> {
    const segments = file.split('/');
    if (segments.slice(0, -1).some((name) => ALWAYS_SKIPPED.has(name))) return false;
    if (this.excluded(file)) return false;
    const scopes: IgnoreScope[] = [];
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = segments.slice(0, depth).join('/');
      if (depth > 0 && (this.excluded(dir) || this.excluded(`${dir}/`) || isIgnoredBy(scopes, dir, true))) return false;
      const rules = this.options.useGitignore ? await this.gitignoreOf(dir) : undefined;
      if (rules) scopes.push({ base: dir, rules });
    }
    return !isIgnoredBy(scopes, file, false);
  }

  private gitignoreOf(dir: string): Promise<Ignore | undefined> {
    let rules = this.gitignores.get(dir);
    if (!rules) {
      rules = this.fs.readFile(absoluteFromPosix(this.root, dir ? `${dir}/.gitignore` : '.gitignore'))
        .then((bytes) => ignore().add(new TextDecoder().decode(bytes)), () => undefined);
      this.gitignores.set(dir, rules);
    }
    return rules;
  }
}

/** Whether the `.gitignore` scopes along a path ignore it (a later, deeper scope wins). */
function isIgnoredBy(scopes: readonly IgnoreScope[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const local = scope.base === '' ? rel : rel.slice(scope.base.length + 1);
    const result = scope.rules.test(isDir ? `${local}/` : local);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Compiles globs into one predicate over POSIX relative paths (dot files included). When every glob
 * has a static folder or file to start with (`requirements/**\/*.md`), a path outside all of them
 * is rejected by a prefix test before the pattern runs: listing a large tree asks about every file.
 */
export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = picomatch(globs as string[], { dot: true });
  const bases = globs.map(staticBase);
  if (bases.some((base) => base === undefined)) return matches;
  const prefixes = bases.map((base) => `${base}/`);
  return (relativePath) => {
    for (let i = 0; i < prefixes.length; i++) {
      if (relativePath.startsWith(prefixes[i]!) || relativePath === bases[i]) return matches(relativePath);
    }
    return false;
  };
}

/** The static start of a glob (`requirements` of `./requirements/**`), if it has a plain one. */
export function staticBase(glob: string): string | undefined {
  const scan = picomatch.scan(glob);
  if (scan.negated || scan.base === '' || scan.base.includes('\\')) return undefined;
  if (scan.base.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  return scan.base;
}

/**
 * Lists every file under `root` as a sorted POSIX path relative to it, honouring `.gitignore`
 * files at any depth and the exclude globs. Sorted output keeps every report deterministic.
 */
export async function listFiles(fs: FileSystem, root: string, options: WalkOptions): Promise<string[]> {
  const excluded = globMatcher(options.exclude);
  const files: string[] = [];

  const isIgnored = isIgnoredBy;

  const visit = async (dir: string, scopes: readonly IgnoreScope[]): Promise<void> => {
    const absoluteDir = absoluteFromPosix(root, dir);
    const entries = await fs.readDirectory(absoluteDir);
    let innerScopes = scopes;
    if (options.useGitignore && entries.some(([name, type]) => name === '.gitignore' && type === 'file')) {
      try {
        const text = new TextDecoder().decode(await fs.readFile(absoluteFromPosix(root, dir ? `${dir}/.gitignore` : '.gitignore')));
        innerScopes = [...scopes, { base: dir, rules: ignore().add(text) }];
      } catch {
        // An unreadable .gitignore ignores nothing; the walk goes on.
      }
    }
    const subdirectories: string[] = [];
    for (const [name, type] of entries) {
      const rel = dir ? `${dir}/${name}` : name;
      if (type === 'directory') {
        if (ALWAYS_SKIPPED.has(name)) continue;
        if (excluded(rel) || excluded(`${rel}/`) || isIgnored(innerScopes, rel, true)) continue;
        subdirectories.push(rel);
      } else if (type === 'file') {
        if (excluded(rel) || isIgnored(innerScopes, rel, false)) continue;
        files.push(rel);
      }
    }
    await Promise.all(subdirectories.map((sub) => visit(sub, innerScopes)));
  };

  await visit('', []);
  return files.sort();
}
