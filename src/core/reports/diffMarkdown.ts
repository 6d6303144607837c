// Implements: TL-193
import { sideLabel, type BaselineContext, type BaselineDiff, type CoverageFigures, type DiffItem, type ItemChange } from '../baseline/compare';
import { lineDiff } from '../baseline/textDiff';
import type { SoupChanges } from '../baseline/soupChanges';
import type { Finding } from '../model/types';
import { plural } from './diffText';
import { joinDisplayPath } from './paths';

/** A table cell: pipes escaped, line breaks as spaces, so one value never breaks the table. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

function percent(value: number | null): string {
  return value === null ? '–' : `${value}%`;
}

function coverageRows(before: CoverageFigures, after: CoverageFigures): string[][] {
  return [
    ['Requirements', String(before.requirements), String(after.requirements)],
    ['Implemented', `${before.implemented} (${percent(before.implementedPercent)})`, `${after.implemented} (${percent(after.implementedPercent)})`],
    ['Verified', `${before.verified} (${percent(before.verifiedPercent)})`, `${after.verified} (${percent(after.verifiedPercent)})`],
    ['Risks mitigated', `${before.mitigatedRisks} of ${before.risks}`, `${after.mitigatedRisks} of ${after.risks}`],
    ['Findings (errors, warnings, info)', `${before.findings.error}, ${before.findings.warning}, ${before.findings.info}`, `${after.findings.error}, ${after.findings.warning}, ${after.findings.info}`],
  ];
}

/** A fenced `diff` block of the lines that changed: review tools colour it. The fence outgrows any backticks inside. */
function diffBlock(before: string, after: string): string[] {
  const lines: string[] = [];
  for (const segment of lineDiff(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') ? after : `${after}\n`)) {
    const mark = segment.op === 'removed' ? '-' : segment.op === 'added' ? '+' : ' ';
    for (const line of segment.text.replace(/\n$/, '').split('\n')) lines.push(`${mark}${line}`);
  }
  const longest = Math.max(2, ...[...lines.join('\n').matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}diff`, ...lines, fence];
}

function changeSection(change: ItemChange, displayRoot: string): string[] {
  const out = [`#### ${change.id}: ${cell(change.title)}`, '', `${joinDisplayPath(displayRoot, change.file)}:${change.line} · changed: ${change.fields.join(', ')}`, ''];
  if (change.titleChange) out.push(`Title: ~~${cell(change.titleChange.before)}~~ → **${cell(change.titleChange.after)}**`, '');
  if (change.textChange) out.push(...diffBlock(change.textChange.before, change.textChange.after), '');
  const attributes = change.attributes ?? [];
  if (attributes.length > 0) out.push(...table(['Attribute', 'Before', 'After'], attributes.map((a) => [a.name, a.before ?? '', a.after ?? ''])), '');
  if (change.links) out.push(...table(['Links before', 'Links after'], [[change.links.before.join(', '), change.links.after.join(', ')]]), '');
  return out;
}

function itemRows(items: readonly DiffItem[], displayRoot: string): string[][] {
  return items.map((item) => [item.id, item.kind, item.title, `${joinDisplayPath(displayRoot, item.file)}:${item.line}`]);
}

function findingRows(findings: readonly Finding[], displayRoot: string): string[][] {
  return findings.map((f) => [f.severity, f.rule, `${joinDisplayPath(displayRoot, f.file)}:${f.line}:${f.column}`, f.message]);
}

/**
 * The diff as Markdown for a release note or a change request: a heading naming both sides, the
 * counts, then items added, removed and changed (each change with its line diff), coverage before
 * and after, findings new and fixed, and (when either side checks SOUP) the SOUP register entries
 * and dependencies that changed. Sections with nothing to list say "None".
 */
export function formatDiffMarkdown(diff: BaselineDiff, context: BaselineContext): string {
  const { displayRoot } = context;
  const { added, removed, changed } = diff.items;
  const out: string[] = [
    `## Traceability changes: ${sideLabel(context.base)} → ${sideLabel(context.head)}`, '',
    `Project \`${displayRoot}\`: ${plural(added.length, 'item')} added, ${removed.length} removed, ${changed.length} changed; ` +
    `${plural(diff.findings.new.length, 'finding')} new, ${diff.findings.fixed.length} fixed.`, '',
  ];
  const section = (title: string, body: string[]) => out.push(`### ${title}`, '', ...(body.length > 0 ? body : ['None.', '']));
  section(`Items added (${added.length})`, added.length > 0 ? [...table(['ID', 'Kind', 'Title', 'Where'], itemRows(added, displayRoot)), ''] : []);
  section(`Items removed (${removed.length})`, removed.length > 0 ? [...table(['ID', 'Kind', 'Title', 'Was at'], itemRows(removed, displayRoot)), ''] : []);
  section(`Items changed (${changed.length})`, changed.flatMap((change) => changeSection(change, displayRoot)));
  const { coverage } = diff;
  const moves = [...coverage.gained.map((c) => [c.id, c.title, `gained ${c.gained.join(', ')}`]), ...coverage.lost.map((c) => [c.id, c.title, `lost ${c.lost.join(', ')}`])];
  section('Coverage', [
    ...table(['', sideLabel(context.base), sideLabel(context.head)], coverageRows(coverage.before, coverage.after)), '',
    ...(moves.length > 0 ? [...table(['ID', 'Title', 'Change'], moves), ''] : []),
  ]);
  section(`New findings (${diff.findings.new.length})`, diff.findings.new.length > 0 ? [...table(['Severity', 'Rule', 'Where', 'Message'], findingRows(diff.findings.new, displayRoot)), ''] : []);
  section(`Fixed findings (${diff.findings.fixed.length})`, diff.findings.fixed.length > 0 ? [...table(['Severity', 'Rule', 'Where', 'Message'], findingRows(diff.findings.fixed, displayRoot)), ''] : []);
  if (diff.soup) {
    const { entries, dependencies } = diff.soup;
    const rows = (what: string, part: SoupChanges['entries']): string[][] => [
      ...part.added.map((e) => [what, e.name, 'added', '', e.version ?? '']),
      ...part.removed.map((e) => [what, e.name, 'removed', e.version ?? '', '']),
      ...part.changed.map((c) => [what, c.name, c.field, c.before ?? '', c.after ?? '']),
    ];
    const all = [...rows('register entry', entries), ...rows('dependency', dependencies)];
    section(`SOUP (${all.length})`, all.length > 0 ? [...table(['', 'Name', 'Change', 'Before', 'After'], all), ''] : []);
  }
  if (context.unread.length > 0) {
    section('Not read', context.unread.map((entry) => `- ${sideLabel(entry.side === 'base' ? context.base : context.head)}: ${entry.reason} \`${joinDisplayPath(displayRoot, entry.path)}\` (its files are not in this repository's tree)`).concat(''));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
