// Implements: TL-032
import type { CheckResult } from '../project/check';
import type { Finding, Severity } from '../model/types';
import { TOOL_URI, TOOL_VERSION } from '../version';
import { joinDisplayPath } from './paths';
import { type RuleDescriptor, RULES } from '../rules/descriptors';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function defaultLevel(rule: RuleDescriptor): 'error' | 'warning' | 'note' {
  const severity = typeof rule.defaultSeverity === 'string' ? rule.defaultSeverity : rule.defaultSeverity.C;
  return LEVEL[severity];
}

function region(finding: { line: number; column: number; endLine?: number; endColumn?: number }) {
  return {
    startLine: finding.line,
    startColumn: finding.column,
    ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
    ...(finding.endColumn !== undefined ? { endColumn: finding.endColumn } : {}),
  };
}

function location(displayRoot: string, at: { file: string; line: number; column: number; endLine?: number; endColumn?: number }) {
  return { physicalLocation: { artifactLocation: { uri: joinDisplayPath(displayRoot, at.file) }, region: region(at) } };
}

function result(finding: Finding, displayRoot: string) {
  const ruleIndex = RULES.findIndex((rule) => rule.id === finding.rule);
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(displayRoot, finding)],
    ...(finding.related && finding.related.length > 0
      ? { relatedLocations: finding.related.map((r, id) => ({ id, ...location(displayRoot, r), message: { text: r.message } })) }
      : {}),
    // Stable across line moves, so code scanning tracks a gap rather than a line.
    partialFingerprints: { tracelensFinding: `${finding.rule}:${finding.id ?? ''}:${finding.file}` },
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule descriptor per rule, results with physical
 * locations relative to where the tool ran, UTF-16 columns (what editors and the JSON use).
 */
export function toSarif(check: CheckResult, displayRoot: string) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Tracelens',
          version: TOOL_VERSION,
          semanticVersion: TOOL_VERSION,
          informationUri: TOOL_URI,
          rules: RULES.map((rule) => ({
            id: rule.id,
            name: rule.title.replace(/[^A-Za-z]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
            shortDescription: { text: rule.title },
            fullDescription: { text: `${rule.description} Gives evidence for ${rule.clauses}.` },
            defaultConfiguration: { level: defaultLevel(rule) },
            help: { text: `${rule.description}\nGives evidence for ${rule.clauses}.` },
            properties: { tags: ['traceability', 'iec-62304'] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: check.findings.map((finding) => result(finding, displayRoot)),
    }],
  };
}

export function formatSarif(check: CheckResult, displayRoot: string): string {
  return `${JSON.stringify(toSarif(check, displayRoot), null, 2)}\n`;
}
