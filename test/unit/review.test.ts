// Verifies: TL-180, TL-181, TL-182, TL-183, TL-184, TL-185, TL-187
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/config/parse';
import type { TracelensConfig } from '../../src/core/config/types';
import type { Item, Reference } from '../../src/core/model/types';
import { buildTraceIndex } from '../../src/core/rules/traceIndex';
import { fingerprintOf, itemFingerprint, shortFingerprint } from '../../src/core/review/fingerprint';
import { doorstopDigest, doorstopStamp, doorstopText } from '../../src/core/review/doorstopStamp';
import { emptyLock, formatLock, linkKey, parseLock, type ReviewLock } from '../../src/core/review/lockFile';
import { referenceSources } from '../../src/core/review/lockKeys';
import { evaluateReview, reviewLinks } from '../../src/core/review/reviewState';
import { planReview } from '../../src/core/review/reviewPlan';
import { describeChange, wordDiff } from '../../src/core/review/wordDiff';

function item(id: string, title: string, text: string, extra: Partial<Item> = {}): Item {
  return { file: 'requirements/srs.md', line: 3, column: 4, endLine: 5, endColumn: 4 + id.length, id, kind: 'requirement', title, text, links: [], attributes: {}, format: 'markdown-headings', ...extra };
}

function ref(id: string, file: string, line: number, symbol?: string): Reference {
  return { id, file, line, column: 16, endColumn: 16 + id.length, relation: 'implements', language: 'c', ...(symbol !== undefined ? { symbol } : {}) };
}

const REQ1 = item('REQ-001', 'Dose limit', 'Reject bolus requests above the limit.');

test('a fingerprint is SHA-256 of the normalised title and text, 16 hex digits, shown as 8', () => {
  // Computed by hand: sha256("Dose limit\nReject bolus requests above the limit.")[:16].
  assert.equal(itemFingerprint(REQ1), '66db785a07a72ca3');
  assert.equal(shortFingerprint(itemFingerprint(REQ1)), '66db785a');
  const rewrapped = item('REQ-001', '  Dose   limit ', 'Reject bolus requests\n   above the limit.\n');
  assert.equal(itemFingerprint(rewrapped), '66db785a07a72ca3', 'whitespace does not count');
  assert.notEqual(fingerprintOf({ title: 'Dose limit', text: 'Reject bolus requests above the limits.' }), '66db785a07a72ca3');
  const withRationale = item('REQ-001', 'Dose limit', 'Reject bolus requests above the limit.', { attributes: { rationale: 'Overdose   kills.' } });
  assert.equal(itemFingerprint(withRationale, ['rationale']), 'e541f91411c38a74', 'a configured attribute counts, normalised');
  assert.equal(itemFingerprint(withRationale, ['owner']), '66db785a07a72ca3', 'an absent attribute adds nothing');
});

test("Doorstop's stamp is computed as Doorstop's Stamp.digest does", () => {
  // Computed by hand with Python: base64.urlsafe_b64encode(sha256(b"REQ001" + "Ünïcode  text".encode() + b"src/a.py").digest()).
  assert.equal(doorstopDigest(['REQ001', 'Ünïcode  text', 'src/a.py']), 'ap4MrsmKRl_0AY4kgBxUTP8zbQl7RjzDxogko9M945o=');
  assert.equal(doorstopText('\n\nline one  \nline two\n\n'), 'line one\nline two');
  const sys = item('SYS001', 'Glucose result display', 'The meter shall show the measured blood glucose value within 5 seconds\nof the blood sample being applied.', { format: 'doorstop', attributes: { ref: '' } });
  // The same with Python over examples/doorstop/reqs/SYS001.yml's UID, loaded text and ref.
  assert.equal(doorstopStamp(sys), 'rFQ92LNBUqRi26-MmZpFZaiGN1LK0LNAC_WxprEYCcE=');
  assert.equal(doorstopStamp({ ...sys, attributes: { references: 'src/a.py' } }), undefined, 'references cannot be reproduced');
  assert.equal(doorstopStamp({ ...sys, format: 'yaml' }), undefined);
});

