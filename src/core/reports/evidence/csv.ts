// Implements: TL-153
/**
 * The matrix as CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one row per item of every
 * kind. Quoting is the RFC's three rules, a few lines, so no library: a field holding a comma, a
 * double quote, CR or LF is enclosed in double quotes, and a double quote inside is doubled.
 * Cells are verbatim otherwise.
 */
import { MATRIX_COLUMNS } from './cells';
import type { ReportModel } from './model';

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The matrix as CSV text; several values in one cell are joined with `; `. */
export function formatCsv(model: ReportModel): string {
  const lines = [MATRIX_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const row of model.rows) lines.push(MATRIX_COLUMNS.map((c) => csvField(c.cell(row, '; '))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
