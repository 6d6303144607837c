// Verifies: TL-042
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import {
  BASELINE, fileUri, rangeText, readFile, relativePath, restore, ruleOf, tracelens, tracelensDiagnostics,
  waitForDiagnostics, waitForExactDiagnostics, withLines, writeFile,
} from './workspace';

/** A C file naming an ID nothing defines (one typo away from REQ-020 and REQ-012). */
export const UNKNOWN_ID_FILE = {
  path: 'firmware/src/extra.c',
  text: '#include <stdint.h>\n\n// Implements: REQ-021\nvoid extra_alarm(void)\n{\n}\n',
  line: 'firmware/src/extra.c:3:16-3:23 error unknown-id REQ-021',
};

/** A requirement file with a duplicate ID, a broken parent link and a risk nothing mitigates. */
const EXTRA_REQUIREMENTS = [
  '# Extra requirements',
  '',
  '### REQ-001: Bolus dose limit again',
  '- class: C',
  '',
  'A duplicate of REQ-001.',
  '',
  '### REQ-030: Orphan requirement',
  '- class: A',
  '- parent: SYS-099',
  '- verification: inspection',
  '',
  'Its parent does not exist.',
  '',
  '### RISK-006: Unmitigated hazard',
  '',
  'Nothing mitigates this risk.',
  '',
].join('\n');

/** YAML that does not parse past line 3; its one readable item is still reported. */
const BROKEN_YAML = 'items:\n  - id: REQ-040\n    title: {unclosed\n';

/** Looks a diagnostic up by its line (see diagnosticLines). */
function diagnosticAt(file: string, range: string, rule: string): vscode.Diagnostic {
  const found = tracelensDiagnostics().find((d) => d.file === file && rangeText(d.diagnostic.range) === range && ruleOf(d.diagnostic) === rule);
  assert.ok(found, `a ${rule} diagnostic at ${file}:${range}`);
  return found.diagnostic;
}

/** The related locations of a diagnostic as `file:line:column message`. */
function related(diagnostic: vscode.Diagnostic): string[] {
  return (diagnostic.relatedInformation ?? []).map((info) =>
    `${relativePath(info.location.uri)}:${info.location.range.start.line + 1}:${info.location.range.start.character + 1} ${info.message}`);
}

