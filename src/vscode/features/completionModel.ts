/**
 * When ID completion applies inside a comment, and in which order the IDs are offered. Pure: the
 * completion provider supplies the text before the cursor and the snapshot.
 */
import type { TableField, TracelensConfig } from '../../core/config/types';
import { ANY_ID_SOURCE, normalPrefix, type IdFamilies } from '../../core/model/ids';
import type { Item, Relation } from '../../core/model/types';
import { isRstFile } from '../../core/readers/fileTypes';
import { tableRowAt } from '../../core/readers/markdownTables';
import { SPHINX_NEEDS_FORMAT } from '../../core/readers/sphinxNeeds';
import { BUILT_IN_LINKS, linkKind } from '../../core/readers/sphinxNeedTypes';
import type { SnapshotLookup } from '../state/snapshotLookup';

/** What the IDs being written are for: a tag's relation, or an item's `parent` link. */
export type IdPurpose = Relation | 'parent';

/** Where completion applies on a line and what it knows from the text before the cursor. */
export interface CompletionSite {
  /** 0-based column where the partial ID starts; the replaced range runs from here to the cursor. */
  readonly start: number;
  /** What is typed of the ID so far (may be empty). */
  readonly partial: string;
  /** What the keyword before the IDs says they are for, when there is one. */
  readonly relation?: IdPurpose;
  /** Insert a space before the ID: the cursor is right after `:` or `,`. */
  readonly spaceBefore?: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Implements: TL-045, TL-095
/**
 * Whether the cursor sits where an ID is expected, given the line's text up to the cursor: after
 * a relation keyword (`Implements: `, `@verifies `, `Satisfies: REQ-1, `), or in a word that
 * starts like an ID of one of the project's families (`REQ-`, `RISK`, `REQ0` where items are
 * written `REQ001`, `FE_` where `FE_DEF` is an item, `dsn~`). `keywords` maps lower-case keywords
 * (or attribute keys in requirement files) to their relation.
 */
export function completionSite(linePrefix: string, keywords: Readonly<Record<string, IdPurpose>>, families: IdFamilies): CompletionSite | undefined {
  const partial = /(?:[a-z]+~[A-Za-z0-9._-]*(?:~[0-9]*)?|[A-Za-z0-9_-]*)$/.exec(linePrefix)![0];
  const typed = /^[a-z]+~/.test(partial);
  if (partial !== '' && !typed && !/^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]*)*$/.test(partial)) return undefined;
  const start = linePrefix.length - partial.length;
  const before = linePrefix.slice(0, start);
  const words = Object.keys(keywords).filter((word) => /^[A-Za-z][\w-]*$/.test(word)).sort((a, b) => b.length - a.length);
  if (words.length > 0) {
    const afterKeyword = new RegExp(
      String.raw`(?<![\w-])@?(${words.map(escapeRegExp).join('|')})(?:\s*:\s*|\s+|->)(?:${ANY_ID_SOURCE}(?:\s*[,;&]\s*|\s+and\s+|\s+))*$`,
      'i',
    ).exec(before);
    if (afterKeyword && (before.endsWith(' ') || before.endsWith(':') || before.endsWith(',') || before.endsWith('>') || partial !== '')) {
      const spaceBefore = partial === '' && (before.endsWith(':') || before.endsWith(','));
      return { start, partial, relation: keywords[afterKeyword[1]!.toLowerCase()]!, ...(spaceBefore ? { spaceBefore } : {}) };
    }
  }
  if (partial !== '' && startsLikeFamily(partial, families)) return { start, partial };
  return undefined;
}

/** Whether a partial word starts like an ID of one of `families` (capitals case-insensitively). */
function startsLikeFamily(partial: string, families: IdFamilies): boolean {
  if (/^[a-z]+~/.test(partial)) return (families.types ?? []).includes(partial.slice(0, partial.indexOf('~')));
  const upper = partial.toUpperCase();
  const normal = normalPrefix(upper);
  return families.prefixes.some((prefix) => upper === prefix || upper.startsWith(`${prefix}-`) || upper.startsWith(`${prefix}_`))
    || (families.joinedPrefixes ?? []).some((prefix) => upper === prefix || new RegExp(`^${prefix}[0-9]`).test(upper))
    || (families.namedPrefixes ?? []).some((prefix) => `${normal}-`.startsWith(`${normalPrefix(prefix)}-`))
    // A named ID is offered from its first segment on (`FE` or `FE_D` for `FE_DEF`).
    || (families.namedIds ?? []).some((id) => normalPrefix(id).startsWith(normal) && `${normal}-`.startsWith(`${normalPrefix(id).split('-')[0]}-`));
}

/** An item offered for completion (or in a pick list), with the key that orders it. */
export interface RankedItem {
  readonly item: Item;
  readonly sortText: string;
  /** Why it is first, when it is: `not implemented`, `not verified`, `not mitigated`. */
  readonly gap?: string;
}

/** `REQ-7` sorts before `REQ-10`. */
function naturalKey(id: string): string {
  return id.replace(/[0-9]+/g, (digits) => digits.padStart(8, '0'));
}

