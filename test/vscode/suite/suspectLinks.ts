// Verifies: TL-188
/**
 * Suspect links in the editor, on the example's one suspect link (ui/src/About.tsx implements
 * REQ-011, whose text gained "the firmware build ID" after the review tracelens.lock records): the
 * hover shows the reviewed text and the text now as a word diff, and the quick fix records the
 * review in tracelens.lock, after which the diagnostic is gone.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import {
  BASELINE, codeActionsOffering, fileUri, hoverText, readFile, restore, tracelens, tracelensActionTitles, waitForExactDiagnostics,
} from './workspace';

const ABOUT = 'ui/src/About.tsx';
/** The tag's ID, 0-based: line 7, columns 16-23 in the report. */
const TAG = new vscode.Range(6, 15, 6, 22);

export const suspectLinkTests: SuiteTest[] = [
  {
    title: 'suspect links: the hover on a suspect tag shows the text reviewed against and the text now, word by word',
    body: async () => {
      await tracelens();
      await waitForExactDiagnostics('the example\'s five findings', BASELINE);
      const { text } = await hoverText(fileUri(ABOUT), TAG.start.translate(0, 2));
      // The hover's Markdown as VS Code hands it back: escapes resolved, emphasis kept.
      assert.ok(text.includes('**Suspect link**: REQ-011 changed since this link was reviewed (7e4c118b → 3e0369d9).'), text);
      assert.ok(text.includes('Reviewed against → now: The About screen shall show the firmware version**, the firmware build ID** and the handset UI version.'), text);
      assert.match(text, /fingerprint 3e0369d9/);
    },
  },
  {
    title: 'suspect links: the quick fix marks the link reviewed in tracelens.lock and the diagnostic goes',
    timeoutMs: 120_000,
    body: async () => {
      const before = await readFile('tracelens.lock');
      try {
        const actions = await codeActionsOffering(fileUri(ABOUT), TAG, 'Mark reviewed against REQ-011 as it is now');
        assert.deepEqual(tracelensActionTitles(actions).filter((title) => title.startsWith('Mark')), ['Mark reviewed against REQ-011 as it is now']);
        const fix = actions.find((action) => action.title === 'Mark reviewed against REQ-011 as it is now')!;
        await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
        await waitForExactDiagnostics('the suspect link to be gone', BASELINE.filter((line) => !line.includes('suspect-link')));
        const after = await readFile('tracelens.lock');
        const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
        assert.deepEqual(changed, [
          'REQ-011 3e0369d986c8b011 code ui/src/About.tsx About',
          'REQ-011 3e0369d986c8b011 text {"title":"Software versions on the About screen","text":"The About screen shall show the firmware version, the firmware build ID and the handset UI version."}',
        ]);
      } finally {
        await restore({ rewritten: { 'tracelens.lock': before } });
      }
    },
  },
];
