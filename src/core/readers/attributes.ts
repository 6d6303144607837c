// Implements: TL-008
/**
 * What item attributes mean, whichever format they were written in. Readers find attributes and
 * their positions; this module turns them into the model's fields, links and problems, so that
 * `class: X` is judged the same way in a Markdown list, front matter and YAML.
 */

import { isId } from '../model/ids';
import { NEED_WORDS, parseNeed } from '../model/needs';
import type { FileProblem, ItemKind, ItemLink, LinkKind, NeedAt, SafetyClass } from '../model/types';

/** One element of an attribute value, where it is written (1-based). */
export interface ValuePart {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** An attribute as a reader found it. */
export interface RawAttribute {
  /** The key as written. */
  readonly key: string;
  /** The whole value as text; list values are joined with `, `. */
  readonly value: string;
  /** Where the value starts (the key's position when the value is empty). */
  readonly line: number;
  readonly column: number;
  /** The value split into list elements, each with its own position. */
  readonly parts: readonly ValuePart[];
  /**
   * What the attribute means when its key alone does not say (a table column named `Related Risk
   * IDs` means `mitigates`); null keeps it a plain attribute whatever its key. Default: the key's.
   */
  readonly meaning?: KnownKey | null;
}

/** The model fields attributes decide. */
export interface ItemAttributes {
  /** Set only when a `kind` attribute overrides the prefix's kind. */
  readonly kind?: ItemKind;
  readonly safetyClass?: SafetyClass;
  readonly status?: string;
  readonly verification?: string;
  readonly category?: string;
  readonly links: ItemLink[];
  /** Set only when a `needs` attribute says what must cover the item (empty for `none`). */
  readonly needs?: NeedAt[];
  readonly attributes: Record<string, string>;
}

/** Keys with a meaning, by their canonical form (lower case, no spaces, `-` or `_`). */
const KNOWN_KEYS: Readonly<Record<string, KnownKey>> = {
  class: 'class', safetyclass: 'class', softwaresafetyclass: 'class',
  status: 'status',
  kind: 'kind', itemtype: 'kind',
  parent: 'parent', parents: 'parent', itemhasparent: 'parent',
  mitigates: 'mitigates',
  verifies: 'verifies', itemtests: 'verifies',
  verification: 'verification', verificationmethod: 'verification',
  category: 'category',
  needs: 'needs',
};

/** The attribute meanings the model knows. */
export type KnownKey = 'class' | 'status' | 'kind' | 'parent' | 'mitigates' | 'verifies' | 'verification' | 'category' | 'needs';

/** Kind names as teams write them (Ketryx item types included), lower case. */
const KIND_NAMES: Readonly<Record<string, ItemKind>> = {
  requirement: 'requirement', 'software requirement': 'requirement', 'software item spec': 'requirement',
  'software item specification': 'requirement', specification: 'requirement', spec: 'requirement',
  system: 'system', 'system requirement': 'system', 'user need': 'system', 'product requirement': 'system',
  risk: 'risk', hazard: 'risk',
  test: 'test', 'test case': 'test',
};

/** Values that say "no links" rather than naming an ID. */
const EMPTY_VALUES = new Set(['', '-', '—', 'none', 'n/a', '~']);

/** The kind a name stands for (`Test case`, `TEST_CASE`, `hazard`), or undefined for other names. */
export function kindNamed(name: string): ItemKind | undefined {
  return KIND_NAMES[name.trim().toLowerCase().replace(/[\s_-]+/g, ' ')];
}

function canonicalKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The meaning of an attribute key, or undefined for keys kept only as attributes. */
export function knownKey(key: string): KnownKey | undefined {
  return KNOWN_KEYS[canonicalKey(key)];
}

// Implements: TL-086
/** Keys whose value is one term (a class, a status, a method), never a list of IDs. */
const TERM_KEYS: ReadonlySet<KnownKey> = new Set(['class', 'status', 'kind', 'verification', 'category']);

/**
 * Whether a `key: value` line reads as prose rather than an attribute: a term-valued key (`status`,
 * `class`…) whose value holds a sentence break or more than six words. `**Status:** Documented
 * as delegated to the library. The library manages…` under a heading is the item's text, not its
 * status; `status: approved by QA` is an attribute.
 */
export function readsAsProse(key: string, value: string): boolean {
  const known = knownKey(key);
  if (known === undefined || !TERM_KEYS.has(known)) return false;
  return /[.!?]\s+\S/.test(value) || value.trim().split(/\s+/).length > 6;
}

/**
 * Splits an inline value (`SYS-001, SYS-002` or `SYS-001 SYS-002`) into parts. `line` and
 * `column` are the position of the value's first character; the value must sit on one line.
 * Commas and semicolons always separate; spaces separate only IDs, so that `to be defined` is one
 * bad value rather than three. Backticks, brackets and emphasis around a part are dropped
 * (`[REQ-1]`, `` `REQ-1` ``, `**REQ-1**`).
 */
export function splitInline(value: string, line: number, column: number): ValuePart[] {
  const parts: ValuePart[] = [];
  // Loops over exec rather than matchAll and array chains: requirement files hold thousands of values.
  const chunks = /[^,;]+/g;
  for (let chunk = chunks.exec(value); chunk !== null; chunk = chunks.exec(value)) {
    const nonEmpty: Array<{ text: string; index: number }> = [];
    let allIds = true;
    const words = /\S+/g;
    for (let word = words.exec(chunk[0]); word !== null; word = words.exec(chunk[0])) {
      const part = unwrapPart(word[0], chunk.index + word.index);
      if (part.text === '') continue;
      nonEmpty.push(part);
      allIds &&= isId(part.text);
    }
    if (nonEmpty.length === 0) continue;
    if (allIds) {
      for (const word of nonEmpty) parts.push({ text: word.text, line, column: column + word.index });
    } else {
      const first = nonEmpty[0]!;
      const last = nonEmpty[nonEmpty.length - 1]!;
      const text = value.slice(first.index, last.index + last.text.length);
      parts.push({ text, line, column: column + first.index });
    }
  }
  return parts;
}

/** A part without the markup around it, and the index of its first character. */
function unwrapPart(raw: string, index: number): { text: string; index: number } {
  const lead = /^[[(`*_"']*/.exec(raw)![0].length;
  return { text: raw.slice(lead).replace(/[\])`*_"'.]+$/, ''), index: index + lead };
}

function parseClass(value: string): SafetyClass | undefined {
  const match = /^(?:(?:software\s+)?(?:safety\s+)?class\s+)?([abc])$/i.exec(value.trim());
  return match ? (match[1]!.toUpperCase() as SafetyClass) : undefined;
}

/**
 * Interprets attributes: known keys become fields and links, every key is kept in `attributes`
 * (lower-cased). Bad values become problems at their own position, never exceptions.
 */
export function interpretAttributes(raw: readonly RawAttribute[], file: string, problems: FileProblem[]): ItemAttributes {
  let kind: ItemKind | undefined;
  let safetyClass: SafetyClass | undefined;
  let status: string | undefined;
  let verification: string | undefined;
  let category: string | undefined;
  const links: ItemLink[] = [];
  let needs: NeedAt[] | undefined;
  const attributes: Record<string, string> = {};

  for (const attribute of raw) {
    attributes[attribute.key.trim().toLowerCase()] = attribute.value;
    const value = attribute.value.trim();
    const known = attribute.meaning === undefined ? knownKey(attribute.key) : attribute.meaning ?? undefined;
    switch (known) {
      case 'class':
        if (value === '') break;
        safetyClass = parseClass(value);
        if (!safetyClass) problems.push({ file, line: attribute.line, column: attribute.column, message: `Safety class must be A, B or C, not "${value}".` });
        break;
      case 'kind': {
        if (value === '') break;
        const named = kindNamed(value);
        if (named) kind = named;
        else problems.push({ file, line: attribute.line, column: attribute.column, message: `Unknown kind "${value}": expected requirement, system, risk or test.` });
        break;
      }
      case 'status':
        if (value !== '') status = value;
        break;
      case 'verification':
        if (value !== '') verification = value;
        break;
      case 'category':
        if (value !== '') category = value;
        break;
      case 'parent':
      case 'mitigates':
      case 'verifies':
        addLinks(attribute, known, file, links, problems);
        break;
      case 'needs':
        needs = readNeeds(attribute, file, problems);
        break;
      case undefined:
        break;
    }
  }
  return {
    ...(kind !== undefined ? { kind } : {}),
    ...(safetyClass !== undefined ? { safetyClass } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(verification !== undefined ? { verification } : {}),
    ...(category !== undefined ? { category } : {}),
    links,
    ...(needs !== undefined ? { needs } : {}),
    attributes,
  };
}

// Implements: TL-074
/**
 * The needs an item states (`needs: impl, test`, `needs: child:SDS`, `needs: none`). A word that
 * is no need is a problem at its position and is left out; the others still apply.
 */
function readNeeds(attribute: RawAttribute, file: string, problems: FileProblem[]): NeedAt[] {
  const needs: NeedAt[] = [];
  if (attribute.parts.length === 0 || (attribute.parts.length === 1 && EMPTY_VALUES.has(attribute.parts[0]!.text.toLowerCase()))) return needs;
  for (const part of attribute.parts) {
    const need = parseNeed(part.text);
    if (need) {
      needs.push({ file, line: part.line, column: part.column, need });
    } else {
      problems.push({
        file, line: part.line, column: part.column,
        message: `Unknown need "${part.text}" in ${attribute.key.trim()}: expected ${NEED_WORDS.join(', ')}, child:<kind or prefix> or none.`,
      });
    }
  }
  return needs;
}

function addLinks(attribute: RawAttribute, kind: LinkKind, file: string, links: ItemLink[], problems: FileProblem[]): void {
  if (attribute.parts.length === 1 && EMPTY_VALUES.has(attribute.parts[0]!.text.toLowerCase())) return;
  for (const part of attribute.parts) {
    if (isId(part.text)) {
      links.push({ file, line: part.line, column: part.column, kind, target: part.text });
    } else {
      problems.push({
        file, line: part.line, column: part.column,
        message: `"${part.text}" in ${attribute.key.trim()} is not a requirement ID (expected something like REQ-001).`,
      });
    }
  }
}
