/**
 * Browser-level end-to-end test of the packaged extension, the way a user meets it: `npm run package`
 * builds tracelens.vsix, code-server installs it into a fresh extensions folder, and Debian's Chromium
 * drives the workbench through two scenarios:
 *  - example: a temp copy of examples/infusion-pump (Problems panel, hover, quick fixes, the
 *    Traceability views, the status bar);
 *  - first-run: a new user's folder with one C file (welcome → Initialize → first gaps, Trace to
 *    Requirement, rename, and a 3,000-item requirements file past VS Code's diagnostic cap), in
 *    firstRun.ts.
 * Screenshots go to test-results/e2e/; the ones the README uses are copied to docs/screenshots/ when
 * their check passed.
 *
 * Usage: node --import tsx test/e2e/browser.ts [--vsix FILE] [--only example|first-run] [--no-screenshots-to-docs]
 *   --vsix FILE               use this package instead of running `npm run package`
 *   --only SCENARIO           run one scenario
 *   --no-screenshots-to-docs  leave docs/screenshots/ alone
 * Prints one line per check and `N passed, N failed`; exits 1 on any failure.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, startCodeServer, type Browser, type CodeServer } from './codeServer';
import { Checks, assert, byPlace, problemLine, treeSummary, type Tally } from './checks';
import { firstRunChecks } from './firstRun';
import { Workbench, type ProblemEntry } from './workbench';
import { copyWorkspace, type WorkspaceCopy } from './workspaceCopy';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'infusion-pump');
const ARTIFACTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const DOCS_SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
// Tall enough that the Problems panel and the trees show their rows without scrolling (lists are virtualised).
const VIEWPORT = { width: 1280, height: 1600 } as const;
/** The first load of a freshly installed .vsix (activation, wasm, first index) on a busy 2-core machine. */
const FIRST_INDEX_MS = 180_000;

/** The example's ten findings as the Problems panel shows them (README of the example). */
const EXPECTED_PROBLEMS = [
  'firmware/src/alarm.c 106:16 warning inactive-reference',
  'requirements/software-requirements.md 80:5 warning unimplemented',
  'requirements/software-requirements.md 105:5 warning unverified',
  'requirements/software-requirements.md 111:5 info unimplemented',
  'soup.yml 18:12 warning soup-version-mismatch',
  'soup.yml 36:15 warning soup-anomalies-stale',
  'soup.yml 41:9 warning soup-incomplete',
  'soup.yml 52:9 warning soup-orphan',
  'ui/package.json 11:6 warning soup-unlisted',
  'ui/src/About.tsx 7:16 warning suspect-link',
];

/** The day the SOUP register's reviews are judged on (2026-12-01), as in the CLI tests. */
const SOURCE_DATE_EPOCH = '1796083200';

/** Builds and packages the extension (`npm run package` → tracelens.vsix at the repository root). */
function packageExtension(): string {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  const vsix = path.join(REPO_ROOT, 'tracelens.vsix');
  assert(existsSync(vsix), `npm run package did not write ${vsix}`);
  return vsix;
}

const SCENARIOS = ['example', 'first-run'] as const;
type Scenario = (typeof SCENARIOS)[number];

async function run(vsix: string, tally: Tally, only: Scenario | undefined): Promise<void> {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ vsix: [vsix], env: { SOURCE_DATE_EPOCH } });
    browser = await launchBrowser({ viewport: VIEWPORT });
    if (only === undefined || only === 'example') await exampleChecks(server, browser, tally);
    if (only === undefined || only === 'first-run') {
      // A page of its own: the example's page may hold unsaved edits, and closing a page asks nothing.
      const page = await browser.context.newPage();
      await browser.page.close();
      await firstRunChecks(server, page, tally, ARTIFACTS);
    }
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

