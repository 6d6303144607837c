// Implements: TL-080, TL-081, TL-006
/**
 * Markdown tables with one item per row: a table whose header names an ID column (`ID`, `Req ID`,
 * `UID`, `Key`, `SRS ID`…) and whose rows hold IDs there. The other columns are the item's title,
 * text and attributes, by their header names (see tableColumns.ts).
 *
 * Not a reader of its own: tables and headings share Markdown files (a heading item whose section
 * holds a table of sub-items, a document of several tables), and one markdown-it parse serves
 * both, so the heading reader finds the tables and hands each to {@link readTable}. This module
 * only turns a table's lines into items and problems. markdown-it decides what is a table and
 * which lines are its rows; the cells are split here the same way (a `|` after a backslash is
 * text, outer pipes are optional) but with their positions, which markdown-it does not keep.
 */

import type { TableField } from '../config/types';
import type { FileProblem, Item, ItemKind } from '../model/types';
import { isId } from '../model/ids';
import { interpretAttributes, splitInline, type ItemAttributes, type KnownKey, type RawAttribute } from './attributes';
import { columnField } from './tableColumns';
import type { ReaderContext } from './types';
import { indexOfId } from './sourceText';

/** {@link Item.format} of table items. */
export const TABLE_FORMAT = 'markdown-table';

/** A table as markdown-it found it, by 0-based lines. */
export interface TableBlock {
  readonly headerLine: number;
  readonly rowLines: readonly number[];
}

/** One cell of a row as written. */
export interface TableCell {
  /** The cell's Markdown, trimmed, escapes kept (`a \| b`). */
  readonly raw: string;
  /** 0-based index in the line of the cell's first character; for an empty cell, just after its `|`. */
  readonly start: number;
  /** 0-based bounds of the cell's text between its pipes (spaces included; `to` exclusive). */
  readonly from: number;
  readonly to: number;
}

/**
 * Splits a table row into cells as markdown-it's table rule does: the row is trimmed, a `|` right
 * after a backslash is text (also inside code spans, as in GitHub's tables), and an empty first or
 * last cell is an outer pipe. `from` is where the row starts in `line` (after block-quote markers).
 */
export function splitRow(line: string, from = 0): TableCell[] {
  const end = from + line.slice(from).trimEnd().length;
  const start = end - line.slice(from, end).trimStart().length;
  const bounds: Array<[number, number]> = [];
  let cellStart = start;
  for (let i = start; i < end; i++) {
    if (line.charCodeAt(i) === 0x7c && (i === start || line.charCodeAt(i - 1) !== 0x5c)) {
      bounds.push([cellStart, i]);
      cellStart = i + 1;
    }
  }
  bounds.push([cellStart, end]);
  if (bounds.length > 0 && bounds[0]![0] === bounds[0]![1]) bounds.shift();
  const last = bounds[bounds.length - 1];
  if (last && last[0] === last[1]) bounds.pop();
  return bounds.map(([a, b]) => {
    const segment = line.slice(a, b);
    const raw = segment.trim();
    return { raw, start: raw === '' ? a : a + segment.length - segment.trimStart().length, from: a, to: b };
  });
}

/** Fields whose cells are attributes, and the meaning they have there. */
const MEANINGS: Readonly<Partial<Record<TableField, KnownKey>>> = {
  class: 'class', status: 'status', kind: 'kind', parent: 'parent', mitigates: 'mitigates',
  verifies: 'verifies', verification: 'verification', category: 'category',
};

const LINK_MEANINGS: ReadonlySet<KnownKey | null | undefined> = new Set<KnownKey>(['parent', 'mitigates', 'verifies']);

const BREAK = /<br\s*\/?>/gi;

/** A header's or title's text: escapes resolved, `<br>` as a space, emphasis around it dropped. */
export function plainText(raw: string): string {
  return unwrap(raw.replace(BREAK, ' ').replace(/\\\|/g, '|')).text.replace(/\s+/g, ' ').trim();
}

