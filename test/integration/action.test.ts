// Verifies: TL-162
/**
 * The GitHub Action (action.yml) run as the runner runs a composite action: its steps in order, a
 * step's `if` decided, `${{ … }}` expressions replaced by the inputs (defaults merged) and earlier
 * steps' outputs, each `run` in `bash --noprofile --norc -eo pipefail` with GITHUB_ACTION_PATH,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set, the first failing step ending the run. `uses` steps
 * (the artifact upload) are recorded with their `with`, not run. An expression the harness does
 * not know fails the test, so the action cannot use one this test does not check.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { CLI, REPO } from '../helpers/cli';

interface Step {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

interface ActionFile {
  readonly inputs: Record<string, { description: string; default?: string }>;
  readonly outputs: Record<string, { description: string; value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

interface StepRun {
  readonly name: string;
  readonly ran: boolean;
  readonly status?: number | null;
  readonly stdout?: string;
  readonly stderr?: string;
  /** A `uses` step's action and its `with`, expressions replaced. */
  readonly uses?: string;
  readonly with?: Record<string, string>;
}

interface ActionRun {
  readonly steps: StepRun[];
  /** The action's outputs, as its `outputs` section gives them. */
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Whether every step that ran succeeded. */
  readonly succeeded: boolean;
}

const ACTION: ActionFile = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));

/** `${{ expr }}` replaced: inputs, earlier steps' outputs; anything else throws. */
function expand(text: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return String(text).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => evaluate(expression, inputs, outputs));
}

function evaluate(expression: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  const input = /^inputs\.([\w-]+)$/.exec(expression);
  if (input) {
    assert.ok(input[1]! in ACTION.inputs, `action.yml uses undeclared input ${input[1]}`);
    return inputs[input[1]!] ?? '';
  }
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
  if (output) return outputs[output[1]!]?.[output[2]!] ?? '';
  throw new Error(`the test harness does not evaluate \${{ ${expression} }}`);
}

/** A step's `if`: only `inputs.x != ''` and `inputs.x == ''` (what action.yml uses). */
function condition(expression: string | undefined, inputs: Record<string, string>): boolean {
  if (expression === undefined) return true;
  const match = /^inputs\.([\w-]+)\s*(==|!=)\s*''$/.exec(expression.trim());
  if (!match) throw new Error(`the test harness does not evaluate if: ${expression}`);
  const empty = (inputs[match[1]!] ?? '') === '';
  return match[2] === '==' ? empty : !empty;
}

/** `name=value` lines and `name<<DELIMITER` blocks of a GITHUB_OUTPUT file. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const block = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const line = /^([\w-]+)=(.*)$/.exec(lines[i]!);
    if (line) outputs[line[1]!] = line[2]!;
  }
  return outputs;
}

/** Runs the action with `given` inputs, from `workspace`, with the action at `actionPath`. */
function runAction(given: Record<string, string>, options: { workspace?: string; actionPath?: string; path?: string } = {}): ActionRun {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tracelens-action-run-'));
  try {
    const inputs: Record<string, string> = {};
    for (const [name, input] of Object.entries(ACTION.inputs)) inputs[name] = given[name] ?? input.default ?? '';
    const stepOutputs: Record<string, Record<string, string>> = {};
    const summary = path.join(temp, 'summary.md');
    writeFileSync(summary, '');
    const steps: StepRun[] = [];
    let failed = false;
    for (const [index, step] of ACTION.runs.steps.entries()) {
      if (failed || !condition(step.if, inputs)) {
        steps.push({ name: step.name, ran: false });
        continue;
      }
      if (step.uses !== undefined) {
        const used = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, expand(value, inputs, stepOutputs)]));
        steps.push({ name: step.name, ran: true, uses: step.uses, with: used });
        continue;
      }
      const script = path.join(temp, `step-${index}.sh`);
      const outputFile = path.join(temp, `output-${index}`);
      writeFileSync(script, expand(step.run!, inputs, stepOutputs));
      writeFileSync(outputFile, '');
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('TRACELENS_') && !key.startsWith('GITHUB_')) env[key] = value;
      Object.assign(env, {
        // The day the example's SOUP reviews are judged on, as in the other CLI tests.
        NO_COLOR: '1', SOURCE_DATE_EPOCH: '1796083200', GITHUB_ACTIONS: 'true', GITHUB_ACTION_PATH: options.actionPath ?? REPO, GITHUB_WORKSPACE: options.workspace ?? REPO,
        GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summary,
        ...(options.path !== undefined ? { PATH: options.path } : {}),
      });
      for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value, inputs, stepOutputs);
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: options.workspace ?? REPO, env, encoding: 'utf8' });
      if (step.id !== undefined) stepOutputs[step.id] = readOutputs(outputFile);
      steps.push({ name: step.name, ran: true, status: result.status, stdout: result.stdout, stderr: result.stderr });
      failed = result.status !== 0;
    }
    const outputs = Object.fromEntries(Object.entries(ACTION.outputs).map(([name, output]) => [name, expand(output.value, inputs, stepOutputs)]));
    return { steps, outputs, summary: readFileSync(summary, 'utf8'), succeeded: !failed };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const step = (run: ActionRun, name: string): StepRun => {
  const found = run.steps.find((s) => s.name === name);
  assert.ok(found, `no step named ${name}`);
  return found;
};

