// Verifies: TL-141, TL-142
/**
 * Tying testcases to requirements (by property, and by code: file, classname or suite name with
 * the test's symbol), the evidence per item, and the rules and summary over it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Reference } from '../../src/core/model/types';
import type { TestCaseResult, TestOutcome, TestResults } from '../../src/core/results/types';
import { buildEvidence, propertyIds } from '../../src/core/results/evidence';
import { testFunctionName } from '../../src/core/results/match';
import { analyze } from '../../src/core/project/check';
import { item, testConfig } from '../helpers/model';

const config = testConfig();

/** A `verifies` tag for `id` on `symbol` in `file`. */
function tag(id: string, file: string, symbol: string | undefined, line = 10, language = 'python'): Reference {
  return { id, relation: 'verifies', file, line, column: 7, endColumn: 7 + id.length, language, ...(symbol !== undefined ? { symbol } : {}) };
}

let nextLine = 1;
/** A testcase of `results.xml`. */
function tc(name: string, fields: Partial<TestCaseResult> & { outcome?: TestOutcome } = {}): TestCaseResult {
  return { file: 'results.xml', line: nextLine++, column: 3, name, suites: [], outcome: 'passed', properties: [], ...fields };
}

function results(cases: TestCaseResult[], files = ['results.xml']): TestResults {
  return { patterns: [{ glob: 'results.xml', origin: 'config', at: { file: 'tracelens.json', line: 2, column: 18 } }], files, cases, problems: [] };
}

/** ID → outcomes of its tests, for short assertions. */
function outcomes(evidence: ReturnType<typeof buildEvidence>): Record<string, string> {
  return Object.fromEntries([...evidence.byId].map(([id, e]) => [id, `${e.status}: ${e.tests.map((t) => `${t.name}=${t.outcome}${t.through ? `<${t.through}` : ''}`).join(', ')}`]));
}

test('testcase names stand for their test functions', () => {
  assert.deepEqual(['test_x[3-10]', 'testAdd(int, int)[1]', 'testLogin()', 'TestLimit/over_max', 'testLimit with data set #0', 'test_y'].map(testFunctionName),
    ['test_x', 'testAdd', 'testLogin', 'TestLimit', 'testLimit', 'test_y']);
});

test('property values: separators, LOBSTER kind and namespace, only when the plain value is no ID', () => {
  const known = new Set(['REQ-1', 'REQ-2', 'Pkg.REQ-3', 'REQ_COMP_001']);
  const at = { file: 'r.xml', line: 1, column: 1 };
  assert.deepEqual(propertyIds({ ...at, name: 'requirements', value: 'REQ-1, REQ-2;REQ-1 ' }, (id) => known.has(id)), ['REQ-1', 'REQ-2']);
  assert.deepEqual(propertyIds({ ...at, name: 'lobster-tracing', value: 'req SampleComponent.REQ_COMP_001, Pkg.REQ-3' }, (id) => known.has(id)), ['REQ_COMP_001', 'Pkg.REQ-3']);
  assert.deepEqual(propertyIds({ ...at, name: 'verifies', value: 'Other.REQ-9' }, (id) => known.has(id)), ['Other.REQ-9'], 'an unknown ID stays as written');
});

test('by property: on the testcase or its suite, names configurable, unknown IDs kept for unknown-id', () => {
  const prop = (name: string, value: string, line: number) => ({ file: 'results.xml', line, column: 5, name, value });
  const cases = [
    tc('t1', { properties: [prop('Requirements', 'REQ-1, REQ-2', 40), prop('other', 'REQ-3', 41)] }),
    tc('t2', { outcome: 'failed', message: 'boom', properties: [prop('lobster-tracing', 'req Pump.REQ-2', 42), prop('verifies', 'REQ-404', 43)] }),
    tc('t3', { properties: [prop('verifies', 'REQ-404', 43)] }),
  ];
  const items = [item('REQ-1'), item('REQ-2'), item('REQ-3')];
  const evidence = buildEvidence(results(cases), { items, references: [], codeFiles: [], inactiveStatuses: [] });
  assert.deepEqual(outcomes(evidence), { 'REQ-1': 'passed: t1=passed', 'REQ-2': 'failed: t1=passed, t2=failed' });
  assert.deepEqual(evidence.unknown.map((u) => `${u.id}@${u.property.line}`), ['REQ-404@43'], 'a suite property is reported once');
  const custom = buildEvidence(results(cases), { items, references: [], codeFiles: [], inactiveStatuses: [], properties: ['other'] });
  assert.deepEqual(outcomes(custom), { 'REQ-3': 'passed: t1=passed' });
});

