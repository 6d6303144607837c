// Implements: TL-033
import type { CheckResult } from '../project/check';
import type { Severity } from '../model/types';
import { joinDisplayPath } from './paths';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes data per GitHub's workflow-command rules. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow-command annotations, one line per finding. */
export function formatGithub(check: CheckResult, displayRoot: string): string {
  const lines = check.findings.map((f) => {
    const props = [
      `file=${escapeProperty(joinDisplayPath(displayRoot, f.file))}`,
      `line=${f.line}`,
      `col=${f.column}`,
      ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
      ...(f.endColumn !== undefined ? [`endColumn=${f.endColumn}`] : []),
      `title=${escapeProperty(`Tracelens ${f.rule}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
