import type { ItemKind, Relation, SafetyClass, Severity } from '../model/types';

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
  /** ID prefix → kind. Unknown prefixes of defined items are requirements. */
  readonly prefixes: Readonly<Record<string, ItemKind>>;
  /**
   * Prefixes the user's config names explicitly. IDs in comments with these prefixes are references
   * even before any item uses them (so a typo is an `unknown-id`); default prefixes are not declared,
   * so `SR-71` in a comment of a project without SR items stays plain text.
   */
  readonly declaredPrefixes?: readonly string[];
  /** Relation keyword (lower case) → relation. */
  readonly keywords: Readonly<Record<string, Relation>>;
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
   * Files read as a given language, in the order written: the first matching glob decides, before
   * the built-in file names and extensions (`"**\/*.itest": "bash"`). Absent when the config maps none.
   */
  readonly languages?: readonly LanguageMapping[];
}

export const DEFAULT_REQUIREMENT_FOLDERS = ['requirements', 'reqs', 'docs/requirements'] as const;

export const DEFAULT_PREFIXES: Readonly<Record<string, ItemKind>> = Object.freeze({
  REQ: 'requirement', SRS: 'requirement', SWR: 'requirement', SR: 'requirement', RCM: 'requirement',
  RC: 'requirement', SPEC: 'requirement', SDS: 'requirement',
  SYS: 'system', UN: 'system', PRS: 'system', URS: 'system',
  RISK: 'risk', HAZ: 'risk',
  TEST: 'test', TC: 'test', TP: 'test',
});

export const DEFAULT_KEYWORDS: Readonly<Record<string, Relation>> = Object.freeze({
  implements: 'implements', implement: 'implements', impl: 'implements', satisfies: 'implements',
  verifies: 'verifies', verify: 'verifies', tests: 'verifies', validates: 'verifies',
  mitigates: 'mitigates',
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
