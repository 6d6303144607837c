// Implements: TL-177
/**
 * Plans the edit of the quick fix "Add lodash 4.17.21 to the SOUP register": a new entry with the
 * name and version in use and TODO fields (so `soup-incomplete` keeps asking for them), appended to
 * the register in its own style (the list's and the mapping's indentation, blank lines between
 * entries, line endings), or a new register with a comment line when there is none. Pure: the
 * editor applies the plan as one undoable edit.
 */
import { isSeq, parseDocument } from 'yaml';

/** Where to insert what; `create` when the register does not exist yet. */
export type SoupEntryPlan =
  | { readonly create: boolean; readonly offset: number; readonly text: string; readonly line: number }
  | { readonly refusal: string };

/** A scalar as YAML reads it back as the same text: plain when safe, else double-quoted. */
function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/+-]*$/.test(value) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(value) ? value : JSON.stringify(value);
}

/** The entry's lines, indented: `dash` before `-`, `key` before the mapping's keys (counted from the line start). */
function entryLines(name: string, version: string | undefined, dash: number, key: number): string[] {
  const first = `${' '.repeat(dash)}-${' '.repeat(Math.max(1, key - dash - 1))}`;
  const pad = ' '.repeat(key);
  return [
    `${first}name: ${scalar(name)}`,
    `${pad}version: ${version !== undefined ? scalar(version) : 'TODO'}`,
    `${pad}manufacturer: TODO`,
    `${pad}purpose: TODO`,
    `${pad}requirements: TODO`,
    `${pad}anomalies:`,
    `${pad}  url: TODO`,
    `${pad}  reviewed: TODO`,
    `${pad}risks: TODO`,
  ];
}

/**
 * The edit adding `name` (at `version`, or TODO when the version in use is not known) to the
 * register whose text is `existing` (undefined when the file does not exist). A register that is no
 * block list (a mapping, a flow list `[…]`) is refused with the reason: the entry is for the user to
 * place. `line` is the 1-based line of the new entry.
 */
export function planSoupEntry(existing: string | undefined, name: string, version: string | undefined): SoupEntryPlan {
  if (existing === undefined) {
    const text = `# SOUP register (IEC 62304 8.1.2): one entry per item of software of unknown provenance.\n${entryLines(name, version, 0, 2).join('\n')}\n`;
    return { create: true, offset: 0, text, line: 2 };
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const document = parseDocument(existing);
  const contents = document.contents;
  let dash = 0;
  let key = 2;
  let blank = true;
  if (contents !== null && !(isSeq(contents) && !contents.flow)) {
    return { refusal: 'The SOUP register is not a YAML block list of entries (- name: …): add the entry by hand.' };
  }
  if (isSeq(contents) && contents.items.length > 0) {
    const first = contents.items[0] as { range?: [number, number, number] } | null;
    const start = first?.range?.[0] ?? 0;
    const lineStart = existing.lastIndexOf('\n', start - 1) + 1;
    key = start - lineStart;
    dash = existing.slice(lineStart, start).indexOf('-');
    const second = contents.items[1] as { range?: [number, number, number] } | null;
    // A blank line between entries when the file has one after its first entry (with one entry: one).
    if (second?.range) blank = /\n[ \t]*\r?\n/.test(existing.slice(start, existing.lastIndexOf('\n', second.range[0] - 1) + 1));
  }
  const ending = existing.length === 0 || /\r?\n$/.test(existing) ? '' : eol;
  const separator = existing.trim() === '' || !blank ? '' : eol;
  const text = `${ending}${separator}${entryLines(name, version, Math.max(0, dash), key).join(eol)}${eol}`;
  const linesBefore = existing.split(/\r?\n/).length - (/\r?\n$/.test(existing) ? 1 : 0);
  return { create: false, offset: existing.length, text, line: linesBefore + (separator ? 1 : 0) + 1 };
}
