// Implements: TL-130, TL-131, TL-250, TL-251, TL-252, TL-253
/**
 * ReqIF requirement files, as DOORS (Classic and Next), Polarion, Jama, Codebeamer, ReqIF Studio
 * and Enterprise Architect export them: every SPEC-OBJECT is an item.
 * - ID: the `ReqIF.ForeignID` value as exported (or the attribute `reqif.idAttribute` names),
 *   else the SPEC-OBJECT's IDENTIFIER. A bare number (DOORS's absolute number `12`) gets
 *   `reqif.numberPrefix`, else the `ReqIF.Prefix` of its specification (a DOORS module's prefix,
 *   `SRS-12` as DOORS shows it); without either it stays a number, which no comment can name.
 * - Title: `ReqIF.Name`, `ReqIF.ChapterName` or an attribute named Title/Heading/Name; text:
 *   `ReqIF.Text` (XHTML as plain text) or an attribute named Text/Description/Statement.
 * - Other attributes by their LONG-NAME, enumeration values by theirs; Status and (Software)
 *   Safety Class attributes become the item's status and class; `ReqIF.ForeignDeleted` true
 *   (an object deleted in the tool) makes the status Deleted.
 * - Kind: by the object's type name (its "Object Type" or Kind attribute, else its SPEC-OBJECT-TYPE's
 *   LONG-NAME; see reqifObjectTypes.ts and `reqif.objectTypes`), else by its ID's prefix. A type
 *   named "Requirement" says only that it is an object: the prefix decides. Objects whose kind
 *   nothing says are reported, once per type name.
 * - A chapter heading (`ReqIF.ChapterName` without text, or a type named Heading, Information…)
 *   is informational: it needs nothing.
 * - SPEC-RELATIONs are links, their meaning by the relation type's LONG-NAME (see
 *   {@link BUILT_IN_RELATIONS}); SPECIFICATION trees give each item its section number.
 * Positions are those of the SPEC-OBJECT element; in an archive, see reqifArchive.ts.
 */

import { REQIF_OBJECT_MEANINGS, type ReqifObjectMeaning, type ReqifRelationMeaning, type ReqifSettings } from '../config/types';
import { lineStarts, positionAt } from '../model/positions';
import type { FileProblem, Item, ItemKind, ItemLink, LinkKind } from '../model/types';
import { interpretAttributes, knownKey, type KnownKey, type RawAttribute } from './attributes';
import { isReqifFile } from './fileTypes';
import { parseReqif, type ReqifDocument, type ReqifHierarchy, type ReqifObject, type ReqifRef, type ReqifValue } from './reqifDocument';
import { readReqifArchive } from './reqifArchive';
import { builtInObjectMeaning, isObjectTypeAttribute } from './reqifObjectTypes';
import { stripBom } from './sourceText';
import type { ReadResult, ReaderContext, RequirementReader } from './types';

const FORMAT = 'reqif';

/** The attribute holding an object's ID when the config names none. */
export const DEFAULT_ID_ATTRIBUTE = 'ReqIF.ForeignID';

const TITLE_NAMES = ['reqif.name', 'reqif.chaptername', 'title', 'heading', 'name', 'object heading', 'summary'];
const TEXT_NAMES = ['reqif.text', 'text', 'object text', 'requirement text', 'statement', 'description', 'reqif.description'];
const CHAPTER_NAME = 'reqif.chaptername';
/** A SPECIFICATION's attribute holding the prefix of its objects' numbers (a DOORS module's). */
const PREFIX_NAME = 'reqif.prefix';
/** An object's attribute saying it was deleted in the tool. */
const DELETED_NAME = 'reqif.foreigndeleted';

/**
 * Relation type names (lower case, words split by single spaces) → what they mean for the
 * SPEC-RELATION's source: it has the target as parent, as child (the link is the target's), it
 * mitigates or verifies the target, or is mitigated or verified by it.
 */