test('the lock is sorted, one record a line, and reads back what it wrote', () => {
  const text = formatLock(
    [
      { target: 'REQ-002', fingerprint: '0123456789abcdef', source: { kind: 'item', id: 'SRS-001' } },
      { target: 'REQ-001', fingerprint: '66db785a07a72ca3', source: { kind: 'code', file: 'src/my dose.c', anchor: 'dose_limit' } },
      { target: 'REQ-001', fingerprint: '66db785a07a72ca3', source: { kind: 'code', file: 'src/dose.c', anchor: '#1' } },
    ],
    [
      { target: 'REQ-001', fingerprint: '66db785a07a72ca3', title: 'Dose limit', text: 'Reject "bolus".' },
      { target: 'REQ-009', fingerprint: 'ffffffffffffffff', title: 'Unused', text: 'No link records it.' },
    ],
  );
  assert.equal(text.split('\n').filter((line) => !line.startsWith('#')).join('\n'), [
    'REQ-001 66db785a07a72ca3 code "src/my dose.c" dose_limit',
    'REQ-001 66db785a07a72ca3 code src/dose.c "#1"',
    'REQ-001 66db785a07a72ca3 text {"title":"Dose limit","text":"Reject \\"bolus\\"."}',
    'REQ-002 0123456789abcdef item SRS-001',
    '',
  ].join('\n'));
  const lock = parseLock(text);
  assert.deepEqual(lock.problems, []);
  assert.equal(lock.links.size, 3);
  assert.equal(lock.links.get(linkKey('REQ-001', { kind: 'code', file: 'src/my dose.c', anchor: 'dose_limit' }))?.line, 3);
  assert.deepEqual(lock.texts.get('REQ-001\n66db785a07a72ca3'), { target: 'REQ-001', fingerprint: '66db785a07a72ca3', title: 'Dose limit', text: 'Reject "bolus".' });
  assert.equal(formatLock(lock.links.values(), lock.texts.values()), text, 'stable');
});

test('a malformed lock gives a problem per bad line, with its line and column, and keeps the good ones', () => {
  const lock = parseLock([
    '# comment',
    'REQ-001 66db785a07a72ca3 code src/dose.c dose_limit',
    'REQ-001 66DB code src/dose.c f',
    '<<<<<<< HEAD',
    'REQ-001 66db785a07a72ca3 frob x',
    'REQ-001 66db785a07a72ca3 item',
    'REQ-001 1111111111111111 code src/dose.c dose_limit',
    'REQ-001 66db785a07a72ca3 text {"title":1}',
    'REQ-002 66db785a07a72ca3 code "src/unclosed.c f',
  ].join('\n'), 'tracelens.lock');
  assert.deepEqual(lock.problems.map((p) => [p.line, p.column]), [[3, 9], [4, 1], [5, 26], [6, 26], [7, 1], [8, 31], [9, 1]]);
  assert.match(lock.problems[0]!.message, /"66DB" is no fingerprint/);
  assert.match(lock.problems[1]!.message, /merge conflict marker/);
  assert.match(lock.problems[4]!.message, /recorded twice, here and on line 2/);
  assert.equal(lock.links.size, 1);
  assert.equal([...lock.links.values()][0]!.fingerprint, '66db785a07a72ca3', 'the first record counts');
});

test('lock keys hold no line number: moving code keeps them, the n-th tag outside a symbol is #n', () => {
  const before = [ref('REQ-001', 'src/a.c', 3, 'f'), ref('REQ-001', 'src/a.c', 10), ref('REQ-002', 'src/a.c', 11), ref('REQ-001', 'src/a.c', 20)];
  const moved = [ref('REQ-001', 'src/a.c', 40, 'f'), ref('REQ-001', 'src/a.c', 50), ref('REQ-002', 'src/a.c', 51), ref('REQ-001', 'src/a.c', 70)];
  const keys = (refs: Reference[]) => { const sources = referenceSources(refs); return refs.map((r) => linkKey(r.id, sources.get(r)!)); };
  assert.deepEqual(keys(before), ['REQ-001 code src/a.c f', 'REQ-001 code src/a.c "#1"', 'REQ-002 code src/a.c "#1"', 'REQ-001 code src/a.c "#2"']);
  assert.deepEqual(keys(moved), keys(before));
});

