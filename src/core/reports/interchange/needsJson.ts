// Implements: TL-161
/**
 * A sphinx-needs `needs.json` of a check, as the `needs` builder writes it, so that a Sphinx project
 * can `needimport` the trace or name it in `needs_external_needs`: `project`, `current_version`
 * and `versions[current_version]` with `needs` (keyed by ID), `needs_amount`, `creator` and a
 * `needs_schema` that declares every field, link types marked `"field_type": "links"`. As with
 * sphinx-needs' `needs_json_remove_defaults`, a field at its schema default is left out
 * (`needs_defaults_removed`); readers merge the defaults back.
 *
 * Each item is one need: `type` from its kind (`req`, `system`, `risk`, `test`), `title`,
 * `content`, `status`, `safety_class`, `verification`, `category`, and where it is written
 * (`docname` without extension, `doctype`, `lineno`, relative to the project root). Links:
 * `links` holds an item's parents (and, for a `child` link, the child names the linking item),
 * `verifies` and `mitigates` their own types. A test item's parents are a `parent` text field
 * instead, because a link type from a test reads as "verifies". `depends` links, which cover
 * nothing, are a `depends` text field, so that no reader takes them for a trace.
 *
 * Keys are sorted (as sphinx-needs writes them), so the file is byte-identical for the same check;
 * the only time in it, `created`, is the caller's (SOURCE_DATE_EPOCH), and absent when not given.
 */

import type { CheckResult } from '../../project/check';
import type { Item, ItemKind } from '../../model/types';
import { TOOL_NAME, TOOL_VERSION } from '../../version';

/** What the needs.json writer is told besides the check. */
export interface NeedsJsonOptions {
  /** The `project` name (sphinx-needs: conf.py's `project`). */
  readonly project: string;
  /** The version the needs are written under (conf.py's `version`). Default: empty, as Sphinx's. */
  readonly version?: string;
  /** When the file is made; absent leaves `created` out, as sphinx-needs' `needs_reproducible_json`. */
  readonly created?: Date;
}

/** Need types by item kind. */
const TYPES: Readonly<Record<ItemKind, string>> = { requirement: 'req', system: 'system', risk: 'risk', test: 'test' };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type FieldType = 'core' | 'extra' | 'links';

/** The fields the writer uses: JSON type, sphinx-needs field type, default (left out when equal). */
const FIELDS: ReadonlyArray<[string, string | string[], FieldType, unknown?]> = [
  ['id', 'string', 'core'],
  ['type', 'string', 'core'],
  ['title', 'string', 'core'],
  ['content', 'string', 'core', ''],
  ['status', ['string', 'null'], 'core', null],
  ['tags', 'array', 'core', []],
  ['docname', ['string', 'null'], 'core', null],
  ['doctype', 'string', 'core', '.rst'],
  ['lineno', ['integer', 'null'], 'core', null],
  ['safety_class', ['string', 'null'], 'extra', null],
  ['verification', ['string', 'null'], 'extra', null],
  ['category', ['string', 'null'], 'extra', null],
  ['parent', ['string', 'null'], 'extra', null],
  ['depends', ['string', 'null'], 'extra', null],
  ['links', 'array', 'links', []],
  ['verifies', 'array', 'links', []],
  ['mitigates', 'array', 'links', []],
];

/** The version's `needs_schema`: a JSON schema of a need, as sphinx-needs generates it. */
function needsSchema() {
  const properties: Record<string, unknown> = {};
  for (const [name, type, fieldType, ...rest] of [...FIELDS].sort(([a], [b]) => byText(a, b))) {
    properties[name] = {
      ...(rest.length > 0 ? { default: rest[0] } : {}),
      field_type: fieldType,
      ...(type === 'array' ? { items: { type: 'string' } } : {}),
      type,
    };
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', properties, type: 'object' };
}

const DEFAULTS = new Map(FIELDS.filter((field) => field.length > 3).map(([name, , , value]) => [name, JSON.stringify(value)]));

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(byText);

/** Each item's parents: its parent links and the items naming it as their `child`. */
function parentsOf(items: readonly Item[]): Map<string, string[]> {
  const parents = new Map<string, string[]>(items.map((item) => [item.id, []]));
  for (const item of items) {
    for (const link of item.links) {
      if (link.kind === 'parent') parents.get(item.id)!.push(link.target);
      else if (link.kind === 'child') parents.get(link.target)?.push(item.id);
    }
  }
  return parents;
}

/** One item as a need, fields at their default left out. */
function need(item: Item, parents: readonly string[]): Record<string, unknown> {
  const targets = (kind: string): string[] => sortedUnique(item.links.filter((link) => link.kind === kind).map((link) => link.target));
  const extension = /\.[^./]+$/.exec(item.file)?.[0] ?? '';
  const isTest = item.kind === 'test';
  const fields: Record<string, unknown> = {
    id: item.id,
    type: TYPES[item.kind],
    title: item.title,
    content: item.text,
    status: item.status ?? null,
    docname: item.file.slice(0, item.file.length - extension.length),
    doctype: extension,
    lineno: item.line,
    safety_class: item.safetyClass ?? null,
    verification: item.verification ?? null,
    category: item.category ?? null,
    parent: isTest && parents.length > 0 ? sortedUnique(parents).join(', ') : null,
    depends: targets('depends').join(', ') || null,
    links: isTest ? [] : sortedUnique(parents),
    verifies: targets('verifies'),
    mitigates: targets('mitigates'),
  };
  const written: Record<string, unknown> = {};
  for (const name of Object.keys(fields).sort(byText)) {
    if (JSON.stringify(fields[name]) !== DEFAULTS.get(name)) written[name] = fields[name];
  }
  return written;
}

/**
 * The check's items as a sphinx-needs `needs.json` (see the module comment), two-space indented,
 * ending in a newline. An ID defined twice (a `duplicate-id` finding) is one need, the first.
 */
export function toNeedsJson(result: Pick<CheckResult, 'items'>, options: NeedsJsonOptions): string {
  const parents = parentsOf(result.items);
  const needs: Record<string, unknown> = {};
  for (const item of [...result.items].sort((a, b) => byText(a.id, b.id))) {
    if (!(item.id in needs)) needs[item.id] = need(item, parents.get(item.id)!);
  }
  const version = options.version ?? '';
  const created = options.created?.toISOString();
  const body = {
    ...(created !== undefined ? { created } : {}),
    creator: { program: TOOL_NAME, version: TOOL_VERSION },
    needs,
    needs_amount: Object.keys(needs).length,
    needs_defaults_removed: true,
    needs_schema: needsSchema(),
  };
  return `${JSON.stringify({
    ...(created !== undefined ? { created } : {}),
    current_version: version,
    project: options.project,
    versions: { [version]: body },
  }, null, 2)}\n`;
}
