// Implements: TL-001, TL-002
/**
 * Reads `tracelens.json` (JSON with comments) and merges it over the defaults. Every problem is
 * reported at the exact node that caused it, and only that value falls back to its default, so
 * one typo never disables the rest of the configuration.
 *
 * Resolved `requirements` are picomatch globs relative to the project root (POSIX): a folder
 * `reqs` becomes `reqs/**\/{*.{md,markdown,yml,yaml,sdoc,sfra,ssec,rst,reqif,reqifz},needs.json}`, a file or a glob is kept as written.
 */

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import {
  DEFAULT_ARTIFACT_TYPES, DEFAULT_INACTIVE_STATUSES, DEFAULT_KEYWORDS, DEFAULT_MAX_FILE_SIZE, DEFAULT_NON_TEST_VERIFICATION, DEFAULT_PREFIXES,
  DEFAULT_REQUIREMENT_FOLDERS, DEFAULT_TEST_GLOBS, NOT_SCANNED, TABLE_FIELDS, type LanguageMapping, type RuleSeverity, type TableField, type TracelensConfig,
} from './types';
import { parseReqifSettings } from './reqifSettings';
import { normalizeHeader } from '../readers/tableColumns';
import { isPrefixKey, isSegmentPrefix, normalPrefix } from '../model/ids';
import { LANGUAGES, languageById } from '../../parsing/languages';
import { lineStarts, positionAt } from '../model/positions';
import type { FileProblem, ItemKind, Location, Need, Relation, SafetyClass } from '../model/types';
import { childTargets, NEED_WORDS, parseNeed } from '../model/needs';

/** Rule IDs a `rules` entry may name. */
export const RULE_IDS = [
  'unknown-id', 'duplicate-id', 'broken-link', 'inactive-reference', 'unmitigated-risk', 'unimplemented', 'unverified', 'invalid-file',
  'no-requirements', 'no-items', 'uncovered', 'outdated-link', 'verification-failed', 'verification-not-run', 'results-missing',
  'soup-unlisted', 'soup-version-mismatch', 'soup-orphan', 'soup-incomplete', 'soup-anomalies-stale',
  'suspect-link', 'unreviewed-link',
] as const;

/** The file types requirement folders are searched for (a sphinx-needs export only by its name, `needs.json`). */
export const REQUIREMENT_FILES_GLOB = '**/{*.{md,markdown,yml,yaml,sdoc,sfra,ssec,rst,reqif,reqifz},needs.json}';

const ITEM_KINDS: readonly ItemKind[] = ['requirement', 'system', 'risk', 'test'];
const RELATIONS: readonly Relation[] = ['implements', 'verifies', 'mitigates'];
const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'off'];
const SAFETY_CLASSES: readonly SafetyClass[] = ['A', 'B', 'C'];

/**
 * The configuration without a config file. `requirementFolders` are folders relative to the root
 * (usually the one {@link findDefaultRequirementFolder} found); each becomes a glob of its
 * Markdown and YAML files.
 */
export function defaultConfig(requirementFolders: readonly string[]): TracelensConfig {
  return freezeConfig({
    requirements: requirementFolders.map(requirementGlob),
    exclude: [],
    testFiles: [...DEFAULT_TEST_GLOBS],
    prefixes: { ...DEFAULT_PREFIXES },
    keywords: { ...DEFAULT_KEYWORDS },
    inactiveStatuses: [...DEFAULT_INACTIVE_STATUSES],
    nonTestVerification: [...DEFAULT_NON_TEST_VERIFICATION],
    defaultClass: 'C',
    rules: {},
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    useGitignore: true,
  });
}

/**
 * Zero configuration: the first of `requirements/`, `reqs/`, `docs/requirements/` that exists,
 * relative to the root, or undefined. `exists` is called with `root` + `/` + folder.
 */
export async function findDefaultRequirementFolder(root: string, exists: (path: string) => Promise<boolean>): Promise<string | undefined> {
  const base = root.replace(/[\\/]+$/, '');
  for (const folder of DEFAULT_REQUIREMENT_FOLDERS) {
    if (await exists(`${base}/${folder}`)) return folder;
  }
  return undefined;
}

