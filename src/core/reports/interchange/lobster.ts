// Implements: TL-160
/**
 * LOBSTER trace files (bmw-software-engineering/lobster, documentation/schemas.md), so that a trace
 * Tracelens checked can feed `lobster-report` and its HTML and CI reports:
 * - `lobster-req-trace` version 4, one file per kind, because LOBSTER assigns tracing levels by
 *   file: `system-requirements.lobster`, `requirements.lobster`, `risks.lobster`;
 * - `lobster-imp-trace` version 3, `code.lobster`: one implementation per code unit (the symbol an
 *   `implements` or `mitigates` tag documents, or the tag's line outside any symbol);
 * - `lobster-act-trace` version 3, `tests.lobster`: one activity per test unit (the symbol a
 *   `verifies` tag documents) and per test item, with the test status from the run's results.
 *
 * Items are tagged `req <ID>` whatever their kind, so that every link between items resolves;
 * code units `code <file>:<symbol>` and test units `test <file>:<symbol>`. `refs` trace up, as
 * LOBSTER links: an item's parent, mitigates and verifies links, and for a `child` link the child
 * names the linking item (a child no item defines has no entry to carry it: it stays a
 * `broken-link` finding of the check). `depends` links are not written: they cover nothing, and a
 * LOBSTER ref would count as coverage.
 */

import type { CheckResult } from '../../project/check';
import { compareLocations, type Item, type ItemKind, type Location, type Reference } from '../../model/types';
import { TOOL_NAME } from '../../version';
import { joinDisplayPath } from '../paths';
import { lobsterStatus, type InterchangeOptions, type LobsterStatus } from './testOutcomes';

