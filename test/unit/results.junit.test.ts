// Verifies: TL-140, TL-143
/**
 * The JUnit XML reader on small samples in the shapes each tool writes (from their documentation
 * and real outputs): which testcases, with which outcome, message, names and positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseJunit } from '../../src/core/results/junit';
import { listResultFiles, readResultFile, readTestResults } from '../../src/core/results/read';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { TestCaseResult } from '../../src/core/results/types';

const FILE = 'results.xml';

function cases(xml: string): readonly TestCaseResult[] {
  const read = parseJunit(xml, FILE);
  assert.equal(read.problem, undefined, read.problem?.message);
  return read.cases;
}

/** name, classname, outcome and message of each testcase, in order. */
const brief = (list: readonly TestCaseResult[]) => list.map((c) => [c.name, c.classname ?? null, c.outcome, c.message ?? null]);

test('pytest --junitxml (xunit2, the default): one suite, classname the module path, failure and skip messages', () => {
  const list = cases(`<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5" time="0.2" timestamp="2025-05-12T09:14:03.512345+00:00" hostname="ci">
<testcase classname="tests.test_bolus" name="test_limit[3-10]" time="0.002" />
<testcase classname="tests.test_bolus.TestStacking" name="test_iob" time="0.001"><failure message="assert 3 == 4&#10;  where 3 = f()">def test_iob(): ...</failure></testcase>
<testcase classname="tests.test_bolus" name="test_skip" time="0.000"><skipped type="pytest.skip" message="no pump attached">tests/test_bolus.py:30: no pump attached</skipped></testcase>
<testcase classname="tests.test_bolus" name="test_setup" time="0.000"><error message="failed on setup with &quot;fixture 'pump' not found&quot;">setup failed</error></testcase>
<testcase classname="tests.test_bolus" name="test_xfail" time="0.000"><skipped type="pytest.xfail" message="known bug" /></testcase>
</testsuite></testsuites>`);
  assert.deepEqual(brief(list), [
    ['test_limit[3-10]', 'tests.test_bolus', 'passed', null],
    ['test_iob', 'tests.test_bolus.TestStacking', 'failed', 'assert 3 == 4'],
    ['test_skip', 'tests.test_bolus', 'skipped', 'no pump attached'],
    ['test_setup', 'tests.test_bolus', 'error', 'failed on setup with "fixture \'pump\' not found"'],
    ['test_xfail', 'tests.test_bolus', 'skipped', 'known bug'],
  ]);
  assert.deepEqual(list.map((c) => [c.line, c.column]), [[2, 1], [3, 1], [4, 1], [5, 1], [6, 1]]);
  assert.equal(list[0]!.time, 0.002);
  assert.equal(list[0]!.timestamp, '2025-05-12T09:14:03.512345+00:00', 'the suite timestamp');
  assert.deepEqual(list[0]!.suites, ['pytest']);
});

test('pytest legacy (xunit1): file and line attributes, record_property properties on the testcase', () => {
  const [only] = cases(`<testsuites><testsuite name="pytest" tests="1">
  <testcase classname="tests.test_bolus" name="test_limit" file="tests/test_bolus.py" line="11" time="0.01">
    <properties><property name="requirements" value="REQ-001, REQ-002" /></properties>
  </testcase></testsuite></testsuites>`);
  assert.equal(only!.sourceFile, 'tests/test_bolus.py');
  assert.equal(only!.sourceLine, 11);
  assert.deepEqual(only!.properties.map((p) => [p.name, p.value, p.line, p.column]), [['requirements', 'REQ-001, REQ-002', 3, 17]]);
});

test('Maven Surefire: a bare <testsuite> with system properties, flaky and rerun failures', () => {
  const list = cases(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" version="3.0" name="com.acme.SessionTest" time="0.05" tests="3" errors="0" skipped="0" failures="1">
  <properties><property name="java.version" value="21.0.2"/></properties>
  <testcase name="testLogin" classname="com.acme.SessionTest" time="0.01"/>
  <testcase name="testTimeout" classname="com.acme.SessionTest" time="0.02">
    <flakyFailure message="timed out" type="java.lang.AssertionError"><stackTrace>at x</stackTrace></flakyFailure>
  </testcase>
  <testcase name="testLogout" classname="com.acme.SessionTest$Idle" time="0.02">
    <failure message="expected: &lt;true&gt; but was: &lt;false&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected</failure>
    <rerunFailure message="still false" type="org.opentest4j.AssertionFailedError"/>
  </testcase>
</testsuite>`);
  assert.deepEqual(brief(list), [
    ['testLogin', 'com.acme.SessionTest', 'passed', null],
    ['testTimeout', 'com.acme.SessionTest', 'passed', null],
    ['testLogout', 'com.acme.SessionTest$Idle', 'failed', 'expected: <true> but was: <false>'],
  ]);
  assert.deepEqual(list[0]!.properties.map((p) => p.name), ['java.version'], 'suite properties are every testcase\'s');
});

test('Gradle: JUnit 5 method names with parentheses, timestamp on the suite', () => {
  const list = cases(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="com.acme.DoseTest" tests="2" skipped="1" failures="0" errors="0" timestamp="2025-05-12T10:00:00" hostname="ci" time="0.1">
  <properties/>
  <testcase name="limits(int)[1]" classname="com.acme.DoseTest" time="0.01"/>
  <testcase name="disabled()" classname="com.acme.DoseTest" time="0.0"><skipped/></testcase>
  <system-out><![CDATA[log]]></system-out>
  <system-err><![CDATA[]]></system-err>
</testsuite>`);
  assert.deepEqual(brief(list), [['limits(int)[1]', 'com.acme.DoseTest', 'passed', null], ['disabled()', 'com.acme.DoseTest', 'skipped', null]]);
  assert.equal(list[1]!.timestamp, '2025-05-12T10:00:00');
});

