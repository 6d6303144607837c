// Implements: TL-030
import type { CheckResult } from '../project/check';
import type { Finding, Severity } from '../model/types';
import { joinDisplayPath } from './paths';
import type { ReviewSummary } from '../review/reviewState';

/** Minimal ANSI styling; off unless the caller says the output is a colour terminal. */
function styler(color: boolean) {
  const wrap = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap('31'), yellow: wrap('33'), blue: wrap('34'), dim: wrap('2'), bold: wrap('1'), underline: wrap('4') };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The human report: findings grouped by file, each line starting with `path:line:col` so that
 * terminals make links, then skipped files, then one summary line with coverage.
 */
export function formatText(check: CheckResult, displayRoot: string, options: { color?: boolean } = {}): string {
  const s = styler(options.color ?? false);
  const severityLabel: Record<Severity, string> = { error: s.red('error'), warning: s.yellow('warning'), info: s.blue('info') };
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of check.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(s.underline(joinDisplayPath(displayRoot, file)));
    for (const f of findings) {
      out.push(`${joinDisplayPath(displayRoot, f.file)}:${f.line}:${f.column}  ${severityLabel[f.severity].padEnd(options.color ? 16 : 7)}  ${f.message}  ${s.dim(f.rule)}`);
    }
    out.push('');
  }
  if (check.skipped.length > 0) {
    out.push(s.bold(`Skipped ${plural(check.skipped.length, 'file')}:`));
    for (const skipped of check.skipped) {
      out.push(`  ${joinDisplayPath(displayRoot, skipped.file)}  ${skipped.reason}${skipped.detail ? ` (${skipped.detail})` : ''}`);
    }
    out.push('');
  }
  const sum = check.summary;
  const counts = `${plural(sum.findings.error, 'error')}, ${plural(sum.findings.warning, 'warning')}, ${sum.findings.info} info`;
  const mark = sum.findings.error > 0 ? s.red('✖') : sum.findings.warning > 0 ? s.yellow('⚠') : '✔';
  out.push(
    `${mark} ${s.bold(counts)} · ${coverageText(sum)}${resultsText(sum)} · ${plural(sum.risks, 'risk')}, ${sum.mitigatedRisks} mitigated · ` +
    `${plural(sum.references, 'reference')} in ${plural(check.files.codeFiles, 'code file')}, ` +
    `${plural(check.files.requirementFiles, 'requirement file')}${soupText(sum.soup)}${reviewText(check.review?.summary)}`,
  );
  return `${out.join('\n')}\n`;
}

// Implements: TL-174
/** ` · SOUP: 5 entries in soup.yml, 3 direct dependencies (+3 transitive) in 2 manifest files`; nothing when SOUP is not checked. */
function soupText(soup: CheckResult['summary']['soup']): string {
  if (!soup) return '';
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const register = soup.registerFound ? `${count(soup.entries, 'entry', 'entries')} in ${soup.register}` : `no register (${soup.register} not found)`;
  const transitive = soup.transitiveDependencies > 0 ? ` (+${soup.transitiveDependencies} transitive)` : '';
  return ` · SOUP: ${register}, ${count(soup.directDependencies, 'direct dependency', 'direct dependencies')}${transitive} in ${plural(soup.manifests, 'manifest file')}`;
}

// Implements: TL-184
/** ` · reviews: 14 links, 12 reviewed, 1 suspect, 1 unreviewed`; nothing when no link was judged. */
function reviewText(review: ReviewSummary | undefined): string {
  if (!review) return '';
  const notChecked = review.notChecked > 0 ? `, ${review.notChecked} not checked` : '';
  return ` · reviews: ${plural(review.links, 'link')}, ${review.reviewed} reviewed, ${review.suspect} suspect, ${review.unreviewed} unreviewed${notChecked}`;
}

// Implements: TL-072
/** `12 requirements: 83.3% implemented, 75% verified`; never a percentage of nothing. */
function coverageText(sum: CheckResult['summary']): string {
  if (sum.items === 0) return 'no requirements found';
  if (sum.implementedPercent === null || sum.verifiedPercent === null) return 'no active requirements';
  return `${plural(sum.requirements, 'requirement')}: ${sum.implementedPercent}% implemented, ${sum.verifiedPercent}% verified`;
}

// Implements: TL-142
/** ` · test results: 12 passed, 1 failed, 2 not run` (requirements by their verifying tests); nothing without results. */
function resultsText(sum: CheckResult['summary']): string {
  const results = sum.testResults;
  if (!results) return '';
  return ` · test results (${plural(results.testcases, 'testcase')} in ${plural(results.files, 'file')}): ` +
    `${results.passed} passed, ${results.failed} failed, ${results.notRun} not run`;
}
