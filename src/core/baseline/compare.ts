// Implements: TL-190, TL-192
import type { AnalysedProject } from '../project/check';
import type { Finding, Item } from '../model/types';
import { itemCoverage, type CoverageState, type CoverageSummary } from '../rules/coverage';
import { firstDefinitions } from '../rules/evaluate';
import { matchFindings } from './findingMatch';
import { wordDiff, type DiffSegment } from './textDiff';
import { compareSoup, type SoupChanges } from './soupChanges';

/** Attributes that say where an item stood, not what it says (sphinx-needs' `lineno`): a move changes them. */
const POSITIONAL_ATTRIBUTES = new Set(['lineno']);

/** An item as a diff lists it. */
export interface DiffItem {
  readonly id: string;
  readonly kind: Item['kind'];
  readonly title: string;
  readonly file: string;
  readonly line: number;
}

/** A value before and after, and for text the word diff between them. */
export interface TextChange {
  readonly before: string;
  readonly after: string;
  readonly diff: readonly DiffSegment[];
}

/** What changed in an item present on both sides (positions never count: a moved item is unchanged). */
export interface ItemChange extends DiffItem {
  /** The parts that changed, sorted: `title`, `text`, `kind`, `links`, `attribute:<name>`. */
  readonly fields: readonly string[];
  readonly titleChange?: TextChange;
  readonly textChange?: TextChange;
  readonly attributes?: ReadonlyArray<{ readonly name: string; readonly before?: string; readonly after?: string }>;
  readonly links?: { readonly before: readonly string[]; readonly after: readonly string[] };
}

/** How far one item is traced, as the coverage summary counts it. */
export interface CoverageFlags {
  readonly state: CoverageState;
  readonly implemented: boolean;
  readonly verified: boolean;
  readonly mitigated: boolean;
}

/** What coverage an item can gain or lose: `complete` is the state of items of other kinds than requirement and risk. */
export type CoverageAspect = 'implemented' | 'verified' | 'mitigated' | 'complete';

/**
 * An item on both sides whose coverage changed: `gained` lists what it has now and had not, `lost`
 * the reverse. What counts is what the summary counts: implemented and verified for a requirement,
 * mitigated for a risk, and for another kind (a system requirement refined by children) complete.
 */
export interface CoverageChange {
  readonly id: string;
  readonly title: string;
  readonly before: CoverageFlags;
  readonly after: CoverageFlags;
  readonly gained: readonly CoverageAspect[];
  readonly lost: readonly CoverageAspect[];
}

/** The coverage figures of one side. */
export type CoverageFigures = Pick<CoverageSummary, 'items' | 'requirements' | 'implemented' | 'verified' | 'implementedPercent' | 'verifiedPercent' | 'risks' | 'mitigatedRisks' | 'references' | 'findings'>;

/**
 * Everything that changed between two checks of a project (a baseline and now). Lists are sorted:
 * items by ID, findings by file, line, column and rule, SOUP entries and dependencies by name.
 */
export interface BaselineDiff {
  readonly items: {
    readonly added: readonly DiffItem[];
    readonly removed: readonly DiffItem[];
    readonly changed: readonly ItemChange[];
  };
  readonly coverage: {
    readonly before: CoverageFigures;
    readonly after: CoverageFigures;
    /** Items on both sides that gained any of implemented, verified, mitigated. */
    readonly gained: readonly CoverageChange[];
    /** Items on both sides that lost any (an item can be in both lists). */
    readonly lost: readonly CoverageChange[];
  };
  readonly findings: { readonly new: readonly Finding[]; readonly fixed: readonly Finding[] };
  /** Register entries and dependencies in use that changed; absent when neither side checks SOUP. */
  readonly soup?: SoupChanges;
}

const collator = new Intl.Collator('en', { numeric: true });

/** IDs in natural order (REQ-2 before REQ-10), exact code-unit order between equals: stable everywhere. */
export function compareIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares a baseline's check with a later one; pure, positions never count as changes. */
export function compareBaselines(before: AnalysedProject, after: AnalysedProject): BaselineDiff {
  const old = new Map(firstDefinitions(before.items).map((item) => [item.id, item]));
  const now = new Map(firstDefinitions(after.items).map((item) => [item.id, item]));
  const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
  const added = [...now.values()].filter((item) => !old.has(item.id)).map(diffItem).sort(byId);
  const removed = [...old.values()].filter((item) => !now.has(item.id)).map(diffItem).sort(byId);
  const changed: ItemChange[] = [];
  const gained: CoverageChange[] = [];
  const lost: CoverageChange[] = [];
  for (const [id, was] of old) {
    const is = now.get(id);
    if (!is) continue;
    const change = itemChange(was, is);
    if (change) changed.push(change);
    const coverage = coverageChange(is, flags(itemCoverage(was, before.index, before.config)), flags(itemCoverage(is, after.index, after.config)));
    if (coverage.gained.length > 0) gained.push(coverage);
    if (coverage.lost.length > 0) lost.push(coverage);
  }
  return {
    items: { added, removed, changed: changed.sort(byId) },
    coverage: { before: figures(before.summary), after: figures(after.summary), gained: gained.sort(byId), lost: lost.sort(byId) },
    findings: matchFindings(before.findings, after.findings),
    ...soupSection(compareSoup(before.soup, after.soup)),
  };
}