const EXAMPLE = 'examples/infusion-pump';
/** The example's findings as `--format github` annotates them (warnings and a notice, no error; SOUP judged on 2026-12-01). */
const ANNOTATIONS = [
  '::warning file=examples/infusion-pump/firmware/src/alarm.c,line=106,col=16,endLine=106,endColumn=23,title=Tracelens inactive-reference::REQ-007 is obsolete: this implements reference should be removed or retargeted',
  '::warning file=examples/infusion-pump/requirements/software-requirements.md,line=80,col=5,endLine=80,endColumn=12,title=Tracelens unimplemented::REQ-009 (class B) is not implemented: no code comment implements it',
  '::warning file=examples/infusion-pump/requirements/software-requirements.md,line=105,col=5,endLine=105,endColumn=12,title=Tracelens unverified::REQ-011 (class A) is not verified: no test verifies it',
  '::notice file=examples/infusion-pump/requirements/software-requirements.md,line=111,col=5,endLine=111,endColumn=12,title=Tracelens unimplemented::REQ-012 (class A) is not implemented: no code comment implements it',  '::warning file=examples/infusion-pump/soup.yml,line=18,col=12,endLine=18,endColumn=18,title=Tracelens soup-version-mismatch::The SOUP register lists react-dom 18.2.0, but ui/package-lock.json resolves it (ui/package.json:13) to 18.3.1',
  '::warning file=examples/infusion-pump/soup.yml,line=36,col=15,endLine=36,endColumn=25,title=Tracelens soup-anomalies-stale::The known anomalies of loose-envify were last reviewed on 2025-06-02, 547 days before 2026-12-01 (more than 365)',
  '::warning file=examples/infusion-pump/soup.yml,line=41,col=9,endLine=41,endColumn=18,title=Tracelens soup-incomplete::scheduler lacks manufacturer, purpose, requirements, anomalies.reviewed, risks',
  '::warning file=examples/infusion-pump/soup.yml,line=52,col=9,endLine=52,endColumn=17,title=Tracelens soup-orphan::chart.js is in the SOUP register, but no manifest, lock file or SBOM of the project names it',
  '::warning file=examples/infusion-pump/ui/package.json,line=11,col=6,endLine=11,endColumn=14,title=Tracelens soup-unlisted::date-fns 3.6.0 is a dependency with no entry in the SOUP register soup.yml',
  "::warning file=examples/infusion-pump/ui/src/About.tsx,line=7,col=16,endLine=7,endColumn=23,title=Tracelens suspect-link::REQ-011 changed since this implements tag was reviewed (7e4c118b \u2192 3e0369d9): text: added \", the firmware build ID\"; review it, then run tracelens review REQ-011",
];

