// Implements: TL-245
/**
 * Applies sphinx-needs `needextend` directives to the needs of the whole project, as sphinx-needs
 * does after reading every document: in order of file and line, each to the need its ID names or
 * to every need its filter selects, a later one seeing what an earlier one changed. An option
 * replaces the field, `:+field:` appends (to a list: its elements; to a link field: the targets it
 * does not hold yet; to text: after a space), `:-field:` empties it. A changed status or link
 * changes what the need asks for and traces to, like any other status or link.
 *
 * Only needs read from `.rst` files and their needimports are extended: a needs.json export was
 * written after its build applied them. An ID no need has, and a filter Tracelens cannot evaluate
 * exactly (needFilter.ts), are problems at the directive: nothing is guessed.
 */

import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item, type ItemLink, type LinkKind } from '../model/types';
import { interpretAttributes, knownKey, splitInline, type ValuePart } from './attributes';
import { labelFor, NEEDEXTEND, type NeedChange, type NeedExtend } from './needDirectives';
import { evaluateNeedFilter, NeedFilterUnknown, parseNeedFilter, UNSET, type FieldValue, type NeedFields } from './needFilter';
import { blankLinkDecorations } from './rstBlocks';
import { isLinkOption, linkKind } from './sphinxNeedTypes';
import type { NeedSettings } from './types';

/** The attribute that says where an imported need was imported (needImport.ts), and the one that lists the needextends applied. */
export const IMPORTED_AT = 'needimport';
export const EXTENDED_AT = 'needextend';

/** Fields a needextend cannot change in Tracelens' model: a need's identity and type. */
const FIXED_FIELDS = new Set(['id', 'type']);

/** Whether sphinx-needs' needextend applies to an item: a need of an `.rst` file or a needimport. */
export function isExtensible(item: Item): boolean {
  return item.format === 'sphinx-needs' || item.attributes[IMPORTED_AT] !== undefined;
}

/** The items with every needextend applied, and the problems of needextends that could not be. */
export function applyNeedExtends(items: readonly Item[], extensions: readonly NeedExtend[], needs: NeedSettings | undefined): { items: Item[]; problems: FileProblem[] } {
  const current = [...items];
  const problems: FileProblem[] = [];
  if (extensions.length === 0) return { items: current, problems };
  const settings = { needs };
  const extensible = current.flatMap((item, index) => (isExtensible(item) ? [index] : []));
  const byId = new Map<string, number[]>();
  for (const index of extensible) byId.set(current[index]!.id, [...(byId.get(current[index]!.id) ?? []), index]);
  // A field some need has is declared in the project: a need without it has sphinx-needs' default.
  const declared = new Set(extensible.flatMap((index) => Object.keys(current[index]!.attributes)));

  for (const extension of [...extensions].sort(compareLocations)) {
    const at = { file: extension.file, line: extension.line, column: extension.column };
    let selected: number[];
    if (extension.id !== undefined) {
      selected = byId.get(extension.id) ?? [];
      if (selected.length === 0) {
        const elsewhere = current.some((item) => item.id === extension.id);
        problems.push({
          ...at,
          message: `${labelFor(extension.file)(NEEDEXTEND, extension.id)} names no need of the .rst files or their needimports${elsewhere ? ` (${extension.id} is read from another format, which needextend does not change)` : ''}: ${extension.strict ? 'with :strict: true, sphinx-needs stops the build' : 'sphinx-needs warns and changes nothing'}.`,
        });
        continue;
      }
    } else {
      const chosen = selectByFilter(extension, extensible, current, declared, settings, at, problems);
      if (!chosen) continue;
      selected = chosen;
    }
    for (const index of selected) current[index] = extended(current[index]!, extension, settings, problems);
  }
  return { items: current, problems };
}

/** The needs a needextend's filter selects, or undefined (with a problem) when it cannot be evaluated exactly for every need. */
function selectByFilter(
  extension: NeedExtend, extensible: readonly number[], items: readonly Item[], declared: ReadonlySet<string>,
  settings: { needs: NeedSettings | undefined }, at: { file: string; line: number; column: number }, problems: FileProblem[],
): number[] | undefined {
  const filter = extension.filter!;
  const parsed = parseNeedFilter(filter);
  if (!parsed.ok) {
    problems.push({ ...at, message: `${labelFor(extension.file)(NEEDEXTEND)} filter \`${filter}\` is not applied: ${parsed.reason}. Name the need by its ID, or check what it changes in the Sphinx build.` });
    return undefined;
  }
  const selected: number[] = [];
  const unknown: string[] = [];
  let reason = '';
  for (const index of extensible) {
    const item = items[index]!;
    try {
      if (evaluateNeedFilter(parsed.node, itemFields(item, extension.file, declared, settings))) selected.push(index);
    } catch (error) {
      if (!(error instanceof NeedFilterUnknown)) throw error;
      unknown.push(item.id);
      reason ||= error.message;
    }
  }
  if (unknown.length > 0) {
    const shown = unknown.length > 3 ? `${unknown.slice(0, 3).join(', ')} and ${unknown.length - 3} more` : unknown.join(', ');
    problems.push({ ...at, message: `${labelFor(extension.file)(NEEDEXTEND)} filter \`${filter}\` is not applied: it cannot be evaluated exactly for ${shown} (${reason}).` });
    return undefined;
  }
  return selected;
}

/** IDs of a link field's value. */
function linkTargets(value: string | undefined): string[] {
  return value === undefined ? [] : splitInline(blankLinkDecorations(value), 1, 1).map((part) => part.text);
}

