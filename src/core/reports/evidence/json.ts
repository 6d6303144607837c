// Implements: TL-156
import type { ReportModel } from './model';
import type { ReportStamp } from './stamp';

/** The report's data as JSON: the stamp and the model, two-space indented, ending in a newline. */
export function formatJsonReport(model: ReportModel, stamp: ReportStamp): string {
  return `${JSON.stringify({ report: 'tracelens-traceability', formatVersion: 1, stamp, ...model }, null, 2)}\n`;
}
