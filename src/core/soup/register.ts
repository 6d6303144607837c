// Implements: TL-170
/**
 * Reads the SOUP register (`soup.yml`): a YAML list with one mapping per SOUP item, with `name`,
 * `version`, `manufacturer`, `purpose`, `requirements`, `anomalies` (`url`, `reviewed`), `risks`
 * and an optional `class`. Every entry and field keeps its position. Malformed YAML or a wrong
 * shape is a problem at its line (an `invalid-file` finding); the entries that could be read are
 * kept, so one bad entry never hides the others. Other keys (a licence, notes) are allowed.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FileProblem, Location, SafetyClass } from '../model/types';
import type { EntryField, RiskRef, SoupEntry, SoupRegister } from './types';

/** The default register file, at the project root. */
export const DEFAULT_SOUP_FILE = 'soup.yml';

const SCALAR_FIELDS = ['name', 'version', 'manufacturer', 'purpose', 'requirements'] as const;

/** A value that is a placeholder rather than an answer (`TODO`, `TBD`, `?`). */
export const PLACEHOLDER = /^(?:todo|tbd|tba|fixme|\?+|-)(?:\b|$)/i;
const CLASSES: readonly SafetyClass[] = ['A', 'B', 'C'];

/** Reads a register's text; `file` is its POSIX path relative to the root. Never throws. */
export function readSoupRegister(text: string, file: string): SoupRegister {
  const lineCounter = new LineCounter();
  const problems: FileProblem[] = [];
  const at = (offset: number): Location => {
    const pos = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { file, line: pos.line, column: pos.col };
  };
  const problem = (offset: number, message: string): void => {
    problems.push({ ...at(offset), message });
  };
  const parsed = parseAllDocuments(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    for (const error of document.errors) problem(error.pos[0], `YAML syntax error: ${error.message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  if (documents.length > 1) problem(documents[1]!.range[0], 'The SOUP register is one YAML document: the documents after the first are not read.');
  const contents = documents[0]?.contents ?? null;
  const entries: SoupEntry[] = [];
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return { file, entries, problems: sorted(problems) };
  }
  if (!isSeq(contents)) {
    problem(contents.range?.[0] ?? 0, 'The SOUP register must be a YAML list with one entry per SOUP item (- name: …, version: …).');
    return { file, entries, problems: sorted(problems) };
  }
  const seen = new Map<string, number>();
  for (const item of contents.items) {
    if (!isMap(item)) {
      problem((item as Node | null)?.range?.[0] ?? contents.range[0], 'Each SOUP entry must be a mapping with name, version, manufacturer, purpose, requirements, anomalies and risks.');
      continue;
    }
    const entry = readEntry(item, at, problem);
    entries.push(entry);
    if (entry.name) {
      const first = seen.get(entry.name.value.toLowerCase());
      if (first !== undefined) problems.push({ file, line: entry.name.line, column: entry.name.column, message: `"${entry.name.value}" is listed twice in the SOUP register (first at line ${first}).` });
      else seen.set(entry.name.value.toLowerCase(), entry.name.line);
    }
  }
  return { file, entries, problems: sorted(problems) };
}

type At = (offset: number) => Location;
type Problem = (offset: number, message: string) => void;

function readEntry(map: YAMLMap, at: At, problem: Problem): SoupEntry {
  const start = map.range?.[0] ?? 0;
  const fields: Record<string, EntryField | undefined> = {};
  for (const key of SCALAR_FIELDS) fields[key] = scalarField(pairOf(map, key), key, at, problem);
  let anomaliesUrl: EntryField | undefined;
  let anomaliesReviewed: EntryField | undefined;
  const anomalies = pairOf(map, 'anomalies');
  if (anomalies && isMap(anomalies.value)) {
    anomaliesUrl = scalarField(pairOf(anomalies.value, 'url'), 'anomalies.url', at, problem);
    anomaliesReviewed = scalarField(pairOf(anomalies.value, 'reviewed'), 'anomalies.reviewed', at, problem);
  } else if (anomalies && !isEmpty(anomalies.value)) {
    problem(offsetOf(anomalies), '"anomalies" must be a mapping with the "url" of the known-anomalies list and the date it was "reviewed".');
  }
  const risks = riskList(pairOf(map, 'risks'), at, problem);
  const classPair = pairOf(map, 'class');
  let safetyClass: SafetyClass | undefined;
  if (classPair && !isEmpty(classPair.value)) {
    const value = isScalar(classPair.value) ? String(classPair.value.value).trim().toUpperCase() : '';
    if ((CLASSES as readonly string[]).includes(value)) safetyClass = value as SafetyClass;
    else problem(offsetOf(classPair), '"class" must be A, B or C.');
  }
  return {
    ...at(start), endLine: at(Math.max(start, (map.range?.[1] ?? start) - 1)).line,
    ...definedFields(fields),
    ...(anomaliesUrl ? { anomaliesUrl } : {}),
    ...(anomaliesReviewed ? { anomaliesReviewed } : {}),
    ...(risks ? { risks } : {}),
    ...(safetyClass ? { safetyClass } : {}),
  };
}

function definedFields(fields: Record<string, EntryField | undefined>): Partial<Pick<SoupEntry, (typeof SCALAR_FIELDS)[number]>> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** The pair of a key (compared case-insensitively). */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value).toLowerCase() === key);
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || String(node.value).trim() === ''));
}

/** Where a pair's value is, or its key when the value is missing. */
function offsetOf(pair: Pair): number {
  return (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? 0;
}

/**
 * A scalar field as written (a number keeps its source text: `1.10` stays `1.10`); undefined when
 * absent or empty. A list or mapping where text belongs is a problem.
 */
function scalarField(pair: Pair | undefined, key: string, at: At, problem: Problem): EntryField | undefined {
  if (!pair || isEmpty(pair.value)) return undefined;
  if (!isScalar(pair.value)) {
    problem(offsetOf(pair), `"${key}" must be text, not a list or a mapping.`);
    return undefined;
  }
  const source = (pair.value as { source?: string }).source;
  const value = (typeof source === 'string' && typeof pair.value.value !== 'string' ? source : String(pair.value.value)).trim();
  return { value, ...at(offsetOf(pair)) };
}

/** `risks` as a list of IDs (or one ID, or IDs separated by commas); an empty list is `[]`. */
function riskList(pair: Pair | undefined, at: At, problem: Problem): RiskRef[] | undefined {
  if (!pair) return undefined;
  const value = pair.value;
  if (isEmpty(value)) return undefined;
  const refs: RiskRef[] = [];
  const fromScalar = (node: Node): void => {
    if (!isScalar(node)) {
      problem(node.range?.[0] ?? offsetOf(pair), '"risks" must list risk IDs.');
      return;
    }
    const text = String(node.value);
    const start = node.range?.[0] ?? 0;
    // A quoted scalar's text starts after its quote.
    const shift = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    for (const match of text.matchAll(/[^\s,]+/g)) refs.push({ id: match[0], ...at(start + shift + match.index) });
  };
  // `risks: TODO` is a question still open, not a risk ID.
  if (isScalar(value) && PLACEHOLDER.test(String(value.value).trim())) return undefined;
  if (isSeq(value)) for (const item of value.items) fromScalar(item as Node);
  else if (isScalar(value)) fromScalar(value);
  else problem(offsetOf(pair), '"risks" must be a list of risk IDs (or [] when the item contributes to none).');
  return refs;
}

function sorted(problems: FileProblem[]): FileProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
