// Implements: TL-158, TL-201
/**
 * Every format of the traceability report, rendered from a check: the one place the CLI's
 * `tracelens report` and the editor's export turn a check into bytes, so both write the same.
 * The hosts gather the stamp (git, the clock) and write the result atomically.
 */
import * as path from 'node:path';
import type { CheckResult } from '../../project/check';
import { toLobsterFiles } from '../interchange/lobster';
import { toNeedsJson } from '../interchange/needsJson';
import { outcomeOfEvidence } from '../interchange/testOutcomes';
import { formatCsv } from './csv';
import { formatHtml } from './html';
import { formatJsonReport } from './json';
import { formatMarkdownReport } from './markdown';
import { buildReportModel } from './model';
import type { ReportStamp } from './stamp';

/** The report's formats: the evidence formats, then the interchange ones. */
export const REPORT_FORMATS = ['html', 'csv', 'xlsx', 'md', 'json', 'lobster', 'needs-json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats written as several files into a folder (the output names the folder). */
export function isFolderFormat(format: ReportFormat): boolean {
  return format === 'lobster';
}

/** What rendering needs besides the check. */
export interface RenderOptions {
  /** The checked folder as the user named it (POSIX): file paths in the report start there. */
  readonly displayRoot: string;
  readonly stamp: ReportStamp;
  /** The project root relative to the output's folder (POSIX), for the HTML page's links. */
  readonly linkBase: string;
}

/** A rendered report: one file's content, or (a folder format) files by name. */
export type RenderedReport =
  | { readonly kind: 'file'; readonly content: string | Uint8Array }
  | { readonly kind: 'folder'; readonly files: ReadonlyMap<string, string> };

/** Renders the check in one format. */
export async function renderReport(format: ReportFormat, result: CheckResult, options: RenderOptions): Promise<RenderedReport> {
  const file = (content: string | Uint8Array): RenderedReport => ({ kind: 'file', content });
  switch (format) {
    case 'lobster': {
      const outcomeOf = outcomeOfEvidence(result.verification);
      return { kind: 'folder', files: toLobsterFiles(result, { displayRoot: options.displayRoot, ...(outcomeOf ? { outcomeOf } : {}) }) };
    }
    // The project's name is its folder's, as Sphinx projects are usually named; the time the stamp's.
    case 'needs-json': return file(toNeedsJson(result, { project: path.basename(result.root), created: new Date(options.stamp.generatedAt) }));
    default: break;
  }
  const model = buildReportModel(result, options.displayRoot);
  switch (format) {
    case 'html': return file(formatHtml(model, options.stamp, { linkBase: options.linkBase }));
    case 'csv': return file(formatCsv(model));
    case 'md': return file(formatMarkdownReport(model, options.stamp));
    case 'json': return file(formatJsonReport(model, options.stamp));
    case 'xlsx': {
      // Required here: exceljs is initialised only when a workbook is written (the build makes it
      // a bundle of its own, xlsx.js, beside the CLI's and the extension's).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { formatXlsx } = require('./xlsx') as typeof import('./xlsx');
      return file(await formatXlsx(model, options.stamp));
    }
  }
}
