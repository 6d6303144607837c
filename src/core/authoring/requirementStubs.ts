/**
 * Requirement stubs: where a new item goes and the text that defines it, in the format of the
 * items around it. Used by the editor's "Create REQ-099" quick fix and "Create Requirement…"
 * command. Pure: the caller reads the target file and applies the planned insertion as an edit.
 */
import type { TableField, TracelensConfig } from '../config/types';
import { idNumbering, idPrefix } from '../model/ids';
import type { Item, ItemKind, SafetyClass } from '../model/types';
import { tableRowAt, type TableCell } from '../readers/markdownTables';
import { indexOfId } from '../readers/sourceText';
import { idNumber } from './idSuggestions';

/** The item formats a stub can be written in (see {@link Item.format}). */
export type StubFormat = 'markdown-headings' | 'markdown-table' | 'markdown-front-matter' | 'yaml';

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

const KNOWN_FORMATS: readonly string[] = ['markdown-headings', 'markdown-table', 'markdown-front-matter', 'yaml'];

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
  if (fixed.length === segments.length && /\.(?:md|markdown|ya?ml|reqifz?)$/i.test(fixed[fixed.length - 1] ?? '')) fixed.pop();
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
 * Chooses where a new item goes: next to its nearest same-prefix neighbour (a new file beside it
 * when items are one file each, a new row in its table when it is a table row), else appended to
 * the Markdown file holding the most items (after its last item, as a heading or a table row like
 * it), else a new `requirements.md` in the first requirements folder.
 */
export function chooseStubTarget(id: string, items: readonly Item[], config: TracelensConfig): StubTarget {
  const columns = config.tableColumns ? { tableColumns: config.tableColumns } : {};
  const neighbour = nearestNeighbour(id, items);
  if (neighbour) {
    const format = neighbour.format as StubFormat;
    if (format === 'markdown-front-matter') return { file: join(dirname(neighbour.file), `${id}.md`), create: true, format, neighbour };
    return { file: neighbour.file, create: false, format, neighbour, ...(format === 'markdown-table' ? columns : {}) };
  }
  const counts = new Map<string, Item[]>();
  for (const item of items) {
    if (item.format !== 'markdown-headings' && item.format !== 'markdown-table') continue;
    const list = counts.get(item.file);
    if (list) list.push(item);
    else counts.set(item.file, [item]);
  }
  const busiest = [...counts.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  if (busiest) {
    const last = busiest[1].reduce((a, b) => (b.line > a.line ? b : a));
    if (last.format === 'markdown-table') return { file: busiest[0], create: false, format: 'markdown-table', last, ...columns };
    return { file: busiest[0], create: false, format: 'markdown-headings', last };
  }
  const folder = requirementsFolderOf(config.requirements[0] ?? 'requirements') || 'requirements';
  return { file: join(folder, 'requirements.md'), create: true, format: 'markdown-headings' };
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

/** A YAML plain scalar when safe, else a double-quoted string. */
function yamlScalar(text: string): string {
  return /^[A-Za-z0-9][^:#'"{}[\],&*!|>%@`]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

/**
 * Plans the stub's insertion. `text` is the target file's current text (ignored for a new file).
 * A YAML neighbour whose `id:` line cannot be read falls back to a new front-matter file beside it.
 */
export function planStub(target: StubTarget, text: string | undefined, content: StubContent): StubPlan {
  if (target.create || text === undefined) {
    const made = target.format === 'markdown-front-matter' ? newFrontMatterFile(content) : newHeadingFile(content);
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

/** The safety class a stub states: its neighbour's, else the project's default class. */
export function stubClass(target: StubTarget, config: TracelensConfig): SafetyClass {
  return target.neighbour?.safetyClass ?? config.defaultClass;
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
