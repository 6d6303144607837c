/**
 * Requirement stubs: where a new item goes and the text that defines it, in the format of the
 * items around it. Used by the editor's "Create REQ-099" quick fix and "Create Requirement…"
 * command. Pure: the caller reads the target file and applies the planned insertion as an edit.
 */
import type { TableField, TracelensConfig } from '../config/types';
import { idNumbering, idPrefix, idShape } from '../model/ids';
import type { Item, ItemKind, SafetyClass } from '../model/types';
import { tableRowAt, type TableCell } from '../readers/markdownTables';
import { indexOfId } from '../readers/sourceText';
import { idNumber } from './idSuggestions';
import { mystNeedAt } from './mystNeedAt';

/** The item formats a stub can be written in (see {@link Item.format}). */
export type StubFormat = 'markdown-headings' | 'markdown-table' | 'markdown-front-matter' | 'yaml' | 'openfasttrace' | 'strictdoc' | 'sphinx-needs' | 'sphinx-needs-json' | 'doorstop';

/** Where a stub goes: an existing file next to its neighbour, or a new file. */
export interface StubTarget {
  /** POSIX path relative to the project root. */
  readonly file: string;
  /** True when the file is to be created; otherwise the stub is inserted into its text. */
  readonly create: boolean;
  readonly format: StubFormat;
  /** The item with the same prefix and the nearest number, which the stub is placed next to. */
  readonly neighbour?: Item;
  /** The last item of the file when appending without a same-prefix neighbour. */
  readonly last?: Item;
  /** The configured table header names, for a row in a table (see {@link TracelensConfig.tableColumns}). */
  readonly tableColumns?: Readonly<Record<string, TableField>>;
  /**
   * Why no stub can be written there: the neighbours are in a file Tracelens only reads (a
   * sphinx-needs export). The caller says so instead of planning an edit.
   */
  readonly readOnly?: string;
}

/** What the stub says. */
export interface StubContent {
  readonly id: string;
  readonly kind: ItemKind;
  readonly title?: string;
  readonly safetyClass?: SafetyClass;
}

/** An insertion into a file (or the whole text of a new file) and where the new ID lands. */
export interface StubPlan {
  readonly file: string;
  readonly create: boolean;
  /** UTF-16 offset in the current text at which `text` is inserted (0 for a new file). */
  readonly offset: number;
  readonly text: string;
  /** 1-based line of the new item's ID after the insertion. */
  readonly line: number;
}

/** Placeholder title and statement: searchable, and obviously unfinished in a review. */
export const STUB_TITLE = 'TODO title';
export const STUB_TEXT = 'TODO: state what the software shall do.';

const KNOWN_FORMATS: readonly string[] = ['markdown-headings', 'markdown-table', 'markdown-front-matter', 'yaml', 'openfasttrace', 'strictdoc', 'sphinx-needs', 'sphinx-needs-json', 'doorstop'];

/**
 * The folder a `requirements` glob searches (`requirements/**\/*.md` → `requirements`), POSIX,
 * '' for the root. A glob naming one file gives that file's folder.
 */
export function requirementsFolderOf(glob: string): string {
  const segments = glob.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (/[*?[\]{}]/.test(segment)) break;
    fixed.push(segment);
  }
  if (fixed.length === segments.length && /\.(?:md|markdown|ya?ml|sdoc|rst|reqifz?)$/i.test(fixed[fixed.length - 1] ?? '')) fixed.pop();
  return fixed.join('/');
}