export const diagnosticsTests: SuiteTest[] = [
  {
    title: 'diagnostics: the five findings carry source, rule code, severity, help link and related information',
    body: async () => {
      await tracelens();
      await waitForExactDiagnostics('the example\'s five findings', BASELINE);
      const inactive = diagnosticAt('firmware/src/alarm.c', '106:16-106:23', 'inactive-reference');
      assert.equal(inactive.source, 'Tracelens');
      assert.equal(inactive.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(inactive.message, 'REQ-007 is obsolete: this implements reference should be removed or retargeted');
      assert.ok(typeof inactive.code === 'object' && inactive.code.target.toString().endsWith('#inactive-reference'), `code: ${JSON.stringify(inactive.code)}`);
      assert.deepEqual(related(inactive), ['requirements/software-requirements.md:72:5 REQ-007 (obsolete) is defined here']);

      const unimplemented = diagnosticAt('requirements/software-requirements.md', '80:5-80:12', 'unimplemented');
      assert.equal(unimplemented.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(unimplemented.message, 'REQ-009 (class B) is not implemented: no code comment implements it');
      const unverified = diagnosticAt('requirements/software-requirements.md', '105:5-105:12', 'unverified');
      assert.equal(unverified.message, 'REQ-011 (class A) is not verified: no test verifies it');
      const draft = diagnosticAt('requirements/software-requirements.md', '111:5-111:12', 'unimplemented');
      assert.equal(draft.severity, vscode.DiagnosticSeverity.Information);
    },
  },
  {
    title: 'diagnostics: unknown-id, duplicate-id, broken-link, unmitigated-risk and invalid-file land on their ranges',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      const created = [UNKNOWN_ID_FILE.path, 'requirements/extra.md', 'requirements/broken.yml'];
      try {
        await writeFile(UNKNOWN_ID_FILE.path, UNKNOWN_ID_FILE.text);
        await writeFile('requirements/extra.md', EXTRA_REQUIREMENTS);
        await writeFile('requirements/broken.yml', BROKEN_YAML);
        const expected = withLines(BASELINE, [
          UNKNOWN_ID_FILE.line,
          'requirements/broken.yml:2:9-2:16 error unimplemented REQ-040',
          'requirements/broken.yml:2:9-2:16 error unverified REQ-040',
          'requirements/broken.yml:4:1-4:1 error invalid-file',
          'requirements/extra.md:3:5-3:12 error duplicate-id REQ-001',
          'requirements/extra.md:8:5-8:12 info unimplemented REQ-030',
          'requirements/extra.md:10:11-10:18 error broken-link SYS-099',
          'requirements/extra.md:15:5-15:13 error unmitigated-risk RISK-006',
          'requirements/software-requirements.md:10:5-10:12 error duplicate-id REQ-001',
        ]);
        await waitForExactDiagnostics('the findings of the three new files', expected, 90_000);

        const unknown = diagnosticAt(UNKNOWN_ID_FILE.path, '3:16-3:23', 'unknown-id');
        assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(unknown.message, 'REQ-021 is not defined in any requirement file');
        assert.deepEqual(related(unknown), [
          'requirements/REQ-020-alarm-escalation.md:2:5 Did you mean REQ-020 (Alarm escalation)?',
          'requirements/software-requirements.md:111:5 Did you mean REQ-012 (Night display mode)?',
          'requirements/software-requirements.md:105:5 Did you mean REQ-011 (Software versions on the About screen)?',
        ]);
        const duplicate = diagnosticAt('requirements/extra.md', '3:5-3:12', 'duplicate-id');
        assert.deepEqual(related(duplicate), ['requirements/software-requirements.md:10:5 REQ-001 is also defined here']);
        const original = diagnosticAt('requirements/software-requirements.md', '10:5-10:12', 'duplicate-id');
        assert.deepEqual(related(original), ['requirements/extra.md:3:5 REQ-001 is also defined here']);
        const broken = diagnosticAt('requirements/extra.md', '10:11-10:18', 'broken-link');
        assert.equal(broken.message, 'REQ-030 has parent SYS-099, which no item defines');
        assert.deepEqual(related(broken), ['requirements/extra.md:8:5 REQ-030 is defined here']);
        const risk = diagnosticAt('requirements/extra.md', '15:5-15:13', 'unmitigated-risk');
        assert.equal(risk.message, 'RISK-006 is not mitigated: no item lists it under "mitigates"');
        const invalid = diagnosticAt('requirements/broken.yml', '4:1-4:1', 'invalid-file');
        assert.match(invalid.message, /^YAML syntax error: /);
      } finally {
        await restore({ created });
      }
    },
  },
  {
    title: 'diagnostics: configuration errors show in tracelens.json at their positions',
    timeoutMs: 120_000,
    body: async () => {
      await tracelens();
      const original = await readFile('tracelens.json');
      try {
        await writeFile('tracelens.json', '{ "defaultClass": "D", "rules": { "unknown-id": "loud" } }\n');
        const lines = await waitForDiagnostics('config errors in tracelens.json', (list) => list.some((line) => line.startsWith('tracelens.json:')), 60_000);
        assert.deepEqual(lines.filter((line) => line.startsWith('tracelens.json:')), [
          'tracelens.json:1:19-1:19 error invalid-file',
          'tracelens.json:1:49-1:49 error invalid-file',
        ]);
        const messages = vscode.languages.getDiagnostics(fileUri('tracelens.json')).map((d) => d.message);
        assert.deepEqual(messages, [
          '"defaultClass" must be one of "A", "B", "C".',
          'The severity of rule "unknown-id" must be one of "error", "warning", "info", "off".',
        ]);
      } finally {
        await restore({ rewritten: { 'tracelens.json': original } });
      }
    },
  },
];