test('by code, Python: classname as module path, class methods, parametrised cases, a tag no testcase ran as', () => {
  const references = [
    tag('REQ-1', 'tests/test_bolus.py', 'test_limit'),
    tag('REQ-2', 'tests/test_bolus.py', 'TestStacking.test_iob', 20),
    tag('REQ-3', 'tests/test_bolus.py', 'test_iob', 30),
    tag('REQ-4', 'tests/test_bolus.py', 'test_never_run', 40),
  ];
  const cases = [
    tc('test_limit[1]', { classname: 'tests.test_bolus' }),
    tc('test_limit[2]', { classname: 'tests.test_bolus', outcome: 'failed', message: 'assert 3 == 4' }),
    tc('test_iob', { classname: 'tests.test_bolus.TestStacking', outcome: 'skipped' }),
  ];
  const evidence = buildEvidence(results(cases), {
    items: ['REQ-1', 'REQ-2', 'REQ-3', 'REQ-4'].map((id) => item(id)), references,
    codeFiles: ['tests/test_bolus.py', 'src/bolus.py'], inactiveStatuses: [],
  });
  assert.deepEqual(outcomes(evidence), {
    'REQ-1': 'failed: test_limit[1]=failed',
    'REQ-2': 'not-run: test_iob=skipped',
    'REQ-3': 'not-run: test_iob=missing',
    'REQ-4': 'not-run: test_never_run=missing',
  });
  assert.deepEqual(evidence.byId.get('REQ-1')!.tests[0]!.cases.map((c) => c.name), ['test_limit[1]', 'test_limit[2]']);
});

test('by code: a file attribute (with pytest\'s class in classname), Java classes and nested classes, Kotlin files outside their package folder', () => {
  const references = [
    tag('REQ-1', 'tests/test_dose.py', 'TestDose.test_round'),
    tag('REQ-2', 'src/test/java/com/acme/SessionTest.java', 'SessionTest.testLogin', 10, 'java'),
    tag('REQ-3', 'src/test/java/com/acme/SessionTest.java', 'SessionTest.Idle.testLogout', 20, 'java'),
    tag('REQ-4', 'app/src/test/kotlin/PumpTest.kt', 'PumpTest.starts', 5, 'kotlin'),
  ];
  const cases = [
    tc('test_round', { sourceFile: 'tests/test_dose.py', classname: 'tests.test_dose.TestDose' }),
    tc('testLogin()', { classname: 'com.acme.SessionTest', outcome: 'error', message: 'NPE' }),
    tc('testLogout', { classname: 'com.acme.SessionTest$Idle' }),
    tc('starts', { classname: 'com.acme.pump.PumpTest' }),
  ];
  const evidence = buildEvidence(results(cases), {
    items: ['REQ-1', 'REQ-2', 'REQ-3', 'REQ-4'].map((id) => item(id)), references,
    codeFiles: ['tests/test_dose.py', 'src/test/java/com/acme/SessionTest.java', 'app/src/test/kotlin/PumpTest.kt'], inactiveStatuses: [],
  });
  assert.deepEqual(outcomes(evidence), {
    'REQ-1': 'passed: test_round=passed', 'REQ-2': 'failed: testLogin()=error', 'REQ-3': 'passed: testLogout=passed', 'REQ-4': 'passed: starts=passed',
  });
});

