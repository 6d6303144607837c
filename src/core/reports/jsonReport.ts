// Implements: TL-031
import type { CheckResult } from '../project/check';
import type { Finding } from '../model/types';
import { TOOL_NAME, TOOL_VERSION } from '../version';

/** The JSON report's shape: stable keys, POSIX paths relative to the root, 1-based positions. */
export interface JsonReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly root: string;
  readonly configFile?: string;
  readonly items: ReadonlyArray<{
    id: string; kind: string; title: string; file: string; line: number; class?: string; status?: string;
    links: ReadonlyArray<{ kind: string; target: string }>;
  }>;
  readonly references: ReadonlyArray<{ id: string; relation: string; file: string; line: number; column: number; symbol?: string; rangeEnd?: number; language: string }>;
  readonly findings: ReadonlyArray<{ rule: string; severity: string; message: string; id?: string; file: string; line: number; column: number }>;
  readonly skipped: ReadonlyArray<{ file: string; reason: string; detail?: string }>;
  readonly summary: CheckResult['summary'] & { readonly requirementFiles: number; readonly codeFiles: number; readonly skippedFiles: number };
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
    })),
    references: result.references.map((ref) => ({
      id: ref.id, relation: ref.relation, file: ref.file, line: ref.line, column: ref.column,
      ...(ref.symbol !== undefined ? { symbol: ref.symbol } : {}),
      ...(ref.rangeEnd !== undefined ? { rangeEnd: ref.rangeEnd } : {}),
      language: ref.language,
    })),
    findings: result.findings.map(findingJson),
    skipped: result.skipped.map((s) => ({ file: s.file, reason: s.reason, ...(s.detail !== undefined ? { detail: s.detail } : {}) })),
    summary: { ...result.summary, requirementFiles: result.files.requirementFiles, codeFiles: result.files.codeFiles, skippedFiles: result.skipped.length },
  };
}

/** The JSON report as text, two-space indented, ending in a newline. */
export function formatJson(result: CheckResult, displayRoot: string): string {
  return `${JSON.stringify(toJsonReport(result, displayRoot), null, 2)}\n`;
}