/** The example's findings in the Problems panel, hover, trees, status bar and quick fixes. */
async function exampleChecks(server: CodeServer, browser: Browser, tally: Tally): Promise<void> {
  let copy: WorkspaceCopy | undefined;
  try {
    copy = copyWorkspace(EXAMPLE);
    const workspace = copy.path;
    const workbench = await Workbench.open(browser.page, server.workbenchUrl(workspace), { timeoutMs: 45_000 });
    const checks = new Checks(workbench, tally, ARTIFACTS);
    const check = checks.check.bind(checks);
    const shoot = checks.shoot.bind(checks);

    await check('the packaged extension activates and the Problems panel lists the example\'s ten findings', async () => {
      await workbench.openFile('firmware/src/alarm.c', 106, 16);
      const entries = await workbench.waitForProblems((list) => list.length >= EXPECTED_PROBLEMS.length, FIRST_INDEX_MS);
      const lines = entries.map((entry) => problemLine(workspace, entry)).sort(byPlace);
      assert(lines.join('\n') === EXPECTED_PROBLEMS.join('\n'), `Problems panel:\n${lines.join('\n')}`);
      assert(entries.every((entry) => entry.source === 'Tracelens'), `sources: ${entries.map((e) => e.source).join(', ')}`);
      const inactive = entries.find((entry) => entry.code === 'inactive-reference');
      assert(inactive?.message === 'REQ-007 is obsolete: this implements reference should be removed or retargeted', `message: ${inactive?.message}`);
      await shoot('problems');
    });

    await check('the status bar shows implemented and verified percentages; a click opens the Gaps view', async () => {
      // The item's DOM id is `<extension id>.<item id>`.
      const item = browser!.page.locator('#tracelens\\.tracelens\\.tracelens\\.coverage');
      await item.waitFor({ timeout: 45_000 });
      const text = (await item.innerText()).trim();
      assert(text === '86% impl · 93% verif', `status bar item: ${JSON.stringify(text)}`);
      assert(await item.locator('.codicon-checklist').count() === 1, 'the item shows the checklist icon');
      const label = (await item.getAttribute('aria-label')) ?? '';
      for (const expected of ['15 active requirements', '13 implemented (86%), 14 verified (93%)', '5 of 5 risks mitigated', 'Click to show the gaps']) {
        assert(label.includes(expected), `the tooltip lacks "${expected}": ${label}`);
      }
      // A click reveals the Gaps view.
      await item.click();
      await workbench.tree('Gaps').waitFor({ timeout: 45_000 });
    });

    await check('hovering REQ-006 in alarm.c shows its title, text and trace', async () => {
      await workbench.openFile('firmware/src/alarm.c', 29, 16);
      const text = await workbench.hoverWord('REQ-006');
      for (const expected of ['REQ-006 Alarm annunciation', 'requirement · class C · status active', 'Every alarm shall be shown on the display', 'Implemented by 3 tags:', 'firmware/src/alarm.c:29', 'Verified by 3 tests:', 'tests/firmware/test_alarm.c:4']) {
        assert(text.includes(expected), `hover lacks "${expected}":\n${text}`);
      }
      await shoot('hover');
      await workbench.dismissHover();
    });

    await check('the Traceability view lists requirement files with coverage, and the Gaps view groups findings by rule', async () => {
      await workbench.openViewContainer('Traceability');
      const requirements = await workbench.waitForTreeRows('Requirements', (rows) => rows.some((row) => row.label === 'software-requirements.md'));
      const top = requirements.filter((row) => row.level === 1).map((row) => `${row.label} — ${row.description}`);
      assert(
        top.slice(0, 3).join('\n') === ['software-requirements.md — requirements · 15', 'REQ-020-alarm-escalation.md — requirements · 1', 'risks.yml — requirements · 5'].join('\n'),
        `requirement documents:\n${treeSummary(requirements)}`,
      );
      const req020 = requirements.find((row) => row.label === 'REQ-020');
      assert(req020?.level === 2 && req020.description === 'Alarm escalation', `REQ-020 row:\n${treeSummary(requirements)}`);
      assert(/implemented and verified/.test(req020.ariaLabel), `REQ-020 coverage in its label: ${req020.ariaLabel}`);

      const groups = [
        'Reference to an inactive item — 1', 'Unimplemented requirement — 2', 'Unverified requirement — 1', 'SOUP not in the register — 1',
        'SOUP version mismatch — 1', 'SOUP entry without a dependency — 1', 'Incomplete SOUP entry — 1', 'Stale SOUP anomaly review — 1', 'Suspect link — 1',
      ];
      const gaps = await workbench.waitForTreeRows('Gaps', (rows) => rows.length >= groups.length);
      assert(treeSummary(gaps) === groups.join('\n'), `Gaps:\n${treeSummary(gaps)}`);
      await workbench.clickTreeRow('Gaps', 'Unimplemented requirement');
      const expanded = await workbench.waitForTreeRows('Gaps', (rows) => rows.some((row) => row.level === 2));
      assert(
        treeSummary(expanded) === [
          'Reference to an inactive item — 1',
          'Unimplemented requirement — 2',
          '  REQ-009 — Low battery warning — requirements/software-requirements.md:80',
          '  REQ-012 — Night display mode — requirements/software-requirements.md:111',
          ...groups.slice(2),
        ].join('\n'),
        `Gaps expanded:\n${treeSummary(expanded)}`,
      );
      await shoot('tree');
    });

    await check('"Show Only Gaps" filters the Requirements view to the items with gaps, "Show All Items" undoes it', async () => {
      await workbench.runCommand('Tracelens: Show Only Gaps');
      const filtered = await workbench.waitForTreeRows('Requirements', (rows) => !rows.some((row) => row.label === 'risks.yml'));
      assert(
        treeSummary(filtered) === ['software-requirements.md — requirements · 4', '  REQ-007 — Occlusion tone', '  REQ-009 — Low battery warning', '  REQ-011 — Software versions on the About screen · changed since review', '  REQ-012 — Night display mode'].join('\n'),
        `gaps only:\n${treeSummary(filtered)}`,
      );
      await workbench.runCommand('Tracelens: Show All Items');
      await workbench.waitForTreeRows('Requirements', (rows) => rows.some((row) => row.label === 'risks.yml'));
    });

    await check('quick fix "Remove reference to REQ-007" removes the tag and its problem', async () => {
      await workbench.openFile('firmware/src/alarm.c', 106, 17);
      await workbench.poll('the lightbulb on line 106', async () => ((await workbench.lightbulbVisible()) ? true : undefined));
      const labels = await workbench.quickFixLabels();
      assert(labels.includes('Remove reference to REQ-007'), `quick fixes: ${labels.join(' | ')}`);
      await workbench.closeQuickFix();
      await workbench.quickFix('Remove reference to REQ-007');
      await workbench.waitForProblems((list) => list.length === EXPECTED_PROBLEMS.length - 1 && !list.some((entry) => entry.code === 'inactive-reference'));
      const lines = await workbench.visibleEditorLines();
      assert(!lines.some((line) => line.includes('REQ-007')), 'no REQ-007 left on screen');
      const gaps = await workbench.waitForTreeRows('Gaps', (rows) => !rows.some((row) => row.label === 'Reference to an inactive item'));
      assert(gaps.some((row) => row.label === 'Unimplemented requirement'), `Gaps after the fix:\n${treeSummary(gaps)}`);
    });

    await check('an unknown ID gets "Change to …" quick fixes; applying one clears the error', async () => {
      // Written on disk, as another tool would: the file watcher brings it in.
      writeFileSync(path.join(workspace, 'firmware', 'src', 'extra.c'), '#include <stdint.h>\n\n// Implements: REQ-021\nvoid extra_alarm(void)\n{\n}\n');
      const inExtra = (entry: ProblemEntry): boolean => entry.code === 'unknown-id' && entry.file.endsWith('extra.c');
      await workbench.waitForProblems((list) => list.some(inExtra), 60_000);
      await workbench.openFile('firmware/src/extra.c', 3, 19);
      // The code actions of a file just opened come a moment after its diagnostics: wait for the lightbulb.
      await workbench.poll('the lightbulb on line 3', async () => ((await workbench.lightbulbVisible()) ? true : undefined));
      const labels = await workbench.quickFixLabels();
      const expected = ['Change to REQ-020 (Alarm escalation)', 'Change to REQ-012 (Night display mode)', 'Change to REQ-011 (Software versions on the About screen)', 'Create REQ-021 in requirements/software-requirements.md'];
      assert(expected.every((label) => labels.includes(label)), `quick fixes: ${labels.join(' | ')}`);
      await shoot('quick-fix');
      await workbench.closeQuickFix();
      await workbench.quickFix('Change to REQ-020 (Alarm escalation)');
      await workbench.waitForProblems((list) => !list.some(inExtra));
      const lines = await workbench.visibleEditorLines();
      assert(lines[2] === '// Implements: REQ-020', `line 3 reads ${JSON.stringify(lines[2])}`);
    });

    await check('pointed at a folder with no requirements, the status bar says so (never a percentage) and the Problems panel says where it looked', async () => {
      // The last check: it leaves the workspace without requirements.
      writeFileSync(path.join(workspace, 'tracelens.json'), '{\n  "requirements": ["specs"]\n}\n');
      const item = browser!.page.locator('#tracelens\\.tracelens\\.tracelens\\.coverage');
      await workbench.poll('the status bar saying "No requirements"', async () => ((await item.innerText()).trim() === 'No requirements' ? true : undefined), 60_000);
      const text = (await item.innerText()).trim();
      assert(!text.includes('%'), `status bar item: ${JSON.stringify(text)}`);
      const entries = await workbench.waitForProblems((list) => list.some((entry) => entry.code === 'no-requirements'), 60_000);
      const lines = entries.filter((entry) => entry.code === 'no-requirements').map((entry) => problemLine(workspace, entry));
      assert(lines.includes('tracelens.json 2:3 error no-requirements'), `Problems panel:\n${entries.map((entry) => problemLine(workspace, entry)).join('\n')}`);
    });
  } finally {
    copy?.dispose();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { vsix: { type: 'string' }, only: { type: 'string' }, 'no-screenshots-to-docs': { type: 'boolean' } } });
  const only = values.only as Scenario | undefined;
  if (only !== undefined && !SCENARIOS.includes(only)) {
    console.log(`--only takes ${SCENARIOS.join(' or ')}, not ${JSON.stringify(only)}`);
    return 2;
  }
  const tally: Tally = { passed: 0, failed: 0, good: new Set() };
  const started = Date.now();
  try {
    const vsix = values.vsix ? path.resolve(values.vsix) : packageExtension();
    console.log(`packaged in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(REPO_ROOT, vsix)}`);
    rmSync(path.join(ARTIFACTS, 'browser-failure-1.png'), { force: true });
    await run(vsix, tally, only);
  } catch (error) {
    tally.failed += 1;
    console.log(`✖ the browser test could not run: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (!values['no-screenshots-to-docs'] && tally.good.size > 0) {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    for (const name of tally.good) copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(DOCS_SCREENSHOTS, `${name}.png`));
    console.log(`screenshots copied to ${path.relative(REPO_ROOT, DOCS_SCREENSHOTS)}/: ${[...tally.good].sort().join(', ')}`);
  }
  console.log(`browser test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed > 0 ? 1 : 0;
}

// Ctrl+C or a CI cancel: exit through process.exit so codeServer's exit hook kills the process group.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
main().then((code) => process.exit(code));
