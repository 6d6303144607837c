// Implements: TL-031
import type { CheckResult } from '../project/check';
import type { Finding } from '../model/types';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import type { ItemEvidence } from '../results/evidence';
import { itemFingerprint } from '../review/fingerprint';
import type { ReviewSummary } from '../review/reviewState';

/** The JSON report's shape: stable keys, POSIX paths relative to the root, 1-based positions. */
export interface JsonReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly root: string;
  readonly configFile?: string;
  readonly items: ReadonlyArray<{
    id: string; kind: string; title: string; file: string; line: number; class?: string; status?: string;
    links: ReadonlyArray<{ kind: string; target: string }>;
    verification?: JsonVerification;
    /** The item's fingerprint (review/fingerprint.ts): what tracelens.lock records a review against. */
    fingerprint: string;
  }>;
  readonly references: ReadonlyArray<{ id: string; relation: string; file: string; line: number; column: number; symbol?: string; rangeEnd?: number; language: string }>;
  readonly findings: ReadonlyArray<{ rule: string; severity: string; message: string; id?: string; file: string; line: number; column: number }>;
  readonly skipped: ReadonlyArray<{ file: string; reason: string; detail?: string }>;
  readonly summary: CheckResult['summary'] & {
    readonly requirementFiles: number; readonly codeFiles: number; readonly skippedFiles: number;
    /** Links by review state; absent when no link was judged (no tracelens.lock, no Doorstop fingerprint). */
    readonly review?: ReviewSummary;
  };
  /** The results files read, when results globs were given. */
  readonly testResults?: { readonly files: readonly string[] };
}

/**
 * An item's verification evidence in the JSON report: its status and one entry per testcase of
 * each verifying test (in results order), or one `missing` entry for a tag no testcase ran as.
 */
export interface JsonVerification {
  readonly status: ItemEvidence['status'];
  readonly tests: ReadonlyArray<{
    name: string; classname?: string; outcome: string; message?: string; time?: number; timestamp?: string;
    /** The testcase in its results file. */
    results?: { file: string; line: number };
    /** The `verifies` tag, when tied by code. */
    tag?: { file: string; line: number; symbol?: string };
    /** The property that names the item, when tied by a property. */
    property?: string;
    /** The test item it verifies through. */
    through?: string;
  }>;
}

// Implements: TL-145
/** The JSON form of an item's evidence. */
export function verificationJson(evidence: ItemEvidence): JsonVerification {
  return {
    status: evidence.status,
    tests: evidence.tests.flatMap((test) => {
      const common = {
        ...(test.tag ? { tag: { file: test.tag.file, line: test.tag.line, ...(test.tag.symbol !== undefined ? { symbol: test.tag.symbol } : {}) } } : {}),
        ...(test.property ? { property: test.property.name } : {}),
        ...(test.through !== undefined ? { through: test.through } : {}),
      };
      if (test.cases.length === 0) return [{ name: test.name, outcome: test.outcome, ...common }];
      return test.cases.map((testcase) => ({
        name: testcase.name,
        ...(testcase.classname !== undefined ? { classname: testcase.classname } : {}),
        outcome: testcase.outcome,
        ...(testcase.message !== undefined ? { message: testcase.message } : {}),
        ...(testcase.time !== undefined ? { time: testcase.time } : {}),
        ...(testcase.timestamp !== undefined ? { timestamp: testcase.timestamp } : {}),
        results: { file: testcase.file, line: testcase.line },
        ...common,
      }));
    }),
  };
}

/** A finding as the JSON report writes it (the diff report too). */
export function findingJson(finding: Finding) {
  return {
    rule: finding.rule, severity: finding.severity, message: finding.message,
    ...(finding.id !== undefined ? { id: finding.id } : {}),
    file: finding.file, line: finding.line, column: finding.column,
  };
}

/**
 * Builds the JSON report. `root` is the checked folder as the user named it (POSIX), never an
 * absolute path, so the same input gives byte-identical output on every machine.
 */
export function toJsonReport(result: CheckResult, displayRoot: string): JsonReport {
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: displayRoot,
    ...(result.configFile !== undefined ? { configFile: result.configFile } : {}),
    items: result.items.map((item) => ({
      id: item.id, kind: item.kind, title: item.title, file: item.file, line: item.line,
      ...(item.safetyClass !== undefined ? { class: item.safetyClass } : {}),
      ...(item.status !== undefined ? { status: item.status } : {}),
      links: item.links.map((link) => ({ kind: link.kind, target: link.target })),
      ...(result.verification?.byId.has(item.id) ? { verification: verificationJson(result.verification.byId.get(item.id)!) } : {}),
      fingerprint: itemFingerprint(item, result.config.fingerprintAttributes),
    })),
    references: result.references.map((ref) => ({
      id: ref.id, relation: ref.relation, file: ref.file, line: ref.line, column: ref.column,
      ...(ref.symbol !== undefined ? { symbol: ref.symbol } : {}),
      ...(ref.rangeEnd !== undefined ? { rangeEnd: ref.rangeEnd } : {}),
      language: ref.language,
    })),
    findings: result.findings.map(findingJson),
    skipped: result.skipped.map((s) => ({ file: s.file, reason: s.reason, ...(s.detail !== undefined ? { detail: s.detail } : {}) })),
    summary: {
      ...result.summary, requirementFiles: result.files.requirementFiles, codeFiles: result.files.codeFiles, skippedFiles: result.skipped.length,
      ...(result.review?.summary ? { review: result.review.summary } : {}),
    },
    ...(result.testResults ? { testResults: { files: result.testResults.files } } : {}),
  };
}

/** The JSON report as text, two-space indented, ending in a newline. */
export function formatJson(result: CheckResult, displayRoot: string): string {
  return `${JSON.stringify(toJsonReport(result, displayRoot), null, 2)}\n`;
}
