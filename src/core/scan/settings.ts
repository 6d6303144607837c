/**
 * What a code scan depends on besides a file's content, and how a project's configuration and
 * items decide it.
 */
import type { LanguageMapping, TracelensConfig } from '../config/types';
import { idPrefix } from '../model/ids';
import type { Item, Relation } from '../model/types';

/**
 * What a code scan depends on besides the file's content. Plain data, so that it can be sent to
 * worker threads and hashed into cache keys.
 */
export interface ScanSettings {
  /** ID prefixes that make an ID-shaped word in a comment a reference. */
  readonly prefixes: readonly string[];
  readonly keywords: Readonly<Record<string, Relation>>;
  readonly testFiles: readonly string[];
  readonly maxFileSize: number;
  /**
   * The config's `languages` mappings: which files are code, and in which language. Absent when the
   * config maps none, so that such a project's cache keys stay as they were.
   */
  readonly languages?: readonly LanguageMapping[];
}

/**
 * Prefixes that make an ID in a comment a reference: those that defined items use, and those the
 * config declares explicitly. Sorted, so the list is a stable cache key.
 */
export function referencePrefixes(items: readonly Item[], declared: readonly string[]): string[] {
  const prefixes = new Set(declared);
  for (const item of items) prefixes.add(idPrefix(item.id));
  for (const item of items) for (const link of item.links) prefixes.add(idPrefix(link.target));
  return [...prefixes].sort();
}

/** The scan settings for a project. */
export function scanSettingsFor(config: TracelensConfig, prefixes: readonly string[]): ScanSettings {
  const settings = { prefixes, keywords: config.keywords, testFiles: config.testFiles, maxFileSize: config.maxFileSize };
  return config.languages && config.languages.length > 0 ? { ...settings, languages: config.languages } : settings;
}

/** Prefixes the config declares on top of the defaults (see {@link TracelensConfig.declaredPrefixes}). */
export function declaredPrefixes(config: TracelensConfig): readonly string[] {
  return config.declaredPrefixes ?? [];
}
