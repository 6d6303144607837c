// Implements: TL-070, TL-071
/**
 * Where a project's requirements were looked for and what was found there: what the
 * `no-requirements` and `no-items` rules judge, so that a check over nothing never looks green.
 */
import type { Location } from './types';

/** One requirement glob: as written (`entry`), as matched (`glob`), and where tracelens.json says it. */
export interface RequirementPattern {
  readonly entry: string;
  readonly glob: string;
  /** Its position in tracelens.json; absent for the zero-config default folder. */
  readonly at?: Location;
}

/** Where requirements are looked for, decided by the configuration alone. */
export interface RequirementSearch {
  /** The globs; empty when there is no config `requirements` and no default folder exists. */
  readonly patterns: readonly RequirementPattern[];
  /** Whether the globs come from `requirements` in tracelens.json (else the zero-config default). */
  readonly configured: boolean;
  /** The config file, when there is one. */
  readonly configFile?: string;
  /**
   * Where a "no requirements found" finding goes: the `requirements` key of tracelens.json, else
   * its first line, else `tracelens.json` at 1:1, the file to create.
   */
  readonly at: Location;
}

/** The search and what it found. */
export interface RequirementSources extends RequirementSearch {
  /** Files the globs match that a reader understands (Markdown, YAML), sorted. */
  readonly files: readonly string[];
  /** Files the globs match that no reader understands, sorted: listed, never read. */
  readonly unreadable: readonly string[];
  /**
   * Files among `files` deliberately not read (the files of a document Doorstop skips), sorted;
   * reported as skipped files, so never `no-items`. Absent when there are none.
   */
  readonly skipped?: readonly string[];
}
