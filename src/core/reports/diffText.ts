// Implements: TL-193
import { sideLabel, type BaselineContext, type BaselineDiff, type CoverageFigures, type ItemChange } from '../baseline/compare';
import type { DiffSegment } from '../baseline/textDiff';
import type { SoupChanges, SoupFieldChange, SoupVersioned } from '../baseline/soupChanges';
import type { Finding } from '../model/types';
import { joinDisplayPath } from './paths';

/** `1 item`, `2 items`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `12 requirements: 83.3% implemented, 75% verified; 2 risks, 1 mitigated`; never a percentage of nothing. */
export function coverageLine(figures: CoverageFigures): string {
  const risks = `${plural(figures.risks, 'risk')}, ${figures.mitigatedRisks} mitigated`;
  if (figures.implementedPercent === null || figures.verifiedPercent === null) return `no active requirements; ${risks}`;
  return `${plural(figures.requirements, 'requirement')}: ${figures.implementedPercent}% implemented, ${figures.verifiedPercent}% verified; ${risks}`;
}

/** A word diff inline, as `git diff --word-diff` writes it: `[-old-]{+new+}`. */
export function inlineDiff(segments: readonly DiffSegment[]): string {
  return segments.map((s) => (s.op === 'removed' ? `[-${s.text}-]` : s.op === 'added' ? `{+${s.text}+}` : s.text)).join('');
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line, i) => (i === 0 ? line : `${prefix}${line}`)).join('\n');
}

function changeLines(change: ItemChange): string[] {
  const lines: string[] = [];
  if (change.titleChange) lines.push(`      title: ${inlineDiff(change.titleChange.diff)}`);
  if (change.textChange) lines.push(`      text: ${indent(inlineDiff(change.textChange.diff), '        ')}`);
  if (change.fields.includes('kind')) lines.push('      kind changed');
  for (const attribute of change.attributes ?? []) lines.push(`      ${attribute.name}: ${attribute.before ?? '(none)'} → ${attribute.after ?? '(none)'}`);
  if (change.links) lines.push(`      links: ${change.links.before.join(', ') || '(none)'} → ${change.links.after.join(', ') || '(none)'}`);
  return lines;
}

function findingLine(label: string, finding: Finding, displayRoot: string): string {
  return `  ${label}  ${joinDisplayPath(displayRoot, finding.file)}:${finding.line}:${finding.column}  ${finding.severity.padEnd(7)}  ${finding.message}  ${finding.rule}`;
}

const shown = (entry: SoupVersioned): string => (entry.version !== undefined ? `${entry.name} ${entry.version}` : entry.name);

/** `SOUP: register 1 added, 0 removed, 1 changed; dependencies 1 added, 0 removed, 1 changed`, then each. */
function soupLines(soup: SoupChanges): string[] {
  const { entries, dependencies } = soup;
  const counts = (part: SoupChanges['entries']): string => `${part.added.length} added, ${part.removed.length} removed, ${part.changed.length} changed`;
  const change = (c: SoupFieldChange): string => `${c.name}  ${c.field}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;
  return [
    `SOUP: register entries ${counts(entries)}; dependencies in use ${counts(dependencies)}`,
    ...entries.added.map((e) => `  + entry       ${shown(e)}`),
    ...entries.removed.map((e) => `  - entry       ${shown(e)}`),
    ...entries.changed.map((c) => `  ~ entry       ${change(c)}`),
    ...dependencies.added.map((d) => `  + dependency  ${shown(d)}`),
    ...dependencies.removed.map((d) => `  - dependency  ${shown(d)}`),
    ...dependencies.changed.map((c) => `  ~ dependency  ${change(c)}`),
  ];
}

/** The diff for a terminal: items, coverage, findings and (when checked) SOUP, each section with its counts first. */
export function formatDiffText(diff: BaselineDiff, context: BaselineContext): string {
  const { displayRoot } = context;
  const out: string[] = [`Changes from ${sideLabel(context.base)} to ${sideLabel(context.head)} in ${displayRoot}`, ''];
  const { added, removed, changed } = diff.items;
  out.push(`Items: ${added.length} added, ${removed.length} removed, ${changed.length} changed`);
  for (const item of added) out.push(`  + ${item.id}  ${item.title}  ${joinDisplayPath(displayRoot, item.file)}:${item.line}`);
  for (const item of removed) out.push(`  - ${item.id}  ${item.title}  (was ${joinDisplayPath(displayRoot, item.file)}:${item.line})`);
  for (const item of changed) out.push(`  ~ ${item.id}  ${item.title}  ${joinDisplayPath(displayRoot, item.file)}:${item.line}`, ...changeLines(item));
  out.push('');
  const { coverage } = diff;
  out.push(`Coverage: ${coverageLine(coverage.before)} → ${coverageLine(coverage.after)}`);
  for (const item of coverage.gained) out.push(`  gained  ${item.id}  ${item.gained.join(', ')}`);
  for (const item of coverage.lost) out.push(`  lost    ${item.id}  ${item.lost.join(', ')}`);
  out.push('');
  out.push(`Findings: ${diff.findings.new.length} new, ${diff.findings.fixed.length} fixed`);
  for (const finding of diff.findings.new) out.push(findingLine('new  ', finding, displayRoot));
  for (const finding of diff.findings.fixed) out.push(findingLine('fixed', finding, displayRoot));
  if (diff.soup) out.push('', ...soupLines(diff.soup));
  if (context.unread.length > 0) out.push('');
  for (const entry of context.unread) {
    out.push(`Not read at ${sideLabel(entry.side === 'base' ? context.base : context.head)}: ${entry.reason} ${joinDisplayPath(displayRoot, entry.path)} (its files are not in this repository's tree)`);
  }
  return `${out.join('\n')}\n`;
}
