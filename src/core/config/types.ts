import type { ItemKind, Location, Need, Relation, SafetyClass, Severity } from '../model/types';

/** Severity a rule reports at, or `off` to silence it. */
export type RuleSeverity = Severity | 'off';

/** One `languages` entry: files matching `glob` (relative to the root) are read as `language`. */
export interface LanguageMapping {
  /** Picomatch glob relative to the root; an extension key (`.itest`) is stored as `**\/*.itest`. */
  readonly glob: string;
  /** A language id of the languages table (`bash`, `yaml`…), or {@link NOT_SCANNED}. */
  readonly language: string;
}

/** The `languages` value that makes matching files no code files at all. */
export const NOT_SCANNED = 'none';

/**
 * The resolved project configuration: defaults merged with `tracelens.json`.
 * Everything CI must agree with lives here; editor-only preferences live in VS Code settings.
 */
export interface TracelensConfig {
  /** Globs (relative to the root) of requirement files. */
  readonly requirements: readonly string[];
  /** Globs excluded from both requirement reading and code scanning (on top of .gitignore). */
  readonly exclude: readonly string[];
  /** Globs of test files: untagged references there are `verifies`. */
  readonly testFiles: readonly string[];
  /**
   * ID prefix → kind. A prefix is one or more capital segments (`REQ`, `SDOC-SRS`; `-` and `_`
   * alike) or an OpenFastTrace type (`dsn`); an ID takes the kind of its longest matching prefix.
   * Unknown prefixes of defined items are requirements.
   */
  readonly prefixes: Readonly<Record<string, ItemKind>>;
  /**
   * Prefixes the user's config names explicitly. IDs in comments with these prefixes are references
   * even before any item uses them (so a typo is an `unknown-id`); default prefixes are not declared,
   * so `SR-71` in a comment of a project without SR items stays plain text.
   */
  readonly declaredPrefixes?: readonly string[];
  /**
   * Prefixes (of one or more segments) whose IDs may end in a name rather than a number: `FE`
   * makes `FE_DEF` an item ID in a Markdown heading and a reference in a comment. Absent when none.
   */
  readonly namedIdPrefixes?: readonly string[];
  /** Relation keyword (lower case) → relation. */
  readonly keywords: Readonly<Record<string, Relation>>;
  /**
   * OpenFastTrace artifact type (lower case) → the relation of a coverage tag of that type
   * (`[utest->dsn~x~1]` verifies), and what `Needs:` of that type asks for (see
   * readers/openFastTrace.ts). Absent: {@link DEFAULT_ARTIFACT_TYPES}.
   */
  readonly artifactTypes?: Readonly<Record<string, Relation>>;
  /** Statuses (lower case) that make an item inactive. */
  readonly inactiveStatuses: readonly string[];
  /** Verification methods (lower case) that need no test. */
  readonly nonTestVerification: readonly string[];
  /** Safety class of items that state none; IEC 62304 treats unclassified software as class C. */
  readonly defaultClass: SafetyClass;
  /** Per-rule severity overrides. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** Files larger than this many bytes are skipped (and reported). */
  readonly maxFileSize: number;
  /** Whether .gitignore files are honoured. */
  readonly useGitignore: boolean;
  /**
   * Markdown table header → field, from the config's `tableColumns`, keyed by the header's
   * normalised form (see readers/tableColumns.ts); merged over the built-in header names. Absent
   * when the config names none.
   */
  readonly tableColumns?: Readonly<Record<string, TableField>>;
  /**
   * What must cover items, by kind (`requirement`) or ID prefix (`SRS`), over the built-in needs
   * of each kind (model/needs.ts). Absent or empty: the built-in needs apply everywhere.
   */
  readonly coverage?: Readonly<Record<string, readonly Need[]>>;
  /**
   * Files read as a given language, in the order written: the first matching glob decides, before
   * the built-in file names and extensions (`"**\/*.itest": "bash"`). Absent when the config maps none.
   */
  readonly languages?: readonly LanguageMapping[];
  /**
   * sphinx-needs type (directive name, lower case) → kind, from the config's `needTypes`: over the
   * kind a type's name or its ubproject.toml title says (readers/sphinxNeedTypes.ts). Absent when none.
   */
  readonly needTypes?: Readonly<Record<string, ItemKind>>;
  /** What the project's ubproject.toml declares for sphinx-needs (config/ubproject.ts); absent without one. */
  readonly sphinxNeeds?: SphinxNeedsDeclarations;
  /** How ReqIF files are read (see {@link ReqifSettings}); absent when the config says nothing of them. */
  readonly reqif?: ReqifSettings;
  /**
   * Globs (relative to the root) of JUnit XML test results, from `testResults` and `--results`
   * (see results/). Absent when there are none: then nothing about test results is judged.
   */
  readonly testResults?: readonly string[];
  /** Property names that tie a testcase to requirements, from `testResultProperties`; absent: the built-in names. */
  readonly testResultProperties?: readonly string[];
  /**
   * The SOUP register, POSIX relative to the root, from the config's `soup`. Absent: `soup.yml` at
   * the root, checked only when it exists; when set, a missing file is a finding at `soupAt`.
   */
  readonly soup?: string;
  /** Where the config's `soup` key is, for the finding of a missing register. */
  readonly soupAt?: Location;
  /** Whether transitive dependencies (from lock files and SBOMs) must be in the register too; default false. */
  readonly soupTransitive?: boolean;
  /** Days after which a SOUP entry's `anomalies.reviewed` date is stale; absent: {@link DEFAULT_SOUP_ANOMALY_REVIEW_DAYS}. */
  readonly soupAnomalyReviewDays?: number;
  /**
   * Attributes (lower case) that an item's fingerprint covers besides its title and text (see
   * review/fingerprint.ts), in the order written. Absent: title and text only.
   */
  readonly fingerprintAttributes?: readonly string[];
  /** `suspect-link` (and `unreviewed-link`) are errors for class C targets (`check --strict-review`). Absent: false. */
  readonly strictReview?: boolean;
  /** A link with no record in an existing tracelens.lock is an `unreviewed-link` finding, not only counted. Absent: false. */
  readonly requireReview?: boolean;
}

