// Implements: TL-154
/**
 * The report as an Excel workbook (exceljs): the matrix (frozen header, filters), the summary with
 * the stamp, the risk chains and the gaps, one sheet each. exceljs stamps every zip entry with the
 * time of writing, so the package is zipped again (fflate) with one fixed entry time: with
 * `SOURCE_DATE_EPOCH` (the workbook's created and modified dates), two runs give the same bytes.
 */
import { Workbook, type Worksheet } from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { MATRIX_COLUMNS, codeText, resultsLine, summaryLine, testText } from './cells';
import type { ChainNode, ReportModel } from './model';
import { stampLines, type ReportStamp } from './stamp';

/** Excel's limit on the characters of one cell. */
const MAX_CELL = 32_767;

/**
 * A cell's text as Excel can hold it: characters XML 1.0 forbids become U+FFFD, and text over
 * Excel's limit is cut with a note saying so (the JSON report keeps it whole).
 */
export function cellText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
  if (clean.length <= MAX_CELL) return clean;
  const note = ` … (cut: ${clean.length} characters; the JSON report has them all)`;
  return clean.slice(0, MAX_CELL - note.length) + note;
}

function addTable(sheet: Worksheet, columns: ReadonlyArray<{ header: string; width: number }>, rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  for (const cells of rows) sheet.addRow(cells.map((c) => (typeof c === 'string' ? cellText(c) : c)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const column of sheet.columns) column.alignment = { vertical: 'top', wrapText: true };
}

function chainRows(risk: string, node: ChainNode, path: readonly string[], out: Array<Array<string | number>>): void {
  const steps = [...path, node.id];
  out.push([risk, steps.join(' → '), node.title, node.implementedBy.map(codeText).join('\n'), node.verifiedBy.map(testText).join('\n')]);
  for (const child of node.refinedBy) chainRows(risk, child, steps, out);
}

/**
 * The time on every zip entry. Zip (DOS) times have no zone, and fflate writes local time: a date
 * built from local fields is the same entry on every machine. The real time is in the workbook's
 * properties (docProps/core.xml).
 */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** The workbook as XLSX bytes. */
export async function formatXlsx(model: ReportModel, stamp: ReportStamp): Promise<Uint8Array> {
  const time = new Date(stamp.generatedAt);
  const book = new Workbook();
  book.creator = `${stamp.tool} ${stamp.version}`;
  book.lastModifiedBy = book.creator;
  book.created = time;
  book.modified = time;

  addTable(book.addWorksheet('Matrix'), MATRIX_COLUMNS, model.rows.map((row) => MATRIX_COLUMNS.map((c) => c.cell(row, '\n'))));

  const summary = book.addWorksheet('Summary');
  summary.columns = [{ width: 24 }, { width: 100 }];
  for (const [label, value] of stampLines(stamp)) summary.addRow([label, cellText(value)]);
  summary.addRow(['Project', cellText(model.root)]);
  summary.addRow(['Test results', cellText(resultsLine(model))]);
  summary.addRow(['Summary', cellText(summaryLine(model))]);
  summary.addRow([]);
  summary.addRow(['Kind', 'Class', 'Items', 'Inactive', 'Needing', 'Complete', 'With code', 'With tests', 'Mitigated']).font = { bold: true };
  for (const c of model.coverage) summary.addRow([cellText(c.kind), c.safetyClass, c.items, c.inactive, c.needing, c.complete, c.withCode, c.withTests, c.mitigated]);
  summary.addRow([]);
  summary.addRow(['Rule', 'Title', 'Errors', 'Warnings', 'Info']).font = { bold: true };
  for (const r of model.rules) summary.addRow([r.rule, r.title, r.error, r.warning, r.info]);
  summary.getColumn(1).font = { bold: true };

  const chains: Array<Array<string | number>> = [];
  for (const chain of model.chains) {
    chains.push([chain.id, chain.id, chain.title, chain.mitigatedInCode.map(codeText).join('\n'), chain.controls.length === 0 && chain.mitigatedInCode.length === 0 ? 'NOT MITIGATED' : '']);
    for (const control of chain.controls) chainRows(chain.id, control, [chain.id], chains);
  }
  addTable(book.addWorksheet('Risk chains'), [
    { header: 'Risk', width: 14 }, { header: 'Chain', width: 36 }, { header: 'Title', width: 40 }, { header: 'Code', width: 40 }, { header: 'Tests', width: 40 },
  ], chains);

  addTable(book.addWorksheet('Gaps'), [
    { header: 'File', width: 36 }, { header: 'Line', width: 7 }, { header: 'Column', width: 7 }, { header: 'Severity', width: 9 },
    { header: 'Rule', width: 20 }, { header: 'ID', width: 14 }, { header: 'Message', width: 80 },
  ], [
    ...model.gaps.map((f) => [f.file, f.line, f.column, f.severity, f.rule, f.id ?? '', f.message]),
    ...model.skipped.map((s) => [s.file, '', '', 'not examined', s.reason, '', s.detail ?? '']),
  ]);

  const written = new Uint8Array(await book.xlsx.writeBuffer());
  const entries: Zippable = {};
  for (const [name, bytes] of Object.entries(unzipSync(written))) if (!name.endsWith('/')) entries[name] = bytes;
  return zipSync(entries, { level: 6, mtime: ZIP_TIME });
}
