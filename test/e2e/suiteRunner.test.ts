import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseResults } from './runExtensionTests';
import { runSuite } from './suiteRunner';

function scratchFile(): { file: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tracelens-suite-runner-'));
  return { file: path.join(dir, 'results.ndjson'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('runSuite writes one record per test and a closing record the harness parses', async () => {
  const scratch = scratchFile();
  try {
    await assert.rejects(
      runSuite(
        [
          { title: 'passes', body: () => undefined },
          { title: 'fails', body: () => assert.equal(1, 2) },
          { title: 'hangs', body: () => new Promise(() => undefined), timeoutMs: 50 },
        ],
        { resultsFile: scratch.file, log: () => undefined },
      ),
      /2 of 3 extension tests failed/,
    );
    const records = parseResults(readFileSync(scratch.file, 'utf8'));
    assert.deepEqual(
      records.map((record) => (record.type === 'test' ? `${record.title}:${record.ok}` : `end:${record.passed}/${record.failed}`)),
      ['passes:true', 'fails:false', 'hangs:false', 'end:1/2'],
    );
    const hung = records[2];
    assert.ok(hung?.type === 'test' && /timed out after 50 ms/.test(hung.error ?? ''));
  } finally {
    scratch.dispose();
  }
});

test('runSuite filters by title and resolves when all pass', async () => {
  const scratch = scratchFile();
  try {
    const outcome = await runSuite(
      [
        { title: 'hover shows text', body: () => undefined },
        { title: 'tree shows rows', body: () => assert.fail('not selected') },
      ],
      { resultsFile: scratch.file, grep: 'hover', log: () => undefined },
    );
    assert.deepEqual(outcome, { passed: 1, failed: 0 });
  } finally {
    scratch.dispose();
  }
});

test('parseResults leaves a half-written last line for the next read', () => {
  const records = parseResults('{"type":"test","title":"a","ok":true}\n{"type":"end","pas');
  assert.equal(records.length, 1);
});
