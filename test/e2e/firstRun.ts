/**
 * The browser test's first-run scenario: a new user opens a folder that holds one C file and no
 * Tracelens files, initialises from the Traceability view's welcome, traces a C function to a
 * requirement, renames the ID with F2, then adds a 3,000-item requirements file that passes VS Code's
 * cap of 1,000 diagnostics per file. At every step the Problems panel holds Tracelens's gaps and
 * nothing else, and no gap is lost.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { Checks, assert, byPlace, problemLine, treeSummary, type Tally } from './checks';
import type { CodeServer } from './codeServer';
import { Workbench, type ProblemEntry } from './workbench';

/** A C file as a new user has it: a function with a doc comment and a nested `if`. */
const PUMP_C = `#include <stdbool.h>

/* Pressure above which the line counts as occluded, in kPa. */
#define OCCLUSION_KPA 120

static bool motor_running;

/**
 * Stops the motor when the line pressure says the line is blocked.
 */
void pump_check_pressure(int kpa)
{
    if (motor_running) {
        if (kpa > OCCLUSION_KPA) {
            motor_running = false;
        }
    }
}
`;

/** The starter requirements' gaps (requirements/requirements.md as `tracelens init` writes it). */
const STARTER_GAPS = [
  'requirements/requirements.md 24:4 error unimplemented',
  'requirements/requirements.md 24:4 error unverified',
  'requirements/requirements.md 34:4 warning unimplemented',
];

/** Items of the big requirements file: REQ-1001 … REQ-4000. */
const BIG_ITEMS = 3000;
const BIG_FILE = 'requirements/big.md';

/**
 * 3,000 class C items, one heading each: REQ-1001 is implemented and verified, REQ-1002 only
 * implemented, REQ-1003 obsolete, the rest have no trace. Gaps: 2 for each of the 2,997 untraced
 * items and 1 for REQ-1002 = 5,995 errors, past VS Code's 1,000 per file.
 */
function bigRequirements(): string {
  const parts = ['# Pump requirements (generated)\n'];
  for (let n = 1001; n < 1001 + BIG_ITEMS; n++) {
    parts.push(`## REQ-${n}: Pump behaviour ${n}\n\n- class: C\n- status: ${n === 1003 ? 'obsolete' : 'approved'}\n\nThe pump does thing ${n}.\n`);
  }
  return parts.join('\n');
}
const BIG_GAPS = 2 * (BIG_ITEMS - 3) + 1;
/** What the Problems panel gets for the big file: 999 gaps and one summary of the rest. */
const BIG_HIDDEN = BIG_GAPS - 999;

const sorted = (workspace: string, entries: readonly ProblemEntry[]): string[] => entries.map((entry) => problemLine(workspace, entry)).sort(byPlace);