function dirname(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/**
 * The item nearest to the ID: of the same stem (`REQ-SYS` for `REQ-SYS-099`, see `idNumbering`)
 * when there is one, else of the same prefix; with the nearest number (the lower one on a tie).
 */
export function nearestNeighbour(id: string, items: readonly Item[]): Item | undefined {
  return nearestOf(id, items, KNOWN_FORMATS);
}

/** The nearest item (see {@link nearestNeighbour}) among items of `formats`. */
function nearestOf(id: string, items: readonly Item[], formats: readonly string[]): Item | undefined {
  const stem = idNumbering(id)?.stem;
  const sameStem = stem === undefined ? [] : items.filter((item) => idNumbering(item.id)?.stem === stem);
  return nearestByNumber(id, sameStem, formats) ?? nearestByNumber(id, items, formats);
}

function nearestByNumber(id: string, items: readonly Item[], formats: readonly string[]): Item | undefined {
  const prefix = idPrefix(id);
  const number = idNumber(id) ?? 0;
  let best: { item: Item; gap: number } | undefined;
  for (const item of items) {
    if (item.id === id || idPrefix(item.id) !== prefix || !formats.includes(item.format)) continue;
    const gap = Math.abs((idNumber(item.id) ?? 0) - number);
    const lower = (idNumber(item.id) ?? 0) <= number;
    if (!best || gap < best.gap || (gap === best.gap && lower)) best = { item, gap };
  }
  return best?.item;
}

/** Formats that hold one item a file: their items' home is the folder, not the file. */
const ONE_ITEM_A_FILE: readonly string[] = ['markdown-front-matter', 'doorstop'];

function homeOf(item: Item): string {
  return ONE_ITEM_A_FILE.includes(item.format) ? `${dirname(item.file)}/` : item.file;
}

// Implements: TL-224
/**
 * The item a new ID is placed beside: among the items of its family (its stem when the nearest
 * item shares it, else its prefix), those of the file holding most of them (for one-item-a-file
 * formats, the folder), the nearest by number; on a tie of files, the file of the nearest item.
 * `REQ-099` goes beside `REQ-015` in the file holding `REQ-001`…`REQ-015`, not beside a lone
 * `REQ-020` in a file of its own.
 */
export function homeNeighbour(id: string, items: readonly Item[]): Item | undefined {
  const nearest = nearestNeighbour(id, items);
  if (!nearest) return undefined;
  const stem = idNumbering(id)?.stem;
  const byStem = stem !== undefined && idNumbering(nearest.id)?.stem === stem;
  const family = items.filter((item) => KNOWN_FORMATS.includes(item.format) && item.id !== id
    && (byStem ? idNumbering(item.id)?.stem === stem : idPrefix(item.id) === idPrefix(id)));
  const counts = new Map<string, number>();
  for (const item of family) counts.set(homeOf(item), (counts.get(homeOf(item)) ?? 0) + 1);
  const nearestHome = homeOf(nearest);
  let home = nearestHome;
  for (const [candidate, count] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count > counts.get(home)!) home = candidate;
  }
  return home === nearestHome ? nearest : nearestOf(id, family.filter((item) => homeOf(item) === home), KNOWN_FORMATS);
}

/** Formats that a requirements tool writes and Tracelens only reads (ReqIF exports). */
export const READ_ONLY_FORMATS: readonly string[] = ['reqif'];

// Implements: TL-134
/**
 * Why no stub may be written for `id`, or undefined when one may: its nearest neighbour (see
 * {@link nearestNeighbour}, over every format) is an item of a read-only format, so the new item
 * belongs in the tool that exports that file, never in a Markdown file beside it or in the export.
 */
export function stubRefusal(id: string, items: readonly Item[]): string | undefined {
  const neighbour = nearestOf(id, items, [...KNOWN_FORMATS, ...READ_ONLY_FORMATS]);
  if (!neighbour || !READ_ONLY_FORMATS.includes(neighbour.format)) return undefined;
  return `${id} belongs beside ${neighbour.id}, which ${neighbour.file} holds as exported from a requirements tool (ReqIF): ` +
    `create ${id} in that tool and export again; Tracelens never edits an export.`;
}

// Implements: TL-046
/**
 * Chooses where a new item goes: next to its neighbour (see {@link homeNeighbour}; a new file beside it
 * when items are one file each, a new row in its table when it is a table row), else appended to
 * the Markdown file holding the most items (after its last item, as a heading or a table row like
 * it), else a new `requirements.md` in the first requirements folder.
 */
