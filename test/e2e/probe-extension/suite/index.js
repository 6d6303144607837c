// The probe's extension test suite. It runs inside code-server's Node extension host (loaded through the
// workbench URL's extensionTestsPath) and reports through the results file named by
// TRACELENS_TEST_RESULTS, one JSON object a line (see test/e2e/README.md).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'tracelens-test.tracelens-e2e-probe';

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
async function waitFor(what, probe, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function fixture(relative) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

const tests = [
  ['the results file path reaches the extension host through code-server\'s environment', async () => {
    assert.ok(path.isAbsolute(process.env.TRACELENS_TEST_RESULTS ?? ''), 'TRACELENS_TEST_RESULTS is an absolute path');
  }],
  ['the probe extension activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    await extension.exports.ready;
  }],
  ['the workspace folder is the probe fixture', async () => {
    const stat = await vscode.workspace.fs.stat(fixture('src/pump.c'));
    assert.equal(stat.type, vscode.FileType.File);
  }],
  ['its command runs', async () => {
    assert.equal(await vscode.commands.executeCommand('tracelensProbe.hello'), 'hello');
  }],
  ['it publishes one diagnostic for the unknown requirement', async () => {
    const uri = fixture('src/pump.c');
    const diagnostics = await waitFor('diagnostics on pump.c', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.length > 0 ? list : undefined;
    });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].message, 'Unknown requirement REQ-999');
    assert.equal(diagnostics[0].range.start.line, 5);
  }],
  ['its hover shows the requirement text', async () => {
    const uri = fixture('src/pump.c');
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(2, 16));
    const text = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
    assert.match(text, /\*\*REQ-001\*\* — Stop the motor/);
  }],
  ['its quick fix replaces the unknown ID', async () => {
    const uri = fixture('src/pump.c');
    const diagnostic = vscode.languages.getDiagnostics(uri)[0];
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((action) => action.title), ['Replace with REQ-001']);
  }],
];

/** Runs every test, appending one result line per test and a closing line; rejects if any failed. */
async function run() {
  const resultsFile = process.env.TRACELENS_TEST_RESULTS;
  const report = (record) => {
    console.log(JSON.stringify(record));
    if (resultsFile) fs.appendFileSync(resultsFile, `${JSON.stringify(record)}\n`);
  };
  let passed = 0;
  let failed = 0;
  for (const [title, body] of tests) {
    const started = Date.now();
    try {
      await body();
      passed += 1;
      report({ type: 'test', title, ok: true, durationMs: Date.now() - started });
    } catch (error) {
      failed += 1;
      report({ type: 'test', title, ok: false, durationMs: Date.now() - started, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  }
  report({ type: 'end', passed, failed });
  if (failed > 0) throw new Error(`${failed} test(s) failed`);
}

module.exports = { run };
