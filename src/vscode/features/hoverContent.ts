/**
 * The Markdown of an ID's hover: what the item says and what traces to it. Pure text building;
 * the hover provider wraps it in an untrusted MarkdownString (no command links, no HTML), so the
 * links here are plain `file` URIs with a `#L12` line fragment, which VS Code opens at the line.
 */
import type { Item, Location, Reference } from '../../core/model/types';
import type { SnapshotLookup } from '../state/snapshotLookup';
import type { ItemEvidence } from '../../core/results/evidence';
import type { LinkReview } from '../../core/review/reviewState';
import { itemFingerprint, shortFingerprint } from '../../core/review/fingerprint';
import { wordDiff } from '../../core/review/wordDiff';
import { needsNoTest } from '../../core/rules/traceIndex';

/** Turns a project location into a link target (a `file:` URI with a line fragment). */
export type LinkFor = (location: Location) => string;

/** At most this many entries per list; the rest are counted. */
export const HOVER_LIST_LIMIT = 8;

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** A link destination Markdown cannot misread: spaces and parentheses encoded. */
function destination(uri: string): string {
  return uri.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function link(text: string, location: Location, linkFor: LinkFor): string {
  return `[${escapeMarkdown(text)}](${destination(linkFor(location))})`;
}

/** `src/dose.c:12 (round_dose)` linked to the line. */
export function referenceLink(reference: Reference, linkFor: LinkFor): string {
  const where = link(`${reference.file}:${reference.line}`, reference, linkFor);
  return reference.symbol ? `${where} \`${reference.symbol.replace(/`/g, '')}\`` : where;
}