/**
 * The glob for one `requirements` entry (already a valid relative path or glob): globs and
 * Markdown/YAML file names are kept, anything else is a folder searched recursively.
 */
export function requirementGlob(entry: string): string {
  const path = entry.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  if (isGlob(path) || /\.(?:md|markdown|ya?ml|rst|sdoc|sfra|ssec|reqifz?)$/i.test(path) || /(?:^|\/)needs\.json$/i.test(path)) return path;
  return path === '' || path === '.' ? REQUIREMENT_FILES_GLOB : `${path}/${REQUIREMENT_FILES_GLOB}`;
}

function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

type Draft = { -readonly [K in keyof TracelensConfig]: TracelensConfig[K] };
type Report = (node: JsonNode, message: string) => void;
type Setting = (value: JsonNode, draft: Draft, report: Report, extra: ExtraSettings) => void;

/** Settings applied after all others, whatever their order in the file. */
interface ExtraSettings {
  additionalTestFiles: string[];
  /** `coverage` entries, checked once `prefixes` is known (it may come later in the file). */
  coverage: Array<{ key: string; keyNode: JsonNode; needs: Array<{ need: Need; node: JsonNode }> }>;
  /** Each `requirements` entry as written, with its position (see {@link RequirementEntry}). */
  requirementEntries?: Array<{ entry: string; glob: string; node: JsonNode }>;
  requirementsKey?: JsonNode;
  /** Each `testResults` glob kept, with its node. */
  resultEntries?: Array<{ glob: string; node: JsonNode }>;
  /** The `soup` key, for the position of a missing register. */
  soupKey?: JsonNode;
}

/** A `requirements` entry of tracelens.json: as written, the glob it became, and where it is. */
export interface RequirementEntry {
  readonly entry: string;
  readonly glob: string;
  readonly at: Location;
}