test('jest-junit: a failure without a message attribute takes its text\'s first line; the file attribute', () => {
  const list = cases(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="2" failures="1" errors="0" time="1.2">
  <testsuite name="Bolus limits" errors="0" failures="1" skipped="0" timestamp="2025-05-12T09:00:00" time="0.5" tests="2">
    <testcase classname="Bolus limits rejects doses over the limit" name="Bolus limits rejects doses over the limit" time="0.01" file="src/bolus.test.ts">
      <properties><property name="verifies" value="REQ-7"/></properties>
    </testcase>
    <testcase classname="Bolus limits rounds" name="Bolus limits rounds" time="0.02" file="src/bolus.test.ts">
      <failure>

Error: expect(received).toBe(expected)
    at Object.&lt;anonymous&gt; (src/bolus.test.ts:12:5)</failure>
    </testcase>
  </testsuite>
</testsuites>`);
  assert.deepEqual(brief(list), [
    ['Bolus limits rejects doses over the limit', 'Bolus limits rejects doses over the limit', 'passed', null],
    ['Bolus limits rounds', 'Bolus limits rounds', 'failed', 'Error: expect(received).toBe(expected)'],
  ]);
  assert.equal(list[1]!.sourceFile, 'src/bolus.test.ts');
  assert.deepEqual(list[0]!.properties.map((p) => `${p.name}=${p.value}`), ['verifies=REQ-7']);
});

test('go-junit-report / gotestsum: the package as suite and classname, subtests, go.version properties', () => {
  const list = cases(`<testsuites tests="3" failures="1">
	<testsuite name="github.com/acme/pump/bolus" tests="3" failures="1" errors="0" id="0" hostname="ci" time="0.004" timestamp="2025-05-12T09:00:00Z">
		<properties><property name="go.version" value="go1.22.3"></property></properties>
		<testcase name="TestLimit" classname="github.com/acme/pump/bolus" time="0.001"></testcase>
		<testcase name="TestLimit/over_max" classname="github.com/acme/pump/bolus" time="0.000"><failure message="Failed" type="">    bolus_test.go:21: got 12, want error</failure></testcase>
		<testcase name="TestRound" classname="github.com/acme/pump/bolus" time="0.000"><skipped message="bolus_test.go:30: not on this platform"></skipped></testcase>
	</testsuite>
</testsuites>`);
  assert.deepEqual(brief(list), [
    ['TestLimit', 'github.com/acme/pump/bolus', 'passed', null],
    ['TestLimit/over_max', 'github.com/acme/pump/bolus', 'failed', 'Failed'],
    ['TestRound', 'github.com/acme/pump/bolus', 'skipped', 'bolus_test.go:30: not on this platform'],
  ]);
});

test('ctest --output-junit: status="notrun"/"disabled" and <skipped>, a failure without text', () => {
  const list = cases(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="Linux-c++" tests="3" failures="1" disabled="1" skipped="1" hostname="ci" time="0.05" timestamp="2025-05-12T09:00:00">
	<testcase name="test_watchdog" classname="test_watchdog" time="0.01" status="run"><system-out>ok</system-out></testcase>
	<testcase name="test_alarm" classname="test_alarm" time="0.02" status="fail"><failure message="Failed"/><system-out>boom</system-out></testcase>
	<testcase name="test_motor" classname="test_motor" time="0" status="disabled"><skipped message="Disabled"/></testcase>
</testsuite>`);
  assert.deepEqual(brief(list), [
    ['test_watchdog', 'test_watchdog', 'passed', null],
    ['test_alarm', 'test_alarm', 'failed', 'Failed'],
    ['test_motor', 'test_motor', 'skipped', 'Disabled'],
  ]);
});

