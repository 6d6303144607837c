// Implements: TL-110, TL-006, TL-007
/**
 * StrictDoc documents (`.sdoc`): `[DOCUMENT]`, an optional `[GRAMMAR]`, sections (`[SECTION]` …
 * `[/SECTION]`, `[[SECTION]]` … `[[/SECTION]]`) and nodes (`[REQUIREMENT]`, `[TEXT]`, custom
 * types of the grammar, composite `[[TYPE]]` … `[[/TYPE]]` and the older `[COMPOSITE_TYPE]` …
 * `[/COMPOSITE_REQUIREMENT]`). A node is fields (`NAME: value` or `NAME: >>>` … `<<<`) up to a
 * blank line; `RELATIONS:` (or the older `REFS:`) lists `- TYPE: Parent|Child|File` entries.
 *
 * Every node with a `UID` is an item, except text and structure (`[TEXT]`, sections, includes):
 * the UID is its ID, `TITLE` its title, `STATEMENT` (or the older `BODY`) its text, `STATUS` its
 * status, other fields its attributes (a grammar field named like an attribute Tracelens knows,
 * such as `VERIFICATION` or `SAFETY_CLASS`, means what it means elsewhere). A Parent relation is a
 * `parent` link, or `verifies`/`mitigates` when its `ROLE` says so; a Child relation is a `child`
 * link, the inverse (see traceIndex); File relations name code, not items, and are kept in the
 * `files` attribute. No library reads SDoc in JavaScript, so this is a line reader written to
 * StrictDoc's grammar (strictdoc/backend/sdoc/grammar), lenient where old and new documents
 * differ, strict where StrictDoc itself would reject the document.
 */

import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item, type ItemLink } from '../model/types';
import { interpretAttributes, kindNamed, knownKey, splitInline, type KnownKey, type RawAttribute, type ValuePart } from './attributes';
import { isStrictDocFile } from './fileTypes';
import { splitLines, stripBom } from './sourceText';
import { DEFAULT_SDOC_GRAMMAR, fieldsOf, parseSdocGrammar, type SdocGrammar } from './strictdocGrammar';
import type { ReadResult, ReaderContext, RequirementReader, SdocInclude } from './types';

const FORMAT = 'strictdoc';

/** Reads StrictDoc `.sdoc` documents. */
export const strictdocReader: RequirementReader = {
  name: FORMAT,
  canRead: (file) => isStrictDocFile(file),
  read: readStrictDoc,
};

/** `[NAME]`, `[/NAME]`, `[[NAME]]` or `[[/NAME]]` alone on a line. */
const HEADER = /^(\[\[?)(\/?)([A-Z][A-Z0-9_]*)(\]\]?)\s*$/;
/** `NAME:` then nothing, one space and a value, or ` >>>`. */
const FIELD = /^([A-Z][A-Za-z0-9_-]*):(.*)$/;
const MULTILINE_START = /^\s*>>>\s*$/;
const MULTILINE_END = /^<<<\s*$/;

/** Nodes that compose a document of other files (see readers/strictdocIncludes.ts). */
const INCLUDES = new Set(['DOCUMENT_FROM_FILE', 'FRAGMENT_FROM_FILE']);
/** The first line of a document, and of a fragment file of StrictDoc before 0.0.50 (`.sfra`, `.ssec`). */
const ROOTS = new Set(['DOCUMENT', 'FRAGMENT']);

/** Node types that are text or structure, never items, whatever fields they have. */
const NOT_ITEMS = new Set(['TEXT', 'FREETEXT', 'SECTION', 'DOCUMENT_FROM_FILE', 'FRAGMENT_FROM_FILE']);
/** Fields StrictDoc lets a node repeat (the grammar before 0.0.30 had `comments *=`). */
const REPEATABLE = new Set(['COMMENT']);
/** Fields whose value is a list of entries on the lines below, always allowed in a node. */
const RELATION_FIELDS = new Set(['RELATIONS', 'REFS']);

