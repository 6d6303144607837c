// Implements: TL-140
/**
 * Test results as evidence: the testcases of JUnit XML files, where they were read, and what the
 * engine ties them to. Positions are 1-based; paths POSIX and relative to the project root.
 */
import type { FileProblem, Location } from '../model/types';

/** How a testcase ended: JUnit's `<failure>`, `<error>`, `<skipped>`, or none of them. */
export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

/** A `<property name value>` of a testcase or of a suite around it, where it is written. */
export interface TestProperty extends Location {
  readonly name: string;
  readonly value: string;
}

/** One `<testcase>` of a results file; `file`, `line` and `column` are those of its element. */
export interface TestCaseResult extends Location {
  readonly name: string;
  readonly classname?: string;
  /** The names of the suites around it, outermost first (`<testsuites name>` not included). */
  readonly suites: readonly string[];
  /** The test's source file, as its `file` attribute says (pytest's legacy style, jest-junit, PHPUnit…). */
  readonly sourceFile?: string;
  readonly sourceLine?: number;
  /** Seconds, as its `time` attribute says. */
  readonly time?: number;
  /** When it ran: its own `timestamp`, else the nearest suite's. */
  readonly timestamp?: string;
  readonly outcome: TestOutcome;
  /** The first non-empty line of the failure, error or skip message (its `message` attribute, else its text). */
  readonly message?: string;
  /** Its own properties, then those of its suites (innermost first). */
  readonly properties: readonly TestProperty[];
}

/** One results glob: as written, where (tracelens.json or the command line), and its position. */
export interface ResultsPattern {
  readonly glob: string;
  readonly origin: 'config' | 'command-line';
  /** Its position in tracelens.json; absent for `--results`. */
  readonly at?: Location;
}

/** What the results globs found: the files read, their testcases and what was wrong with them. */
export interface TestResults {
  readonly patterns: readonly ResultsPattern[];
  /** Results files read, sorted. */
  readonly files: readonly string[];
  /** Every testcase, in file then document order. */
  readonly cases: readonly TestCaseResult[];
  /** Files that are no JUnit XML, malformed, truncated or too large: `invalid-file` findings. */
  readonly problems: readonly FileProblem[];
  /** When each results file was last written (ISO 8601), for the editor's "time of run" when the XML says none. */
  readonly modified?: Readonly<Record<string, string>>;
}

/** The property names that tie a testcase to requirements, unless `testResultProperties` says otherwise. */
export const DEFAULT_RESULT_PROPERTIES: readonly string[] = Object.freeze(['requirements', 'verifies', 'requirement_id', 'lobster-tracing']);