test('cargo-nextest: one suite per test binary, module paths in names, output in CDATA', () => {
  const list = cases(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="nextest-run" tests="2" failures="1" errors="0" uuid="45c50271" timestamp="2025-05-12T09:00:00.000+00:00" time="0.1">
    <testsuite name="pump" tests="1" disabled="0" errors="0" failures="0"><testcase name="bolus::tests::limit" classname="pump" timestamp="2025-05-12T09:00:00.010+00:00" time="0.002"/></testsuite>
    <testsuite name="pump::limits" tests="1" disabled="0" errors="0" failures="1"><testcase name="rejects_over_max" classname="pump::limits" time="0.003"><failure type="test failure">thread 'rejects_over_max' panicked at tests/limits.rs:9:5</failure><system-out><![CDATA[running 1 test]]></system-out></testcase></testsuite>
</testsuites>`);
  assert.deepEqual(brief(list), [
    ['bolus::tests::limit', 'pump', 'passed', null],
    ['rejects_over_max', 'pump::limits', 'failed', "thread 'rejects_over_max' panicked at tests/limits.rs:9:5"],
  ]);
  assert.equal(list[0]!.timestamp, '2025-05-12T09:00:00.010+00:00', 'the testcase\'s own timestamp wins');
});

test('Ceedling: testcases with neither file nor classname, in a suite named by the test file', () => {
  const list = cases(`<?xml version="1.0" encoding="utf-8" ?>
<testsuites name="test" tests="2" failures="1" time="0.010">
  <testsuite name="tests/test_watchdog" tests="2" failures="1" skipped="0" errors="0" time="0.010">
    <testcase name="test_kick_resets_timer" time="0.001"/>
    <testcase name="test_expiry_stops_motor" time="0.002">
      <failure message="Expected 1 Was 0" />
    </testcase>
  </testsuite>
</testsuites>`);
  assert.deepEqual(brief(list), [['test_kick_resets_timer', null, 'passed', null], ['test_expiry_stops_motor', null, 'failed', 'Expected 1 Was 0']]);
  assert.deepEqual(list[0]!.suites, ['tests/test_watchdog']);
});

test('nested suites: each testcase knows its suites, and suite properties reach it innermost first', () => {
  const list = cases(`<testsuites><testsuite name="outer"><properties><property name="requirements" value="REQ-1"/></properties>
<testsuite name="inner"><properties><property name="verifies">REQ-2</property></properties><testcase name="t" classname="c"/></testsuite></testsuite></testsuites>`);
  assert.deepEqual(list[0]!.suites, ['outer', 'inner']);
  assert.deepEqual(list[0]!.properties.map((p) => `${p.name}=${p.value}@${p.line}:${p.column}`), ['verifies=REQ-2@2:37', 'requirements=REQ-1@1:49']);
});

test('a file that is no JUnit, truncated or declares entities is one problem with its line, and no testcase', () => {
  const other = parseJunit('<?xml version="1.0"?>\n<coverage line-rate="0.8"/>', FILE);
  assert.deepEqual([other.cases.length, other.problem?.line, other.problem?.column, other.problem?.message],
    [0, 2, 1, 'Not a JUnit XML results file: the root element is <coverage>, not <testsuites> or <testsuite>.']);
  const truncated = parseJunit('<testsuites>\n<testsuite name="a">\n<testcase name="t" classname="c"/>\n<testcase name="u" cla', FILE);
  assert.equal(truncated.cases.length, 0, 'half a run is no evidence');
  assert.equal(truncated.problem?.line, 4);
  assert.match(truncated.problem!.message, /^Malformed XML/);
  const bomb = parseJunit('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<testsuites><testsuite name="&lol2;"/></testsuites>', FILE);
  assert.deepEqual([bomb.cases.length, bomb.problem?.line, bomb.problem?.column], [0, 2, 1]);
  assert.match(bomb.problem!.message, /declares entities/);
  const empty = parseJunit('', FILE);
  assert.equal(empty.problem?.line, 1);
});

test('results files: listed by glob (git-ignored ones too), read independently, too large ones reported', async () => {
  const fs = new MemoryFileSystem(path.resolve('/p'), {
    '.gitignore': 'build/\n',
    'build/test-results/TEST-a.xml': '<testsuite name="a"><testcase name="t" classname="c"/></testsuite>',
    'build/test-results/TEST-b.xml': '<testsuite name="b"><testcase name="u" classname="c">',
    'build/test-results/big.xml': `<testsuites>${' '.repeat(200)}</testsuites>`,
    'build/other.txt': 'x',
    'node_modules/x/TEST-c.xml': '<testsuite/>',
  });
  const files = await listResultFiles(fs, fs.root, ['build/test-results/*.xml', '**/TEST-*.xml']);
  assert.deepEqual(files, ['build/test-results/TEST-a.xml', 'build/test-results/TEST-b.xml', 'build/test-results/big.xml']);
  const results = await readTestResults(fs, fs.root, [{ glob: 'build/test-results/*.xml', origin: 'config' }], files, 100);
  assert.deepEqual(results.cases.map((c) => `${c.file}:${c.name}`), ['build/test-results/TEST-a.xml:t']);
  assert.deepEqual(results.problems.map((p) => `${p.file}:${p.line}`), ['build/test-results/TEST-b.xml:1', 'build/test-results/big.xml:1']);
  assert.match(results.problems[1]!.message, /225 bytes is more than a results file may hold \(100 bytes\)/);
  const missing = await readResultFile(fs, fs.root, 'build/test-results/gone.xml');
  assert.match(missing.problem!.message, /^cannot read results file build\/test-results\/gone\.xml/);
});