export function chooseStubTarget(id: string, items: readonly Item[], config: TracelensConfig): StubTarget {
  const columns = config.tableColumns ? { tableColumns: config.tableColumns } : {};
  const neighbour = homeNeighbour(id, items);
  if (neighbour) {
    const format = neighbour.format as StubFormat;
    if (format === 'markdown-front-matter') return { file: join(dirname(neighbour.file), `${id}.md`), create: true, format, neighbour };
    // Implements: TL-129
    if (format === 'sphinx-needs-json') {
      const from = neighbour.origin ?? neighbour.file;
      const source = neighbour.origin === undefined ? '' : ` (${neighbour.id} is written in ${neighbour.file})`;
      return {
        file: from, create: false, format, neighbour,
        readOnly: `${neighbour.id}, the nearest item to ${id}, is read from ${from}, a sphinx-needs export that Tracelens does not write: add ${id} to the .rst source${source} and build the export again.`,
      };
    }
    // A Doorstop item is a file named by its UID, beside its neighbour and in its item format.
    if (format === 'doorstop') return { file: join(dirname(neighbour.file), `${id}${/\.[^./]+$/.exec(neighbour.file)?.[0] ?? '.yml'}`), create: true, format, neighbour };
    return { file: neighbour.file, create: false, format, neighbour, ...(format === 'markdown-table' ? columns : {}) };
  }
  const counts = new Map<string, Item[]>();
  const typed = idShape(id) === 'typed';
  for (const item of items) {
    // An OpenFastTrace ID goes among OpenFastTrace items, and only there.
    if (typed ? item.format !== 'openfasttrace' : item.format !== 'markdown-headings' && item.format !== 'markdown-table' && item.format !== 'sphinx-needs') continue;
    const list = counts.get(item.file);
    if (list) list.push(item);
    else counts.set(item.file, [item]);
  }
  const busiest = [...counts.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  if (busiest) {
    const last = busiest[1].reduce((a, b) => (b.line > a.line ? b : a));
    if (last.format === 'markdown-table') return { file: busiest[0], create: false, format: 'markdown-table', last, ...columns };
    if (!typed && last.format === 'sphinx-needs') return { file: busiest[0], create: false, format: 'sphinx-needs', last };
    return { file: busiest[0], create: false, format: typed ? 'openfasttrace' : 'markdown-headings', last };
  }
  const folder = requirementsFolderOf(config.requirements[0] ?? 'requirements') || 'requirements';
  return { file: join(folder, 'requirements.md'), create: true, format: typed ? 'openfasttrace' : 'markdown-headings' };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Lines of a text and the offset at which each starts. */
function linesOf(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    starts.push(start);
    lines.push(text.slice(start, match.index));
    start = match.index + match[0].length;
  }
  starts.push(start);
  lines.push(text.slice(start));
  return { lines, starts };
}

const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

/** Heading level of the item whose heading is on 1-based `line` (ATX `###` or setext), default 2. */
export function headingLevelAt(lines: readonly string[], line: number): number {
  const text = lines[line - 1] ?? '';
  const atx = /^ {0,3}(#{1,6})(?:\s|$)/.exec(text);
  if (atx) return atx[1]!.length;
  const underline = lines[line] ?? '';
  if (/^ {0,3}=+\s*$/.test(underline)) return 1;
  if (/^ {0,3}-+\s*$/.test(underline)) return 2;
  return 2;
}

/**
 * Inserts `block` (lines ending in `eol`) at the start of 0-based line `at` (lines.length: the
 * end), with a blank line on either side when `spaced`. Returns the offset, the text and the
 * 1-based line of the block's first line.
 */
function insertBlock(text: string, at: number, block: string, spaced: boolean): { offset: number; text: string; line: number } {
  const eol = eolOf(text);
  const { lines, starts } = linesOf(text);
  // A final line without a line break counts as a line; "the end" is after it.
  const lastIsEmpty = lines[lines.length - 1] === '';
  const lineCount = lastIsEmpty ? lines.length - 1 : lines.length;
  let prefix = '';
  let offset: number;
  if (at >= lineCount) {
    offset = text.length;
    if (!lastIsEmpty) prefix += eol;
  } else {
    offset = starts[at]!;
  }
  const before = at > 0 ? lines[Math.min(at, lineCount) - 1] : undefined;
  if (spaced && at > 0 && !isBlank(before)) prefix += eol;
  const after = at < lineCount ? lines[at] : undefined;
  const suffix = spaced && at < lineCount && !isBlank(after) ? eol : '';
  const breaks = ((text.slice(0, offset) + prefix).match(/\r\n|\r|\n/g) ?? []).length;
  return { offset, text: prefix + block + suffix, line: breaks + 1 };
}

function classLine(content: StubContent): string | undefined {
  return content.safetyClass ? `class: ${content.safetyClass}` : undefined;
}

/** The text of a new Markdown file holding one heading item. */
function newHeadingFile(content: StubContent, eol = '\n'): { text: string; line: number } {
  const attributes = [classLine(content)].filter((a): a is string => a !== undefined).map((a) => `- ${a}${eol}`).join('');
  return {
    text: `# Requirements${eol}${eol}## ${content.id}: ${content.title ?? STUB_TITLE}${eol}${attributes}${eol}${STUB_TEXT}${eol}`,
    line: 3,
  };
}

/** The text of a new Markdown file with front matter (one item per file). */
function newFrontMatterFile(content: StubContent, eol = '\n'): { text: string; line: number } {
  const attributes = [classLine(content)].filter((a): a is string => a !== undefined).map((a) => `${a}${eol}`).join('');
  return {
    text: `---${eol}id: ${content.id}${eol}title: ${yamlScalar(content.title ?? STUB_TITLE)}${eol}${attributes}---${eol}${eol}${STUB_TEXT}${eol}`,
    line: 2,
  };
}

// Implements: TL-118
/**
 * The text of a new Doorstop item (`REQ099.yml`, or `.md` in a Markdown document): Doorstop's
 * attributes of a new item in its order, unreviewed and without links; the header and text are
 * the placeholders. The item's position is the file's first line.
 */
function newDoorstopFile(content: StubContent, markdown: boolean, eol = '\n'): { text: string; line: number } {
  const title = content.title ?? STUB_TITLE;
  const extended = [classLine(content)].filter((a): a is string => a !== undefined).map((a) => `${a}${eol}`).join('');
  const attributes = `active: true${eol}${extended}derived: false${eol}`;
  const rest = `level: 1.0${eol}links: []${eol}normative: true${eol}ref: ''${eol}reviewed: null${eol}`;
  if (markdown) return { text: `---${eol}${attributes}${rest}---${eol}${eol}# ${title}${eol}${eol}${STUB_TEXT}${eol}`, line: 1 };
  return { text: `${attributes}header: |${eol}  ${title}${eol}${rest}text: |${eol}  ${STUB_TEXT}${eol}`, line: 1 };
}

/** A YAML plain scalar when safe, else a double-quoted string. */
function yamlScalar(text: string): string {
  return /^[A-Za-z0-9][^:#'"{}[\],&*!|>%@`]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

/**
 * Plans the stub's insertion. `text` is the target file's current text (ignored for a new file).
 * A YAML neighbour whose `id:` line cannot be read falls back to a new front-matter file beside it.
 * A {@link StubTarget.readOnly} target has no plan: callers say why instead (this throws it).
 */
export function planStub(target: StubTarget, text: string | undefined, content: StubContent): StubPlan {
  if (target.readOnly !== undefined) throw new Error(target.readOnly);
  if (target.create || text === undefined) {
    const made = target.format === 'doorstop' ? newDoorstopFile(content, /\.md$/i.test(target.file))
      : target.format === 'markdown-front-matter' ? newFrontMatterFile(content)
      : target.format === 'openfasttrace' ? newOftFile(content) : newHeadingFile(content);
    return { file: target.file, create: true, offset: 0, text: made.text, line: made.line };
  }
  const eol = eolOf(text);
  const { lines } = linesOf(text);
  const title = content.title ?? STUB_TITLE;
  if (target.format === 'yaml') {
    const anchor = target.neighbour ?? target.last;
    const idLine = anchor ? lines[anchor.line - 1] ?? '' : '';
    const shape = /^(\s*)(-\s+)?(id|itemId|itemid)\s*:/.exec(idLine);
    if (!anchor || !shape) {
      const dir = dirname(target.file);
      return planStub({ file: join(dir, `${content.id}.md`), create: true, format: 'markdown-front-matter' }, undefined, content);
    }
    const dashIndent = shape[2] ? shape[1]! : shape[1]!.slice(0, Math.max(0, shape[1]!.length - 2));
    const keyIndent = `${dashIndent}  `;
    const keys = [`title: ${yamlScalar(title)}`, classLine(content), `text: ${yamlScalar(STUB_TEXT)}`].filter((k): k is string => k !== undefined);
    const block = `${dashIndent}- ${shape[3]}: ${content.id}${eol}${keys.map((k) => `${keyIndent}${k}${eol}`).join('')}`;
    // Follow the file's habit: a blank line between items if the neighbour is followed by one.
    const spaced = (isBlank(lines[anchor.endLine]) && anchor.endLine < lines.length - 1) || (anchor.line >= 2 && isBlank(lines[anchor.line - 2]));
    const planned = insertBlock(text, anchor.endLine, block, spaced);
    return { file: target.file, create: false, ...planned };
  }
  if (target.format === 'openfasttrace') return planOftItem(target, text, lines, content);
  if (target.format === 'strictdoc') return planSdocNode(target, text, lines, content);
  if (target.format === 'sphinx-needs') return planNeed(target, text, lines, content);
  if (target.format === 'markdown-table') {
    const planned = planTableRow(target, text, lines, content);
    if (planned) return planned;
    // The table is not where the snapshot saw it (the file changed since): a heading item instead.
    return planStub({ ...target, format: 'markdown-headings' }, text, content);
  }
  const anchor = target.neighbour ?? target.last;
  const level = anchor ? headingLevelAt(lines, anchor.line) : 2;
  const attributes = [classLine(content)].filter((a): a is string => a !== undefined).map((a) => `- ${a}${eol}`).join('');
  const block = `${'#'.repeat(level)} ${content.id}: ${title}${eol}${attributes}${eol}${STUB_TEXT}${eol}`;
  let at = lines.length;
  if (target.neighbour) {
    const before = (idNumber(content.id) ?? 0) < (idNumber(target.neighbour.id) ?? 0);
    at = before ? target.neighbour.line - 1 : target.neighbour.endLine;
  } else if (target.last) {
    at = target.last.endLine;
  }
  const planned = insertBlock(text, at, block, true);
  return { file: target.file, create: false, ...planned };
}

/** The text of a new Markdown file holding one OpenFastTrace item. */
function newOftFile(content: StubContent, eol = '\n'): { text: string; line: number } {
  return { text: `# Specification${eol}${eol}## ${content.title ?? STUB_TITLE}${eol}\`${content.id}\`${eol}${eol}${STUB_TEXT}${eol}`, line: 4 };
}

// Implements: TL-124
/**
 * A new OpenFastTrace item after the anchor item (or at the end of the file): a title heading at
 * the anchor's title level when the anchor has one, the backticked ID line, the statement, and
 * the `Needs:` of a neighbour of the same type as written, so that it asks for the same coverage.
 */
function planOftItem(target: StubTarget, text: string, lines: readonly string[], content: StubContent): StubPlan {
  const eol = eolOf(text);
  const anchor = target.neighbour ?? target.last;
  let level = anchor ? 0 : 2;
  if (anchor && anchor.title !== '') {
    let above = anchor.line - 2;
    while (above >= 0 && isBlank(lines[above])) above--;
    level = above >= 0 ? headingLevelAt(lines, above + 1) : 2;
  }
  const heading = level > 0 ? `${'#'.repeat(level)} ${content.title ?? STUB_TITLE}${eol}` : '';
  // Only an item of the same type says what the new one needs.
  const needs = target.neighbour?.attributes['needs'];
  const block = `${heading}\`${content.id}\`${eol}${eol}${STUB_TEXT}${needs ? `${eol}${eol}Needs: ${needs}` : ''}${eol}`;
  const planned = insertBlock(text, anchor ? anchor.endLine : lines.length, block, true);
  return { file: target.file, create: false, ...planned, line: planned.line + (heading === '' ? 0 : 1) };
}

// Implements: TL-113
/**
 * A new StrictDoc node beside the anchor item's node, before or after it (by number), of the
 * anchor's type and with the fields it has of `TITLE` and `STATEMENT` (a custom grammar may have
 * neither), so that StrictDoc accepts the document. A blank line on either side, as SDoc requires.
 * When the anchor's node is no longer where the snapshot saw it, a `[REQUIREMENT]` at the end.
 */
function planSdocNode(target: StubTarget, text: string, lines: readonly string[], content: StubContent): StubPlan {
  const anchor = target.neighbour ?? target.last;
  let header = anchor ? anchor.line - 2 : -1;
  while (header >= 0 && !isBlank(lines[header]) && !/^\[/.test(lines[header]!)) header--;
  const type = header >= 0 ? /^\[\[?(?:COMPOSITE_)?([A-Z][A-Z0-9_]*)\]\]?\s*$/.exec(lines[header]!)?.[1] : undefined;
  const fields = new Set<string>();
  if (type !== undefined) {
    for (let i = header + 1; i < lines.length && !isBlank(lines[i]); i++) fields.add(/^([A-Z][A-Za-z0-9_-]*):/.exec(lines[i]!)?.[1] ?? '');
  }
  const eol = eolOf(text);
  const all = type === undefined || type === 'REQUIREMENT';
  const block = [
    `[${type ?? 'REQUIREMENT'}]`, `UID: ${content.id}`,
    ...(all || fields.has('TITLE') ? [`TITLE: ${content.title ?? STUB_TITLE}`] : []),
    ...(all || fields.has('STATEMENT') ? [`STATEMENT: ${STUB_TEXT}`] : []),
  ].map((line) => `${line}${eol}`).join('');
  let at = lines.length;
  if (type !== undefined && anchor) {
    const before = anchor === target.neighbour && (idNumber(content.id) ?? 0) < (idNumber(anchor.id) ?? 0);
    at = before ? header : anchor.endLine;
  }
  const planned = insertBlock(text, at, block, true);
  return { file: target.file, create: false, ...planned, line: planned.line + 1 };
}

/** The need directive whose `:id:` is on 1-based `idLine`: its lines `[start, end)`, indentation and type. */
function needBlockAt(lines: readonly string[], idLine: number): { start: number; end: number; indent: string; optionIndent: string; type: string } | undefined {
  const id = lines[idLine - 1] ?? '';
  const optionIndent = /^[ \t]*/.exec(id)![0];
  for (let start = idLine - 2; start >= Math.max(0, idLine - 40); start--) {
    const directive = /^([ \t]*)\.\.[ \t]+([A-Za-z0-9][\w.+:-]*)::/.exec(lines[start]!);
    if (!directive) continue;
    if (directive[1]!.length >= optionIndent.length) return undefined;
    let end = start + 1;
    while (end < lines.length && (isBlank(lines[end]) || /^[ \t]*/.exec(lines[end]!)![0].length > directive[1]!.length)) end++;
    while (end > start + 1 && isBlank(lines[end - 1])) end--;
    return { start, end, indent: directive[1]!, optionIndent, type: directive[2]! };
  }
  return undefined;
}

// Implements: TL-129
/**
 * A new need directive of the anchor's type and indentation, before or after the anchor's whole
 * directive (by number), with a blank line around it; at the end of the file as a `req` when the
 * anchor's directive is no longer where it was read. The class is not written: sphinx-needs
 * rejects options a project has not declared.
 */
function planNeed(target: StubTarget, text: string, lines: readonly string[], content: StubContent): StubPlan {
  const eol = eolOf(text);
  const anchor = target.neighbour ?? target.last;
  if (/\.(?:md|markdown)$/i.test(target.file)) return planMystNeed(target, text, lines, content);
  const block = anchor ? needBlockAt(lines, anchor.line) : undefined;
  const indent = block?.indent ?? '';
  const options = block?.optionIndent ?? `${indent}   `;
  const need = `${indent}.. ${block?.type ?? 'req'}:: ${content.title ?? STUB_TITLE}${eol}${options}:id: ${content.id}${eol}${eol}${options}${STUB_TEXT}${eol}`;
  const before = block !== undefined && anchor === target.neighbour && (idNumber(content.id) ?? 0) < (idNumber(anchor!.id) ?? 0);
  const planned = insertBlock(text, block ? (before ? block.start : block.end) : lines.length, need, true);
  return { file: target.file, create: false, ...planned, line: planned.line + 1 };
}

// Implements: TL-263
/**
 * A new need in a MyST Markdown file: a fence of the anchor's marker, type and prefix with an
 * `:id:` option, before or after the anchor's fence (by number); a backtick `req` fence at the
 * end of the file when the anchor's fence is no longer where it was read.
 */
function planMystNeed(target: StubTarget, text: string, lines: readonly string[], content: StubContent): StubPlan {
  const eol = eolOf(text);
  const anchor = target.neighbour ?? target.last;
  const block = anchor ? mystNeedAt(text, anchor.line) : undefined;
  const prefix = block?.prefix ?? '';
  const fence = block?.fence ?? '```';
  const need = [`${fence}{${block?.type ?? 'req'}} ${content.title ?? STUB_TITLE}`, `:id: ${content.id}`, '', STUB_TEXT, fence]
    .map((line) => `${prefix}${line}`.trimEnd() + eol).join('');
  const before = block !== undefined && anchor === target.neighbour && (idNumber(content.id) ?? 0) < (idNumber(anchor!.id) ?? 0);
  const planned = insertBlock(text, block ? (before ? block.start : block.end) : lines.length, need, true);
  return { file: target.file, create: false, ...planned, line: planned.line + 1 };
}

// Implements: TL-084
/**
 * A new row in the table holding the anchor item's row, just before or after it (by number), in
 * the table's column layout: the ID, title, text and class in their columns, every other cell
 * empty, cells padded like the anchor row's. Undefined when the anchor's line is no longer its
 * row in a table under a header (the file changed since it was read).
 */
function planTableRow(target: StubTarget, text: string, lines: readonly string[], content: StubContent): StubPlan | undefined {
  const anchor = target.neighbour ?? target.last;
  if (!anchor) return undefined;
  const rowIndex = anchor.line - 1;
  const row = lines[rowIndex] ?? '';
  const table = tableRowAt(lines, rowIndex, target.tableColumns);
  if (!table) return undefined;
  const { fields, cells } = table;
  // The anchor's row must still name the anchor in its ID cell.
  const idCell = cells[fields.indexOf('id')];
  if (!idCell || indexOfId(idCell.raw, anchor.id) < 0) return undefined;
  const title = content.title ?? STUB_TITLE;
  const hasTitle = fields.includes('title');
  const values = fields.map((field, column) => {
    if (column !== fields.indexOf(field)) return '';
    if (field === 'id') return content.id;
    if (field === 'title') return title;
    if (field === 'text') return hasTitle ? STUB_TEXT : content.title ?? STUB_TEXT;
    if (field === 'class') return content.safetyClass ?? '';
    return '';
  });
  const newRow = row.slice(0, table.from) + layoutRow(row, cells, values.map((value) => value.replace(/\|/g, '\\|')));
  const before = anchor === target.neighbour && (idNumber(content.id) ?? 0) < (idNumber(anchor.id) ?? 0);
  const planned = insertBlock(text, before ? rowIndex : rowIndex + 1, newRow + eolOf(text), false);
  return { file: target.file, create: false, ...planned };
}

/**
 * `values` written as a row shaped like `row` (whose cells are `cells`): outer pipes where it has
 * them, and each cell as wide as the same cell there, or wider when its value needs it.
 */
function layoutRow(row: string, cells: readonly TableCell[], values: readonly string[]): string {
  const leading = cells[0]!.from > 0 && row[cells[0]!.from - 1] === '|';
  const lastCell = cells[cells.length - 1]!;
  const trailing = row[lastCell.to] === '|';
  const written = values.map((value, column) => {
    const cell = cells[Math.min(column, cells.length - 1)]!;
    const width = column < cells.length ? cell.to - cell.from : 0;
    const first = column === 0 && !leading;
    const last = column === values.length - 1 && !trailing;
    const padded = `${first ? '' : ' '}${value}`;
    return last ? padded : `${padded} `.padEnd(width);
  });
  return `${leading ? '|' : ''}${written.join('|')}${trailing ? '|' : ''}`;
}

// Implements: TL-097
/**
 * The next unused ID with `stem` (see `idNumbering`: `REQ`, `REQ-SYS`), numbered one past the
 * highest, zero-padded and separated like the existing IDs (`REQ-021` after `REQ-020`, `REQ021`
 * after `REQ020`, `REQ-SYS-003` after `REQ-SYS-002`), with `-` when the stem has no IDs yet.
 */
export function nextFreeId(stem: string, ids: Iterable<string>): string {
  let highest = 0;
  let width = 3;
  let separator = '-';
  const known = new Set<string>();
  for (const id of ids) {
    known.add(id);
    const numbering = idNumbering(id);
    if (numbering?.stem !== stem || numbering.digits.length === 0) continue;
    separator = numbering.separator;
    width = numbering.digits.length;
    highest = Math.max(highest, Number(numbering.digits));
  }
  for (let n = highest + 1; ; n++) {
    const candidate = `${stem}${separator}${String(n).padStart(width, '0')}`;
    if (!known.has(candidate)) return candidate;
  }
}

/**
 * The stem (see `idNumbering`: `REQ`, `REQ-SYS`) used by most numbered items of `kind`, or
 * undefined when there are none.
 */
export function commonPrefix(items: readonly Item[], kind: ItemKind = 'requirement'): string | undefined {
  const counts = new Map<string, number>();
  for (const item of items) {
    const stem = item.kind === kind ? idNumbering(item.id)?.stem : undefined;
    if (stem !== undefined) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