export const BUILT_IN_RELATIONS: Readonly<Record<string, ReqifRelationMeaning>> = Object.freeze({
  parent: 'parent', 'has parent': 'parent', 'child of': 'parent', satisfies: 'parent', refines: 'parent',
  'derived from': 'parent', 'derives from': 'parent', 'is derived from': 'parent', 'traces to': 'parent',
  realizes: 'parent', elaborates: 'parent',
  child: 'child', 'has child': 'child', 'parent of': 'child', 'satisfied by': 'child', 'is satisfied by': 'child',
  'refined by': 'child', 'is refined by': 'child', 'elaborated by': 'child',
  mitigates: 'mitigates', 'mitigated by': 'mitigated-by', 'is mitigated by': 'mitigated-by',
  verifies: 'verifies', tests: 'verifies', validates: 'verifies', 'verified by': 'verified-by', 'is verified by': 'verified-by',
  'tested by': 'verified-by', 'is tested by': 'verified-by', 'validated by': 'verified-by',
});

/** Reads `.reqif` files, and `.reqifz` archives from their bytes. */
export const reqifReader: RequirementReader = {
  name: FORMAT,
  canRead: (file) => isReqifFile(file),
  read: (text, ctx) => (isArchive(ctx.file)
    ? { items: [], problems: [{ file: ctx.file, line: 1, column: 1, message: 'A .reqifz archive is read from its bytes on disk, not as text.' }] }
    : readReqifText(text, ctx)),
  readBytes: (bytes, ctx) => (isArchive(ctx.file) ? readReqifArchive(bytes, ctx, readReqifText) : readReqifText(decoder.decode(bytes), ctx)),
};

const decoder = new TextDecoder('utf-8');

function isArchive(file: string): boolean {
  return /\.reqifz$/i.test(file);
}

/** A name as names are compared: lower case, white space as single spaces. */
function normalName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A relation type name as {@link BUILT_IN_RELATIONS} spells it. */
function relationName(name: string): string {
  return normalName(name.replace(/[_-]+/g, ' '));
}

/** One resolved attribute value of an object. */
interface ObjectValue {
  readonly name: string;
  readonly normal: string;
  readonly text: string;
  readonly at: number;
}

/** An item in the making: links are added from the relations before it is finished. */
interface Draft {
  readonly object: ReqifObject;
  readonly id: string;
  readonly values: readonly ObjectValue[];
  readonly title: string;
  readonly text: string;
  readonly heading: boolean;
  /** Whether `ReqIF.ForeignDeleted` says the tool deleted it. */
  readonly deleted: boolean;
  readonly typeName?: string;
  /** What the object is by its type name (see {@link TypeMeaning}); undefined when it has no type name. */
  readonly typed?: TypeMeaning;
  readonly links: ItemLink[];
  readonly place: Record<string, string>;
}

/**
 * Reads one ReqIF document. Offsets become the file's lines and columns; the caller of an
 * archive's inner file moves them (see reqifArchive.ts).
 */