/** A LOBSTER file reference (`"kind": "file"`), 1-based line and column. */
interface FileRef {
  readonly kind: 'file';
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The fields every LOBSTER item has (version 3 and later). */
interface LobsterItem {
  readonly tag: string;
  readonly location: FileRef;
  readonly name: string;
  readonly refs: readonly string[];
  readonly just_up: readonly string[];
  readonly just_down: readonly string[];
  readonly just_global: readonly string[];
}

/** What each schema adds to the common fields. */
type RequirementEntry = LobsterItem & { framework: string; kind: string; text: string | null; status: string | null };
type ImplementationEntry = LobsterItem & { language: string; kind: string };
type ActivityEntry = LobsterItem & { framework: string; kind: string; status: LobsterStatus };

/** The file of each kind of item but tests (a new kind must say where it goes). */
const REQUIREMENT_FILES: Readonly<Record<Exclude<ItemKind, 'test'>, string>> = {
  system: 'system-requirements.lobster', requirement: 'requirements.lobster', risk: 'risks.lobster',
};

/** The `kind` text of requirement entries, by item kind. */
const REQUIREMENT_KINDS: Readonly<Record<Exclude<ItemKind, 'test'>, string>> = {
  system: 'System Requirement', requirement: 'Requirement', risk: 'Risk',
};

export const LOBSTER_CODE_FILE = 'code.lobster';
export const LOBSTER_TESTS_FILE = 'tests.lobster';

/** The tag of an item, in LOBSTER's `req` namespace. */
const itemTag = (id: string): string => `req ${id}`;

/**
 * A code unit's tag. LOBSTER reads what follows an `@` as a version, so `@` (and `%`, to keep the
 * escape readable back) are percent-encoded: `node_modules/@scope/x.ts` stays one tag.
 */
function unitTag(namespace: 'code' | 'test', file: string, unit: string): string {
  return `${namespace} ${`${file}:${unit}`.replace(/%/g, '%25').replace(/@/g, '%40')}`;
}

/** Sorted, without duplicates. */
function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function fileRef(at: Location, displayRoot: string): FileRef {
  return { kind: 'file', file: joinDisplayPath(displayRoot, at.file), line: at.line, column: at.column };
}

function common(tag: string, at: Location, name: string, refs: Iterable<string>, displayRoot: string): LobsterItem {
  return { tag, location: fileRef(at, displayRoot), name, refs: sortedUnique(refs), just_up: [], just_down: [], just_global: [] };
}

/** The refs of each item: its own links up, plus the linking item for each `child` link to it. */
function itemRefs(items: readonly Item[]): Map<string, string[]> {
  const refs = new Map<string, string[]>(items.map((item) => [item.id, []]));
  for (const item of items) {
    for (const link of item.links) {
      if (link.kind === 'depends') continue;
      if (link.kind === 'child') refs.get(link.target)?.push(itemTag(item.id));
      else refs.get(item.id)!.push(itemTag(link.target));
    }
  }
  return refs;
}

/** The tags of one code unit: a symbol of a file, or a line of it outside any symbol. */
interface CodeUnit {
  readonly file: string;
  /** The symbol, or the line as text. */
  readonly unit: string;
  readonly symbol?: string;
  readonly tags: Reference[];
}

/** Code tags grouped into units, by the location of each unit's first tag. */
function codeUnits(references: readonly Reference[]): CodeUnit[] {
  const units = new Map<string, CodeUnit>();
  for (const reference of references) {
    const unit = reference.symbol ?? String(reference.line);
    const key = `${reference.file}\u0000${unit}`;
    let entry = units.get(key);
    if (!entry) {
      entry = { file: reference.file, unit, ...(reference.symbol !== undefined ? { symbol: reference.symbol } : {}), tags: [] };
      units.set(key, entry);
    }
    entry.tags.push(reference);
  }
  // A unit sits at its first tag; ties (two units at one place cannot happen) fall back to the unit name.
  return [...units.values()].sort((a, b) => compareLocations(a.tags[0]!, b.tags[0]!) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** A LOBSTER file's text: the common envelope, two-space indented, ending in a newline. */
function lobsterFile(schema: string, version: number, data: readonly LobsterItem[]): string {
  return `${JSON.stringify({ data, generator: TOOL_NAME, schema, version }, null, 2)}\n`;
}

/**
 * The LOBSTER files of a check, by file name: one `lobster-req-trace` file per item kind other
 * than tests (each always, even when empty, so that a `lobster.conf` naming them keeps working),
 * `code.lobster` and `tests.lobster`. Entries are sorted by location; every test status comes from
 * `options.outcomeOf` (null without results). An ID defined twice is two entries of one tag, which
 * LOBSTER reports as a duplicate, as the check does.
 */
export function toLobsterFiles(result: Pick<CheckResult, 'items' | 'references'>, options: InterchangeOptions = {}): Map<string, string> {
  const displayRoot = options.displayRoot ?? '';
  const items = [...result.items].sort((a, b) => compareLocations(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const refs = itemRefs(items);

  const requirements = new Map<string, RequirementEntry[]>(Object.values(REQUIREMENT_FILES).map((file) => [file, []]));
  const activities: ActivityEntry[] = [];
  for (const item of items) {
    const name = item.title === '' ? item.id : item.title;
    if (item.kind === 'test') {
      activities.push({
        ...common(itemTag(item.id), item, name, refs.get(item.id)!, displayRoot),
        framework: item.format, kind: 'Test', status: lobsterStatus([item], options.outcomeOf),
      });
      continue;
    }
    requirements.get(REQUIREMENT_FILES[item.kind])!.push({
      ...common(itemTag(item.id), item, name, refs.get(item.id)!, displayRoot),
      framework: item.format, kind: REQUIREMENT_KINDS[item.kind],
      text: item.text === '' ? null : item.text, status: item.status ?? null,
    });
  }

  /** A code unit's common fields: at its first tag, named by its symbol (or file and line). */
  const unitEntry = (namespace: 'code' | 'test', unit: CodeUnit): LobsterItem => common(
    unitTag(namespace, unit.file, unit.unit), unit.tags[0]!, unit.symbol ?? `${unit.file}:${unit.unit}`, unit.tags.map((tag) => itemTag(tag.id)), displayRoot,
  );
  const implementations: ImplementationEntry[] = codeUnits(result.references.filter((ref) => ref.relation !== 'verifies')).map((unit) => ({
    ...unitEntry('code', unit), language: unit.tags[0]!.language, kind: unit.symbol !== undefined ? 'Symbol' : 'File',
  }));
  const tested: ActivityEntry[] = codeUnits(result.references.filter((ref) => ref.relation === 'verifies')).map((unit) => ({
    ...unitEntry('test', unit), framework: unit.tags[0]!.language, kind: 'Test', status: lobsterStatus(unit.tags, options.outcomeOf),
  }));
  // Test items (from requirement files) and test code in one file, by location.
  const allActivities = [...activities, ...tested]
    .sort((a, b) => compareLocations(a.location, b.location) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));

  const files = new Map<string, string>();
  for (const [file, entries] of [...requirements].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    files.set(file, lobsterFile('lobster-req-trace', 4, entries));
  }
  files.set(LOBSTER_CODE_FILE, lobsterFile('lobster-imp-trace', 3, implementations));
  files.set(LOBSTER_TESTS_FILE, lobsterFile('lobster-act-trace', 3, allActivities));
  return files;
}