/** Each user-facing key and how it applies. The schema in schemas/tracelens.schema.json mirrors it. */
const SETTINGS: Readonly<Record<string, Setting>> = {
  $schema: (value, _draft, report) => {
    if (value.type !== 'string') report(value, '"$schema" must be a string.');
  },
  requirements: (value, draft, report, extra) => {
    const kept: JsonNode[] = [];
    const globs = globList(value, 'requirements', report, kept);
    if (!globs) return;
    draft.requirements = globs.map(requirementGlob);
    extra.requirementEntries = globs.map((entry, i) => ({ entry, glob: draft.requirements[i]!, node: kept[i]! }));
    extra.requirementsKey = value.parent?.children?.[0];
  },
  exclude: (value, draft, report) => {
    const globs = globList(value, 'exclude', report);
    if (globs) draft.exclude = globs;
  },
  testFiles: (value, draft, report) => {
    const globs = globList(value, 'testFiles', report);
    if (globs) draft.testFiles = globs;
  },
  additionalTestFiles: (value, _draft, report, extra) => {
    const globs = globList(value, 'additionalTestFiles', report);
    if (globs) extra.additionalTestFiles = globs;
  },
  prefixes: (value, draft, report) => {
    const entries = objectEntries(value, 'prefixes', report);
    if (!entries) return;
    const prefixes: Record<string, ItemKind> = { ...draft.prefixes };
    const declared = new Set(draft.declaredPrefixes);
    // Implements: TL-093
    const written = new Map<string, string>();
    for (const [key, node, keyNode] of entries) {
      const same = written.get(normalPrefix(key));
      if (!isPrefixKey(key)) {
        report(keyNode, `Prefix "${key}" must be capital letters and digits, in one or more segments joined by "-" or "_" (like REQ or SDOC-SRS), or a lower-case OpenFastTrace type (like dsn).`);
      } else if (node.type !== 'string' || !ITEM_KINDS.includes(node.value)) {
        report(node, `The kind of prefix "${key}" must be one of ${list(ITEM_KINDS)}.`);
      } else if (same !== undefined && same !== key && prefixes[same] !== node.value) {
        report(keyNode, `Prefix "${key}" is the same as "${same}" ("-" and "_" are one separator), with another kind: an ID could take either.`);
      } else {
        prefixes[key] = node.value;
        declared.add(key);
        written.set(normalPrefix(key), key);
      }
    }
    draft.prefixes = prefixes;
    if (declared.size > 0) draft.declaredPrefixes = [...declared].sort();
  },
  namedIdPrefixes: (value, draft, report) => {
    const names = stringList(value, 'namedIdPrefixes', report);
    if (!names) return;
    const elements = (value.children ?? []).filter((element) => element.type === 'string' && element.value.trim() !== '');
    const valid: string[] = [];
    names.forEach((name, index) => {
      if (isSegmentPrefix(name)) valid.push(name);
      else report(elements[index]!, `"${name}" in "namedIdPrefixes" must be a prefix of capital letters and digits, in one or more segments joined by "-" or "_" (like FE or SDOC-UG).`);
    });
    draft.namedIdPrefixes = [...new Set(valid)].sort();
  },
  keywords: (value, draft, report) => {
    const entries = objectEntries(value, 'keywords', report);
    if (!entries) return;
    const keywords: Record<string, Relation> = { ...draft.keywords };
    for (const [key, node, keyNode] of entries) {
      if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) {
        report(keyNode, `Keyword "${key}" must be one word of letters, digits, "-" or "_".`);
      } else if (node.type !== 'string' || !RELATIONS.includes(node.value)) {
        report(node, `The relation of keyword "${key}" must be one of ${list(RELATIONS)}.`);
      } else {
        keywords[key.toLowerCase()] = node.value;
      }
    }
    draft.keywords = keywords;
  },
  // Implements: TL-122
  artifactTypes: (value, draft, report) => {
    const entries = objectEntries(value, 'artifactTypes', report);
    if (!entries) return;
    const types: Record<string, Relation> = { ...(draft.artifactTypes ?? DEFAULT_ARTIFACT_TYPES) };
    for (const [key, node, keyNode] of entries) {
      if (!/^[a-z]+$/.test(key)) {
        report(keyNode, `Artifact type "${key}" must be lower-case letters, as OpenFastTrace types are written (like utest).`);
      } else if (node.type !== 'string' || !RELATIONS.includes(node.value)) {
        report(node, `The relation of artifact type "${key}" must be one of ${list(RELATIONS)}.`);
      } else {
        types[key] = node.value;
      }
    }
    draft.artifactTypes = types;
  },
  inactiveStatuses: (value, draft, report) => {
    const statuses = stringList(value, 'inactiveStatuses', report);
    if (statuses) draft.inactiveStatuses = statuses.map((s) => s.toLowerCase());
  },
  nonTestVerification: (value, draft, report) => {
    const methods = stringList(value, 'nonTestVerification', report);
    if (methods) draft.nonTestVerification = methods.map((s) => s.toLowerCase());
  },
  defaultClass: (value, draft, report) => {
    if (value.type === 'string' && SAFETY_CLASSES.includes(value.value)) draft.defaultClass = value.value;
    else report(value, `"defaultClass" must be one of ${list(SAFETY_CLASSES)}.`);
  },
  rules: (value, draft, report) => {
    const entries = objectEntries(value, 'rules', report);
    if (!entries) return;
    const rules: Record<string, RuleSeverity> = {};
    for (const [key, node, keyNode] of entries) {
      if (!(RULE_IDS as readonly string[]).includes(key)) {
        report(keyNode, `Unknown rule "${key}": known rules are ${list(RULE_IDS)}.`);
      } else if (node.type !== 'string' || !SEVERITIES.includes(node.value)) {
        report(node, `The severity of rule "${key}" must be one of ${list(SEVERITIES)}.`);
      } else {
        rules[key] = node.value;
      }
    }
    draft.rules = rules;
  },
  maxFileSize: (value, draft, report) => {
    if (value.type === 'number' && Number.isInteger(value.value) && value.value > 0) draft.maxFileSize = value.value;
    else report(value, '"maxFileSize" must be a positive whole number of bytes.');
  },
  // Implements: TL-082
  tableColumns: (value, draft, report) => {
    const entries = objectEntries(value, 'tableColumns', report);
    if (!entries) return;
    const columns: Record<string, TableField> = {};
    for (const [key, node, keyNode] of entries) {
      const name = normalizeHeader(key);
      if (name === '') {
        report(keyNode, `Table column "${key}" must name a header with letters or digits.`);
      } else if (node.type !== 'string' || !(TABLE_FIELDS as readonly string[]).includes(node.value)) {
        report(node, `The field of table column "${key}" must be one of ${list(TABLE_FIELDS)}.`);
      } else {
        columns[name] = node.value as TableField;
      }
    }
    if (Object.keys(columns).length > 0) draft.tableColumns = columns;
  },
  gitignore: (value, draft, report) => {
    if (value.type === 'boolean') draft.useGitignore = value.value;
    else report(value, '"gitignore" must be true or false.');
  },
  // Implements: TL-073
  coverage: (value, _draft, report, extra) => {
    const entries = objectEntries(value, 'coverage', report);
    if (!entries) return;
    extra.coverage = [];
    for (const [key, node, keyNode] of entries) {
      if (!ITEM_KINDS.includes(key as ItemKind) && !/^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*$/.test(key)) {
        report(keyNode, `"${key}" in "coverage" must be a kind (${list(ITEM_KINDS)}) or an ID prefix in capitals (like SRS).`);
        continue;
      }
      if (node.type !== 'array') {
        report(node, `The needs of "${key}" must be an array, like ["impl", "test"] (or [] for none).`);
        continue;
      }
      const needs: Array<{ need: Need; node: JsonNode }> = [];
      for (const element of node.children ?? []) {
        const need = element.type === 'string' ? parseNeed(element.value) : undefined;
        if (need) needs.push({ need, node: element });
        else report(element, `Unknown need ${element.type === 'string' ? `"${element.value}"` : 'value'} for "${key}": expected ${list(NEED_WORDS)} or "child:<kind or prefix>".`);
      }
      extra.coverage.push({ key, keyNode, needs });
    }
  },
  // Implements: TL-127
  needTypes: (value, draft, report) => {
    const entries = objectEntries(value, 'needTypes', report);
    if (!entries) return;
    const types: Record<string, ItemKind> = {};
    for (const [key, node, keyNode] of entries) {
      if (!/^[A-Za-z0-9](?:[A-Za-z0-9_.+:-]*[A-Za-z0-9])?$/.test(key)) {
        report(keyNode, `"${key}" in "needTypes" must be a sphinx-needs type: a directive name like req or test_case.`);
      } else if (node.type !== 'string' || !ITEM_KINDS.includes(node.value)) {
        report(node, `The kind of need type "${key}" must be one of ${list(ITEM_KINDS)}.`);
      } else {
        types[key.toLowerCase()] = node.value;
      }
    }
    if (Object.keys(types).length > 0) draft.needTypes = types;
  },
  languages: (value, draft, report) => {
    const entries = objectEntries(value, 'languages', report);
    if (!entries) return;
    const mappings: LanguageMapping[] = [];
    for (const [key, node, keyNode] of entries) {
      const glob = languageGlob(key);
      if ('problem' in glob) {
        report(keyNode, glob.problem);
      } else if (node.type !== 'string' || (node.value !== NOT_SCANNED && !languageById(node.value))) {
        report(node, `The language of "${key}" must be one of ${list(LANGUAGES.map((spec) => spec.id))}, or "${NOT_SCANNED}" for no code file.`);
      } else {
        mappings.push({ glob: glob.glob, language: node.value });
      }
    }
    draft.languages = mappings;
  },
  reqif: (value, draft, report) => {
    const settings = parseReqifSettings(value, report);
    if (settings) draft.reqif = settings;
  },
  // Implements: TL-141
  testResults: (value, draft, report, extra) => {
    const kept: JsonNode[] = [];
    const globs = globList(value, 'testResults', report, kept);
    if (!globs) return;
    if (globs.length > 0) draft.testResults = globs;
    extra.resultEntries = globs.map((glob, i) => ({ glob, node: kept[i]! }));
  },
  testResultProperties: (value, draft, report) => {
    const names = stringList(value, 'testResultProperties', report);
    if (names) draft.testResultProperties = [...new Set(names)];
  },
  // Implements: TL-172
  soup: (value, draft, report, extra) => {
    const path = value.type === 'string' ? value.value.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '') : '';
    if (path === '' || /[*?[\]{}]/.test(path) || path.endsWith('/')) {
      report(value, '"soup" must be the path of the SOUP register file, like "soup.yml" or "docs/soup.yml".');
    } else if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
      report(value, '"soup" must be relative to the project root and inside it.');
    } else {
      draft.soup = path;
      extra.soupKey = value.parent?.children?.[0];
    }
  },
  soupTransitive: (value, draft, report) => {
    if (value.type === 'boolean') draft.soupTransitive = value.value;
    else report(value, '"soupTransitive" must be true or false.');
  },
  soupAnomalyReviewDays: (value, draft, report) => {
    if (value.type === 'number' && Number.isInteger(value.value) && value.value > 0) draft.soupAnomalyReviewDays = value.value;
    else report(value, '"soupAnomalyReviewDays" must be a positive whole number of days.');
  },
  // Implements: TL-180, TL-184
  fingerprintAttributes: (value, draft, report) => {
    const names = stringList(value, 'fingerprintAttributes', report);
    if (names) draft.fingerprintAttributes = [...new Set(names.map((name) => name.toLowerCase()))];
  },
  strictReview: (value, draft, report) => {
    if (value.type === 'boolean') draft.strictReview = value.value;
    else report(value, '"strictReview" must be true or false.');
  },
  requireReview: (value, draft, report) => {
    if (value.type === 'boolean') draft.requireReview = value.value;
    else report(value, '"requireReview" must be true or false.');
  },
};

