// Implements: TL-131, TL-134, TL-251
/**
 * The `reqif` key of tracelens.json: which attribute holds an object's ID, the prefix that makes
 * a bare-number ID (DOORS's `12`) nameable from code, what relation types mean and what object
 * types are. Each problem is reported at its node and only that value is dropped, as everywhere in
 * the config.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { idShape } from '../model/ids';
import { REQIF_OBJECT_MEANINGS, REQIF_RELATION_MEANINGS, type ReqifSettings } from './types';

type Report = (node: JsonNode, message: string) => void;

const KEYS = ['idAttribute', 'numberPrefix', 'relationTypes', 'objectTypes'] as const;

/**
 * Whether `prefix` followed by a number is an ID a comment can hold: `SRS-` (SRS-12), `SRS_`
 * (SRS_12) or `SRS` (the joined SRS12).
 */
export function isNumberPrefix(prefix: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:[-_][A-Z][A-Z0-9]*)*[-_]?$/.test(prefix) && idShape(`${prefix}1`) !== undefined;
}

/** The settings the `reqif` object gives, or undefined (reported) when it is not an object. */
export function parseReqifSettings(value: JsonNode, report: Report): ReqifSettings | undefined {
  if (value.type !== 'object') {
    report(value, '"reqif" must be an object.');
    return undefined;
  }
  const settings: { -readonly [K in keyof ReqifSettings]: ReqifSettings[K] } = {};
  for (const property of value.children ?? []) {
    const [keyNode, node] = property.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string' || !node) continue;
    const key = keyNode.value;
    if (key === 'idAttribute') {
      if (node.type === 'string' && node.value.trim() !== '') settings.idAttribute = node.value.trim();
      else report(node, '"idAttribute" must name an attribute (its LONG-NAME, like "ReqIF.ForeignID").');
    } else if (key === 'numberPrefix') {
      if (node.type === 'string' && isNumberPrefix(node.value)) settings.numberPrefix = node.value;
      else report(node, '"numberPrefix" must be capital letters and digits, optionally ending in "-" or "_" (like "SRS-"), so that it and a number make an ID.');
    } else if (key === 'relationTypes') {
      const types = typeMeanings(node, 'relationTypes', 'relation type', REQIF_RELATION_MEANINGS, report);
      if (types) settings.relationTypes = types;
    } else if (key === 'objectTypes') {
      const types = typeMeanings(node, 'objectTypes', 'object type', REQIF_OBJECT_MEANINGS, report);
      if (types) settings.objectTypes = types;
    } else {
      report(keyNode, `Unknown key "${key}" in "reqif": known keys are ${KEYS.map((k) => `"${k}"`).join(', ')}.`);
    }
  }
  return settings;
}

/**
 * A `type name → meaning` object (`relationTypes`, `objectTypes`), its names as the reader
 * compares them (lower case, single spaces); each bad entry is reported and left out.
 */
function typeMeanings<M extends string>(
  node: JsonNode, key: string, what: string, meanings: readonly M[], report: Report,
): Record<string, M> | undefined {
  if (node.type !== 'object') {
    report(node, `"${key}" must be an object: ${what} name → meaning.`);
    return undefined;
  }
  const types: Record<string, M> = {};
  for (const property of node.children ?? []) {
    const [keyNode, meaning] = property.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string' || !meaning) continue;
    const name = keyNode.value.trim().toLowerCase().replace(/\s+/g, ' ');
    if (name === '') {
      report(keyNode, `A key of "${key}" must name a${/^[aeiou]/.test(what) ? 'n' : ''} ${what}.`);
    } else if (meaning.type !== 'string' || !(meanings as readonly string[]).includes(meaning.value)) {
      report(meaning, `The meaning of ${what} "${keyNode.value}" must be one of ${meanings.map((m) => `"${m}"`).join(', ')}.`);
    } else {
      types[name] = meaning.value as M;
    }
  }
  return types;
}