/**
 * Active items in the order a tag wants them: in a test (or after `verifies`) unverified
 * requirements first; after `mitigates` unmitigated risks first; for a `parent` link system
 * requirements first; otherwise unimplemented requirements first. Then the rest of the
 * requirements, then other kinds; by ID within a group.
 */
export function rankItems(view: SnapshotLookup, options: { readonly relation?: IdPurpose; readonly isTest: boolean }): RankedItem[] {
  const relation = options.relation ?? (options.isTest ? 'verifies' : 'implements');
  const seen = new Set<string>();
  const ranked: Array<RankedItem & { group: number }> = [];
  for (const item of view.snapshot.items) {
    if (seen.has(item.id) || view.isInactive(item)) continue;
    seen.add(item.id);
    let group: number;
    let gap: string | undefined;
    if (relation === 'parent') {
      group = item.kind === 'system' ? 0 : item.kind === 'requirement' ? 1 : 2;
    } else if (relation === 'mitigates') {
      if (item.kind === 'risk') {
        const unmitigated = view.trace(item.id).mitigatingItems.length === 0;
        group = unmitigated ? 0 : 1;
        gap = unmitigated ? 'not mitigated' : undefined;
      } else {
        group = item.kind === 'requirement' ? 2 : 3;
      }
    } else if (item.kind === 'requirement') {
      const open = relation === 'verifies' ? !view.isVerified(item) : !view.isImplemented(item.id);
      group = open ? 0 : 1;
      gap = open ? (relation === 'verifies' ? 'not verified' : 'not implemented') : undefined;
    } else {
      group = item.kind === 'risk' ? 2 : item.kind === 'system' ? 3 : 4;
    }
    ranked.push({ item, group, sortText: `${group}:${naturalKey(item.id)}`, ...(gap ? { gap } : {}) });
  }
  return ranked
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
    .map(({ item, sortText, gap }) => ({ item, sortText, ...(gap ? { gap } : {}) }));
}

/** Attribute keys that take IDs in requirement files, for completion there. */
export const LINK_ATTRIBUTES: Readonly<Record<string, IdPurpose>> = Object.freeze({
  parent: 'parent', parents: 'parent', mitigates: 'mitigates', verifies: 'verifies',
});

// Implements: TL-125
/**
 * The link options of sphinx-needs `.rst` files (`:links:`, `:parent_needs:` and the link types
 * ubproject.toml declares) with what their IDs are for, over {@link LINK_ATTRIBUTES}.
 */
export function needLinkAttributes(config: Pick<TracelensConfig, 'sphinxNeeds'>): Readonly<Record<string, IdPurpose>> {
  const options = [...BUILT_IN_LINKS, ...(config.sphinxNeeds?.links ?? [])];
  const purposeOf = (option: string): IdPurpose => {
    const kind = linkKind(option, 'requirement');
    // Completion ranks a child or dependency link's IDs as a parent's: items of the same level.
    return kind === 'child' || kind === 'depends' ? 'parent' : kind;
  };
  return { ...LINK_ATTRIBUTES, ...Object.fromEntries(options.map((option) => [option.toLowerCase(), purposeOf(option)])) };
}

// Implements: TL-265
/**
 * The link attributes of a requirement file: a sphinx-needs document's link options (an `.rst`
 * file, or a MyST Markdown file whose items are needs), else the plain link attributes.
 */
export function linkAttributesOf(file: string, items: readonly Pick<Item, 'format'>[], config: Pick<TracelensConfig, 'sphinxNeeds'>): Readonly<Record<string, IdPurpose>> {
  return isRstFile(file) || items.some((item) => item.format === SPHINX_NEEDS_FORMAT) ? needLinkAttributes(config) : LINK_ATTRIBUTES;
}

/** Table fields whose cells hold IDs, and what the IDs are for. */
const LINK_FIELDS: Readonly<Partial<Record<TableField, IdPurpose>>> = { parent: 'parent', mitigates: 'mitigates', verifies: 'verifies' };

// Implements: TL-087
/**
 * Completion in a Markdown table's link cell (a `Parent`, `Mitigates`/`Related Risk IDs` or
 * `Verifies` column): at the cell's start, after a `,`, `;`, `<br>` or space, or in a word being
 * typed there. `lines` is the document, `line` and `character` the cursor (0-based).
 */
export function tableCellSite(lines: readonly string[], line: number, character: number, tableColumns?: Readonly<Record<string, TableField>>): CompletionSite | undefined {
  const table = tableRowAt(lines, line, tableColumns);
  if (!table) return undefined;
  const column = table.cells.findIndex((cell) => character >= cell.from && character <= cell.to);
  const relation = column < 0 ? undefined : LINK_FIELDS[table.fields[column] as TableField];
  if (!relation) return undefined;
  const prefix = (lines[line] ?? '').slice(0, character);
  const partial = /[A-Za-z0-9_-]*$/.exec(prefix)![0];
  const start = character - partial.length;
  const before = prefix.slice(0, start);
  if (!/(?:[|,;\s]|<br\s*\/?>)$/i.test(before)) return undefined;
  const spaceBefore = partial === '' && /[|,;]$/.test(before);
  return { start, partial, relation, ...(spaceBefore ? { spaceBefore } : {}) };
}