/** One field of a node, with where its value starts (1-based) and its lines. */
interface Field {
  readonly name: string;
  /** Line and column of the field name. */
  readonly line: number;
  /** The value: one line, or the lines between `>>>` and `<<<` joined with LF. */
  readonly value: string;
  readonly valueLine: number;
  readonly valueColumn: number;
  readonly multiline: boolean;
  /** For a block field (`RELATIONS:` with nothing after the colon): the lines below it, 0-based. */
  readonly block: readonly number[];
}

/** What is open around the current line: a section or a composite node, and where. */
interface Open {
  /** The name its closer must carry: `SECTION`, `REQUIREMENT` for `[[REQUIREMENT]]`, `COMPOSITE_REQUIREMENT`… */
  readonly closer: string;
  readonly double: boolean;
  readonly line: number;
  readonly header: string;
}

/** Reads every item of a StrictDoc document; problems for what StrictDoc would reject. */
export function readStrictDoc(text: string, ctx: ReaderContext): ReadResult {
  return new SdocReader(splitLines(stripBom(text)), ctx).read();
}

class SdocReader {
  private readonly items: Item[] = [];
  private readonly problems: FileProblem[] = [];
  private readonly includes: SdocInclude[] = [];
  private readonly open: Open[] = [];
  private grammar: SdocGrammar = DEFAULT_SDOC_GRAMMAR;

  constructor(private readonly lines: readonly string[], private readonly ctx: ReaderContext) {}

