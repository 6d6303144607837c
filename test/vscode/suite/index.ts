/**
 * The Tracelens extension-host suite: runs inside a real VS Code (code-server's Node extension host,
 * or desktop VS Code through @vscode/test-electron) on a scratch copy of examples/infusion-pump, and
 * reports through the results-file protocol of test/e2e/suiteRunner.ts.
 *
 * Run: npm run build && node --import tsx test/e2e/runExtensionTests.ts --workspace examples/infusion-pump --copy-workspace
 * Tests run in order and share the workspace; each one that edits it puts it back (see `restore`).
 */
import { runSuite } from '../../e2e/suiteRunner';
import { activationTests } from './activation';
import { authoringTests } from './authoring';
import { diagnosticsTests } from './diagnostics';
import { editorScaleTests } from './editorScale';
import { formatTests } from './formats';
import { languageTests } from './language';
import { liveUpdateTests } from './liveUpdate';
import { quickFixTests } from './quickFixes';
import { reportTests } from './report';
import { soupTests } from './soup';
import { suspectLinkTests } from './suspectLinks';
import { tracingTests } from './tracing';
import { viewTests } from './views';
import { assertScratchWorkspace } from './workspace';

export async function run(): Promise<void> {
  try {
    assertScratchWorkspace();
  } catch (error) {
    // The tests edit, create and delete files: never on the repository's own example.
    await runSuite([{ title: 'the workspace is a scratch copy of the example (pass --copy-workspace)', body: () => { throw error; } }]);
    return;
  }
  await runSuite([
    ...activationTests,
    ...diagnosticsTests,
    ...liveUpdateTests,
    ...languageTests,
    ...formatTests,
    ...quickFixTests,
    ...authoringTests,
    ...tracingTests,
    ...soupTests,
    ...suspectLinkTests,
    ...viewTests,
    ...reportTests,
    ...editorScaleTests,
  ]);
}