/**
 * Resolves `coverage` against the final prefixes: a prefix key or a child target that is neither
 * a kind nor a known prefix is reported at its position and left out.
 */
function applyCoverage(extra: ExtraSettings, draft: Draft, report: Report): void {
  if (extra.coverage.length === 0) return;
  const known = (name: string): boolean => ITEM_KINDS.includes(name as ItemKind) || Object.prototype.hasOwnProperty.call(draft.prefixes, name);
  const coverage: Record<string, Need[]> = {};
  for (const { key, keyNode, needs } of extra.coverage) {
    if (!known(key)) {
      report(keyNode, `"${key}" in "coverage" is no kind and no known prefix: add it to "prefixes" or use one of ${list(ITEM_KINDS)}.`);
      continue;
    }
    const resolved: Need[] = [];
    for (const { need, node } of needs) {
      const target = childTargets(need).find((name) => !known(name));
      if (target !== undefined) report(node, `"${need}" names "${target}", which is no kind and no known prefix (kinds: ${list(ITEM_KINDS)}).`);
      else if (!resolved.includes(need)) resolved.push(need);
    }
    coverage[key] = resolved;
  }
  draft.coverage = coverage;
}

/** What {@link parseConfig} found. */
export interface ParsedConfig {
  readonly config: TracelensConfig;
  readonly problems: FileProblem[];
  /** The `requirements` entries kept, with their positions; absent without a valid `requirements`. */
  readonly requirementEntries?: readonly RequirementEntry[];
  /** Where the `requirements` key is. */
  readonly requirementsAt?: Location;
  /** The `testResults` globs kept, with their positions; absent without a valid `testResults`. */
  readonly resultEntries?: ReadonlyArray<{ readonly glob: string; readonly at: Location }>;
}

