// Implements: TL-080
/**
 * What the columns of a Markdown requirements table mean, from their header names. Header names
 * are compared in a normalised form (case, emphasis, punctuation and spacing ignored), so that
 * `**Req. ID**`, `Req ID` and `req-id` are one name. The built-in names cover the usual layouts
 * (OpenRegulatory's software requirements list, SRS tables with a safety class column, risk
 * tables); `tableColumns` in tracelens.json adds or overrides names.
 */

import type { TableField } from '../config/types';

/** A header name in the form names are compared in: lower case, letters and digits, single spaces. */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Built-in header names (normalised) and their fields. */
const BUILT_IN: Readonly<Record<string, TableField>> = Object.freeze(Object.fromEntries(([
  ['id', ['id', 'uid', 'key', 'identifier', 'req id', 'requirement id', 'item id', 'id number', 'ref']],
  ['title', ['title', 'name', 'summary', 'short description', 'heading']],
  ['text', ['description', 'statement', 'text', 'requirement', 'requirement text', 'details', 'specification']],
  ['class', ['class', 'safety class', 'software safety class', 'risk class', 'iec 62304 class', 'sw safety class']],
  ['status', ['status', 'state']],
  ['kind', ['kind', 'item type']],
  ['parent', ['parent', 'parents', 'parent id', 'parent ids', 'traces to', 'trace to', 'derived from', 'derives from', 'refines']],
  ['mitigates', ['mitigates', 'mitigated risks', 'related risk ids', 'related risk id', 'related risks', 'risk ids', 'risks', 'risk']],
  ['verifies', ['verifies', 'tests', 'verified requirements']],
  ['verification', ['verification', 'verification method', 'verified by']],
  ['category', ['category']],
] as const).flatMap(([field, names]) => names.map((name) => [name, field]))));

/**
 * The field a header names: the configured name first, then the built-in ones, then any
 * `<word> ID` or `<word> <word> ID` header (`SRS ID`, `Risk ID`, `Test case ID`) as an ID column.
 * Undefined for a column kept only as a plain attribute. (`Type` is no kind: tables use it for
 * "Functional", "Performance"…)
 */
export function columnField(header: string, configured: Readonly<Record<string, TableField>> | undefined): TableField | undefined {
  const name = normalizeHeader(header);
  const field = configured?.[name] ?? BUILT_IN[name];
  if (field !== undefined) return field === 'attribute' ? undefined : field;
  return /^(?:\p{L}+ ){1,2}id$/u.test(name) ? 'id' : undefined;
}