function reviewOf(items: Item[], references: Reference[], lock: ReviewLock | undefined, config: TracelensConfig = defaultConfig(['requirements'])) {
  const index = buildTraceIndex({ items, references, problems: [] }, config);
  return evaluateReview({ items, references, index, config, ...(lock ? { lock } : {}) });
}

test('without a lock no link is judged; with one, a changed target is suspect and says what changed', () => {
  const references = [ref('REQ-001', 'src/dose.c', 7, 'dose_limit')];
  assert.deepEqual(reviewOf([REQ1], references, undefined), { links: [], findings: [] });
  const reviewed = planReview(reviewLinks({ items: [REQ1], references, index: buildTraceIndex({ items: [REQ1], references, problems: [] }, defaultConfig([])), config: defaultConfig([]), lock: emptyLock() }), undefined, () => REQ1);
  const lock = parseLock(reviewed.text);
  assert.equal(reviewOf([REQ1], references, lock).summary?.reviewed, 1);
  const changed = item('REQ-001', 'Dose limit', 'Reject bolus requests above the hard limit.', { safetyClass: 'C' });
  const result = reviewOf([changed], references, lock);
  assert.deepEqual(result.summary, { links: 1, reviewed: 0, suspect: 1, unreviewed: 0, notChecked: 0 });
  assert.deepEqual(result.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column, f.endColumn, f.message]), [[
    'suspect-link', 'warning', 'src/dose.c', 7, 16, 23,
    `REQ-001 changed since this implements tag was reviewed (66db785a → ${shortFingerprint(itemFingerprint(changed))}): text: added "hard"; review it, then run tracelens review REQ-001`,
  ]]);
  const strict = reviewOf([changed], references, lock, { ...defaultConfig([]), strictReview: true });
  assert.equal(strict.findings[0]!.severity, 'error', 'class C under strictReview');
  const classB = reviewOf([{ ...changed, safetyClass: 'B' }], references, lock, { ...defaultConfig([]), strictReview: true });
  assert.equal(classB.findings[0]!.severity, 'warning');
});

test('a link to an ID defined twice is not judged, and a review keeps its record', () => {
  const references = [ref('REQ-001', 'src/dose.c', 7, 'dose_limit')];
  const lock = parseLock('REQ-001 66db785a07a72ca3 code src/dose.c dose_limit\n');
  const twice = [REQ1, item('REQ-001', 'Other', 'Another text.', { file: 'requirements/extra.md' })];
  const result = reviewOf(twice, references, lock);
  assert.deepEqual([result.summary, result.findings], [{ links: 1, reviewed: 0, suspect: 0, unreviewed: 0, notChecked: 1 }, []]);
  const config = defaultConfig([]);
  const index = buildTraceIndex({ items: twice, references, problems: [] }, config);
  const plan = planReview(reviewLinks({ items: twice, references, index, config, lock }), lock, (id) => index.itemsById.get(id)?.[0]);
  assert.deepEqual([plan.changed.length, [...parseLock(plan.text).links.values()].map((r) => r.fingerprint)], [0, ['66db785a07a72ca3']]);
});

test('an unreviewed link is counted, and a finding only with requireReview', () => {
  const srs = item('SRS-001', 'Child', 'Refines REQ-001.', { line: 20, links: [{ file: 'requirements/srs.md', line: 22, column: 11, kind: 'parent', target: 'REQ-001' }] });
  const lock = emptyLock();
  const counted = reviewOf([REQ1, srs], [], lock);
  assert.deepEqual(counted.summary, { links: 1, reviewed: 0, suspect: 0, unreviewed: 1, notChecked: 0 });
  assert.deepEqual(counted.findings, []);
  const required = reviewOf([REQ1, srs], [], lock, { ...defaultConfig([]), requireReview: true });
  assert.deepEqual(required.findings.map((f) => [f.rule, f.file, f.line, f.column, f.message]), [[
    'unreviewed-link', 'requirements/srs.md', 22, 11, "SRS-001's parent link to REQ-001 was never reviewed: tracelens.lock has no record of it; review it, then run tracelens review REQ-001",
  ]]);
});

