// Implements: TL-172
/**
 * The SOUP part of a project: whether it is checked, which files it reads, and the model the rules
 * judge. SOUP is checked when the config names a register (`soup`) or `soup.yml` exists at the
 * root; then every manifest, lock file and SBOM the project listing holds is read (so `exclude` and
 * .gitignore apply, and installed or vendored folders never count), with the requirements files they
 * include.
 */
import type { TracelensConfig } from '../config/types';
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import type { FileProblem, Location } from '../model/types';
import { manifestKind } from './manifests/kinds';
import { readProjectDependencies, requirementsIncludes } from './manifests';
import { DEFAULT_SOUP_FILE, readSoupRegister } from './register';
import type { SoupDependency, SoupRegister } from './types';

const decoder = new TextDecoder('utf-8');

/** The register file a configuration names (or the default). */
export function soupRegisterPath(config: TracelensConfig): string {
  return config.soup ?? DEFAULT_SOUP_FILE;
}

/** What the SOUP rules judge. */
export interface SoupModel {
  /** The register file, POSIX relative to the root. */
  readonly registerFile: string;
  /** The register as read; undefined when the file does not exist. */
  readonly register?: SoupRegister;
  /** Where the config names the register, when it does (a missing file is reported there). */
  readonly registerAt?: Location;
  readonly dependencies: readonly SoupDependency[];
  /** Problems of the manifests, lock files and register: `invalid-file` findings. */
  readonly problems: readonly FileProblem[];
  /** The manifests and lock files read, sorted. */
  readonly manifests: readonly string[];
  /** The day (YYYY-MM-DD, UTC) anomaly reviews are judged on. */
  readonly asOf: string;
}

/**
 * The day a check judges on: `SOURCE_DATE_EPOCH` (seconds) when set, so that a build is
 * reproducible, else today (UTC); `now` (ms) for tests.
 */
export function soupDay(env: Readonly<Record<string, string | undefined>> = process.env, now: number = Date.now()): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const ms = epoch !== undefined && /^\d+$/.test(epoch.trim()) ? Number(epoch.trim()) * 1000 : now;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The files the SOUP check reads, sorted: the register (when it exists), the manifests among
 * `files` (the project listing), and the requirements files they include. Empty when SOUP is not
 * checked (no `soup` in the config and no soup.yml).
 */
export async function listSoupFiles(fs: FileSystem, root: string, config: TracelensConfig, files: readonly string[]): Promise<string[]> {
  const register = soupRegisterPath(config);
  const exists = (await fs.stat(absoluteFromPosix(root, register)))?.type === 'file';
  if (!exists && config.soup === undefined) return [];
  const found = new Set<string>(exists ? [register] : []);
  const queue = files.filter((file) => manifestKind(file) !== undefined && file !== register);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (found.has(file)) continue;
    found.add(file);
    if (manifestKind(file) !== 'requirements.txt' && !file.endsWith('.txt')) continue;
    const text = await readText(fs, root, file);
    if (text === undefined) continue;
    for (const include of requirementsIncludes(text, file)) {
      if (!found.has(include) && (await fs.stat(absoluteFromPosix(root, include)))?.type === 'file') queue.push(include);
    }
  }
  return [...found].sort();
}

async function readText(fs: FileSystem, root: string, file: string): Promise<string | undefined> {
  try {
    return decoder.decode(await fs.readFile(absoluteFromPosix(root, file))).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Reads the SOUP files of a project (as {@link listSoupFiles} gave them) into the model. */
export async function loadSoup(fs: FileSystem, root: string, config: TracelensConfig, soupFiles: readonly string[], asOf: string): Promise<SoupModel> {
  const texts = new Map<string, string>();
  const problems: FileProblem[] = [];
  for (const file of soupFiles) {
    const text = await readText(fs, root, file);
    if (text === undefined) problems.push({ file, line: 1, column: 1, message: 'cannot read file' });
    else texts.set(file, text);
  }
  return soupModel(texts, config, asOf, problems);
}

/** The model from the texts of the SOUP files (POSIX path → text): pure, for the editor and tests. */
export function soupModel(texts: ReadonlyMap<string, string>, config: TracelensConfig, asOf: string, readProblems: readonly FileProblem[] = []): SoupModel {
  const registerFile = soupRegisterPath(config);
  const registerText = texts.get(registerFile);
  const register = registerText !== undefined ? readSoupRegister(registerText, registerFile) : undefined;
  const manifests = new Map([...texts].filter(([file]) => file !== registerFile));
  const { dependencies, problems, files } = readProjectDependencies(manifests);
  return {
    registerFile,
    ...(register ? { register } : {}),
    ...(config.soupAt ? { registerAt: config.soupAt } : {}),
    dependencies,
    problems: [...readProblems, ...problems, ...(register?.problems ?? [])],
    manifests: files,
    asOf,
  };
}