/** The SOUP section, when either side checks SOUP. */
function soupSection(soup: SoupChanges | undefined): { soup?: SoupChanges } {
  return soup ? { soup } : {};
}

function diffItem(item: Item): DiffItem {
  return { id: item.id, kind: item.kind, title: item.title, file: item.file, line: item.line };
}

/** Whitespace runs as one space, trimmed: re-wrapping a paragraph is not a change. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textChange(before: string, after: string): TextChange | undefined {
  if (normalizeSpace(before) === normalizeSpace(after)) return undefined;
  return { before, after, diff: wordDiff(before, after) };
}

function linkList(item: Item): string[] {
  return [...new Set(item.links.map((link) => `${link.kind} ${link.target}`))].sort();
}

/** What changed in an item, or undefined when nothing did but its place. */
function itemChange(was: Item, is: Item): ItemChange | undefined {
  const fields: string[] = [];
  const titleChange = textChange(was.title, is.title);
  if (titleChange) fields.push('title');
  const textChanged = textChange(was.text, is.text);
  if (textChanged) fields.push('text');
  if (was.kind !== is.kind) fields.push('kind');
  const [linksBefore, linksAfter] = [linkList(was), linkList(is)];
  const linksChanged = linksBefore.join('\n') !== linksAfter.join('\n');
  if (linksChanged) fields.push('links');
  const names = [...new Set([...Object.keys(was.attributes), ...Object.keys(is.attributes)])].filter((name) => !POSITIONAL_ATTRIBUTES.has(name)).sort();
  const attributes = names
    .filter((name) => normalizeSpace(was.attributes[name] ?? '\0') !== normalizeSpace(is.attributes[name] ?? '\0'))
    .map((name) => ({ name, ...(was.attributes[name] !== undefined ? { before: was.attributes[name] } : {}), ...(is.attributes[name] !== undefined ? { after: is.attributes[name] } : {}) }));
  for (const attribute of attributes) fields.push(`attribute:${attribute.name}`);
  if (fields.length === 0) return undefined;
  return {
    ...diffItem(is), fields,
    ...(titleChange ? { titleChange } : {}),
    ...(textChanged ? { textChange: textChanged } : {}),
    ...(attributes.length > 0 ? { attributes } : {}),
    ...(linksChanged ? { links: { before: linksBefore, after: linksAfter } } : {}),
  };
}

function flags(coverage: ReturnType<typeof itemCoverage>): CoverageFlags {
  return { state: coverage.state, implemented: coverage.implemented, verified: coverage.verified, mitigated: coverage.mitigated };
}

function aspects(kind: Item['kind']): readonly CoverageAspect[] {
  return kind === 'requirement' ? ['implemented', 'verified'] : kind === 'risk' ? ['mitigated'] : ['complete'];
}

function coverageChange(item: Item, before: CoverageFlags, after: CoverageFlags): CoverageChange {
  const has = (flags: CoverageFlags, aspect: CoverageAspect) => (aspect === 'complete' ? flags.state === 'complete' : flags[aspect]);
  const relevant = aspects(item.kind);
  return {
    id: item.id, title: item.title, before, after,
    gained: relevant.filter((aspect) => !has(before, aspect) && has(after, aspect)),
    lost: relevant.filter((aspect) => has(before, aspect) && !has(after, aspect)),
  };
}

function figures(summary: CoverageSummary): CoverageFigures {
  const { items, requirements, implemented, verified, implementedPercent, verifiedPercent, risks, mitigatedRisks, references, findings } = summary;
  return { items, requirements, implemented, verified, implementedPercent, verifiedPercent, risks, mitigatedRisks, references, findings };
}

/** One side of a diff: a commit, or the working tree (no commit). */
export interface BaselineSide {
  /** The revision as the user named it (`v1.0`, `HEAD~3`); absent for the working tree. */
  readonly revision?: string;
  /** Its full commit ID; absent for the working tree. */
  readonly commit?: string;
}

/** What a diff report says besides the diff: which sides, which folder, and what was not read. */
export interface BaselineContext {
  readonly base: BaselineSide;
  readonly head: BaselineSide;
  /** The project folder as the user named it (POSIX). */
  readonly displayRoot: string;
  /** Entries of a revision that are not read as files (submodules): a check there does not see into them. */
  readonly unread: ReadonlyArray<{ readonly side: 'base' | 'head'; readonly path: string; readonly reason: string }>;
}

/** `v1.0 (1a2b3c4d)` or `working tree`. */
export function sideLabel(side: BaselineSide): string {
  return side.commit === undefined ? 'working tree' : `${side.revision ?? side.commit} (${side.commit.slice(0, 8)})`;
}