  read(): ReadResult {
    const { lines } = this;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.trim() === '') {
        i++;
        continue;
      }
      const header = HEADER.exec(line);
      if (!header || header[1]!.length !== header[4]!.length) {
        this.problem(i, 1, `Unexpected text outside a node: "${clip(line)}". Nodes start with a [TYPE] line and end at a blank line.`);
        i = this.nextBlank(i);
        continue;
      }
      const double = header[1] === '[[';
      const name = header[3]!;
      if (header[2] === '/') {
        this.close(i, name, double, line.trim());
        i++;
        continue;
      }
      i = this.node(i, name, double, line.trim());
    }
    for (const open of this.open) {
      this.problem(open.line, 1, `${open.header} is never closed: expected ${closerOf(open)}.`);
    }
    return { items: this.items, problems: this.problems.sort(compareLocations), ...(this.includes.length > 0 ? { includes: this.includes } : {}) };
  }

  /** Reads the node whose header is on 0-based line `at`; returns the line after it. */
  private node(at: number, name: string, double: boolean, header: string): number {
    if (name === 'FREETEXT' && !double) return this.freeText(at);
    if (name === 'GRAMMAR' && !double) {
      const end = this.nextHeader(at + 1);
      this.grammar = parseSdocGrammar(this.lines.slice(at + 1, end));
      return end;
    }
    const composite = !double && name.startsWith('COMPOSITE_');
    const type = composite ? name.slice('COMPOSITE_'.length) : name;
    if (double || composite) this.open.push({ closer: composite ? 'COMPOSITE_REQUIREMENT' : name, double, line: at, header });
    if (name === 'SECTION' && !double) this.open.push({ closer: 'SECTION', double: false, line: at, header });
    const { fields, end } = this.fields(at + 1, header);
    if (ROOTS.has(name) && !double) return end;
    this.checkFields(at, type, header, fields);
    if (INCLUDES.has(name) && !double) this.include(at, name, header, fields);
    else if (!NOT_ITEMS.has(type)) this.item(type, fields, end);
    return end;
  }

  // Implements: TL-241
  /**
   * Records what `[DOCUMENT_FROM_FILE]` (or the older `[FRAGMENT_FROM_FILE]`) includes: its `FILE`,
   * relative to this file's folder as StrictDoc resolves it. The included file is not read here:
   * it is read in its own right, once (see strictdocIncludes.ts). A missing FILE, and a
   * `[DOCUMENT_FROM_FILE]` of another extension than `.sdoc`, are what StrictDoc rejects.
   */
  private include(at: number, name: string, header: string, fields: readonly Field[]): void {
    const file = fields.find((field) => field.name === 'FILE');
    if (!file || file.value.trim() === '' || file.multiline) {
      this.problem(at, 1, `${header} needs a FILE: the path of the included file, relative to this document (like "FILE: chapter.sdoc").`);
      return;
    }
    const written = file.value.trim();
    if (name === 'DOCUMENT_FROM_FILE' && !isStrictDocDocument(written)) {
      this.problem(file.valueLine, file.valueColumn, `${header} includes "${clip(written)}": StrictDoc includes documents only, files with the .sdoc extension.`);
      return;
    }
    const target = resolveInclude(this.ctx.file, written);
    this.includes.push({ line: file.valueLine + 1, column: file.valueColumn, directive: name as SdocInclude['directive'], written, ...(target !== undefined ? { target } : {}) });
  }

  /** Pops the open section or composite node that `[/NAME]` closes, or reports why it closes nothing. */
  private close(at: number, name: string, double: boolean, header: string): void {
    const index = findLastIndex(this.open, (open) => open.closer === name && open.double === double);
    if (index < 0) {
      this.problem(at, 1, `${header} closes nothing: no ${openerOf(name, double)} is open.`);
      return;
    }
    for (const inner of this.open.slice(index + 1)) {
      this.problem(inner.line, 1, `${inner.header} is never closed: expected ${closerOf(inner)} before ${header} on line ${at + 1}.`);
    }
    this.open.length = index;
  }

  /** Skips a `[FREETEXT]` … `[/FREETEXT]` block of the older format: it is prose. */
  private freeText(at: number): number {
    for (let i = at + 1; i < this.lines.length; i++) {
      if (/^\[\/FREETEXT\]\s*$/.test(this.lines[i]!)) return i + 1;
    }
    const end = this.recoveryPoint(at + 1);
    this.problem(at, 1, `[FREETEXT] is never closed by [/FREETEXT]; reading resumes ${resumesAt(end, this.lines.length)}.`);
    return end;
  }

  /**
   * The fields from 0-based line `from` to the blank line (or header) that ends the node, and the
   * line after them. Lines that are no field are problems; an unclosed `>>>` ends before the next
   * node, so that the rest of the document is still read.
   */
  private fields(from: number, header: string): { fields: Field[]; end: number } {
    const { lines } = this;
    const fields: Field[] = [];
    let i = from;
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.trim() === '' || HEADER.test(line)) break;
      const field = FIELD.exec(line);
      if (!field) {
        this.problem(i, 1, `Expected a field (NAME: value) in ${header}, found "${clip(line)}".`);
        i++;
        continue;
      }
      const name = field[1]!;
      const rest = field[2]!;
      if (MULTILINE_START.test(rest)) {
        const close = this.closingLine(i + 1);
        const end = close ?? this.recoveryPoint(i + 1);
        if (close === undefined) {
          this.problem(i, name.length + 3, `${name}: >>> is never closed by a <<< line; reading resumes ${resumesAt(end, lines.length)}.`);
        }
        fields.push({ name, line: i, value: lines.slice(i + 1, close ?? end).join('\n'), valueLine: i + 1, valueColumn: 1, multiline: true, block: [] });
        i = close === undefined ? end : close + 1;
        if (close === undefined) return { fields, end };
        continue;
      }
      if (rest.trim() === '') {
        // A block: `RELATIONS:`, `OPTIONS:`… with entries indented or starting with `-` below.
        const block: number[] = [];
        for (i++; i < lines.length && /^[ \t-]/.test(lines[i]!) && lines[i]!.trim() !== ''; i++) block.push(i);
        fields.push({ name, line: i - block.length - 1, value: '', valueLine: i - block.length - 1, valueColumn: name.length + 2, multiline: false, block });
        continue;
      }
      const offset = name.length + 1 + (rest.length - rest.trimStart().length);
      fields.push({ name, line: i, value: rest.trim(), valueLine: i, valueColumn: offset + 1, multiline: false, block: [] });
      i++;
    }
    return { fields, end: i };
  }

  /** Unknown fields (by the grammar) and repeated fields are problems, as in StrictDoc. */
  private checkFields(at: number, type: string, header: string, fields: readonly Field[]): void {
    const allowed = fieldsOf(this.grammar, type);
    if (allowed === null) {
      const where = this.grammar === DEFAULT_SDOC_GRAMMAR ? 'StrictDoc\'s default grammar (declare it in a [GRAMMAR] block)' : 'the document\'s [GRAMMAR]';
      this.problem(at, 1, `Unknown node type ${header}: not declared in ${where}.`);
    }
    const seen = new Map<string, number>();
    for (const field of fields) {
      const first = seen.get(field.name);
      if (first !== undefined && !REPEATABLE.has(field.name)) {
        this.problem(field.line, 1, `${field.name} appears twice in ${header} (first on line ${first + 1}); the first is used.`);
      }
      if (first === undefined) seen.set(field.name, field.line);
      if (allowed && !allowed.has(field.name) && !RELATION_FIELDS.has(field.name)) {
        this.problem(field.line, 1, `Unknown field ${field.name} in ${header}: the grammar of ${type} has ${[...allowed].join(', ')}.`);
      }
    }
  }

  /** The item a node with a UID defines, with its links; nothing for a node without a UID. */
  private item(type: string, fields: readonly Field[], end: number): void {
    const file = this.ctx.file;
    const first = new Map<string, Field>();
    for (const field of fields) if (!first.has(field.name)) first.set(field.name, field);
    const uid = first.get('UID');
    if (!uid) return;
    const id = uid.value.trim();
    if (!isId(id) || uid.multiline) {
      this.problem(uid.valueLine, uid.valueColumn, `UID "${clip(id)}" is not an ID Tracelens can trace (expected something like REQ-001, SDOC-SRS-18 or SDOC_UG_OPTIONS).`);
      return;
    }
    const raw: RawAttribute[] = [];
    const links: ItemLink[] = [];
    for (const field of fields) {
      if (field.name === 'UID' || field.name === 'TITLE' || field.name === 'STATEMENT' || field.name === 'BODY') continue;
      if (RELATION_FIELDS.has(field.name)) raw.push(...this.relations(field, links));
      else if (field.name === 'SPECIAL_FIELDS') raw.push(...this.specialFields(field));
      else if (first.get(field.name) === field) raw.push(fieldAttribute(field));
    }
    const { kind, links: attributeLinks, attributes, ...rest } = interpretAttributes(merged(raw), file, this.problems);
    const childIds = links.filter((link) => link.kind === 'child').map((link) => link.target);
    if (childIds.length > 0) attributes['child'] = childIds.join(', ');
    const titleField = first.get('TITLE');
    const text = first.get('STATEMENT') ?? first.get('BODY');
    this.items.push({
      file,
      line: uid.valueLine + 1,
      column: uid.valueColumn,
      endLine: end,
      endColumn: uid.valueColumn + id.length,
      id,
      // REQUIREMENT says nothing beyond "requirement": the prefix decides, as in other formats.
      kind: kind ?? (type === 'REQUIREMENT' ? undefined : kindNamed(type)) ?? this.ctx.kindOf(id),
      title: titleField ? titleField.value.replace(/\s*\n\s*/g, ' ').trim() : '',
      text: text ? text.value.trim() : '',
      ...rest,
      links: [...attributeLinks, ...links].sort(compareLocations),
      attributes,
      format: FORMAT,
    });
  }

  /**
   * The entries of `RELATIONS:` (or `REFS:`): Parent and Child relations to items, File relations
   * to code. Parent relations become raw `parent`, `verifies` or `mitigates` attributes (by their
   * role) so that their IDs are judged as every format's links are; Child relations become links.
   */
  private relations(field: Field, links: ItemLink[]): RawAttribute[] {
    const file = this.ctx.file;
    const entries: Array<{ line: number; values: Map<string, { value: string; line: number; column: number }> }> = [];
    for (const index of field.block) {
      const line = this.lines[index]!;
      const entry = /^(- | {2})([A-Z_]+):(.*)$/.exec(line);
      if (!entry) {
        this.problem(index, 1, `Expected a relation entry ("- TYPE: Parent" then "  VALUE: <UID>"), found "${clip(line)}".`);
        continue;
      }
      if (entry[1] === '- ') entries.push({ line: index, values: new Map() });
      const current = entries[entries.length - 1];
      if (!current) {
        this.problem(index, 1, `A relation entry starts with "- TYPE:", found "${clip(line)}".`);
        continue;
      }
      const key = entry[2]!;
      const rest = entry[3]!;
      if (current.values.has(key)) this.problem(index, 3, `${key} appears twice in one relation; the first is used.`);
      else current.values.set(key, { value: rest.trim(), line: index + 1, column: 4 + key.length + (rest.length - rest.trimStart().length) });
    }
    const raw: RawAttribute[] = [];
    const files: ValuePart[] = [];
    for (const entry of entries) {
      const type = entry.values.get('TYPE');
      const value = entry.values.get('VALUE') ?? entry.values.get('PATH');
      if (!type) {
        this.problem(entry.line, 1, 'Relation has no TYPE: expected Parent, Child or File.');
        continue;
      }
      if (!value || value.value === '') {
        this.problem(entry.line, 1, `${type.value} relation has no VALUE.`);
        continue;
      }
      const part: ValuePart = { text: value.value, line: value.line, column: value.column };
      switch (type.value) {
        case 'Parent': {
          const meaning = roleMeaning(entry.values.get('ROLE')?.value);
          raw.push({ key: meaning, value: part.text, line: part.line, column: part.column, parts: [part], meaning });
          break;
        }
        case 'Child':
          if (isId(part.text)) links.push({ file, line: part.line, column: part.column, kind: 'child', target: part.text });
          else this.problem(part.line - 1, part.column, `"${clip(part.text)}" in a Child relation is not a requirement ID (expected something like REQ-001).`);
          break;
        case 'File':
          files.push(part);
          break;
        case 'BibRef':
          // A bibliography entry (StrictDoc 0.0.4x): a citation, neither an item nor code.
          break;
        default:
          this.problem(type.line - 1, type.column, `Unknown relation TYPE "${clip(type.value)}": expected Parent, Child or File.`);
      }
    }
    if (files.length > 0) raw.push({ key: 'files', value: files.map((f) => f.text).join(', '), line: files[0]!.line, column: files[0]!.column, parts: files, meaning: null });
    return raw;
  }

  /** `SPECIAL_FIELDS:` of the older format: `  NAME: value` lines, each an attribute. */
  private specialFields(field: Field): RawAttribute[] {
    const raw: RawAttribute[] = [];
    for (const index of field.block) {
      const entry = /^( +)([A-Z][A-Za-z0-9_-]*):(.*)$/.exec(this.lines[index]!);
      if (!entry) {
        this.problem(index, 1, `Expected "  NAME: value" under SPECIAL_FIELDS, found "${clip(this.lines[index]!)}".`);
        continue;
      }
      const rest = entry[3]!;
      const column = entry[1]!.length + entry[2]!.length + 2 + (rest.length - rest.trimStart().length);
      raw.push({ key: entry[2]!, value: rest.trim(), line: index + 1, column, parts: splitInline(rest.trim(), index + 1, column) });
    }
    return raw;
  }

  /** The 0-based line of the `<<<` that closes a block opened before `from`, if any. */
  private closingLine(from: number): number | undefined {
    for (let i = from; i < this.lines.length; i++) if (MULTILINE_END.test(this.lines[i]!)) return i;
    return undefined;
  }

  /** Where reading resumes after an unclosed block: the next header after a blank line, else the end. */
  private recoveryPoint(from: number): number {
    for (let i = from; i < this.lines.length; i++) {
      if (HEADER.test(this.lines[i]!) && (i === 0 || this.lines[i - 1]!.trim() === '')) return i;
    }
    return this.lines.length;
  }

  private nextBlank(from: number): number {
    let i = from;
    while (i < this.lines.length && this.lines[i]!.trim() !== '') i++;
    return i;
  }

  private nextHeader(from: number): number {
    let i = from;
    while (i < this.lines.length && !HEADER.test(this.lines[i]!)) i++;
    return i;
  }

  private problem(index: number, column: number, message: string): void {
    this.problems.push({ file: this.ctx.file, line: index + 1, column, message });
  }
}