describe('the GitHub Action', () => {
  let out: string;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does)`);
    out = mkdtempSync(path.join(os.tmpdir(), 'tracelens-action-'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('is a composite action whose run steps are bash, with the documented inputs', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.deepEqual(Object.keys(ACTION.inputs), ['directory', 'config', 'results', 'fail-on', 'sarif', 'report', 'artifact-name']);
    assert.deepEqual(ACTION.runs.steps.filter((s) => s.run !== undefined).map((s) => s.shell), ['bash', 'bash', 'bash', 'bash']);
    assert.deepEqual(ACTION.runs.steps.filter((s) => s.uses !== undefined).map((s) => s.uses), ['actions/upload-artifact@v4']);
  });

  it('annotates the findings, writes an upload-ready SARIF file and passes under fail-on: error', () => {
    const sarif = path.join(out, 'results', 'tracelens.sarif');
    const run = runAction({ directory: EXAMPLE, sarif, report: '' });
    assert.ok(run.succeeded, JSON.stringify(run.steps, null, 2));
    const check = step(run, 'Check traceability');
    assert.equal(check.status, 0, check.stderr);
    assert.deepEqual(check.stdout!.split('\n').filter((line) => line.startsWith('::')), ANNOTATIONS);
    const json = JSON.parse(readFileSync(sarif, 'utf8'));
    assert.equal(json.version, '2.1.0');
    assert.deepEqual(json.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`), [
      'inactive-reference examples/infusion-pump/firmware/src/alarm.c',
      'unimplemented examples/infusion-pump/requirements/software-requirements.md',
      'unverified examples/infusion-pump/requirements/software-requirements.md',
      'unimplemented examples/infusion-pump/requirements/software-requirements.md',
      'soup-version-mismatch examples/infusion-pump/soup.yml',
      'soup-anomalies-stale examples/infusion-pump/soup.yml',
      'soup-incomplete examples/infusion-pump/soup.yml',
      'soup-orphan examples/infusion-pump/soup.yml',
      'soup-unlisted examples/infusion-pump/ui/package.json',
      'suspect-link examples/infusion-pump/ui/src/About.tsx',
    ]);
    assert.deepEqual(run.outputs, { 'exit-code': '0', sarif, report: '' });
    // Without a report path neither the report nor its upload runs.
    assert.deepEqual(run.steps.map((s) => [s.name, s.ran]), [
      ['Build Tracelens', true], ['Check traceability', true], ['Write the traceability report', false],
      ['Upload the traceability report', false], ['Gate on findings', true],
    ]);
    assert.match(step(run, 'Build Tracelens').stdout!, /using the CLI built in/);
  });

  it('still writes the SARIF file when findings fail the job, and fails at the gate', () => {
    const sarif = path.join(out, 'warning.sarif');
    const run = runAction({ directory: EXAMPLE, 'fail-on': 'warning', sarif, report: '' });
    assert.equal(run.succeeded, false);
    assert.equal(step(run, 'Check traceability').status, 0);
    assert.equal(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.length, ANNOTATIONS.length);
    const gate = step(run, 'Gate on findings');
    assert.equal(gate.status, 1);
    assert.match(gate.stdout!, /^::error title=Tracelens::findings at or above fail-on: warning/m);
    assert.equal(run.outputs['exit-code'], '1');
  });

  it('stops at the check on a configuration error, with its message', () => {
    const run = runAction({ directory: EXAMPLE, config: 'no-such-tracelens.json', sarif: path.join(out, 'never.sarif'), report: path.join(out, 'never.html') });
    assert.equal(run.succeeded, false);
    const check = step(run, 'Check traceability');
    assert.equal(check.status, 2);
    assert.match(check.stdout! + check.stderr!, /no-such-tracelens\.json/);
    assert.ok(!existsSync(path.join(out, 'never.sarif')));
    assert.deepEqual(run.steps.filter((s) => s.ran).map((s) => s.name), ['Build Tracelens', 'Check traceability']);
  });

  it('builds the CLI with npm when the action\'s checkout has no dist/', () => {
    const actionPath = path.join(out, 'checkout');
    const bin = path.join(out, 'bin');
    mkdirSync(path.join(actionPath, 'scripts'), { recursive: true });
    mkdirSync(bin, { recursive: true });
    copyFileSync(path.join(REPO, 'scripts', 'github-action.sh'), path.join(actionPath, 'scripts', 'github-action.sh'));
    // A stand-in npm that records its calls; node itself is the real one.
    const log = path.join(out, 'npm.log');
    writeFileSync(path.join(bin, 'npm'), `#!/usr/bin/env bash\necho "$PWD: npm $*" >> "${log}"\n`);
    chmodSync(path.join(bin, 'npm'), 0o755);
    const run = runAction({ directory: EXAMPLE }, { actionPath, path: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin` });
    assert.equal(step(run, 'Build Tracelens').status, 0, step(run, 'Build Tracelens').stderr);
    assert.equal(readFileSync(log, 'utf8'), `${actionPath}: npm ci --ignore-scripts --no-audit --no-fund\n${actionPath}: npm run build\n`);
    // The stand-in built nothing, so the check step finds no CLI and fails.
    assert.notEqual(step(run, 'Check traceability').status, 0);
  });

  it('writes the HTML report and uploads it as an artifact', () => {
    const report = path.join(out, 'report', 'traceability.html');
    const run = runAction({ directory: EXAMPLE, sarif: '', report, 'artifact-name': 'pump-trace' });
    assert.ok(run.succeeded, JSON.stringify(run.steps, null, 2));
    const html = readFileSync(report, 'utf8');
    assert.match(html, /REQ-001/);
    assert.ok(html.includes('<dt>Test results</dt><dd class="mono">no test results given: tests are shown as traced, not as run</dd>'));
    assert.deepEqual(step(run, 'Upload the traceability report').with, { name: 'pump-trace', path: report, 'if-no-files-found': 'error' });
  });

  it('passes each line of results as a --results glob, to the check and to the report', () => {
    const sarif = path.join(out, 'results.sarif');
    const report = path.join(out, 'results-report.html');
    const run = runAction({ directory: EXAMPLE, results: '  test-reports/pytest.xml\n\n  test-reports/firmware.xml  \n', sarif, report });
    // The example's failing test is a class C verification-failed error: the gate fails the job.
    assert.equal(step(run, 'Check traceability').status, 0, step(run, 'Check traceability').stderr);
    assert.equal(run.outputs['exit-code'], '1');
    assert.equal(step(run, 'Gate on findings').status, 1);
    const failed = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'verification-failed');
    assert.equal(failed.length, 2, 'on REQ-013 and on the test\'s tag');
    const html = readFileSync(report, 'utf8');
    assert.ok(html.includes('<dt>Test results</dt><dd class="mono">test-reports/firmware.xml, test-reports/pytest.xml (18 testcases)</dd>'));
    assert.ok(html.includes('<code>test_rounds_down_to_pump_resolution</code> <span class="outcome failed">failed</span>: AssertionError: assert Decimal(&#39;4.39&#39;) == Decimal(&#39;4.40&#39;)'));
  });
});