test('by code: Ceedling suite names, Go packages and subtests, Rust module paths and integration test binaries', () => {
  const references = [
    tag('REQ-1', 'tests/test_watchdog.c', 'test_kick_resets_timer', 5, 'c'),
    tag('REQ-2', 'bolus/bolus_test.go', 'TestLimit', 5, 'go'),
    tag('REQ-3', 'src/bolus.rs', 'limit', 5, 'rust'),
    tag('REQ-4', 'tests/limits.rs', 'rejects_over_max', 5, 'rust'),
  ];
  const cases = [
    tc('test_kick_resets_timer', { suites: ['tests/test_watchdog'] }),
    tc('TestLimit', { classname: 'github.com/acme/pump/bolus' }),
    tc('TestLimit/over_max', { classname: 'github.com/acme/pump/bolus', outcome: 'failed', message: 'Failed' }),
    tc('bolus::tests::limit', { classname: 'pump' }),
    tc('rejects_over_max', { classname: 'pump::limits' }),
  ];
  const evidence = buildEvidence(results(cases), {
    items: ['REQ-1', 'REQ-2', 'REQ-3', 'REQ-4'].map((id) => item(id)), references,
    codeFiles: ['tests/test_watchdog.c', 'bolus/bolus.go', 'bolus/bolus_test.go', 'src/bolus.rs', 'src/lib.rs', 'tests/limits.rs'], inactiveStatuses: [],
  });
  assert.deepEqual(outcomes(evidence), {
    'REQ-1': 'passed: test_kick_resets_timer=passed', 'REQ-2': 'failed: TestLimit=failed', 'REQ-3': 'passed: bolus::tests::limit=passed', 'REQ-4': 'passed: rejects_over_max=passed',
  });
});

test('never a guess: a path two files fit ties nothing and says so; a test in an untagged file is not a tagged one elsewhere', () => {
  const references = [tag('REQ-1', 'a/tests/test_x.py', 'test_y'), tag('REQ-2', 'b/tests/test_x.py', 'test_y'), tag('REQ-3', 'lib/test_z.py', 'test_z')];
  const cases = [tc('test_y', { classname: 'tests.test_x' }), tc('test_z', { classname: 'tests.test_z' })];
  const evidence = buildEvidence(results(cases), {
    items: ['REQ-1', 'REQ-2', 'REQ-3'].map((id) => item(id)), references,
    codeFiles: ['a/tests/test_x.py', 'b/tests/test_x.py', 'lib/test_z.py', 'tests/test_z.py'], inactiveStatuses: [],
  });
  assert.deepEqual(outcomes(evidence), { 'REQ-1': 'not-run: test_y=missing', 'REQ-2': 'not-run: test_y=missing', 'REQ-3': 'not-run: test_z=missing' });
  assert.deepEqual(evidence.byId.get('REQ-1')!.tests[0]!.ambiguous.map((a) => a.files), [['a/tests/test_x.py', 'b/tests/test_x.py']]);
  assert.deepEqual(evidence.byId.get('REQ-3')!.tests[0]!.ambiguous, [], 'tests/test_z.py is the file, it has no tag');
});

test('a test item passes its evidence on to what it verifies; inactive items get none', () => {
  const prop = { file: 'results.xml', line: 3, column: 5, name: 'verifies', value: 'TC-1, REQ-8' };
  const evidence = buildEvidence(results([tc('t', { outcome: 'failed', properties: [prop] })]), {
    items: [item('TC-1', { kind: 'test', links: [['verifies', 'REQ-9']] }), item('REQ-9'), item('REQ-8', { status: 'obsolete' })],
    references: [], codeFiles: [], inactiveStatuses: ['obsolete'],
  });
  assert.deepEqual(outcomes(evidence), { 'REQ-9': 'failed: t=failed<TC-1', 'TC-1': 'failed: t=failed' });
});