/**
 * The glob of a `languages` key: an extension (`.itest`) stands for every file with it, anywhere
 * (`**\/*.itest`); a glob is relative to the root, POSIX, like the other globs of the file.
 */
function languageGlob(key: string): { glob: string } | { problem: string } {
  const glob = key.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  if (glob === '') return { problem: 'A key of "languages" must be a glob or an extension like ".itest".' };
  if (/^\.[^/*?[\]{}!]+$/.test(glob)) return { glob: `**/*${glob}` };
  if (glob.startsWith('!')) return { problem: `"${key}" in "languages": negated globs are not supported; map the files to "${NOT_SCANNED}" instead.` };
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.split('/').includes('..')) {
    return { problem: `"${key}" in "languages" must be relative to the project root and inside it.` };
  }
  return { glob };
}

/**
 * Parses `tracelens.json` text (comments and trailing commas allowed) over the defaults. `file`
 * is the config file's path for problems. Without a `requirements` key the result's
 * `requirements` is empty: the caller then applies the zero-config folder. `declaredPrefixes`
 * lists the prefixes the file's `prefixes` names (sorted), and is absent when it names none.
 * Never throws: syntax errors are problems too, and whatever parsed still applies.
 */
export function parseConfig(text: string, file: string): ParsedConfig {
  const problems: FileProblem[] = [];
  const position = positionFinder(text);
  const problemAt = (offset: number, message: string): void => {
    problems.push({ file, ...position(offset), message });
  };
  const report: Report = (node, message) => problemAt(node.offset, message);

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  for (const error of errors) problemAt(error.offset, `JSON syntax error: ${describeParseError(printParseErrorCode(error.error))}.`);

  const draft: Draft = { ...defaultConfig([]) };
  const extra: ExtraSettings = { additionalTestFiles: [], coverage: [] };
  if (root && root.type !== 'object') {
    report(root, 'The configuration must be a JSON object.');
  } else if (root) {
    const seen = new Set<string>();
    for (const [key, value, keyNode] of properties(root)) {
      if (seen.has(key)) report(keyNode, `Duplicate key "${key}": the last one wins.`);
      seen.add(key);
      const setting = Object.prototype.hasOwnProperty.call(SETTINGS, key) ? SETTINGS[key] : undefined;
      if (!setting) {
        const near = Object.keys(SETTINGS).find((known) => known.toLowerCase() === key.toLowerCase());
        report(keyNode, `Unknown key "${key}".${near ? ` Did you mean "${near}"?` : ''}`);
      } else if (value) {
        setting(value, draft, report, extra);
      }
    }
  }
  if (extra.additionalTestFiles.length > 0) draft.testFiles = [...draft.testFiles, ...extra.additionalTestFiles];
  applyCoverage(extra, draft, report);
  if (extra.soupKey) draft.soupAt = { file, ...position(extra.soupKey.offset) };
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const requirementEntries = extra.requirementEntries?.map(({ entry, glob, node }) => ({ entry, glob, at: { file, ...position(node.offset) } }));
  const resultEntries = extra.resultEntries?.map(({ glob, node }) => ({ glob, at: { file, ...position(node.offset) } }));
  return {
    config: freezeConfig(draft), problems,
    ...(requirementEntries ? { requirementEntries } : {}),
    ...(resultEntries ? { resultEntries } : {}),
    ...(extra.requirementsKey ? { requirementsAt: { file, ...position(extra.requirementsKey.offset) } } : {}),
  };
}

/** The properties of an object node: key, value (missing after a syntax error) and key node. */
function properties(object: JsonNode): [string, JsonNode | undefined, JsonNode][] {
  const result: [string, JsonNode | undefined, JsonNode][] = [];
  for (const property of object.children ?? []) {
    const keyNode = property.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    result.push([keyNode.value, property.children?.[1], keyNode]);
  }
  return result;
}

/** An object's entries with values present, or undefined (reported) when it is not an object. */
function objectEntries(value: JsonNode, key: string, report: Report): [string, JsonNode, JsonNode][] | undefined {
  if (value.type !== 'object') {
    report(value, `"${key}" must be an object.`);
    return undefined;
  }
  return properties(value).filter((entry): entry is [string, JsonNode, JsonNode] => entry[1] !== undefined);
}

/**
 * An array of non-empty strings; a wrong element is reported and dropped, a value that is not an
 * array is reported and the default kept (undefined).
 */
function stringList(value: JsonNode, key: string, report: Report): string[] | undefined {
  if (value.type !== 'array') {
    report(value, `"${key}" must be an array of strings.`);
    return undefined;
  }
  const strings: string[] = [];
  for (const element of value.children ?? []) {
    if (element.type !== 'string') report(element, `"${key}" must contain only strings.`);
    else if (element.value.trim() === '') report(element, `"${key}" must not contain empty strings.`);
    else strings.push(element.value.trim());
  }
  return strings;
}

/**
 * A list of paths or globs relative to the root, normalised to POSIX. Paths that leave the root
 * and negations are reported and dropped: the walk never sees files outside the root, and a
 * `!glob` among positive globs would match everything else.
 */
function globList(value: JsonNode, key: string, report: Report, kept?: JsonNode[]): string[] | undefined {
  const strings = stringList(value, key, report);
  if (!strings) return undefined;
  const elements = (value.children ?? []).filter((element) => element.type === 'string' && element.value.trim() !== '');
  const globs: string[] = [];
  strings.forEach((raw, index) => {
    const node = elements[index]!;
    const glob = raw.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
    if (glob.startsWith('!')) {
      report(node, `"${raw}" in "${key}": negated globs are not supported; use "exclude".`);
    } else if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.split('/').includes('..')) {
      report(node, `"${raw}" in "${key}" must be relative to the project root and inside it.`);
    } else {
      globs.push(glob);
      kept?.push(node);
    }
  });
  return globs;
}

/** `CloseBraceExpected` → `close brace expected`. */
function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function list(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** Offset → 1-based line and column (UTF-16 units), counting CRLF, CR and LF as line breaks. */
function positionFinder(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(text);
  return (offset) => positionAt(starts, offset);
}

function freezeConfig(draft: TracelensConfig): TracelensConfig {
  return Object.freeze({
    ...draft,
    requirements: Object.freeze([...draft.requirements]),
    exclude: Object.freeze([...draft.exclude]),
    testFiles: Object.freeze([...draft.testFiles]),
    prefixes: Object.freeze({ ...draft.prefixes }),
    keywords: Object.freeze({ ...draft.keywords }),
    inactiveStatuses: Object.freeze([...draft.inactiveStatuses]),
    nonTestVerification: Object.freeze([...draft.nonTestVerification]),
    rules: Object.freeze({ ...draft.rules }),
    ...(draft.coverage ? { coverage: Object.freeze(Object.fromEntries(Object.entries(draft.coverage).map(([k, v]) => [k, Object.freeze([...v])]))) } : {}),
    ...(draft.languages ? { languages: Object.freeze(draft.languages.map((mapping) => Object.freeze({ ...mapping }))) } : {}),
    ...(draft.declaredPrefixes ? { declaredPrefixes: Object.freeze([...draft.declaredPrefixes]) } : {}),
    ...(draft.tableColumns ? { tableColumns: Object.freeze({ ...draft.tableColumns }) } : {}),
    ...(draft.namedIdPrefixes ? { namedIdPrefixes: Object.freeze([...draft.namedIdPrefixes]) } : {}),
    ...(draft.artifactTypes ? { artifactTypes: Object.freeze({ ...draft.artifactTypes }) } : {}),
    ...(draft.needTypes ? { needTypes: Object.freeze({ ...draft.needTypes }) } : {}),
    ...(draft.reqif ? { reqif: Object.freeze({ ...draft.reqif }) } : {}),
    ...(draft.testResults ? { testResults: Object.freeze([...draft.testResults]) } : {}),
    ...(draft.testResultProperties ? { testResultProperties: Object.freeze([...draft.testResultProperties]) } : {}),
    ...(draft.fingerprintAttributes ? { fingerprintAttributes: Object.freeze([...draft.fingerprintAttributes]) } : {}),
  });
}