/** A value without emphasis or code markers around it (`**C**`, `` `draft` ``), and how far it moved. */
function unwrap(value: string): { text: string; offset: number } {
  const match = /^(\*\*|__|`)(.+)\1$/.exec(value);
  return match ? { text: match[2]!, offset: match[1]!.length } : { text: value, offset: 0 };
}

/**
 * The cell with markup that is no part of its IDs blanked out, length kept so that positions
 * hold: `<br>` tags, the targets of links (`[REQ-1](#req-1)`) and the backslash of `\|`.
 */
function maskMarkup(raw: string): string {
  const blank = (match: string): string => ' '.repeat(match.length);
  return raw.replace(BREAK, blank).replace(/\]\([^)]*\)/g, (match) => `]${blank(match.slice(1))}`).replace(/\\\|/g, '  ');
}

/** The IDs an ID cell names (one, or a list like `REQ-1, REQ-2` or `REQ-1<br>REQ-2`), and any other words. */
function idsOfCell(raw: string): { ids: string[]; other: boolean } {
  const ids: string[] = [];
  let other = false;
  for (const word of maskMarkup(raw).split(/[\s,;/&]+/)) {
    const text = word.replace(/^[[(`*_"']+/, '').replace(/[\])`*_"'.]+$/, '');
    if (text === '') continue;
    if (isId(text)) {
      if (!ids.includes(text)) ids.push(text);
    } else {
      other = true;
    }
  }
  return { ids, other };
}

/**
 * The items of one table, or none when its header names no ID column or no row holds an ID there
 * (a `Key | Value` table is prose). `rowStart` gives where a line's row begins (after block-quote
 * markers). Ragged rows and rows without an ID become problems at their line; duplicate IDs are
 * returned as they are, for the `duplicate-id` rule.
 */
export function readTable(table: TableBlock, lines: readonly string[], rowStart: (line: number) => number, ctx: ReaderContext, problems: FileProblem[]): Item[] {
  const header = splitRow(lines[table.headerLine] ?? '', rowStart(table.headerLine));
  const names = header.map((cell) => plainText(cell.raw));
  const fields = names.map((name) => columnField(name, ctx.tableColumns));
  const idColumn = fields.indexOf('id');
  if (idColumn < 0) return [];
  const rows = table.rowLines.map((line) => ({ line, cells: splitRow(lines[line] ?? '', rowStart(line)) }));
  if (!rows.some((row) => idsOfCell(row.cells[idColumn]?.raw ?? '').ids.length > 0)) return [];

  const items: Item[] = [];
  const problem = (line: number, start: number, message: string): void => {
    problems.push({ file: ctx.file, line: line + 1, column: start + 1, message });
  };
  for (const { line, cells } of rows) {
    const rowText = lines[line] ?? '';
    const firstColumn = rowText.length - rowText.slice(rowStart(line)).trimStart().length;
    if (cells.length > header.length) {
      // The usual cause: a `|` in inline code, which splits the cell on GitHub and in markdown-it too.
      const hint = cells.some((cell) => (cell.raw.match(/`/g)?.length ?? 0) % 2 === 1) ? ' A "|" inside inline code must be written "\\|".' : '';
      problem(line, cells[header.length]!.start, `This table row has ${cells.length} cells, but its header has ${header.length}: the extra cells are ignored.${hint}`);
    } else if (cells.length < header.length) {
      problem(line, firstColumn, `This table row has ${cells.length} cells, but its header has ${header.length}: the missing cells are read as empty.`);
    }
    const idCell = cells[idColumn];
    const { ids, other } = idsOfCell(idCell?.raw ?? '');
    if (ids.length === 0) {
      if (cells.some((cell) => cell.raw !== '')) {
        const where = idCell ? idCell.start : firstColumn;
        problem(line, where, idCell?.raw ? `"${plainText(idCell.raw)}" in column "${names[idColumn]}" is not a requirement ID (expected something like REQ-001).`
          : `This table row has no ID in column "${names[idColumn]}".`);
      }
      continue;
    }
    if (other) problem(line, idCell!.start, `"${plainText(idCell!.raw)}" in column "${names[idColumn]}" holds more than IDs; only ${ids.join(', ')} ${ids.length > 1 ? 'are' : 'is'} read.`);
    const row = readRow(line, cells, names, fields, idColumn, ctx, problems);
    let from = idCell!.start;
    for (const id of ids) {
      const index = Math.max(idCell!.start, indexOfId(rowText, id, from));
      from = index + id.length;
      items.push({
        file: ctx.file, line: line + 1, column: index + 1, endLine: line + 1, endColumn: index + 1 + id.length,
        id, kind: row.kind ?? ctx.kindOf(id), title: row.title, text: row.text, ...row.attributes, format: TABLE_FORMAT,
      });
    }
  }
  return items;
}

/** What a row says about its item(s) besides the ID. */
interface RowContent {
  readonly title: string;
  readonly text: string;
  readonly kind?: ItemKind;
  readonly attributes: Omit<ItemAttributes, 'kind'>;
}

/**
 * Reads a row's title, text and attributes. Every column but the ID and the (first) title and text
 * columns is an attribute under its header name; the header's field gives it its meaning.
 */
function readRow(line: number, cells: readonly TableCell[], names: readonly string[], fields: readonly (TableField | undefined)[], idColumn: number, ctx: ReaderContext, problems: FileProblem[]): RowContent {
  let title: string | undefined;
  let text: string | undefined;
  const raw: RawAttribute[] = [];
  names.forEach((name, column) => {
    const cell = cells[column];
    if (column === idColumn || !cell || cell.raw === '') return;
    const field = fields[column];
    if (field === 'title' && title === undefined) {
      title = plainText(cell.raw);
    } else if (field === 'text' && text === undefined) {
      text = cell.raw.replace(/\\\|/g, '|').split(BREAK).map((part) => part.trim()).join('\n');
    } else {
      // A second ID, title or text column is kept as a plain attribute.
      const meaning = field === undefined ? null : MEANINGS[field] ?? null;
      const value = unwrap(cell.raw);
      const shown = value.text.replace(/\\\|/g, '|').replace(BREAK, LINK_MEANINGS.has(meaning) ? ', ' : ' ').trim();
      raw.push({
        key: name, value: shown, line: line + 1, column: cell.start + value.offset + 1, meaning,
        parts: splitInline(maskMarkup(cell.raw), line + 1, cell.start + 1),
      });
    }
  });
  const { kind, ...attributes } = interpretAttributes(raw, ctx.file, problems);
  return { title: title ?? '', text: text ?? '', ...(kind !== undefined ? { kind } : {}), attributes };
}

/** A delimiter row: `|---|:--:|`, `--- | ---`. */
function isDelimiterRow(line: string): boolean {
  return /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
}

/** A body row of a table, with the table's header and the fields of its columns. */
export interface TableRowAt {
  /** Where the rows start in their lines (after block-quote markers). */
  readonly from: number;
  readonly header: readonly TableCell[];
  readonly fields: readonly (TableField | undefined)[];
  readonly cells: readonly TableCell[];
}

/**
 * The table row on 0-based line `row` of `lines`, found from the text alone (for edits and
 * completion on a buffer being typed in): the delimiter row above it, past other rows, and the
 * header above that. Undefined when the line is no body row of a table with a header.
 */
export function tableRowAt(lines: readonly string[], row: number, tableColumns?: Readonly<Record<string, TableField>>): TableRowAt | undefined {
  const text = lines[row] ?? '';
  // Block-quote markers before the row (`> | REQ-1 |`) belong to every row of the table.
  const from = /^(?:[ \t]*>)*[ \t]*/.exec(text)![0].length;
  if (!text.includes('|') || isDelimiterRow(text.slice(from))) return undefined;
  let delimiter = row - 1;
  for (; delimiter >= 1; delimiter--) {
    const line = lines[delimiter] ?? '';
    if (isDelimiterRow(line.slice(from))) break;
    if (!line.includes('|')) return undefined;
  }
  if (delimiter < 1) return undefined;
  const header = splitRow(lines[delimiter - 1] ?? '', from);
  if (header.length === 0) return undefined;
  return { from, header, fields: header.map((cell) => columnField(plainText(cell.raw), tableColumns)), cells: splitRow(text, from) };
}
