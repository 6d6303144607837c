// Verifies: TL-070, TL-071
// Never a false green, as the built CLI reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../../src/core/model/types';
import { runCli } from '../helpers/cli';

/** A fresh project folder holding `files`. */
function project(files: Record<string, string>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-sources-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

test('a project without requirements exits 1 with no-requirements, and its text output holds no percentage', () => {
  const p = project({ 'src/main.c': '// Implements: REQ-001\nint main(void) { return 0; }\n' });
  try {
    const run = runCli(['check', '.', '--no-cache'], p.root);
    assert.equal(run.status, 1, run.stderr);
    assert.doesNotMatch(run.stdout, /%/);
    assert.match(run.stdout, /tracelens\.json:1:1 {2}error {4}No requirements found: there is no tracelens\.json, and none of the default folders requirements\/, reqs\/, docs\/requirements\/ exists\. Run `tracelens init` for a starter, or create tracelens\.json with "requirements": \["<folder, file or glob>"\]\. {2}no-requirements/);
    assert.match(run.stdout, /✖ 1 error, 0 warnings, 0 info · no requirements found · 0 risks, 0 mitigated · 0 references in 1 code file, 0 requirement files\n$/);
    const json = JSON.parse(runCli(['check', p.root, '--no-cache', '--format', 'json']).stdout);
    assert.equal(json.summary.implementedPercent, null);
    assert.equal(json.summary.verifiedPercent, null);
    assert.deepEqual(json.findings.map((f: Finding) => `${f.file}:${f.line}:${f.column} ${f.rule}`), ['tracelens.json:1:1 no-requirements']);
  } finally {
    p.cleanup();
  }
});

test('the run cache notices an unreadable file added to the requirement folder', () => {
  const p = project({
    'tracelens.json': '{ "requirements": ["requirements/**"] }\n',
    'requirements/srs.md': '## REQ-001: Dose\n- verification: inspection\n',
    'src/a.c': '// Implements: REQ-001\n',
  });
  const cache = mkdtempSync(path.join(os.tmpdir(), 'tracelens-sources-cache-'));
  try {
    assert.equal(runCli(['check', p.root, '--cache-dir', cache]).status, 0);
    writeFileSync(path.join(p.root, 'requirements', 'old.docx'), 'binary');
    const run = runCli(['check', p.root, '--cache-dir', cache]);
    assert.match(run.stdout, /requirements\/old\.docx:1:1 {2}warning {2}requirements\/old\.docx was not read: no reader understands \.docx files/);
  } finally {
    p.cleanup();
    rmSync(cache, { recursive: true, force: true });
  }
});

