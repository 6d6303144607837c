// Implements: TL-155
/**
 * The report as Markdown (GitHub-flavoured), for pull-request comments and the job summary:
 * the stamp, the summary, the matrix, the risk chains and the gaps. Every text from the project
 * is escaped, so an ID or title never turns into markup.
 */
import { chainText, codeText, findingText, resultsLine, summaryLine, testText } from './cells';
import type { ChainNode, ReportModel } from './model';
import { stampLines, type ReportStamp } from './stamp';

/** Text as literal Markdown: punctuation that could start markup is backslash-escaped, `&` and line breaks too. */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#~!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.map((c) => (typeof c === 'number' ? String(c) : c)).join(' | ')} |`),
  ];
}

/** The summary: one line of figures, coverage by kind and class, findings by rule. */
export function summaryMarkdown(model: ReportModel, level = 2): string[] {
  const h = '#'.repeat(level);
  const out = [`${h} Summary`, '', `**${mdText(summaryLine(model))}**`, ''];
  if (model.coverage.length > 0) {
    out.push(`${h}# Coverage by kind and safety class`, '');
    out.push(...table(
      ['Kind', 'Class', 'Items', 'Inactive', 'Needing', 'Complete', 'With code', 'With tests', 'Mitigated'],
      model.coverage.map((c) => [mdText(c.kind), c.safetyClass, c.items, c.inactive, c.needing, c.complete, c.withCode, c.withTests, c.mitigated]),
    ), '');
  }
  out.push(`${h}# Findings by rule`, '');
  if (model.rules.length === 0) out.push('No findings.', '');
  else out.push(...table(['Rule', 'Title', 'Errors', 'Warnings', 'Info'], model.rules.map((r) => [mdText(r.rule), mdText(r.title), r.error, r.warning, r.info])), '');
  return out;
}

/** The gaps (every finding) as a list, at most `limit` of them, saying how many were left out. */
export function gapsMarkdown(model: ReportModel, level = 2, limit = Infinity): string[] {
  const out = [`${'#'.repeat(level)} Gaps`, ''];
  if (model.gaps.length === 0) out.push('No gaps: no rule found anything.');
  for (const f of model.gaps.slice(0, limit)) {
    out.push(`- ${mdText(`${f.file}:${f.line}:${f.column}`)} **${f.severity}** ${mdText(f.rule)}: ${mdText(f.message)}`);
  }
  if (model.gaps.length > limit) out.push(`- … and ${model.gaps.length - limit} more (the full list is in the report)`);
  out.push('');
  if (model.skipped.length > 0) {
    out.push(`${'#'.repeat(level + 1)} Files not examined`, '');
    for (const s of model.skipped) out.push(`- ${mdText(s.file)}: ${mdText(s.reason)}${s.detail ? ` (${mdText(s.detail)})` : ''}`);
    out.push('');
  }
  return out;
}

function chainLines(node: ChainNode, depth: number, role: string): string[] {
  const pad = '  '.repeat(depth);
  return [
    `${pad}- ${role} **${mdText(node.id)}** ${mdText(node.title)}`,
    ...node.implementedBy.map((c) => `${pad}  - code: ${mdText(codeText(c))}`),
    ...node.verifiedBy.map((t) => `${pad}  - test: ${mdText(testText(t))}`),
    ...(node.implementedBy.length === 0 && node.verifiedBy.length === 0 && node.refinedBy.length === 0 ? [`${pad}  - no code, no test, no refinement`] : []),
    ...node.refinedBy.flatMap((child) => chainLines(child, depth + 1, 'refined by')),
  ];
}

/** The whole report as Markdown. */
export function formatMarkdownReport(model: ReportModel, stamp: ReportStamp): string {
  const out = [`# Traceability report: ${mdText(model.root)}`, ''];
  out.push(...table(['', ''], [...stampLines(stamp), ['Test results', resultsLine(model)] as const].map(([label, value]) => [label, mdText(value)])), '');
  out.push(...summaryMarkdown(model));
  out.push('## Matrix', '');
  if (model.rows.length === 0) out.push('No items found.', '');
  else {
    out.push(...table(
      ['ID', 'Title', 'Kind', 'Class', 'Status', 'Coverage', 'Parent chain', 'Mitigates', 'Implemented by', 'Verified by', 'Findings'],
      model.rows.map((r) => [
        `${mdText(r.id)}`, mdText(r.title), mdText(r.kind), r.classFrom === 'item' ? r.safetyClass : `${r.safetyClass} (default)`,
        mdText(r.status ?? ''), r.missing.length > 0 ? `${r.coverage}, missing ${mdText(r.missing.join(', '))}` : r.coverage,
        r.parentChains.map((c) => mdText(chainText(c))).join('<br>'), r.mitigates.map(mdText).join(', '),
        r.implementedBy.map((c) => mdText(codeText(c))).join('<br>'), r.verifiedBy.map((t) => mdText(testText(t))).join('<br>'),
        r.findings.map((f) => mdText(findingText(f))).join('<br>'),
      ]),
    ), '');
  }
  out.push('## Risk chains', '');
  if (model.chains.length === 0) out.push('No risks found.');
  for (const chain of model.chains) {
    out.push(`- risk **${mdText(chain.id)}** ${mdText(chain.title)}${chain.active ? '' : ' (inactive)'}`);
    for (const c of chain.mitigatedInCode) out.push(`  - code: ${mdText(codeText(c))}`);
    for (const control of chain.controls) out.push(...chainLines(control, 1, 'control'));
    if (chain.controls.length === 0 && chain.mitigatedInCode.length === 0) out.push('  - NOT MITIGATED');
  }
  out.push('', ...gapsMarkdown(model));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** The job summary of `check --format github`: the summary and the first gaps. */
export function stepSummaryMarkdown(model: ReportModel): string {
  return `${['## Tracelens traceability', '', ...summaryMarkdown(model, 3), ...gapsMarkdown(model, 3, 50)].join('\n').replace(/\n+$/, '')}\n`;
}
