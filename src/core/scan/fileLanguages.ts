// Implements: TL-103
/**
 * Which language a file is read as: the project's `languages` mappings first (the first matching
 * glob decides, and `none` makes the file no code file), then the built-in file names and
 * extensions of the languages table.
 */
import { NOT_SCANNED, type LanguageMapping } from '../config/types';
import { languageById, languageForPath, type LanguageSpec } from '../../parsing/languages';
import { globMatcher } from '../files/walk';

/** The language of a root-relative POSIX path, or undefined when it is no code file. */
export type LanguageOf = (file: string) => LanguageSpec | undefined;

/** Resolvers by mappings list: settings are reused for many files, their globs compiled once. */
const resolvers = new WeakMap<readonly LanguageMapping[], LanguageOf>();

/** The language resolver of a project's `languages` mappings (none: the built-in names and extensions). */
export function languageResolver(mappings: readonly LanguageMapping[] | undefined): LanguageOf {
  if (!mappings || mappings.length === 0) return languageForPath;
  let resolver = resolvers.get(mappings);
  if (!resolver) {
    const rules = mappings.map((mapping) => ({
      matches: globMatcher([mapping.glob]),
      language: mapping.language === NOT_SCANNED ? undefined : languageById(mapping.language),
    }));
    resolver = (file) => {
      for (const rule of rules) if (rule.matches(file)) return rule.language;
      return languageForPath(file);
    };
    resolvers.set(mappings, resolver);
  }
  return resolver;
}