/** Elements of a list field's value (`tags`): split at commas and semicolons. */
function listElements(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/[;,]/).map((element) => element.trim()).filter((element) => element !== '');
}

/** The fields of an item as a filter sees them (see needFilter.ts). */
function itemFields(item: Item, file: string, declared: ReadonlySet<string>, settings: { needs: NeedSettings | undefined }): NeedFields {
  const imported = item.attributes[IMPORTED_AT] !== undefined;
  return {
    inThisDoc: (imported ? item.origin : item.file) === file,
    field(name: string): FieldValue | typeof UNSET | undefined {
      switch (name) {
        case 'id': return item.id;
        case 'title': return item.title;
        case 'status': return item.status ?? null;
        case 'tags': return listElements(item.attributes['tags']);
        case 'is_import': return imported;
        case 'is_external': return false;
      }
      if (isLinkOption(name, settings)) return linkTargets(item.attributes[name]);
      const value = item.attributes[name];
      if (value !== undefined && name !== EXTENDED_AT && name !== IMPORTED_AT) return value;
      return declared.has(name) ? UNSET : undefined;
    },
  };
}

/** The kind of links a field holds, or undefined for a field that holds no links. */
function linkField(field: string, item: Item, settings: { needs: NeedSettings | undefined }): LinkKind | undefined {
  if (isLinkOption(field, settings)) return linkKind(field, item.kind);
  const known = knownKey(field);
  return known === 'parent' || known === 'verifies' || known === 'mitigates' ? known : undefined;
}

/** An item with one needextend applied. */
function extended(item: Item, extension: NeedExtend, settings: { needs: NeedSettings | undefined }, problems: FileProblem[]): Item {
  let next: Item = item;
  for (const change of extension.changes) {
    if (FIXED_FIELDS.has(change.field)) {
      problems.push({ file: extension.file, line: change.line, column: change.column, message: `\`:${change.field}:\` of a needextend is not applied: sphinx-needs does not change a need's ${change.field} this way.` });
      continue;
    }
    const links = linkField(change.field, next, settings);
    next = links !== undefined ? withLinks(next, change, links, extension.file, problems) : withValue(next, change, extension.file, problems);
  }
  const before = item.attributes[EXTENDED_AT];
  const here = `${extension.file}:${extension.line}`;
  return { ...next, attributes: { ...next.attributes, [EXTENDED_AT]: before === undefined ? here : `${before}; ${here}` } };
}

/** A link field changed: links to removed targets go, links to new targets come, at their place in the needextend. */
function withLinks(item: Item, change: NeedChange, kind: LinkKind, file: string, problems: FileProblem[]): Item {
  const old = linkTargets(item.attributes[change.field]);
  const given: ValuePart[] = [];
  for (const part of change.op === 'delete' ? [] : change.linkParts) {
    if (isId(part.text)) given.push(part);
    else problems.push({ file, line: part.line, column: part.column, message: `"${part.text}" in :${change.op === 'add' ? '+' : ''}${change.field}: is not a need ID (expected something like REQ_001).` });
  }
  const targets = change.op === 'add' ? [...old, ...given.map((part) => part.text).filter((target) => !old.includes(target))] : given.map((part) => part.text);
  const removed = new Set(old.filter((target) => !targets.includes(target)));
  const added: ItemLink[] = [];
  for (const part of given) {
    if (old.includes(part.text) || added.some((link) => link.target === part.text)) continue;
    added.push({ file, line: part.line, column: part.column, kind, target: part.text });
  }
  const attributes = { ...item.attributes };
  if (targets.length > 0) attributes[change.field] = targets.join(', ');
  else delete attributes[change.field];
  const links = [...item.links.filter((link) => !(link.kind === kind && removed.has(link.target))), ...added].sort(compareLocations);
  return { ...item, links, attributes };
}

/** A field of text or a list changed; a field with a meaning (status, class, verification…) means it anew. */
function withValue(item: Item, change: NeedChange, file: string, problems: FileProblem[]): Item {
  const old = item.attributes[change.field];
  let value: string;
  if (change.field === 'tags') {
    const elements = change.op === 'delete' ? [] : change.parts.map((part) => part.text);
    value = (change.op === 'add' ? [...listElements(old), ...elements] : elements).join(', ');
  } else {
    value = change.op === 'delete' ? '' : change.op === 'add' && old ? `${old} ${change.value}` : change.value;
  }
  const attributes = { ...item.attributes };
  if (value.trim() !== '') attributes[change.field] = value;
  else delete attributes[change.field];
  const known = knownKey(change.field);
  if (known === undefined) return { ...item, attributes };
  const parts = change.op === 'set' ? change.parts : splitInline(value, change.line, change.column);
  const meant = interpretAttributes([{ key: change.field, value, line: change.line, column: change.column, parts }], file, problems);
  const { status, safetyClass, verification, category, needs, ...rest } = item;
  const fields = { status, safetyClass, verification, category, needs, kind: item.kind };
  switch (known) {
    case 'status': fields.status = meant.status; break;
    case 'class': fields.safetyClass = meant.safetyClass; break;
    case 'verification': fields.verification = meant.verification; break;
    case 'category': fields.category = meant.category; break;
    case 'needs': fields.needs = meant.needs; break;
    case 'kind': fields.kind = meant.kind ?? item.kind; break;
    default: break;
  }
  const defined = Object.fromEntries(Object.entries(fields).filter(([, field]) => field !== undefined));
  return { ...rest, ...defined, attributes } as Item;
}
