/**
 * Proves the offline harness end to end with the throwaway probe extension:
 *  1. its extension-host suite runs inside code-server through runExtensionTests;
 *  2. packaged as a .vsix and installed into code-server, it is driven through the workbench UI
 *     (Problems panel, open at line/column, hover, lightbulb and quick fix, palette command, tree view),
 *     with screenshots in test-results/e2e/.
 *
 * Usage: node --import tsx test/e2e/probe.ts
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launchBrowser, startCodeServer, type Browser, type CodeServer } from './codeServer';
import { assert } from './checks';
import { runExtensionTests } from './runExtensionTests';
import { Workbench } from './workbench';

const PROBE = path.join(__dirname, 'probe-extension');
const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface Tally {
  passed: number;
  failed: number;
}

/** Packages the probe with vsce (offline: no dependencies, no repository, no licence prompt). */
function packageProbe(outDir: string): string {
  const vsix = path.join(outDir, 'probe.vsix');
  execFileSync(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: PROBE, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return vsix;
}

async function extensionHostSuite(tally: Tally): Promise<void> {
  const outcome = await runExtensionTests({
    extensionPath: PROBE,
    testsPath: path.join(PROBE, 'suite', 'index.js'),
    workspace: path.join(PROBE, 'workspace'),
    timeoutMs: 120_000,
  });
  tally.passed += outcome.passed;
  tally.failed += outcome.failed;
  if (outcome.incomplete) {
    console.log(`✖ extension-host suite: ${outcome.incomplete}`);
    tally.failed += 1;
  }
}

async function workbenchChecks(tally: Tally): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tracelens-e2e-probe-'));
  // The quick fix edits the fixture: work on a copy.
  const workspace = path.join(scratch, 'workspace');
  cpSync(path.join(PROBE, 'workspace'), workspace, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const vsix = packageProbe(scratch);
    server = await startCodeServer({ vsix: [vsix] });
    browser = await launchBrowser();
    const workbench = await Workbench.open(browser.page, server.workbenchUrl(workspace));

    const check = async (title: string, body: () => Promise<void>): Promise<void> => {
      const started = Date.now();
      try {
        await body();
        tally.passed += 1;
        console.log(`✔ ui: ${title} (${Date.now() - started} ms)`);
      } catch (error) {
        tally.failed += 1;
        console.log(`✖ ui: ${title} (${Date.now() - started} ms)\n    ${error instanceof Error ? error.message : String(error)}`);
        await workbench.screenshot(`probe-failure-${tally.failed}`).catch(() => undefined);
      }
    };

    await check('the installed .vsix activates and its diagnostic shows in the Problems panel', async () => {
      const entries = await workbench.waitForProblems((list) => list.length > 0, 60_000);
      assert(entries.length === 1, `expected 1 problem, got ${JSON.stringify(entries)}`);
      const [entry] = entries;
      assert(entry !== undefined && entry.message === 'Unknown requirement REQ-999', `message: ${entry?.message}`);
      assert(entry.severity === 'warning' && entry.source === 'tracelens-probe' && entry.code === 'probe.unknown-requirement', JSON.stringify(entry));
      assert(entry.file === path.join(workspace, 'src', 'pump.c') && entry.line === 6 && entry.column === 15, JSON.stringify(entry));
      await workbench.screenshot('probe-problems');
    });

    await check('a file opens at a line and column', async () => {
      await workbench.openFile('src/pump.c', 3, 16);
      const lines = await workbench.visibleEditorLines();
      assert(lines[2] === '// Implements REQ-001: stop the motor on occlusion.', `line 3 reads ${JSON.stringify(lines[2])}`);
    });

    await check('hovering a requirement ID shows its text', async () => {
      const text = await workbench.hoverWord('REQ-001');
      assert(text.includes('REQ-001 — Stop the motor within 100 ms'), `hover: ${text}`);
      await workbench.screenshot('probe-hover');
      await workbench.dismissHover();
    });

    await check('the hover at the cursor (keyboard) shows the same', async () => {
      const text = await workbench.hoverAtCursor();
      assert(text.includes('Stop the motor within 100 ms'), `hover: ${text}`);
      await workbench.dismissHover();
    });

    await check('the lightbulb shows on the problem line and the quick fix applies', async () => {
      await workbench.goToLine(6, 17);
      await workbench.poll('the lightbulb', async () => ((await workbench.lightbulbVisible()) ? true : undefined));
      await workbench.screenshot('probe-lightbulb');
      const labels = await workbench.quickFixLabels();
      assert(labels.join() === 'Replace with REQ-001', `quick fixes: ${labels.join(' | ')}`);
      await workbench.screenshot('probe-quickfix-menu');
      await workbench.closeQuickFix();
      await workbench.quickFix('Replace with REQ-001');
      await workbench.waitForProblems((list) => list.length === 0);
      const lines = await workbench.visibleEditorLines();
      assert(lines[5] === '// Implements REQ-001: nobody wrote this requirement.', `line 6 reads ${JSON.stringify(lines[5])}`);
    });

    await check('a command runs from the palette', async () => {
      await workbench.runCommand('Tracelens Probe: Say Hello');
      await workbench.waitForNotification('Hello from the Tracelens probe');
    });

    await check('the view container shows the tree rows', async () => {
      await workbench.openViewContainer('Probe Trace');
      const rows = await workbench.waitForTreeRows('Requirements', (list) => list.length === 4);
      const summary = rows.map((row) => `${row.level}:${row.label}|${row.description}`).join(', ');
      assert(
        summary === '1:REQ-001|Stop the motor within 100 ms of an occlusion alarm., 2:src/pump.c:3|, 1:REQ-002|Log every dose change with a timestamp., 2:not covered|',
        summary,
      );
      await workbench.screenshot('probe-tree');
    });
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const tally: Tally = { passed: 0, failed: 0 };
  let started = Date.now();
  await extensionHostSuite(tally);
  console.log(`extension-host suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  await workbenchChecks(tally).catch((error: unknown) => {
    tally.failed += 1;
    console.log(`✖ ui: could not drive the workbench: ${error instanceof Error ? error.stack : String(error)}`);
  });
  console.log(`workbench checks took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
main().then((code) => process.exit(code));
