// Implements: TL-170
/**
 * The SOUP model: dependencies found in a project's package manifests, and the entries of its SOUP
 * register (soup.yml). Positions are 1-based, paths POSIX relative to the project root.
 */
import type { FileProblem, Location, SafetyClass } from '../model/types';

/** The package world a dependency comes from: names are compared within the rules of each. */
export type Ecosystem = 'npm' | 'pypi' | 'cargo' | 'go' | 'nuget' | 'sbom';

/**
 * How sure the version of a dependency is: `locked` (a lock file or an SBOM says what is in use),
 * `exact` (the manifest pins one version), `range` (the manifest allows several and no lock file
 * says which: the version in use is not known), `none` (no version can be checked; `note` says why).
 */
export type VersionResolution = 'locked' | 'exact' | 'range' | 'none';

/** A dependency as a manifest, lock file or SBOM states it, at the position of its name. */
export interface SoupDependency extends Location {
  readonly name: string;
  /** Column just past the name (1-based, exclusive). */
  readonly endColumn: number;
  readonly ecosystem: Ecosystem;
  /** Named by the project itself (a manifest), rather than by a dependency (a lock file's package). */
  readonly direct: boolean;
  /** The version in use when `locked` or `exact`; the declared range when `range`. */
  readonly version?: string;
  readonly resolution: VersionResolution;
  /** The file the version comes from when it is not the dependency's own (a lock file, Directory.Packages.props). */
  readonly versionFrom?: string;
  /** Why the version cannot be checked (an editable install, a URL, a local path). */
  readonly note?: string;
}

/** What one manifest (with its lock file) gives. */
export interface ManifestResult {
  readonly dependencies: SoupDependency[];
  readonly problems: FileProblem[];
  /** Names of packages the project itself defines there (its own package, workspace members): never SOUP. */
  readonly ownNames: string[];
}

/** A scalar field of a register entry, with the position of its value (or of its key when empty). */
export interface EntryField extends Location {
  readonly value: string;
}

/** A risk ID a register entry names, at its position. */
export interface RiskRef extends Location {
  readonly id: string;
}

/** One entry of the SOUP register. */
export interface SoupEntry extends Location {
  /** The entry's name, or undefined when it has none (then `soup-incomplete` says so). */
  readonly name?: EntryField;
  readonly version?: EntryField;
  readonly manufacturer?: EntryField;
  readonly purpose?: EntryField;
  readonly requirements?: EntryField;
  readonly anomaliesUrl?: EntryField;
  readonly anomaliesReviewed?: EntryField;
  /** Risk IDs as written; undefined when the key is absent. */
  readonly risks?: readonly RiskRef[];
  readonly safetyClass?: SafetyClass;
  /** Last line of the entry (1-based, inclusive), for hovers and edits. */
  readonly endLine: number;
}

/** The register as read: its entries and whatever was wrong with the file. */
export interface SoupRegister {
  readonly file: string;
  readonly entries: readonly SoupEntry[];
  readonly problems: readonly FileProblem[];
}
