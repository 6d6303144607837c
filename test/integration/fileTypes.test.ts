// Verifies: TL-103
// The built CLI (its scan workers) reads files as the `languages` mapping says.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { FILE_TYPES_PROJECT, FILE_TYPES_REFERENCES } from '../helpers/fileTypesProject';

let root: string;
before(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-filetypes-'));
  for (const [file, content] of Object.entries(FILE_TYPES_PROJECT)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

test('the CLI (its scan workers) reads the same mapping', () => {
  const run = runCli(['check', root, '--format', 'json', '--no-cache', '--fail-on', 'none']);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { references: Array<{ file: string; line: number; column: number; id: string; relation: string; language: string; symbol?: string }> };
  const references = report.references.map((r) => `${r.file}:${r.line}:${r.column} ${r.id} ${r.relation} ${r.language} ${r.symbol ?? '-'}`);
  assert.deepEqual(references.sort(), FILE_TYPES_REFERENCES);
});