test('rules: verification-failed on the requirement and the tag (error for B/C, warning for A), not-run, results-missing, invalid-file, unknown-id; the summary', () => {
  const reqC = item('REQ-1', { class: 'C', line: 100 });
  const reqA = item('REQ-2', { class: 'A', line: 110 });
  const reqB = item('REQ-3', { class: 'B', line: 120 });
  const references = [
    { ...tag('REQ-1', 'tests/test_a.py', 'test_one', 3), relation: 'verifies' as const },
    tag('REQ-2', 'tests/test_a.py', 'test_two', 8),
    tag('REQ-3', 'tests/test_a.py', undefined, 1),
    { id: 'REQ-1', relation: 'implements' as const, file: 'src/a.py', line: 1, column: 3, endColumn: 8, language: 'python' },
    { id: 'REQ-2', relation: 'implements' as const, file: 'src/a.py', line: 2, column: 3, endColumn: 8, language: 'python' },
    { id: 'REQ-3', relation: 'implements' as const, file: 'src/a.py', line: 3, column: 3, endColumn: 8, language: 'python' },
  ];
  const cases = [
    { ...tc('test_one', { classname: 'tests.test_a', outcome: 'failed', message: 'assert 1 == 2' }), line: 7, column: 5 },
    { ...tc('test_two', { classname: 'tests.test_a', outcome: 'failed', message: 'nope' }), line: 9, column: 5 },
    { ...tc('test_three', { classname: 'tests.test_a', properties: [{ file: 'results.xml', line: 11, column: 9, name: 'requirements', value: 'REQ-77' }] }), line: 10, column: 5 },
  ];
  const run: TestResults = {
    patterns: [
      { glob: 'results.xml', origin: 'config', at: { file: 'tracelens.json', line: 2, column: 18 } },
      { glob: 'build/*.xml', origin: 'command-line' },
    ],
    files: ['results.xml', 'bad.xml'], cases,
    problems: [{ file: 'bad.xml', line: 3, column: 2, message: 'bad.xml: Malformed XML: unclosed tag: testsuite No testcase of it is used.' }],
  };
  const model = { items: [reqC, reqA, reqB], references, problems: [], results: run, codeFiles: ['tests/test_a.py', 'src/a.py'] };
  const { findings, summary, verification } = analyze(model, config);
  assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`), [
    'bad.xml:3:2 error invalid-file bad.xml: Malformed XML: unclosed tag: testsuite No testcase of it is used.',
    'requirements/reqs.md:100:4 error verification-failed REQ-1 (class C): verifying test test_one failed: assert 1 == 2 (results.xml:7)',
    'requirements/reqs.md:110:4 warning verification-failed REQ-2 (class A): verifying test test_two failed: nope (results.xml:9)',
    'requirements/reqs.md:120:4 warning verification-not-run REQ-3 (class B): verifying test tests/test_a.py:1 has no result: the tag documents no function, so no testcase can be tied to it; put it on the test function, or name REQ-3 in a "requirements" property of the testcase',
    'results.xml:11:9 error unknown-id REQ-77 is not defined in any requirement file (property "requirements" of testcase test_three)',
    'tests/test_a.py:1:7 warning verification-not-run tests/test_a.py:1 verifies REQ-3 but has no result: the tag documents no function, so no testcase can be tied to it; put it on the test function, or name REQ-3 in a "requirements" property of the testcase',
    'tests/test_a.py:3:7 error verification-failed test_one verifies REQ-1 and failed: assert 1 == 2 (results.xml:7)',
    'tests/test_a.py:8:7 warning verification-failed test_two verifies REQ-2 and failed: nope (results.xml:9)',
    'tracelens.json:1:1 error results-missing "build/*.xml" in --results matches no file: no test result is read from it, so the tests it should hold count as not run. Run the tests first, or correct the glob (relative to the project root).',
  ]);
  const failedOnRequirement = findings.find((f) => f.rule === 'verification-failed' && f.id === 'REQ-1' && f.file === reqC.file)!;
  assert.deepEqual(failedOnRequirement.related?.map((r) => `${r.file}:${r.line} ${r.message}`), ['tests/test_a.py:3 test_one verifies REQ-1 here', 'results.xml:7 test_one failed here']);
  assert.deepEqual([summary.requirements, summary.implemented, summary.verified, summary.verifiedPercent], [3, 3, 0, 0], 'a failed or not-run verification is not verified');
  assert.deepEqual(summary.testResults, { files: 2, testcases: 3, passed: 0, failed: 2, notRun: 1 });
  assert.deepEqual([...verification!.byId.keys()], ['REQ-1', 'REQ-2', 'REQ-3']);
});

test('without results nothing changes: no evidence, no summary field', () => {
  const { findings, summary, verification } = analyze({ items: [item('REQ-1')], references: [tag('REQ-1', 'tests/t.py', 'test_a')], problems: [] }, config);
  assert.equal(verification, undefined);
  assert.equal(summary.testResults, undefined);
  assert.deepEqual(findings.map((f) => f.rule), ['unimplemented']);
});
