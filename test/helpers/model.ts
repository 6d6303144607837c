import {
  DEFAULT_INACTIVE_STATUSES, DEFAULT_KEYWORDS, DEFAULT_MAX_FILE_SIZE, DEFAULT_NON_TEST_VERIFICATION,
  DEFAULT_PREFIXES, DEFAULT_TEST_GLOBS, type TracelensConfig,
} from '../../src/core/config/types';
import type { Item, ItemKind, ItemLink, LinkKind, Reference, Relation, SafetyClass } from '../../src/core/model/types';

/** A config built from the defaults, independent of the config parser. */
export function testConfig(overrides: Partial<TracelensConfig> = {}): TracelensConfig {
  return {
    requirements: ['requirements/**/*.{md,markdown,yml,yaml}'], exclude: [], testFiles: DEFAULT_TEST_GLOBS,
    prefixes: DEFAULT_PREFIXES, keywords: DEFAULT_KEYWORDS, inactiveStatuses: DEFAULT_INACTIVE_STATUSES,
    nonTestVerification: DEFAULT_NON_TEST_VERIFICATION, defaultClass: 'C', rules: {},
    maxFileSize: DEFAULT_MAX_FILE_SIZE, useGitignore: true, ...overrides,
  };
}

let nextLine = 1;

/** An item at a fresh line of `requirements/reqs.md` unless told otherwise. */
export function item(id: string, options: {
  kind?: ItemKind; class?: SafetyClass; status?: string; verification?: string; file?: string; line?: number;
  links?: Array<[LinkKind, string]>;
} = {}): Item {
  const line = options.line ?? nextLine++;
  const file = options.file ?? 'requirements/reqs.md';
  const links: ItemLink[] = (options.links ?? []).map(([kind, target], i) => ({ kind, target, file, line: line + 1 + i, column: 12 }));
  return {
    id, kind: options.kind ?? 'requirement', title: `Title of ${id}`, text: '', file, line, column: 4,
    endLine: line + 3, endColumn: 4 + id.length, links, attributes: {}, format: 'test',
    ...(options.class ? { safetyClass: options.class } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.verification ? { verification: options.verification } : {}),
  };
}

/** A reference in a code file. */
export function ref(id: string, relation: Relation, file = 'src/main.c', line = 1): Reference {
  return { id, relation, file, line, column: 15, endColumn: 15 + id.length, language: 'c' };
}
