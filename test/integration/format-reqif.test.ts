// Verifies: TL-130, TL-131, TL-132, TL-133
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { REPO, runCli } from '../helpers/cli';

const EXAMPLE = 'examples/reqif';
const GOLDEN = path.join(REPO, 'test', 'golden', 'reqif.json');
const MODULE = 'requirements/glucose-meter-srs.reqif';

interface Report {
  readonly items: ReadonlyArray<{ id: string; file: string; line: number }>;
  readonly findings: ReadonlyArray<{ rule: string; id?: string; file: string; line: number; column: number; message: string }>;
}

test("the ReqIF example's JSON report matches its hand-reviewed golden file", () => {
  const run = runCli(['check', EXAMPLE, '--format', 'json', '--no-cache']);
  // GM-5 (class B) has no test: an error, by design of the example.
  assert.equal(run.status, 1, run.stderr);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, run.stdout);
  assert.equal(run.stdout, readFileSync(GOLDEN, 'utf8'));
});

test('the same module exported as a .reqifz: the same items and gaps, at the archive\'s first line', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-reqifz-'));
  try {
    cpSync(path.join(REPO, EXAMPLE), root, { recursive: true });
    const archive = zipSync({ 'glucose-meter-srs.reqif': readFileSync(path.join(root, MODULE)), 'files/figure-1.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    rmSync(path.join(root, MODULE));
    writeFileSync(path.join(root, 'requirements', 'glucose-meter-srs.reqifz'), archive);
    const run = runCli(['check', root, '--format', 'json', '--no-cache']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Report;
    assert.deepEqual(report.items.map((item) => item.id), golden.items.map((item) => item.id));
    assert.ok(report.items.every((item) => item.file === 'requirements/glucose-meter-srs.reqifz' && item.line === 1));
    assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.id} ${f.file}:${f.line}:${f.column}`), [
      'unimplemented GM-7 requirements/glucose-meter-srs.reqifz:1:1',
      'unverified GM-5 requirements/glucose-meter-srs.reqifz:1:1',
      'unverified GM-7 requirements/glucose-meter-srs.reqifz:1:1',
    ]);

    // A truncated archive is an invalid file at its first line, and the check says there is nothing else.
    writeFileSync(path.join(root, 'requirements', 'glucose-meter-srs.reqifz'), archive.slice(0, archive.length / 2));
    const broken = JSON.parse(runCli(['check', root, '--format', 'json', '--no-cache']).stdout) as Report;
    assert.deepEqual(broken.findings.filter((f) => f.rule === 'invalid-file').map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`), [
      'requirements/glucose-meter-srs.reqifz:1:1 Not a readable .reqifz archive (a zip of .reqif files): invalid zip data.',
    ]);
    assert.ok(broken.findings.some((f) => f.rule === 'no-requirements'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
