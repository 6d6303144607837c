// Verifies: TL-062, TL-020, TL-075
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveAnalysis } from '../../src/core/rules/liveAnalysis';
import { analyze } from '../../src/core/project/check';
import type { Item, Need, Reference, Relation } from '../../src/core/model/types';
import type { RequirementSources } from '../../src/core/model/sources';
import { item, testConfig } from '../helpers/model';
import { prng as random } from '../helpers/prng';

/**
 * Applies `steps` random file updates (0–4 references to `ids` in one of `files`) to a live
 * analysis and, every third step, asserts that its result equals a full analysis of the same
 * state. Returns the live analysis after the last step.
 */
function assertLiveEqualsFull(
  rand: () => number, items: Item[], config: ReturnType<typeof testConfig>,
  options: { files: number; ids: readonly string[]; steps: number; sources?: RequirementSources },
): LiveAnalysis {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const files = Array.from({ length: options.files }, (_, i) => `src/f${i}.c`);
  const state = new Map<string, Reference[]>();
  const live = new LiveAnalysis(config);
  live.setRequirements(items, [], options.sources);
  for (let step = 0; step < options.steps; step++) {
    const file = pick(files);
    const count = rand() < 0.2 ? 0 : Math.floor(rand() * 5);
    const references: Reference[] = Array.from({ length: count }, (_, k) => {
      const id = pick(options.ids);
      return { id, relation: pick(['implements', 'verifies', 'mitigates'] as Relation[]), file, line: k + 1, column: 4, endColumn: 4 + id.length, language: 'c' };
    });
    if (references.length === 0) state.delete(file);
    else state.set(file, references);
    live.setFileReferences(file, references);
    if (step % 3 !== 0) continue;
    const all = [...state.keys()].sort().flatMap((f) => state.get(f)!);
    const full = analyze({ items, references: all, problems: [], ...(options.sources ? { sources: options.sources } : {}) }, config);
    const got = live.result();
    assert.deepEqual(got.references, all, `references at step ${step}`);
    assert.deepEqual(got.findings, full.findings, `findings at step ${step}`);
    assert.deepEqual(got.summary, full.summary, `summary at step ${step}`);
    assert.deepEqual(got.index.referencesById, full.index.referencesById, `index at step ${step}`);
  }
  return live;
}

test('after any sequence of file updates the live result equals a full analysis', () => {
  const rand = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const config = testConfig();
  const items = [
    ...Array.from({ length: 30 }, (_, i) => item(`REQ-${i}`, { class: pick(['A', 'B', 'C'] as const), line: i * 10 + 1, ...(i % 7 === 0 ? { status: 'obsolete' } : {}), ...(i % 5 === 0 ? { links: [['mitigates', `RISK-${i % 4}`]] } : {}) })),
    ...Array.from({ length: 4 }, (_, i) => item(`RISK-${i}`, { kind: 'risk', file: 'requirements/risks.yml', line: i * 5 + 1 })),
    item('TC-1', { kind: 'test', file: 'requirements/tests.yml', line: 1, links: [['verifies', 'REQ-3']] }),
    item('REQ-2', { file: 'requirements/dup.md', line: 1 }),
  ];
  assertLiveEqualsFull(rand, items, config, { files: 12, ids: [...items.map((i) => i.id), 'REQ-404', 'REQ-999'], steps: 300 });
});

test('a requirement change re-runs everything', () => {
  const config = testConfig();
  const live = new LiveAnalysis(config);
  live.setRequirements([item('REQ-1', { line: 1 })], []);
  live.setFileReferences('src/a.c', [{ id: 'REQ-2', relation: 'implements', file: 'src/a.c', line: 1, column: 1, endColumn: 6, language: 'c' }]);
  assert.deepEqual(live.result().findings.map((f) => f.rule).sort(), ['unimplemented', 'unknown-id', 'unverified']);
  live.setRequirements([item('REQ-1', { line: 1 }), item('REQ-2', { line: 9, class: 'A', verification: 'analysis' })], []);
  assert.deepEqual(live.result().findings.map((f) => `${f.rule} ${f.id}`).sort(), ['unimplemented REQ-1', 'unverified REQ-1']);
});

test('with a coverage model (prefixes, child needs, item needs) and sources, the live result equals a full analysis', () => {
  const rand = random(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const config = testConfig({ coverage: { system: ['child:SRS'], SRS: ['child:SDS', 'test-item'], SDS: ['impl', 'test-tag'], risk: ['mitigation', 'child:requirement'] } });
  const needs = (base: Item, list: Need[]): Item => ({ ...base, needs: list.map((need, i) => ({ file: base.file, line: base.line + 1, column: 10 + 8 * i, need })) });
  const items: Item[] = [
    ...Array.from({ length: 5 }, (_, i) => item(`SYS-${i}`, { kind: 'system', file: 'requirements/sys.md', line: i * 4 + 1 })),
    ...Array.from({ length: 10 }, (_, i) => item(`SRS-${i}`, { file: 'requirements/srs.md', line: i * 4 + 1, class: pick(['A', 'B', 'C'] as const), links: [['parent', `SYS-${i % 4}`]] })),
    ...Array.from({ length: 20 }, (_, i) => item(`SDS-${i}`, { file: 'requirements/sds.md', line: i * 4 + 1, ...(i % 6 === 0 ? { status: 'obsolete' } : {}), links: [['parent', `SRS-${i % 8}`]] })),
    needs(item('REQ-1', { file: 'requirements/req.md', line: 1 }), ['impl', 'child:FOO']),
    needs(item('REQ-2', { file: 'requirements/req.md', line: 5 }), []),
    item('RISK-1', { kind: 'risk', file: 'requirements/risks.yml', line: 1 }),
    item('TC-1', { kind: 'test', file: 'requirements/tests.yml', line: 1, links: [['verifies', 'SRS-1']] }),
  ];
  const sources: RequirementSources = {
    patterns: [{ entry: 'requirements', glob: 'requirements/**/*.{md,markdown,yml,yaml}', at: { file: 'tracelens.json', line: 2, column: 20 } }, { entry: 'nothing', glob: 'nothing/**/*.md', at: { file: 'tracelens.json', line: 2, column: 36 } }],
    configured: true, configFile: 'tracelens.json', at: { file: 'tracelens.json', line: 2, column: 3 },
    files: ['requirements/empty.md', 'requirements/req.md', 'requirements/risks.yml', 'requirements/sds.md', 'requirements/srs.md', 'requirements/sys.md', 'requirements/tests.yml'],
    unreadable: ['requirements/old.docx'],
  };
  const live = assertLiveEqualsFull(rand, items, config, { files: 8, ids: [...items.map((i) => i.id), 'SDS-404'], steps: 200, sources });
  const rules = new Set(live.result().findings.map((f) => f.rule));
  for (const rule of ['uncovered', 'unimplemented', 'unverified', 'unmitigated-risk', 'invalid-file', 'no-items', 'no-requirements']) assert.ok(rules.has(rule), `${rule} is exercised`);
});