export function readReqifText(text: string, ctx: ReaderContext): ReadResult {
  const source = stripBom(text);
  const starts = lineStarts(source);
  const at = (offset: number): { line: number; column: number } => positionAt(starts, offset);
  const problems: FileProblem[] = [];
  const problem = (offset: number, message: string): void => {
    problems.push({ file: ctx.file, ...at(offset), message });
  };
  const parsed = parseReqif(source);
  if ('failure' in parsed) {
    problem(parsed.failure.at, parsed.failure.message);
    return { items: [], problems };
  }
  const document = parsed.document;
  const settings = ctx.reqif ?? {};
  // Names are normalised once per attribute definition, not once per value of every object.
  const names = new Map<string, AttributeName>();
  for (const definition of document.definitions.values()) {
    const name = definition.longName ?? definition.identifier;
    names.set(definition.identifier, { name, normal: normalName(name) });
  }
  const idName = normalName(settings.idAttribute ?? DEFAULT_ID_ATTRIBUTE);
  const meanings = typeMeanings(settings);
  const modulePrefixes = specificationPrefixes(document, names);
  const drafts = new Map<string, Draft>();
  for (const object of document.objects) {
    if (object.identifier === undefined) {
      problem(object.at, 'SPEC-OBJECT without an IDENTIFIER: it cannot be read.');
      continue;
    }
    if (drafts.has(object.identifier)) {
      problem(object.at, `A second SPEC-OBJECT with IDENTIFIER "${object.identifier}": only the first is read.`);
      continue;
    }
    const numberPrefix = settings.numberPrefix ?? modulePrefixes.get(object.identifier);
    drafts.set(object.identifier, draftOf(object, object.identifier, document, names, idName, numberPrefix, meanings, problem));
  }
  reportUnknownKinds(drafts, ctx, problem);
  addRelationLinks(document, drafts, settings, at, ctx.file, problem);
  placeInSpecifications(document, drafts, problem);

  const items: Item[] = [];
  for (const draft of drafts.values()) items.push(finish(draft, ctx, idName, at, problems));
  items.sort((a, b) => a.line - b.line || a.column - b.column);
  return { items, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** An attribute definition's name (its LONG-NAME, else its IDENTIFIER) as written and as compared. */
interface AttributeName {
  readonly name: string;
  readonly normal: string;
}

/**
 * An object's values by attribute name, its ID, title and text; `idName` is the ID attribute's
 * normal name, `numberPrefix` what a bare-number ID gets.
 */
function draftOf(
  object: ReqifObject, identifier: string, document: ReqifDocument, names: ReadonlyMap<string, AttributeName>, idName: string,
  numberPrefix: string | undefined, meanings: (name: string) => TypeMeaning, problem: (offset: number, message: string) => void,
): Draft {
  const type = object.type ? document.types.get(object.type.ref) : undefined;
  if (object.type && !type) problem(object.type.at, `SPEC-OBJECT-TYPE "${object.type.ref}" is not defined in this file.`);
  const values: ObjectValue[] = [];
  const defined = new Set<string>();
  for (const value of object.values) {
    if (value.definition === undefined) {
      problem(value.at, `ATTRIBUTE-VALUE-${value.type} without a DEFINITION: its value is not read.`);
      continue;
    }
    const definition = document.definitions.get(value.definition);
    if (!definition) {
      problem(value.definitionAt, `Attribute definition "${value.definition}" is not defined in this file: its value is not read.`);
      continue;
    }
    defined.add(definition.identifier);
    const { name, normal } = names.get(definition.identifier)!;
    values.push({ name, normal, text: valueText(value, document, problem), at: value.at });
  }
  // A value the object leaves out is its definition's default, if the type gives one.
  for (const definitionId of type?.definitions ?? []) {
    const definition = document.definitions.get(definitionId)!;
    if (defined.has(definitionId) || !definition.defaultValue) continue;
    const { name, normal } = names.get(definitionId)!;
    values.push({ name, normal, text: valueText(definition.defaultValue, document, problem), at: object.at });
  }
  const exported = values.find((value) => value.normal === idName)?.text.trim() ?? '';
  const bare = exported === '' ? identifier : exported;
  const id = numberPrefix !== undefined && /^[0-9]+$/.test(bare) ? `${numberPrefix}${bare}` : bare;
  const title = firstOf(values, TITLE_NAMES, [idName]) ?? object.longName ?? '';
  const text = firstOf(values, TEXT_NAMES, [idName]) ?? '';
  const chapter = values.some((value) => value.normal === CHAPTER_NAME && value.text.trim() !== '');
  // An object's own "Object Type" (or Kind) says more than the type all objects of a DOORS module share.
  const kindName = values.find((value) => isObjectTypeAttribute(value.normal) && value.text.trim() !== '')?.text.trim()
    ?? (type ? type.longName ?? type.identifier : undefined);
  const typed = kindName === undefined ? undefined : meanings(kindName);
  const heading = (chapter && text === '') || typed?.meaning === 'heading';
  const deleted = values.some((value) => value.normal === DELETED_NAME && value.text.trim().toLowerCase() === 'true');
  return {
    object, id, values, title, text, heading, deleted, links: [], place: {},
    ...(type?.longName !== undefined ? { typeName: type.longName } : {}),
    ...(typed ? { typed } : {}),
  };
}

/** What a type name says an object is: its name, the meaning (if any), and whether the config gave it. */
interface TypeMeaning {
  readonly name: string;
  readonly meaning: ReqifObjectMeaning | undefined;
  readonly configured: boolean;
}

/**
 * The meaning of each type name, from `reqif.objectTypes` over the built-in names; a file has a
 * handful of types and thousands of objects, so each name is looked up once.
 */
function typeMeanings(settings: ReqifSettings): (name: string) => TypeMeaning {
  const known = new Map<string, TypeMeaning>();
  return (name) => {
    let found = known.get(name);
    if (!found) {
      const configured = settings.objectTypes?.[normalName(name)];
      found = { name, meaning: configured ?? builtInObjectMeaning(name), configured: configured !== undefined };
      known.set(name, found);
    }
    return found;
  };
}

/**
 * The kind of an object: the kind its type names, else its ID prefix's. A built-in "Requirement"
 * type says only that it is an object (tools give every object of a module that one type), so
 * there the prefix decides too; a type the config names wins over the prefix.
 */
function kindOf(draft: Draft, ctx: ReaderContext): ItemKind {
  const typed = draft.typed;
  if (typed?.meaning !== undefined && typed.meaning !== 'heading' && (typed.configured || typed.meaning !== 'requirement')) return typed.meaning;
  return ctx.kindOf(draft.id);
}

/**
 * Objects whose kind nothing says (their type name is no known kind, their ID has no configured
 * prefix, and they are no heading) are read as requirements, and reported: once per type name,
 * at its first object, with how many there are.
 */
function reportUnknownKinds(drafts: ReadonlyMap<string, Draft>, ctx: ReaderContext, problem: (offset: number, message: string) => void): void {
  const unknown = new Map<string, { at: number; count: number }>();
  for (const draft of drafts.values()) {
    const typed = draft.typed;
    if (!typed || typed.meaning !== undefined || draft.heading || ctx.prefixKind?.(draft.id) !== undefined) continue;
    const seen = unknown.get(typed.name);
    if (seen) seen.count++;
    else unknown.set(typed.name, { at: draft.object.at, count: 1 });
  }
  for (const [name, { at, count }] of unknown) {
    problem(at, `${count} SPEC-OBJECT${count === 1 ? '' : 's'} of type "${name}" ${count === 1 ? 'is' : 'are'} read as requirement${count === 1 ? '' : 's'}, ` +
      `but neither the type nor the ID's prefix says what ${count === 1 ? 'it is' : 'they are'}: say it in "reqif": { "objectTypes": { "${name}": "requirement" } } ` +
      `of tracelens.json (${REQIF_OBJECT_MEANINGS.map((m) => `"${m}"`).join(', ')}), or give the prefix a kind in "prefixes".`);
  }
}

/**
 * The `ReqIF.Prefix` of the specification each object is placed in (first place first, as
 * {@link placeInSpecifications}): DOORS exports a module's object number prefix there and the
 * absolute number as `ReqIF.ForeignID`, and shows the two joined (`SRS-12`).
 */
function specificationPrefixes(document: ReqifDocument, names: ReadonlyMap<string, AttributeName>): Map<string, string> {
  const prefixes = new Map<string, string>();
  const visit = (nodes: readonly ReqifHierarchy[], prefix: string): void => {
    for (const node of nodes) {
      if (node.object && !prefixes.has(node.object.ref)) prefixes.set(node.object.ref, prefix);
      visit(node.children, prefix);
    }
  };
  for (const specification of document.specifications) {
    const value = specification.values.find((v) => v.definition !== undefined && names.get(v.definition)?.normal === PREFIX_NAME);
    visit(specification.children, value?.value.trim() ?? '');
  }
  // A specification without a prefix places its objects too, so that they keep their first place.
  for (const [object, prefix] of prefixes) if (prefix === '') prefixes.delete(object);
  return prefixes;
}

/** The first non-empty value among `names`, in the order of `names`. */
function firstOf(values: readonly ObjectValue[], names: readonly string[], except: readonly string[]): string | undefined {
  for (const name of names) {
    if (except.includes(name)) continue;
    const found = values.find((value) => value.normal === name && value.text.trim() !== '');
    if (found) return found.text.trim();
  }
  return undefined;
}

/** A value as text: enumeration values by their names, XHTML as plain text, the others as written. */
function valueText(value: ReqifValue, document: ReqifDocument, problem: (offset: number, message: string) => void): string {
  if (value.type !== 'ENUMERATION') return value.value;
  const names: string[] = [];
  for (const ref of value.enumRefs ?? []) {
    const name = document.enumValues.get(ref.ref);
    if (name === undefined) problem(ref.at, `Enumeration value "${ref.ref}" is not defined in this file.`);
    names.push(name ?? ref.ref);
  }
  return names.join(', ');
}

/**
 * Links from the SPEC-RELATIONs, each at the position of the other end's reference. A relation of
 * a type with no known meaning is no link; each such type is reported once, at its first relation.
 */
function addRelationLinks(
  document: ReqifDocument, drafts: ReadonlyMap<string, Draft>, settings: ReqifSettings,
  at: (offset: number) => { line: number; column: number }, file: string, problem: (offset: number, message: string) => void,
): void {
  const configured = settings.relationTypes ?? {};
  const unknown = new Map<string, { at: number; count: number }>();
  // A file has a handful of relation types and thousands of relations: each type name is looked up once.
  const meanings = new Map<string, ReqifRelationMeaning | undefined>();
  for (const relation of document.relations) {
    const type = relation.type ? document.types.get(relation.type.ref) : undefined;
    const typeName = type?.longName ?? relation.type?.ref ?? '';
    let meaning = meanings.get(typeName);
    if (meaning === undefined && !meanings.has(typeName)) {
      meaning = configured[normalName(typeName)] ?? BUILT_IN_RELATIONS[relationName(typeName)];
      meanings.set(typeName, meaning);
    }
    if (meaning === 'none') continue;
    const source = endOf(relation.source, 'source', relation.at, drafts, problem);
    const target = endOf(relation.target, 'target', relation.at, drafts, problem);
    if (meaning === undefined) {
      const seen = unknown.get(typeName);
      if (seen) seen.count++;
      else unknown.set(typeName, { at: relation.at, count: 1 });
      continue;
    }
    if (!source || !target) continue;
    const [owner, other, ref] = meaning === 'child' || meaning.endsWith('-by') ? [target, source, relation.source!] : [source, target, relation.target!];
    owner.links.push({ file, ...at(ref.at), kind: LINK_KINDS[meaning], target: other.id });
  }
  for (const [typeName, { at: offset, count }] of unknown) {
    const named = typeName === '' ? 'without a type' : `of type "${typeName}"`;
    problem(offset, `${count} SPEC-RELATION${count === 1 ? '' : 's'} ${named} ${count === 1 ? 'is' : 'are'} not read as links: ` +
      `say what the type means in "reqif": { "relationTypes": { "${typeName || '<type>'}": "parent" } } of tracelens.json ` +
      '("parent", "child", "mitigates", "mitigated-by", "verifies", "verified-by", or "none" to leave them out).');
  }
}

const LINK_KINDS: Readonly<Record<Exclude<ReqifRelationMeaning, 'none'>, LinkKind>> = {
  parent: 'parent', child: 'parent', mitigates: 'mitigates', 'mitigated-by': 'mitigates', verifies: 'verifies', 'verified-by': 'verifies',
};

/** The object a relation end names; a problem when it names none (or nothing). */
function endOf(ref: ReqifRef | undefined, end: string, relationAt: number, drafts: ReadonlyMap<string, Draft>, problem: (offset: number, message: string) => void): Draft | undefined {
  if (!ref) {
    problem(relationAt, `SPEC-RELATION without a ${end} SPEC-OBJECT-REF.`);
    return undefined;
  }
  const draft = drafts.get(ref.ref);
  if (!draft) problem(ref.at, `The ${end} of this SPEC-RELATION, "${ref.ref}", is no SPEC-OBJECT of this file.`);
  return draft;
}

/**
 * Where each object sits in the specifications: the specification's name, its section number
 * (`2.1`) and the chapter heading above it. An object in several trees keeps its first place.
 */
function placeInSpecifications(document: ReqifDocument, drafts: ReadonlyMap<string, Draft>, problem: (offset: number, message: string) => void): void {
  const placed = new Set<string>();
  const visit = (nodes: readonly ReqifHierarchy[], specification: string, prefix: string, chapter: string | undefined): void => {
    nodes.forEach((node, index) => {
      const section = `${prefix}${index + 1}`;
      const draft = node.object ? drafts.get(node.object.ref) : undefined;
      if (node.object && !draft) problem(node.object.at, `SPEC-HIERARCHY names "${node.object.ref}", which is no SPEC-OBJECT of this file.`);
      if (draft && !placed.has(draft.object.identifier!)) {
        placed.add(draft.object.identifier!);
        draft.place['reqif.specification'] = specification;
        draft.place['reqif.section'] = section;
        if (chapter !== undefined) draft.place['reqif.chapter'] = chapter;
      }
      const below = draft?.heading && draft.title !== '' ? draft.title : chapter;
      visit(node.children, specification, `${section}.`, below);
    });
  };
  for (const specification of document.specifications) {
    visit(specification.children, specification.longName ?? specification.identifier ?? '', '', undefined);
  }
}

/** Which model field an attribute of this name sets, if any: status, class, verification, category. */
function meaningOf(normal: string, exact: ReadonlySet<KnownKey>): KnownKey | null {
  const known = knownKey(normal);
  if (known === 'status' || known === 'class' || known === 'verification' || known === 'category') return known;
  // Tools prefix their names ("Requirement Status", "IEC 62304 Safety Class"): the last word decides, unless an exact name is there too.
  const compact = normal.replace(/[\s_.-]+/g, '');
  if (/status$/.test(compact) && !exact.has('status')) return 'status';
  if (/(?:safety|62304)class$/.test(compact) && !exact.has('class')) return 'class';
  return null;
}

function finish(draft: Draft, ctx: ReaderContext, idName: string, at: (offset: number) => { line: number; column: number }, problems: FileProblem[]): Item {
  const { object, id, values } = draft;
  const start = at(object.at);
  const end = at(Math.max(object.at, object.end - 1));
  const exact = new Set<KnownKey>();
  for (const value of values) {
    const known = knownKey(value.normal);
    if (known) exact.add(known);
  }
  const raw: RawAttribute[] = [];
  for (const value of values) {
    const text = value.text.trim();
    // The title and text are fields of their own; kept as attributes too they would fill every hover twice.
    if (value.normal !== idName && ((TEXT_NAMES.includes(value.normal) && text === draft.text) || (TITLE_NAMES.includes(value.normal) && text === draft.title))) continue;
    // Fields written out, not spread: a spread of a fresh object is a slow copy, ten thousand times over.
    const where = at(value.at);
    raw.push({ key: value.name, value: text, line: where.line, column: where.column, parts: [], meaning: value.normal === idName ? null : meaningOf(value.normal, exact) });
  }
  raw.push(plain('reqif.identifier', object.identifier!, start));
  if (draft.typeName !== undefined) raw.push(plain('reqif.type', draft.typeName, start));
  for (const [key, value] of Object.entries(draft.place)) raw.push(plain(key, value, start));
  // Only term attributes reach it: links come from the relations, never from attribute text.
  const fields = interpretAttributes(raw, ctx.file, problems);
  return {
    file: ctx.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: start.column + 1 + object.nameLength,
    id,
    kind: kindOf(draft, ctx),
    title: draft.title,
    text: draft.text,
    ...fields,
    // Deleted in the tool is deleted, whatever status it had.
    ...(draft.deleted ? { status: 'Deleted' } : {}),
    links: draft.links,
    ...(draft.heading ? { needs: [] } : {}),
    format: FORMAT,
  };
}

function plain(key: string, value: string, where: { line: number; column: number }): RawAttribute {
  return { key, value, line: where.line, column: where.column, parts: [], meaning: null };
}
