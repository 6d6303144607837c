// Implements: TL-181
/**
 * `tracelens.lock`: what each link to an item was reviewed against. A line-oriented text file, one
 * record a line, sorted, so that two branches that review different links merge without conflict
 * and a review shows in a pull request as the lines it changed:
 *
 *     # comment
 *     REQ-012 3f2a9c1e0b7d4a55 code src/pump/bolus.c check_bolus
 *     REQ-012 3f2a9c1e0b7d4a55 code src/pump/alarm.c #1
 *     REQ-012 3f2a9c1e0b7d4a55 item SRS-001
 *     REQ-012 3f2a9c1e0b7d4a55 text {"title":"Bolus dose limit","text":"The pump shall…"}
 *
 * Each line is the target ID, the fingerprint it was reviewed at (see fingerprint.ts), and then
 * either a link (`code <file> <symbol or #n>` for a tag in code, `item <ID>` for an item's link)
 * or `text` with the title and text the fingerprint stands for, as JSON: kept once per reviewed
 * version of an item, so that a suspect link can show what it was reviewed against. Fields are
 * separated by one space; a field with a space or a quote, or starting with `#` or `{`, is written as a
 * JSON string. No line number appears anywhere: moving code or requirements changes nothing.
 */
import type { FileProblem } from '../model/types';
import { FINGERPRINT_LENGTH } from './fingerprint';

/** The lock's name, at the project root. */
export const LOCK_FILE = 'tracelens.lock';

/** Where a reviewed link starts: a tag in a code file (in a symbol, or the n-th such tag without one), or an item. */
export type LinkSource =
  | { readonly kind: 'code'; readonly file: string; readonly anchor: string }
  | { readonly kind: 'item'; readonly id: string };

/** One reviewed link: its target, where it starts, and the target's fingerprint when it was reviewed. */
export interface LinkRecord {
  readonly target: string;
  readonly fingerprint: string;
  readonly source: LinkSource;
}

/** The title and text an item had at a fingerprint, as reviewed. */
export interface ReviewedText {
  readonly target: string;
  readonly fingerprint: string;
  readonly title: string;
  readonly text: string;
}

/** A lock as read: its records by key, and its problems (each at its line). */
export interface ReviewLock {
  readonly file: string;
  /** By {@link linkKey}. */
  readonly links: ReadonlyMap<string, LinkRecord & { readonly line: number }>;
  /** By {@link textKey}. */
  readonly texts: ReadonlyMap<string, ReviewedText>;
  readonly problems: readonly FileProblem[];
}

const HEADER = [
  '# tracelens.lock: what each link to a requirement was reviewed against.',
  '# Written by `tracelens review` (or the editor\'s quick fix); one record a line, sorted. See the README, "Suspect links".',
];

const FINGERPRINT = new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`);

/** A field as written: bare when it is plain, else a JSON string. */
function field(value: string): string {
  return value === '' || /[\s"]/.test(value) || /^[#{]/.test(value) ? JSON.stringify(value) : value;
}

/** The key of a link's source, as its fields are written. */
export function sourceKey(source: LinkSource): string {
  return source.kind === 'code' ? `code ${field(source.file)} ${field(source.anchor)}` : `item ${field(source.id)}`;
}

/** The key of a link: its target and source (never a line number). */
export function linkKey(target: string, source: LinkSource): string {
  return `${field(target)} ${sourceKey(source)}`;
}

/** The key of a reviewed text: target and fingerprint. */
export function textKey(target: string, fingerprint: string): string {
  return `${target}\n${fingerprint}`;
}

/** The line of a link record. */
function linkLine(record: LinkRecord): string {
  return `${field(record.target)} ${record.fingerprint} ${sourceKey(record.source)}`;
}

/** The line of a reviewed text. */
function textLine(text: ReviewedText): string {
  return `${field(text.target)} ${text.fingerprint} text ${JSON.stringify({ title: text.title, text: text.text })}`;
}

/**
 * The lock's text: header, then every record sorted by its line (a target's records together,
 * links before the text they were reviewed against), each reviewed text kept only while a link
 * records its fingerprint.
 */
export function formatLock(links: Iterable<LinkRecord>, texts: Iterable<ReviewedText>): string {
  const lines: string[] = [];
  const used = new Set<string>();
  for (const record of links) {
    lines.push(linkLine(record));
    used.add(textKey(record.target, record.fingerprint));
  }
  for (const text of texts) if (used.has(textKey(text.target, text.fingerprint))) lines.push(textLine(text));
  const sorted = [...new Set(lines)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${[...HEADER, ...sorted].join('\n')}\n`;
}