/** How old (in days) a review of a SOUP item's known anomalies may be before `soup-anomalies-stale`. */
export const DEFAULT_SOUP_ANOMALY_REVIEW_DAYS = 365;

/** Need types and link types a ubproject.toml declares, as plain data. */
export interface SphinxNeedsDeclarations {
  /** The ubproject.toml read, POSIX relative to the root. */
  readonly file: string;
  /** Declared need types: the directive name, and the title when given. */
  readonly types: ReadonlyArray<{ readonly directive: string; readonly title?: string }>;
  /** Option names of declared link types (`[needs.links.X]` keys, `extra_links` options). */
  readonly links: readonly string[];
}

/** What a ReqIF relation type means for the items it joins (see {@link ReqifSettings.relationTypes}). */
export const REQIF_RELATION_MEANINGS = ['parent', 'child', 'mitigates', 'mitigated-by', 'verifies', 'verified-by', 'none'] as const;

export type ReqifRelationMeaning = (typeof REQIF_RELATION_MEANINGS)[number];

/**
 * What a ReqIF object type is (see {@link ReqifSettings.objectTypes}): an item kind, or `heading`
 * for chapter headings and informational text, which are items that need nothing.
 */
export const REQIF_OBJECT_MEANINGS = ['requirement', 'system', 'risk', 'test', 'heading'] as const;

export type ReqifObjectMeaning = (typeof REQIF_OBJECT_MEANINGS)[number];

