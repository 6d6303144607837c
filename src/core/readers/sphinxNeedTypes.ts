// Implements: TL-127
/**
 * What sphinx-needs types and link types mean in the model, for the `.rst` reader and the
 * `needs.json` reader alike. A need's type (its directive name) gives its kind when the type's name
 * or declared title says so (`test`, `Test Case`, `risk`, `system`…), or when `needTypes` in
 * tracelens.json does; otherwise its ID's prefix decides, as for every other format. A link type
 * gives the link's meaning by its name (`tests`, `verifies` → verifies; `mitigates`); any other link
 * type says what the need traces to: `verifies` from a test, `parent` from everything else.
 */

import type { TracelensConfig } from '../config/types';
import type { ItemKind, LinkKind } from '../model/types';
import type { NeedSettings, ReaderContext } from './types';

/** sphinx-needs' own types (conf.py's default `needs_types`). */
export const BUILT_IN_TYPES: readonly string[] = ['req', 'spec', 'impl', 'test', 'need'];

/** Link types every project has: `links`, and `parent_needs` for needs nested in needs. */
export const BUILT_IN_LINKS: readonly string[] = ['links', 'parent_needs'];

/** Type names and titles that say a kind, in canonical form (lower case, single spaces). */
const KIND_WORDS: Readonly<Record<string, ItemKind>> = {
  test: 'test', tests: 'test', tc: 'test', testcase: 'test', 'test case': 'test', 'test spec': 'test', 'test specification': 'test',
  sys: 'system', system: 'system', sysreq: 'system', 'system requirement': 'system', 'user need': 'system', userneed: 'system',
  un: 'system', 'product requirement': 'system', 'stakeholder requirement': 'system', 'stakeholder need': 'system',
  feat: 'system', feature: 'system',
  risk: 'risk', hazard: 'risk', haz: 'risk',
};

/** Link type names that mean `verifies` or `mitigates`. */
const LINK_WORDS: Readonly<Record<string, LinkKind>> = {
  tests: 'verifies', test: 'verifies', verifies: 'verifies', verify: 'verifies', validates: 'verifies', checks: 'verifies',
  mitigates: 'mitigates', mitigate: 'mitigates',
};

function canonical(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** The kind a type's name or title says, or undefined when neither says one. */
export function kindFromTypeName(directive: string, title?: string): ItemKind | undefined {
  return KIND_WORDS[canonical(directive)] ?? (title === undefined ? undefined : KIND_WORDS[canonical(title)]);
}

/** What the readers need from the configuration and ubproject.toml. */
export function needSettings(config: TracelensConfig): NeedSettings {
  const typeKinds: Record<string, ItemKind> = {};
  for (const type of config.sphinxNeeds?.types ?? []) {
    const kind = kindFromTypeName(type.directive, type.title);
    if (kind) typeKinds[type.directive.toLowerCase()] = kind;
  }
  for (const [type, kind] of Object.entries(config.needTypes ?? {})) typeKinds[type.toLowerCase()] = kind;
  const linkOptions = [...new Set((config.sphinxNeeds?.links ?? []).map((name) => name.toLowerCase()))].sort();
  // Every declared type, whatever its kind: a MyST fence of that type is a need (mystNeeds.ts).
  const types = [...new Set((config.sphinxNeeds?.types ?? []).map((type) => type.directive.toLowerCase()))].sort();
  return { typeKinds, linkOptions, ...(types.length > 0 ? { types } : {}) };
}

/** The kind of a need of `type` with `id` (see the module comment). */
export function needKind(type: string, id: string, ctx: ReaderContext): ItemKind {
  const name = type.toLowerCase();
  return ctx.needs?.typeKinds[name] ?? kindFromTypeName(name) ?? ctx.kindOf(id);
}

/** Whether an option (or a needs.json field) names a link type. */
export function isLinkOption(option: string, ctx: Pick<ReaderContext, 'needs'>): boolean {
  const name = option.toLowerCase();
  return BUILT_IN_LINKS.includes(name) || (ctx.needs?.linkOptions.includes(name) ?? false);
}

/** What a link of type `option` from a need of kind `from` means. */
export function linkKind(option: string, from: ItemKind): LinkKind {
  const named = LINK_WORDS[canonical(option)];
  if (named) return named;
  if (option.toLowerCase() === 'parent_needs') return 'parent';
  return from === 'test' ? 'verifies' : 'parent';
}