/** A lock with no record: what a first review starts from. */
export function emptyLock(file: string = LOCK_FILE): ReviewLock {
  return { file, links: new Map(), texts: new Map(), problems: [] };
}

/** Splits a line into fields: bare words or JSON strings; undefined when a string is malformed. */
function splitFields(line: string): Array<{ value: string; column: number }> | undefined {
  const fields: Array<{ value: string; column: number }> = [];
  let at = 0;
  while (at < line.length) {
    if (line[at] === ' ' || line[at] === '\t') {
      at++;
      continue;
    }
    const column = at + 1;
    if (line[at] === '"' || line[at] === '{') {
      // A JSON value runs to the end of the line when it is the last field (the text record's object).
      const end = line[at] === '{' ? line.length : closingQuote(line, at);
      if (end === undefined) return undefined;
      try {
        const parsed: unknown = JSON.parse(line.slice(at, end));
        fields.push({ value: typeof parsed === 'string' ? parsed : line.slice(at, end), column });
      } catch {
        return undefined;
      }
      at = end;
      continue;
    }
    let end = at;
    while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
    fields.push({ value: line.slice(at, end), column });
    at = end;
  }
  return fields;
}

/** The index just past the JSON string that starts at `start`, or undefined when it does not close. */
function closingQuote(line: string, start: number): number | undefined {
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i + 1;
  }
  return undefined;
}

/**
 * Reads a lock. Every line that is no record is a problem at its line (a merge conflict marker
 * says so), and so is a link recorded twice with different fingerprints (the first is kept); the
 * other lines still count.
 */
export function parseLock(text: string, file: string = LOCK_FILE): ReviewLock {
  const links = new Map<string, LinkRecord & { line: number }>();
  const texts = new Map<string, ReviewedText>();
  const problems: FileProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const problem = (message: string, column = 1): void => { problems.push({ file, line, column, message }); };
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (/^(<{7}|={7}|>{7}|\|{7})/.test(raw)) {
      problem('A merge conflict marker: keep both sides\' lines (or neither), then run `tracelens review` on the links in question.');
      return;
    }
    const fields = splitFields(raw);
    if (!fields) return problem('A quoted field does not close or is not valid JSON.');
    const [target, fingerprint, kind, ...rest] = fields;
    if (!target || !fingerprint || !kind) return problem('Expected "<ID> <fingerprint> code <file> <symbol>", "<ID> <fingerprint> item <ID>" or "<ID> <fingerprint> text {…}".');
    if (!FINGERPRINT.test(fingerprint.value)) return problem(`"${fingerprint.value}" is no fingerprint: expected ${FINGERPRINT_LENGTH} lower-case hex digits.`, fingerprint.column);
    const arity = kind.value === 'code' ? 2 : 1;
    if (!['code', 'item', 'text'].includes(kind.value)) return problem(`Unknown record "${kind.value}": expected code, item or text.`, kind.column);
    if (rest.length !== arity) return problem(`A ${kind.value} record takes ${arity === 2 ? 'a file and a symbol (or #n)' : kind.value === 'item' ? 'the linking item\'s ID' : 'a JSON object'} after "${kind.value}".`, kind.column);
    if (kind.value === 'text') {
      const content = parseReviewedText(rest[0]!.value);
      if (!content) return problem('The reviewed text must be a JSON object with "title" and "text" strings.', rest[0]!.column);
      texts.set(textKey(target.value, fingerprint.value), { target: target.value, fingerprint: fingerprint.value, ...content });
      return;
    }
    const source: LinkSource = kind.value === 'code' ? { kind: 'code', file: rest[0]!.value, anchor: rest[1]!.value } : { kind: 'item', id: rest[0]!.value };
    const key = linkKey(target.value, source);
    const earlier = links.get(key);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint.value) problem(`This link is recorded twice, here and on line ${earlier.line}, at different fingerprints (a merge kept both): the first counts; run \`tracelens review\` on ${target.value} to settle it.`);
      return;
    }
    links.set(key, { target: target.value, fingerprint: fingerprint.value, source, line });
  });
  return { file, links, texts, problems };
}

function parseReviewedText(json: string): { title: string; text: string } | undefined {
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { title, text } = value as Record<string, unknown>;
    return typeof title === 'string' && typeof text === 'string' ? { title, text } : undefined;
  } catch {
    return undefined;
  }
}
