// Implements: TL-035
/**
 * The traceability item model shared by every reader, rule, report and editor feature.
 *
 * Positions are 1-based (line and column), paths are POSIX and relative to the project root,
 * so that output is stable across machines and diffs cleanly between two commits.
 */

/** What an item is for. Open-ended so that later readers (Doorstop, StrictDoc, ReqIF…) can add kinds. */
export type ItemKind = 'requirement' | 'system' | 'risk' | 'test';

/** IEC 62304 software safety class. */
export type SafetyClass = 'A' | 'B' | 'C';

/** How a code comment relates to the item it names. */
export type Relation = 'implements' | 'verifies' | 'mitigates';

/**
 * How one item links to another in the requirement files. `child` is the inverse of `parent`
 * (StrictDoc's `TYPE: Child`): the target counts as naming the linking item as its parent.
 * `depends` (OpenFastTrace's `Depends:`) must name a defined item but covers nothing.
 */
export type LinkKind = 'parent' | 'child' | 'mitigates' | 'verifies' | 'depends';

export type Severity = 'error' | 'warning' | 'info';

/** A place in a file: POSIX path relative to the root, 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One thing an item needs before it counts as traced (see model/needs.ts):
 * - `impl`: code implements it (an `implements` or `mitigates` tag);
 * - `test`: a test verifies it (a `verifies` tag in code, or a test item that lists it under `verifies`);
 * - `test-tag`: a `verifies` tag in code; `test-item`: a test item that lists it under `verifies`;
 * - `mitigation`: an item lists it under `mitigates` (a risk control measure);
 * - `child:X`: an active item of kind X (or with ID prefix X) names it as its `parent`.
 * The three test needs are met as well by a verification method that needs no test (inspection…).
 */
export type Need = 'impl' | 'test' | 'test-tag' | 'test-item' | 'mitigation' | `child:${string}`;

/** A need as written in an item's `needs:` attribute, with its position. */
export interface NeedAt extends Location {
  readonly need: Need;
}

/** A link from one item to another, with the position of the target ID in the item's file. */
export interface ItemLink extends Location {
  readonly kind: LinkKind;
  readonly target: string;
  /**
   * What the link records besides its target, as written: Doorstop's `fingerprint` of the target
   * when the link was last reviewed (`- REQ001: <fingerprint>`). Absent when there is nothing.
   */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** A requirement, system requirement, risk or test case defined in a requirement file. */
export interface Item extends Location {
  readonly id: string;
  readonly kind: ItemKind;
  readonly title: string;
  /** The item's statement, as Markdown (or plain text for YAML). */
  readonly text: string;
  /** Last line of the item's text (1-based, inclusive). */
  readonly endLine: number;
  /** Column just past the ID on the item's line (1-based, exclusive), for precise ranges. */
  readonly endColumn: number;
  readonly safetyClass?: SafetyClass;
  readonly status?: string;
  /** Verification method: `test` (default), `inspection`, `analysis`, `demonstration`. */
  readonly verification?: string;
  readonly category?: string;
  readonly links: readonly ItemLink[];
  /**
   * What must cover the item, when its `needs:` attribute says (empty for `needs: none`); absent
   * when the configuration decides (see model/needs.ts).
   */
  readonly needs?: readonly NeedAt[];
  /**
   * What the item's place in its requirement base asks of it, when the format has a structure that
   * says (a Doorstop document with child documents: `child:` any of them); used when neither the
   * item nor `coverage` by ID prefix says otherwise (see rules/coverageModel.ts).
   */
  readonly documentNeeds?: readonly Need[];
  /** Every attribute as written (lower-cased keys), for hovers and later rules. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The layout it was read from: `markdown-headings`, `markdown-table`, `markdown-front-matter`, `yaml`, `openfasttrace`, `strictdoc`, `sphinx-needs`, `doorstop`… */
  readonly format: string;
  /**
   * The file the item was read from when it is placed in another one: a need of a sphinx-needs
   * `needs.json` placed at its `.rst` source. Absent when the item is where it was read.
   */
  readonly origin?: string;
}

/** A tag in a code comment naming an item. */
export interface Reference extends Location {
  readonly id: string;
  readonly relation: Relation;
  /** Column just past the ID (1-based, exclusive). */
  readonly endColumn: number;
  /** The function, method, class or struct the comment documents or sits inside. */
  readonly symbol?: string;
  /**
   * For a StrictDoc range marker pair (`scope=range_start` … `scope=range_end`), the line of the
   * end marker: the reference covers the code between.
   */
  readonly rangeEnd?: number;
  /** Language id from the languages table (`c`, `python`, `typescript`…). */
  readonly language: string;
}

/** A problem reading a file, reported as an `invalid-file` finding. */
export interface FileProblem extends Location {
  readonly message: string;
}

/** Another place that explains a finding (the duplicate, the requirement). */
export interface RelatedLocation extends Location {
  readonly message: string;
}

/** One gap or error found by a rule. */
export interface Finding extends Location {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The ID the finding is about (for `broken-link`, the missing one). */
  readonly id?: string;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly related?: readonly RelatedLocation[];
}

/**
 * A file that was not scanned or read, and why. Reported, never silently dropped. `doorstop-skip`:
 * a requirement file of a Doorstop document that a `.doorstop.skip` or `.doorstop.skip-all` marks.
 */
export interface SkippedFile {
  readonly file: string;
  readonly reason: 'too-large' | 'binary' | 'unreadable' | 'unsupported-language' | 'doorstop-skip';
  readonly detail?: string;
}

/** Whether an item expects nothing any more. */
export function isInactive(item: Pick<Item, 'status'>, inactiveStatuses: readonly string[]): boolean {
  return item.status !== undefined && inactiveStatuses.includes(item.status.toLowerCase());
}

/** Orders by file, then line, then column: the order every report uses. */
export function compareLocations(a: Location, b: Location): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}