/** `REQ-001 Bolus limit` linked to its definition. */
export function itemLink(item: Item, linkFor: LinkFor): string {
  return `${link(item.id, item, linkFor)}${item.title ? ` ${escapeMarkdown(item.title)}` : ''}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function list(entries: readonly string[]): string[] {
  const shown = entries.slice(0, HOVER_LIST_LIMIT).map((entry) => `- ${entry}`);
  if (entries.length > HOVER_LIST_LIMIT) shown.push(`- … and ${entries.length - HOVER_LIST_LIMIT} more`);
  return shown;
}

// Implements: TL-146
/** `✔ 3 passed · ✘ 1 failed · ○ 1 not run`: an item's verifying tests by outcome (failed counts errors). */
export function resultCounts(evidence: ItemEvidence): string {
  let passed = 0;
  let failed = 0;
  let notRun = 0;
  for (const test of evidence.tests) {
    if (test.outcome === 'passed') passed++;
    else if (test.outcome === 'failed' || test.outcome === 'error') failed++;
    else notRun++;
  }
  return [passed > 0 ? `✔ ${passed} passed` : '', failed > 0 ? `✘ ${failed} failed` : '', notRun > 0 ? `○ ${notRun} not run` : ''].filter(Boolean).join(' · ');
}

/**
 * When the item's tests ran: the latest timestamp its testcases carry, else when the newest of
 * their results files was written; undefined when neither is known.
 */
export function timeOfRun(evidence: ItemEvidence, modified: Readonly<Record<string, string>> = {}): string | undefined {
  const cases = evidence.tests.flatMap((test) => test.cases);
  const stamps = cases.flatMap((testcase) => (testcase.timestamp !== undefined ? [testcase.timestamp] : [])).sort();
  const written = cases.flatMap((testcase) => (modified[testcase.file] !== undefined ? [modified[testcase.file]!] : [])).sort();
  const latest = stamps[stamps.length - 1] ?? written[written.length - 1];
  return latest?.replace('T', ' ').replace(/(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '$1$4');
}

/** The one-line trace summary a CodeLens and a hover share: `2 implementations · 1 test`, with results when there are some. */
export function traceSummary(item: Item, view: SnapshotLookup): string {
  const evidence = view.evidence(item.id);
  const trace = traceText(item, view);
  return evidence ? `${trace} · ${resultCounts(evidence)}` : trace;
}

function traceText(item: Item, view: SnapshotLookup): string {
  // Implements: TL-226
  if (view.isInactive(item)) {
    const successor = view.successor(item);
    return `${item.status ?? 'inactive'}${successor ? ` · superseded by ${successor.id}` : ''}`;
  }
  const trace = view.trace(item.id);
  if (item.kind === 'risk') return plural(trace.mitigatingItems.length + trace.mitigations.length, 'mitigation');
  if (item.kind === 'test') return `verifies ${plural(item.links.filter((l) => l.kind === 'verifies').length, 'item')}`;
  const implementations = trace.implementations.length + trace.mitigations.length;
  const tests = trace.verifications.length + trace.verifyingItems.length;
  if (item.kind === 'system') return `${plural(trace.children.length, 'child requirement')} · ${plural(implementations, 'implementation')}`;
  // Implements: TL-228
  // Inspection, analysis or demonstration verifies without a test: "0 tests" would read as a gap.
  const verified = tests === 0 && needsNoTest(item, view.config) ? `verified by ${item.verification}` : plural(tests, 'test');
  return `${plural(implementations, 'implementation')} · ${verified}`;
}

// Implements: TL-043
/** The hover of a defined item. */
export function itemHover(item: Item, view: SnapshotLookup, linkFor: LinkFor): string {
  const config = view.config;
  const facts = [item.kind, `class ${item.safetyClass ?? `${config.defaultClass} (default)`}`, `status ${item.status ?? 'active'}`];
  if (item.verification) facts.push(`verification ${item.verification}`);
  const fingerprint = ` · fingerprint ${shortFingerprint(itemFingerprint(item, config.fingerprintAttributes))}`;
  const factLine = facts.map(escapeMarkdown).join(' · ') + (view.isInactive(item) ? ' · **inactive**' : '') + fingerprint;
  const lines = [`**${escapeMarkdown(item.id)}**${item.title ? ` ${escapeMarkdown(item.title)}` : ''}`, '', factLine];
  const definitions = view.definitions(item.id);
  if (definitions.length > 1) lines.push('', `Defined ${definitions.length} times: ${definitions.map((d) => link(`${d.file}:${d.line}`, d, linkFor)).join(', ')}`);
  const links = item.links.map((l) => `${l.kind} ${view.item(l.target) ? link(l.target, view.item(l.target)!, linkFor) : `${escapeMarkdown(l.target)} (not defined)`}`);
  if (links.length > 0) lines.push('', links.join(' · '));
  if (item.text.trim() !== '') lines.push('', '---', '', item.text.trim());
  lines.push('', '---', '');

  const trace = view.trace(item.id);
  if (view.isInactive(item)) return [...lines, ...inactiveLines(item, view, linkFor)].join('\n');
  if (item.kind === 'risk') {
    const controls = [...trace.mitigatingItems.map((i) => itemLink(i, linkFor)), ...trace.mitigations.map((r) => referenceLink(r, linkFor))];
    lines.push(controls.length === 0 ? '**Not mitigated**: no item lists it under `mitigates`.' : `**Mitigated by** ${controls.length}:`, ...list(controls));
    return lines.join('\n');
  }
  const implementations = [...trace.implementations, ...trace.mitigations].map((r) => referenceLink(r, linkFor));
  const tests = [...trace.verifications.map((r) => referenceLink(r, linkFor)), ...trace.verifyingItems.map((i) => itemLink(i, linkFor))];
  if (item.kind === 'requirement' || implementations.length > 0) {
    lines.push(implementations.length === 0 ? '**Not implemented**: no code comment implements it.' : `**Implemented** by ${plural(implementations.length, 'tag')}:`, ...list(implementations));
  }
  if (item.kind === 'requirement') {
    const noTest = item.verification !== undefined && config.nonTestVerification.includes(item.verification.toLowerCase());
    lines.push('');
    if (tests.length > 0) lines.push(`**Verified** by ${plural(tests.length, 'test')}:`, ...list(tests));
    else lines.push(noTest ? `**Verified** by ${escapeMarkdown(item.verification!)}; no test needed.` : '**Not verified**: no test verifies it.');
  }
  const evidence = view.evidence(item.id);
  if (evidence) lines.push('', ...resultLines(evidence, view, linkFor));
  if (trace.children.length > 0) lines.push('', `**Refined** by ${trace.children.length}:`, ...list(trace.children.map((i) => itemLink(i, linkFor))));
  return lines.join('\n');
}

// Implements: TL-226
/**
 * What the hover of an inactive item says instead of its coverage (it needs none): its status,
 * its successor when it names one, and the tags and items that still name it.
 */
function inactiveLines(item: Item, view: SnapshotLookup, linkFor: LinkFor): string[] {
  const successor = view.successor(item);
  const lines = [`**${item.status ? escapeMarkdown(item.status.charAt(0).toUpperCase() + item.status.slice(1)) : 'Inactive'}**: needs no implementation and no test${successor ? `; superseded by ${itemLink(successor, linkFor)}` : ''}.`];
  const trace = view.trace(item.id);
  const naming = [
    ...[...trace.implementations, ...trace.mitigations, ...trace.verifications].map((r) => referenceLink(r, linkFor)),
    ...[...trace.verifyingItems, ...trace.mitigatingItems, ...trace.children].map((i) => itemLink(i, linkFor)),
  ];
  if (naming.length > 0) lines.push('', `**Still named** by ${plural(naming.length, 'reference')}${successor ? ` (retarget them to ${escapeMarkdown(successor.id)})` : ''}:`, ...list(naming));
  return lines;
}

/** The test results of an item: the counts with the time of the run, then each test that failed or did not run. */
function resultLines(evidence: ItemEvidence, view: SnapshotLookup, linkFor: LinkFor): string[] {
  const when = timeOfRun(evidence, view.snapshot.testResults?.modified);
  const lines = [`**Test results**: ${escapeMarkdown(resultCounts(evidence))}${when ? ` (${escapeMarkdown(when)})` : ''}`];
  const problems = evidence.tests.filter((test) => test.outcome !== 'passed').map((test) => {
    const failing = test.cases.find((testcase) => testcase.outcome === test.outcome) ?? test.cases[0];
    const where = failing ? link(`${failing.file}:${failing.line}`, failing, linkFor) : test.tag ? link(`${test.tag.file}:${test.tag.line}`, test.tag, linkFor) : '';
    const word = test.outcome === 'missing' ? 'no result' : test.outcome;
    return `${test.outcome === 'failed' || test.outcome === 'error' ? '✘' : '○'} \`${test.name.replace(/`/g, '')}\` ${word}${failing?.message ? `: ${escapeMarkdown(failing.message)}` : ''} ${where}`.trim();
  });
  return [...lines, ...list(problems)];
}

