/**
 * What a code scan depends on besides a file's content, and how a project's configuration and
 * items decide it.
 */
import type { LanguageMapping, TracelensConfig } from '../config/types';
import { idPrefix, idShape, isSegmentPrefix, type IdFamilies } from '../model/ids';
import type { Item, Relation } from '../model/types';

/**
 * What a code scan depends on besides the file's content: the ID families that make an ID in a
 * comment a reference, and the rest. Plain data, so that it can be sent to worker threads and
 * hashed into cache keys.
 */
export interface ScanSettings extends IdFamilies {
  readonly keywords: Readonly<Record<string, Relation>>;
  /**
   * OpenFastTrace artifact types of coverage tags → relation (see `TagOptions.artifactTypes`), when
   * the config names some; absent: the built-in types, and the project's cache keys stay as they were.
   */
  readonly artifactTypes?: Readonly<Record<string, Relation>>;
  readonly testFiles: readonly string[];
  readonly maxFileSize: number;
  /**
   * The config's `languages` mappings: which files are code, and in which language. Absent when the
   * config maps none, so that such a project's cache keys stay as they were.
   */
  readonly languages?: readonly LanguageMapping[];
}

// Implements: TL-091
/**
 * The families that make an ID in a comment a reference: those that defined items (and their
 * links) use, and those the config declares. Only what cannot be prose counts:
 * - numbered IDs by their first segment, from items of any shape but named and from declared
 *   prefixes (`REQ-SYS-001` makes `REQ-INPUT-VAL-001` a reference, an `unknown-id`);
 * - joined IDs (`REQ001`) only for prefixes items write joined, so `MD5` or `H264` stay prose in a
 *   project with `H-04` items;
 * - named IDs (`FE_DEF`) one by one as items define them, or by a family `namedIdPrefixes` declares;
 * - typed IDs (`dsn~name~1`) by the types items use or the config declares.
 * Every list is sorted, so the whole is a stable cache key.
 */
export function referenceFamilies(items: readonly Item[], config: TracelensConfig): IdFamilies {
  const prefixes = new Set<string>();
  const joined = new Set<string>();
  const named = new Set<string>(config.namedIdPrefixes ?? []);
  const namedIds = new Set<string>();
  const types = new Set<string>();
  const add = (id: string): void => {
    const shape = idShape(id);
    if (shape === 'named') namedIds.add(id);
    else if (shape === 'typed') types.add(idPrefix(id));
    else if (shape !== undefined) prefixes.add(idPrefix(id));
    if (shape === 'joined') joined.add(idPrefix(id));
  };
  for (const key of declaredPrefixes(config)) {
    if (isSegmentPrefix(key)) prefixes.add(key.split(/[-_]/)[0]!);
    else types.add(key);
  }
  for (const prefix of named) prefixes.add(prefix.split(/[-_]/)[0]!);
  for (const item of items) {
    add(item.id);
    for (const link of item.links) add(link.target);
  }
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return {
    prefixes: sorted(prefixes),
    ...(joined.size > 0 ? { joinedPrefixes: sorted(joined) } : {}),
    ...(named.size > 0 ? { namedPrefixes: sorted(named) } : {}),
    ...(namedIds.size > 0 ? { namedIds: sorted(namedIds) } : {}),
    ...(types.size > 0 ? { types: sorted(types) } : {}),
  };
}

/** True when two family sets are the same (a change means every code file must be scanned again). */
export function sameFamilies(a: IdFamilies, b: IdFamilies): boolean {
  return familiesKey(a) === familiesKey(b);
}

function familiesKey(families: IdFamilies): string {
  const { prefixes, joinedPrefixes, namedPrefixes, namedIds, types } = families;
  return JSON.stringify([prefixes, joinedPrefixes ?? [], namedPrefixes ?? [], namedIds ?? [], types ?? []]);
}

/** The scan settings for a project. */
export function scanSettingsFor(config: TracelensConfig, families: IdFamilies): ScanSettings {
  const settings: ScanSettings = {
    ...families, keywords: config.keywords, testFiles: config.testFiles, maxFileSize: config.maxFileSize,
    ...(config.artifactTypes ? { artifactTypes: config.artifactTypes } : {}),
  };
  return config.languages && config.languages.length > 0 ? { ...settings, languages: config.languages } : settings;
}

/** Prefixes the config declares on top of the defaults (see {@link TracelensConfig.declaredPrefixes}). */
export function declaredPrefixes(config: TracelensConfig): readonly string[] {
  return config.declaredPrefixes ?? [];
}
