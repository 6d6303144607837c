// Verifies: TL-203
/**
 * The Traceability Matrix webview's page: the report's HTML with the host's policy (the webview's
 * source and a nonce on the inline style and script, no other source), the theme's colours, and
 * links read back into project files, never a way out of the project.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHtml } from '../../src/core/reports/evidence/html';
import type { ReportModel } from '../../src/core/reports/evidence/model';
import { makeStamp } from '../../src/core/reports/evidence/stamp';
import { MATRIX_HOST_SCRIPT, MATRIX_THEME_CSS, matrixLinkTarget } from '../../src/vscode/views/matrixHost';

const MODEL: ReportModel = {
  root: '.', summary: {
    items: 0, requirements: 0, inactive: 0, implemented: 0, verified: 0, implementedPercent: null, verifiedPercent: null,
    risks: 0, mitigatedRisks: 0, references: 0, findings: { error: 0, warning: 0, info: 0 }, byRule: {},
  },
  files: { requirementFiles: 0, codeFiles: 0 }, coverage: [], rules: [], rows: [], chains: [], gaps: [], skipped: [],
};
const STAMP = makeStamp({ build: 'b', source: { kind: 'none', reason: 'not a git repository' }, generatedAt: '2024-01-02T03:04:05Z', timeFrom: 'clock' });

test('the webview page: the host\'s policy with a nonce, the theme CSS and the host script after the page\'s own', () => {
  const html = formatHtml(MODEL, STAMP, { linkBase: '.', host: { cspSource: 'https://*.vscode-cdn.net', nonce: 'n0nce+/=', css: MATRIX_THEME_CSS, script: MATRIX_HOST_SCRIPT } });
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https://*.vscode-cdn.net &#39;nonce-n0nce+/=&#39;; script-src &#39;nonce-n0nce+/=&#39;; img-src &#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">`));
  assert.match(html, /<style nonce="n0nce\+\/=">[^]*--bg:var\(--vscode-editor-background\)[^]*<\/style>/);
  assert.match(html, /<script nonce="n0nce\+\/=">[^]*acquireVsCodeApi\(\)[^]*<\/script>/);
  const file = formatHtml(MODEL, STAMP, { linkBase: '.' });
  assert.ok(!file.includes('nonce') && !file.includes('vscode'), 'a report file stays as it was');
});

test('links: a project file and line; nothing outside the project', () => {
  assert.deepEqual(matrixLinkTarget('firmware/src/alarm.c#L106'), { file: 'firmware/src/alarm.c', line: 106 });
  assert.deepEqual(matrixLinkTarget('docs/my%20notes/r%23.md#L1'), { file: 'docs/my notes/r#.md', line: 1 });
  for (const href of ['../secret.c#L1', '/etc/passwd#L1', 'https://example.org/x#L1', 'a/%2e%2e/b#L1', 'a/%2F/b#L2', 'a/%5Cb#L3', 'a.c', 'a.c#L0', 'a.c#Lx', 'a/%E0%A4%A.c#L1', 'a//b.c#L1']) {
    assert.equal(matrixLinkTarget(href), undefined, href);
  }
});
