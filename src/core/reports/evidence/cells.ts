/**
 * The matrix as cells: the columns CSV and XLSX share, and the short texts every format uses for
 * code, tests, findings and parent chains.
 */
import type { CodeEvidence, ReportModel, ReportRow, RowFinding, TestEvidence } from './model';

/** `src/pump.c:12 deliver` (and `(mitigates)` for a `mitigates` tag). */
export function codeText(code: CodeEvidence): string {
  return `${code.file}:${code.line}${code.symbol !== undefined ? ` ${code.symbol}` : ''}${code.relation === 'mitigates' ? ' (mitigates)' : ''}`;
}

/** `tests/test_pump.py:8 test_bolus`, with its outcome when results were read: `[failed: message]`. */
export function testText(test: TestEvidence): string {
  const outcome = test.outcome !== undefined ? ` [${test.outcome}${test.message !== undefined ? `: ${test.message}` : ''}]` : '';
  return `${test.file}:${test.line}${test.name !== undefined ? ` ${test.name}` : ''}${outcome}`;
}

/** `warning unverified: REQ-3 (class A) is not verified…`. */
export function findingText(finding: RowFinding): string {
  return `${finding.severity} ${finding.rule}: ${finding.message}`;
}

/** `SRS-1 → SYS-1`: a parent and its ancestors. */
export function chainText(chain: readonly string[]): string {
  return chain.join(' → ');
}

/** One column of the matrix: its header, width (characters, for spreadsheets) and cell. */
export interface MatrixColumn {
  readonly header: string;
  readonly width: number;
  /** The cell; `separator` joins several values (a new line in a spreadsheet, `; ` in CSV). */
  readonly cell: (row: ReportRow, separator: string) => string | number;
}

/** The matrix columns, the ID first (named `ID`, as spreadsheet imports expect). */
export const MATRIX_COLUMNS: readonly MatrixColumn[] = [
  { header: 'ID', width: 14, cell: (r) => r.id },
  { header: 'Title', width: 40, cell: (r) => r.title },
  { header: 'Kind', width: 12, cell: (r) => r.kind },
  { header: 'Class', width: 7, cell: (r) => (r.classFrom === 'item' ? r.safetyClass : `${r.safetyClass} (default)`) },
  { header: 'Status', width: 12, cell: (r) => r.status ?? '' },
  { header: 'Active', width: 7, cell: (r) => (r.active ? 'yes' : 'no') },
  { header: 'Coverage', width: 10, cell: (r) => r.coverage },
  { header: 'Missing', width: 16, cell: (r, sep) => r.missing.join(sep) },
  { header: 'Parent chain', width: 24, cell: (r, sep) => r.parentChains.map(chainText).join(sep) },
  { header: 'Mitigates', width: 14, cell: (r, sep) => r.mitigates.join(sep) },
  { header: 'Mitigated by', width: 14, cell: (r, sep) => r.mitigatedBy.join(sep) },
  { header: 'Implemented by', width: 36, cell: (r, sep) => r.implementedBy.map(codeText).join(sep) },
  { header: 'Verified by', width: 36, cell: (r, sep) => r.verifiedBy.map(testText).join(sep) },
  { header: 'Test results', width: 12, cell: (r) => r.verification ?? '' },
  { header: 'Findings', width: 48, cell: (r, sep) => r.findings.map(findingText).join(sep) },
  { header: 'File', width: 32, cell: (r) => r.file },
  { header: 'Line', width: 7, cell: (r) => r.line },
];

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// Implements: TL-200
/**
 * Which test results the report was made with: the files read and their testcases; when no
 * results were given, or no file matched, it says so (and what that means for "verified").
 */
export function resultsLine(model: ReportModel): string {
  const results = model.testResults;
  if (!results) return 'no test results given: tests are shown as traced, not as run';
  if (results.files.length === 0) return `none read: ${results.globs.join(', ')} matched no file`;
  return `${results.files.join(', ')} (${plural(results.testcases, 'testcase')})`;
}

/** What the results say of the active requirements (as the check's text report ends), or that none were given. */
function resultsSummary(model: ReportModel): string {
  const results = model.summary.testResults;
  if (!results) return 'no test results given';
  return `test results (${plural(results.testcases, 'testcase')} in ${plural(results.files, 'file')}): ${results.passed} passed, ${results.failed} failed, ${results.notRun} not run`;
}

/**
 * The summary in one line: findings by severity, coverage of requirements, what the test results
 * say, risks. Says so when no item or no active requirement was found, or when no test results
 * were given: never a percentage of nothing, never a silent pass.
 */
export function summaryLine(model: ReportModel): string {
  const sum = model.summary;
  const findings = `${plural(sum.findings.error, 'error')}, ${plural(sum.findings.warning, 'warning')}, ${sum.findings.info} info`;
  const coverage = sum.items === 0
    ? 'NO ITEMS FOUND'
    : sum.implementedPercent === null || sum.verifiedPercent === null
      ? 'no active requirements'
      : `${plural(sum.requirements, 'requirement')}: ${sum.implementedPercent}% implemented, ${sum.verifiedPercent}% verified`;
  return `${findings} · ${coverage} · ${resultsSummary(model)} · ${plural(sum.risks, 'risk')}, ${sum.mitigatedRisks} mitigated · ${plural(sum.items, 'item')} (${sum.inactive} inactive) · ` +
    `${plural(sum.references, 'reference')} in ${plural(model.files.codeFiles, 'code file')}, ${plural(model.files.requirementFiles, 'requirement file')}` +
    (model.skipped.length > 0 ? ` · ${plural(model.skipped.length, 'file')} not examined` : '');
}