/** Runs the scenario on `page`, in a fresh folder it removes afterwards. */
export async function firstRunChecks(server: CodeServer, page: Page, tally: Tally, artifacts: string): Promise<void> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'tracelens-first-run-'));
  try {
    mkdirSync(path.join(workspace, 'src'));
    writeFileSync(path.join(workspace, 'src', 'pump.c'), PUMP_C);
    const workbench = await Workbench.open(page, server.workbenchUrl(workspace), { timeoutMs: 45_000 });
    const checks = new Checks(workbench, tally, artifacts);
    const gapsOnly = (entries: readonly ProblemEntry[]): void => {
      const strays = entries.filter((entry) => entry.source !== 'Tracelens');
      assert(strays.length === 0, `problems from elsewhere:\n${strays.map((entry) => `${problemLine(workspace, entry)} ${entry.source}: ${entry.message}`).join('\n')}`);
    };

    await checks.check('first run: the Traceability view welcomes a folder without requirements; Initialize writes the starter files and the Problems panel shows only their gaps', async () => {
      await workbench.openViewContainer('Traceability');
      const initialize = page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Initialize Tracelens' });
      await initialize.waitFor({ timeout: 120_000 });
      await initialize.click();
      const entries = await workbench.waitForProblems((list) => list.length >= STARTER_GAPS.length, 60_000);
      gapsOnly(entries);
      assert(sorted(workspace, entries).join('\n') === STARTER_GAPS.join('\n'), `Problems panel:\n${sorted(workspace, entries).join('\n')}`);
      await workbench.waitForTreeRows('Requirements', (rows) => rows.some((row) => row.label === 'requirements.md'));
    });

    await checks.check('first run: the starter tracelens.json opens as JSON with comments under the bundled schema, with no problem', async () => {
      await workbench.openFile('tracelens.json', 4, 4);
      // The hover shows the schema's description: the JSON language service has read the file with our schema.
      const hover = await workbench.hoverWord('requirements');
      assert(hover.includes('Requirement files: folders'), `hover of "requirements":\n${hover}`);
      await workbench.dismissHover();
      const language = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
      assert(language === 'JSON with Comments', `language mode: ${language}`);
      // Validation runs right after parsing; give a stray "Comments are not permitted" time to show.
      await page.waitForTimeout(2_000);
      const entries = await workbench.problems();
      gapsOnly(entries);
      assert(sorted(workspace, entries).join('\n') === STARTER_GAPS.join('\n'), `Problems panel:\n${sorted(workspace, entries).join('\n')}`);
    });

    await checks.check('first run: Trace to Requirement inside a nested if of a C function tags the function above its doc comment', async () => {
      await workbench.openFile('src/pump.c', 15, 13);
      await workbench.runCommand('Tracelens: Trace to Requirement…');
      await workbench.pickQuickInput('REQ-001', 'REQ-001');
      const expected = ['', '// Implements: REQ-001', '/**', ' * Stops the motor when the line pressure says the line is blocked.', ' */', 'void pump_check_pressure(int kpa)'].join('\n');
      let lines: string[] = [];
      await workbench.poll('the tag above the doc comment', async () => {
        lines = await workbench.visibleEditorLines();
        return lines.slice(6, 12).join('\n') === expected ? true : undefined;
      }).catch(() => assert(false, `pump.c:\n${lines.join('\n')}`));
      const entries = await workbench.waitForProblems((list) => list.length === STARTER_GAPS.length - 1);
      gapsOnly(entries);
      assert(sorted(workspace, entries).join('\n') === [STARTER_GAPS[1], STARTER_GAPS[2]].join('\n'), `Problems panel:\n${sorted(workspace, entries).join('\n')}`);
      await workbench.save();
      assert(readFileSync(path.join(workspace, 'src', 'pump.c'), 'utf8').includes('\n// Implements: REQ-001\n/**\n'), 'pump.c saved with the tag');
    });

    await checks.check('first run: F2 on the tag, Ctrl+Enter: the Refactor Preview shows the rename of REQ-001 to REQ-010 in the code and the requirement, and Apply applies it', async () => {
      await workbench.goToLine(8, 18);
      await workbench.rename('REQ-010', { preview: true });
      const preview = await workbench.applyRefactorPreview();
      assert(preview.length === 4 && preview.every((row) => row.startsWith('✓ ')) && preview.some((row) => row.includes('REQ-001REQ-010: Stop and alarm')), `Refactor Preview:\n${preview.join('\n')}`);
      const requirements = path.join(workspace, 'requirements', 'requirements.md');
      await workbench.poll('the renamed heading on disk', async () => (readFileSync(requirements, 'utf8').includes('\n## REQ-010: Stop and alarm on occlusion\n') ? true : undefined));
      await workbench.poll('the renamed tag on disk', async () => (readFileSync(path.join(workspace, 'src', 'pump.c'), 'utf8').includes('\n// Implements: REQ-010\n') ? true : undefined));
      // The starter's comment still says "Implements REQ-001" as an example: prose, not a link.
      assert(!readFileSync(requirements, 'utf8').includes('## REQ-001'), 'no REQ-001 heading left');
      const entries = await workbench.waitForProblems((list) => list.some((entry) => entry.message.includes('REQ-010')));
      gapsOnly(entries);
      assert(sorted(workspace, entries).join('\n') === [STARTER_GAPS[1], STARTER_GAPS[2]].join('\n'), `Problems panel:\n${sorted(workspace, entries).join('\n')}`);
      assert(entries.some((entry) => entry.message === 'REQ-010 (class C) is not verified: no test verifies it'), `messages:\n${entries.map((entry) => entry.message).join('\n')}`);
    });

    await checks.check('first run: a 3,000-item file passes VS Code\'s cap: a summary on line 1 counts the rest, the gutter marks every state, and the Gaps view filtered to the file lists every gap', async () => {
      // Written on disk, as a generator or a git pull would.
      mkdirSync(path.join(workspace, 'tests'));
      writeFileSync(path.join(workspace, 'src', 'big.c'), '// Implements: REQ-1001, REQ-1002\nvoid big(void)\n{\n}\n');
      writeFileSync(path.join(workspace, 'tests', 'test_big.c'), '// Verifies: REQ-1001\nvoid test_big(void)\n{\n}\n');
      writeFileSync(path.join(workspace, BIG_FILE), bigRequirements());
      await workbench.openFile(BIG_FILE, 1, 1);
      // The file's group comes first (its first marker is on line 1); read only the rows in view.
      const entries = await workbench.waitForProblems(
        (list) => list.some((entry) => entry.code === 'hidden-gaps'),
        120_000,
        { firstScreen: true },
      );
      gapsOnly(entries);
      const big = entries.filter((entry) => entry.file.endsWith(path.join('requirements', 'big.md')));
      const summary = big[0];
      assert(summary?.code === 'hidden-gaps' && summary.line === 1 && summary.column === 1 && summary.severity === 'error', `first entries of big.md:\n${sorted(workspace, big.slice(0, 3)).join('\n')}`);
      const count = BIG_HIDDEN.toLocaleString('en-US');
      assert(summary.message.startsWith(`${count} more gaps in this file are not listed as problems (${count} errors): VS Code shows at most 1,000 per file.`), `summary: ${summary.message}`);
      assert(big.slice(1).every((entry) => entry.severity === 'error'), 'errors come first');

      const states = await workbench.poll('gutter marks of all four states', async () => {
        const found = await workbench.gutterIcons();
        return ['complete', 'partial', 'inactive', 'none'].every((state) => found.some((icon) => icon.startsWith(`${state}-`))) ? found : undefined;
      });
      // REQ-1001 … REQ-1004 are the first items of the file.
      assert(states.slice(0, 4).map((icon) => icon.replace(/-(light|dark)\.svg$/, '')).join(' ') === 'complete partial inactive none', `gutter marks in view: ${states.join(', ')}`);
      // The screenshot for the README: the trees caught up with the new file, no tooltip in the way.
      await workbench.waitForTreeRows('Requirements', (rows) => rows.some((row) => row.label === 'big.md'), 60_000);
      await page.mouse.move(0, 0);
      await checks.shoot('gutter');

      await workbench.goToLine(1, 1);
      await workbench.quickFix('Show every gap of this file in the Gaps view');
      const header = page.locator('.part.sidebar .pane-header', { hasText: 'Gaps' }).first();
      await workbench.poll('the Gaps view filtered to the file', async () => ((await header.innerText()).includes(`filtered to ${BIG_FILE}`) ? true : undefined));
      // The rows follow the title a moment later: wait for the filtered counts.
      const expected = [`Unimplemented requirement — ${BIG_ITEMS - 3}`, `Unverified requirement — ${BIG_ITEMS - 2}`].join('\n');
      let shown = '';
      await workbench.waitForTreeRows('Gaps', (rows) => (shown = treeSummary(rows.filter((row) => row.level === 1))) === expected)
        .catch(() => assert(false, `Gaps filtered to the file:\n${shown}`));
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true, maxRetries: 3 });
  }
}