test('a Doorstop link fingerprint is judged by Doorstop\'s stamp, lock or not', () => {
  const sys = item('SYS001', 'Display', 'Show the value.', { format: 'doorstop', file: 'reqs/SYS001.yml', attributes: { ref: '' } });
  const stamp = doorstopStamp(sys)!;
  const req = (fingerprint: string) => item('REQ001', 'Format', 'Whole numbers.', { format: 'doorstop', file: 'reqs/sw/REQ001.yml', links: [{ file: 'reqs/sw/REQ001.yml', line: 7, column: 3, kind: 'parent', target: 'SYS001', attributes: { fingerprint } }] });
  assert.deepEqual(reviewOf([sys, req(stamp)], [], undefined).summary, { links: 1, reviewed: 1, suspect: 0, unreviewed: 0, notChecked: 0 });
  const suspect = reviewOf([sys, req('vZ0kq3yR8mUWbq1xV1rS9v1Pj6o0s2n8YI0o7zKcD2M=')], [], undefined);
  assert.deepEqual(suspect.findings.map((f) => [f.rule, f.line, f.message]), [['suspect-link', 7,
    `SYS001 changed since REQ001's parent link was reviewed: the link records Doorstop fingerprint vZ0kq3yR…, SYS001's is now ${stamp.slice(0, 8)}… (doorstop clear records the review)`]]);
});

test('a review plans the whole lock, or only the links to some IDs or some links', () => {
  const req2 = item('REQ-002', 'Alarm', 'Raise an alarm.');
  const references = [ref('REQ-001', 'src/dose.c', 7, 'dose_limit'), ref('REQ-002', 'src/alarm.c', 3)];
  const config = defaultConfig([]);
  const index = buildTraceIndex({ items: [REQ1, req2], references, problems: [] }, config);
  const itemOf = (id: string) => index.itemsById.get(id)?.[0];
  const first = planReview(reviewLinks({ items: [REQ1, req2], references, index, config, lock: emptyLock() }), undefined, itemOf, { ids: ['REQ-002'] });
  assert.deepEqual(first.changed.map((r) => r.key), ['REQ-002 code src/alarm.c "#1"']);
  assert.equal(parseLock(first.text).links.size, 1);
  const lock = parseLock(first.text);
  const links = reviewLinks({ items: [REQ1, req2], references, index, config, lock });
  const byKey = planReview(links, lock, itemOf, { keys: ['REQ-001 code src/dose.c dose_limit'] });
  assert.deepEqual([byKey.changed.length, byKey.unchanged, parseLock(byKey.text).links.size], [1, 0, 2]);
  const all = planReview(reviewLinks({ items: [REQ1, req2], references, index, config, lock: parseLock(byKey.text) }), parseLock(byKey.text), itemOf);
  assert.deepEqual([all.changed.length, all.unchanged], [0, 2]);
  assert.equal(all.text, byKey.text);
  // A whole review drops the records of links that are gone.
  const gone = planReview(reviewLinks({ items: [REQ1, req2], references: [], index, config, lock: parseLock(all.text) }), parseLock(all.text), itemOf);
  assert.equal(parseLock(gone.text).links.size, 0);
});

test('what changed is told word by word', () => {
  assert.deepEqual(wordDiff('limit of 25 U', 'limit of  20 U').map((p) => [p.kind, p.text]), [['same', 'limit of '], ['removed', '25'], ['added', '20'], ['same', ' U']]);
  assert.equal(describeChange({ title: 'Dose', text: 'a b c d e' }, { title: 'Bolus dose', text: 'a x c y e z' }),
    'title: "Dose" → "Bolus dose"; text: "b" → "x"; text: "d" → "y" (and 1 more)');
});