/** The hover of an ID that no requirement file defines, with the nearest defined IDs. */
export function unknownIdHover(id: string, suggestions: readonly Item[], linkFor: LinkFor): string {
  const lines = [`**${escapeMarkdown(id)}** is not defined in any requirement file.`];
  if (suggestions.length > 0) lines.push('', 'Did you mean:', ...suggestions.map((item) => `- ${itemLink(item, linkFor)}`));
  return lines.join('\n');
}

/** A word diff in Markdown: removed words struck through, added ones bold. */
export function markdownWordDiff(before: string, after: string): string {
  return wordDiff(before, after).map((part) => {
    const text = escapeMarkdown(part.text);
    if (part.kind === 'same' || part.text.trim() === '') return text;
    const lead = text.match(/^\s*/)![0];
    const tail = text.match(/\s*$/)![0];
    const core = text.trim();
    return `${lead}${part.kind === 'added' ? `**${core}**` : `~~${core}~~`}${tail}`;
  }).join('');
}

// Implements: TL-188
/**
 * What a hover on a suspect link adds above the item: what it was reviewed against and what it says
 * now, as a word diff (struck: gone since the review; bold: new). Nothing for other links.
 */
export function suspectHover(review: LinkReview, item: Item): string {
  if (review.state !== 'suspect') return '';
  const head = `**Suspect link**: ${escapeMarkdown(item.id)} changed since this link was reviewed`;
  if (review.doorstop) return [head, '', `Doorstop fingerprint recorded ${escapeMarkdown(review.recorded!.slice(0, 8))}…, now ${escapeMarkdown(review.fingerprint.slice(0, 8))}… (\`doorstop clear\` records the review).`, '', '---', ''].join('\n');
  const lines = [`${head} (${shortFingerprint(review.recorded!)} → ${shortFingerprint(review.fingerprint)}).`, ''];
  if (!review.reviewed) {
    lines.push('The reviewed text is not in tracelens.lock.');
  } else {
    if (review.reviewed.title !== item.title) lines.push(`Title: ${markdownWordDiff(review.reviewed.title, item.title)}`, '');
    lines.push(`Reviewed against → now: ${markdownWordDiff(review.reviewed.text, item.text)}`);
  }
  lines.push('', '---', '');
  return lines.join('\n');
}