/** Whether an included path names a StrictDoc document (`.sdoc`), as `[DOCUMENT_FROM_FILE]` requires. */
function isStrictDocDocument(file: string): boolean {
  return /\.sdoc$/i.test(file);
}

/**
 * The root-relative POSIX path an include names: `written` relative to the folder of `file` (`\`
 * taken for `/`, as StrictDoc joins paths on Windows); undefined when it leaves the project root.
 */
export function resolveInclude(file: string, written: string): string | undefined {
  const path = written.replace(/\\/g, '/');
  // An absolute path cannot be placed under the root, whatever it names.
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return undefined;
  const segments = file.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return undefined;
  }
  return segments.length === 0 ? undefined : segments.join('/');
}

/** What a Parent relation's ROLE makes it: `verifies` or `mitigates` when it says so, else `parent`. */
function roleMeaning(role: string | undefined): KnownKey {
  const word = (role ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (['verifies', 'verify', 'verification', 'verifiedby', 'tests', 'test'].includes(word)) return 'verifies';
  if (['mitigates', 'mitigation', 'mitigate'].includes(word)) return 'mitigates';
  return 'parent';
}

/** Meanings whose values are lists read part by part (IDs, needs); the others read the whole value. */
const LIST_MEANINGS: ReadonlySet<KnownKey | undefined> = new Set<KnownKey>(['parent', 'mitigates', 'verifies', 'needs']);

/** A field as a raw attribute; a multi-line value's parts are its lines, each split. */
function fieldAttribute(field: Field): RawAttribute {
  const value = field.multiline ? field.value.trim() : field.value;
  // Splitting costs: thousands of RATIONALE and TAGS values are never read part by part.
  if (!LIST_MEANINGS.has(knownKey(field.name))) return { key: field.name, value, line: field.valueLine + 1, column: field.valueColumn, parts: [] };
  const parts = field.multiline
    ? field.value.split('\n').flatMap((text, index) => splitInline(text, field.valueLine + 1 + index, 1))
    : splitInline(field.value, field.valueLine + 1, field.valueColumn);
  return { key: field.name, value, line: field.valueLine + 1, column: field.valueColumn, parts };
}

/**
 * Raw attributes of the same key merged into one (several Parent relations are one `parent` list),
 * in order, so that the item's `attributes` name every target and not only the last.
 */
function merged(raw: readonly RawAttribute[]): RawAttribute[] {
  const byKey = new Map<string, RawAttribute>();
  for (const attribute of raw) {
    const key = attribute.key.toLowerCase();
    const before = byKey.get(key);
    byKey.set(key, before
      ? { ...before, value: `${before.value}, ${attribute.value}`, parts: [...before.parts, ...attribute.parts] }
      : attribute);
  }
  return [...byKey.values()];
}

function closerOf(open: Open): string {
  return open.double ? `[[/${open.closer}]]` : `[/${open.closer}]`;
}

function openerOf(name: string, double: boolean): string {
  if (double) return `[[${name}]]`;
  return name === 'COMPOSITE_REQUIREMENT' ? '[COMPOSITE_…]' : `[${name}]`;
}

function resumesAt(end: number, count: number): string {
  return end >= count ? 'nowhere: it runs to the end of the file' : `at line ${end + 1}`;
}

/** A line shortened for a message. */
function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed;
}

function findLastIndex<T>(list: readonly T[], test: (value: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}