/** The `reqif` settings of tracelens.json: what to read ReqIF exports by, where tools differ. */
export interface ReqifSettings {
  /** LONG-NAME of the attribute holding an object's ID; default `ReqIF.ForeignID`. */
  readonly idAttribute?: string;
  /**
   * Put before an ID that is a bare number (DOORS's `12`), so that code can name it (`SRS-` makes
   * it `SRS-12`), over the `ReqIF.Prefix` of the object's specification; with neither such an
   * item keeps its number, which no comment can reference.
   */
  readonly numberPrefix?: string;
  /** SPEC-RELATION-TYPE LONG-NAME (compared case-insensitively) → meaning, over the built-in names. */
  readonly relationTypes?: Readonly<Record<string, ReqifRelationMeaning>>;
  /**
   * SPEC-OBJECT-TYPE LONG-NAME (or an object's "Object Type" value; lower case, single spaces) →
   * what its objects are, over the built-in names. It wins over the ID's prefix.
   */
  readonly objectTypes?: Readonly<Record<string, ReqifObjectMeaning>>;
}

/**
 * What a Markdown table column holds: the item's ID, its title or text, an attribute with a
 * meaning (class, status, links…), or `attribute` for a column kept only as a plain attribute.
 */
export const TABLE_FIELDS = [
  'id', 'title', 'text', 'class', 'status', 'kind', 'parent', 'mitigates', 'verifies', 'verification', 'category', 'attribute',
] as const;

export type TableField = (typeof TABLE_FIELDS)[number];

export const DEFAULT_REQUIREMENT_FOLDERS = ['requirements', 'reqs', 'docs/requirements'] as const;

export const DEFAULT_PREFIXES: Readonly<Record<string, ItemKind>> = Object.freeze({
  REQ: 'requirement', SRS: 'requirement', SWR: 'requirement', SR: 'requirement', RCM: 'requirement',
  RC: 'requirement', SPEC: 'requirement', SDS: 'requirement',
  SYS: 'system', UN: 'system', PRS: 'system', URS: 'system',
  RISK: 'risk', HAZ: 'risk',
  TEST: 'test', TC: 'test', TP: 'test',
  // Doorstop's usual test documents: tests, high-level and low-level tests.
  TST: 'test', HLT: 'test', LLT: 'test',
  // OpenFastTrace's usual artifact types: features and requirements above, design items to code.
  feat: 'system', req: 'system', dsn: 'requirement',
});

export const DEFAULT_KEYWORDS: Readonly<Record<string, Relation>> = Object.freeze({
  implements: 'implements', implement: 'implements', impl: 'implements', satisfies: 'implements',
  verifies: 'verifies', verify: 'verifies', tests: 'verifies', validates: 'verifies',
  mitigates: 'mitigates',
});

// Implements: TL-122
/**
 * OpenFastTrace's usual artifact types of coverage tags in code: `impl` implements, unit,
 * integration and system tests verify. Other types (`dsn`, `uman`…) are covered by items.
 */
export const DEFAULT_ARTIFACT_TYPES: Readonly<Record<string, Relation>> = Object.freeze({
  impl: 'implements', utest: 'verifies', itest: 'verifies', stest: 'verifies',
});

export const DEFAULT_TEST_GLOBS: readonly string[] = Object.freeze([
  '**/test/**', '**/tests/**', '**/__tests__/**', '**/spec/**', '**/testing/**',
  '**/*.test.*', '**/*.spec.*', '**/*_test.*', '**/*_tests.*', '**/test_*.py', '**/*_spec.rb',
  '**/*Test.java', '**/*Tests.java', '**/*IT.java', '**/*Test.kt', '**/*Tests.cs', '**/*Test.cs',
  '**/*Test.php', '**/*Test.scala', '**/*Spec.scala',
]);

export const DEFAULT_INACTIVE_STATUSES: readonly string[] = Object.freeze([
  'obsolete', 'deprecated', 'deleted', 'rejected', 'retired', 'inactive',
]);

export const DEFAULT_NON_TEST_VERIFICATION: readonly string[] = Object.freeze(['inspection', 'analysis', 'demonstration']);

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export const CONFIG_FILE_NAME = 'tracelens.json';
