// Verifies: TL-115, TL-117, TL-119
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, runCli } from '../helpers/cli';

test("the Doorstop example's JSON report matches its hand-reviewed golden file", () => {
  const golden = path.join(REPO, 'test', 'golden', 'doorstop.json');
  const run = runCli(['check', 'examples/doorstop', '--format', 'json', '--no-cache']);
  // SYS003 (class C, no class default in the SYS document) is uncovered: an error, exit code 1.
  assert.equal(run.status, 1, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, run.stdout);
  assert.equal(run.stdout, readFileSync(golden, 'utf8'));
});

test('the benchmark corpus writer makes a Doorstop tree the CLI reads whole, without configuration', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-doorstop-'));
  try {
    const { writeCorpus } = await import(pathToFileURL(path.join(REPO, 'bench', 'formats', 'doorstop.mjs')).href) as { writeCorpus: (dir: string, count: number) => void };
    writeCorpus(dir, 50);
    const run = runCli(['check', dir, '--format', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout) as { summary: { items: number; requirements: number; requirementFiles: number; byRule: Record<string, number> } };
    // 5 SYS items covered by 45 REQ items; each REQ item lacks code and a test (one finding each).
    assert.deepEqual([report.summary.items, report.summary.requirements, report.summary.requirementFiles], [50, 45, 52]);
    assert.deepEqual(report.summary.byRule, { unimplemented: 45, unverified: 45 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Verifies: TL-240
test('the CLI lists the files of a document a .doorstop.skip marks as skipped, in text and JSON, and reads it again once the marker goes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-doorstop-skip-'));
  try {
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('reqs/.doorstop.yml', 'settings:\n  prefix: SYS\n  sep: \'\'\n  digits: 3\n');
    write('reqs/SYS001.yml', 'text: Top.\nneeds: none\n');
    write('reqs/draft/.doorstop.yml', 'settings:\n  prefix: DRF\n  parent: SYS\n  sep: \'\'\n  digits: 3\n');
    write('reqs/draft/DRF001.yml', 'links:\n- SYS001\ntext: A draft.\n');
    write('reqs/draft/.doorstop.skip', '');
    const text = runCli(['check', '.'], dir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^Skipped 2 files:\n {2}reqs\/draft\/\.doorstop\.yml {2}doorstop-skip \(Doorstop document DRF is skipped by reqs\/draft\/\.doorstop\.skip\)\n {2}reqs\/draft\/DRF001\.yml {2}doorstop-skip \(Doorstop document DRF is skipped by reqs\/draft\/\.doorstop\.skip\)\n/);
    const json = JSON.parse(runCli(['check', '.', '--format', 'json'], dir).stdout) as { items: Array<{ id: string }>; skipped: Array<{ file: string; reason: string }>; summary: { skippedFiles: number } };
    assert.deepEqual([json.items.map((i) => i.id), json.skipped.map((s) => [s.file, s.reason]), json.summary.skippedFiles], [
      ['SYS001'], [['reqs/draft/.doorstop.yml', 'doorstop-skip'], ['reqs/draft/DRF001.yml', 'doorstop-skip']], 2,
    ]);
    // The marker is part of the run cache's listing: once it goes, the document is read again.
    rmSync(path.join(dir, 'reqs/draft/.doorstop.skip'));
    const again = JSON.parse(runCli(['check', '.', '--format', 'json'], dir).stdout) as { items: Array<{ id: string }>; skipped: unknown[] };
    assert.deepEqual([again.items.map((i) => i.id), again.skipped], [['SYS001', 'DRF001'], []]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
