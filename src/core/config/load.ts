// Implements: TL-001, TL-002
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type TracelensConfig } from './types';
import { defaultConfig, findDefaultRequirementFolder, parseConfig, requirementGlob } from './parse';
import { relativePosix, type FileSystem } from '../files/fileSystem';
import type { FileProblem } from '../model/types';
import type { RequirementSearch } from '../model/sources';
import { loadUbProject } from './ubproject';
import type { ResultsPattern } from '../results/types';

/** A configuration that could not be used: the CLI exits 2, the editor shows it in the config file. */
export class ConfigError extends Error {
  constructor(message: string, readonly problems: readonly FileProblem[] = []) {
    super(message);
  }
}

/** The project's resolved configuration and where it came from. */
export interface ProjectConfig {
  readonly root: string;
  readonly config: TracelensConfig;
  /** Config file, POSIX relative to the root, when one was read. */
  readonly configFile?: string;
  readonly problems: readonly FileProblem[];
  /** Where requirements are looked for, with the positions of the configured globs. */
  readonly search: RequirementSearch;
  /** The test results globs, from `testResults` (with positions) and then `--results`; empty without any. */
  readonly results: readonly ResultsPattern[];
}

/** The zero-config search: the default folder found, or nothing (then `at` is the config file to create). */
function defaultSearch(folder: string | undefined, configFile: string | undefined): RequirementSearch {
  return {
    patterns: folder ? [{ entry: folder, glob: requirementGlob(folder) }] : [],
    configured: false,
    ...(configFile !== undefined ? { configFile } : {}),
    at: { file: configFile ?? CONFIG_FILE_NAME, line: 1, column: 1 },
  };
}

const decoder = new TextDecoder('utf-8');

/**
 * Reads `tracelens.json` (or `configFile`) and merges it over the defaults. Without a config file,
 * the requirements folder is the first that exists of `requirements/`, `reqs/`, `docs/requirements/`.
 * A missing explicit config file is a {@link ConfigError}; problems inside one are returned.
 */
export async function loadProjectConfig(fs: FileSystem, root: string, configFile?: string, commandLineResults: readonly string[] = []): Promise<ProjectConfig> {
  return withCommandLineResults(await withUbProject(fs, await loadTracelensConfig(fs, root, configFile)), commandLineResults);
}

// Implements: TL-141
/**
 * The project with the `--results` globs after those of `testResults`: relative to the root, as in
 * tracelens.json. A glob that leaves the root is a {@link ConfigError} (the CLI exits 2).
 */
function withCommandLineResults(project: ProjectConfig, globs: readonly string[]): ProjectConfig {
  if (globs.length === 0) return project;
  const patterns: ResultsPattern[] = [];
  for (const raw of globs) {
    const glob = raw.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
    if (glob === '' || glob.startsWith('!') || glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.split('/').includes('..')) {
      throw new ConfigError(`--results "${raw}" must be a glob relative to the project root and inside it (like "test-results/**/*.xml").`);
    }
    if (!project.results.some((pattern) => pattern.glob === glob) && !patterns.some((pattern) => pattern.glob === glob)) patterns.push({ glob, origin: 'command-line' });
  }
  const results = [...project.results, ...patterns];
  return { ...project, results, config: Object.freeze({ ...project.config, testResults: Object.freeze(results.map((pattern) => pattern.glob)) }) };
}

// Implements: TL-128
/** The project with what the ubproject.toml nearest to its requirements declares for sphinx-needs. */
async function withUbProject(fs: FileSystem, project: ProjectConfig): Promise<ProjectConfig> {
  const { declarations, problems } = await loadUbProject(fs, project.root, project.config.requirements);
  if (!declarations && problems.length === 0) return project;
  return {
    ...project,
    config: declarations ? Object.freeze({ ...project.config, sphinxNeeds: declarations }) : project.config,
    problems: [...project.problems, ...problems],
  };
}

async function loadTracelensConfig(fs: FileSystem, root: string, configFile?: string): Promise<ProjectConfig> {
  const explicit = configFile !== undefined;
  const absolute = explicit ? path.resolve(configFile) : path.join(root, CONFIG_FILE_NAME);
  const stat = await fs.stat(absolute);
  if (!stat || stat.type !== 'file') {
    if (explicit) throw new ConfigError(`config file not found: ${configFile}`);
    const folder = await findDefaultRequirementFolder(root, async (p) => (await fs.stat(p))?.type === 'directory');
    return { root, config: defaultConfig(folder ? [folder] : []), problems: [], search: defaultSearch(folder, undefined), results: [] };
  }
  const relative = relativePosix(root, absolute);
  let text: string;
  try {
    text = decoder.decode(await fs.readFile(absolute));
  } catch (error) {
    throw new ConfigError(`cannot read config file ${relative}: ${(error as Error).message}`);
  }
  const { config, problems, requirementEntries, requirementsAt, resultEntries } = parseConfig(text, relative);
  const results: ResultsPattern[] = (resultEntries ?? []).map(({ glob, at }) => ({ glob, origin: 'config', at }));
  if (config.requirements.length > 0) {
    const search: RequirementSearch = {
      patterns: requirementEntries ?? [], configured: true, configFile: relative, at: requirementsAt ?? { file: relative, line: 1, column: 1 },
    };
    return { root, config, configFile: relative, problems, search, results };
  }
  const folder = await findDefaultRequirementFolder(root, async (p) => (await fs.stat(p))?.type === 'directory');
  const fallback = defaultConfig(folder ? [folder] : []);
  return { root, config: { ...config, requirements: fallback.requirements }, configFile: relative, problems, search: defaultSearch(folder, relative), results };
}

// Implements: TL-184
/** The project with `strictReview` set when asked for on the command line; the same project otherwise. */
export function withStrictReview(project: ProjectConfig, strict: boolean | undefined): ProjectConfig {
  return strict && !project.config.strictReview ? { ...project, config: Object.freeze({ ...project.config, strictReview: true }) } : project;
}
