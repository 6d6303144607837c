// Verifies: TL-186
/** The live index knows the lock: a changed lock or a changed item text is judged anew, never replayed. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { memoryProject } from '../helpers/project';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const REVIEWED = 'REQ-005 6e59698f342d501b code src/dose.c labels\n';

test('the live index reloads tracelens.lock and re-judges links when the lock or an item changes', async () => {
  const fs = memoryProject('gaps', { 'tracelens.lock': REVIEWED });
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    const suspects = () => index.snapshot().findings.filter((f) => f.rule === 'suspect-link').map((f) => `${f.file}:${f.line}:${f.column}`);
    await index.load();
    assert.deepEqual(suspects(), []);
    assert.deepEqual(index.snapshot().review?.summary, { links: 8, reviewed: 1, suspect: 0, unreviewed: 4, notChecked: 3 });

    fs.write('tracelens.lock', REVIEWED.replace('6e59698f342d501b', '0000000000000000'));
    await index.fileChangedOnDisk('tracelens.lock');
    assert.deepEqual(suspects(), ['src/dose.c:15:16']);

    fs.write('tracelens.lock', REVIEWED);
    await index.fileChangedOnDisk('tracelens.lock');
    assert.deepEqual(suspects(), []);
    const text = new TextDecoder().decode(await fs.readFile(`${fs.root}/requirements/software.md`));
    await index.setRequirementText('requirements/software.md', text.replace('Labels are checked by inspection.', 'Labels are checked by a second inspection.'));
    assert.deepEqual(suspects(), ['src/dose.c:15:16'], 'an item\'s new text makes its reviewed link suspect');

    fs.delete('tracelens.lock');
    await index.fileDeleted('tracelens.lock');
    assert.deepEqual(suspects(), []);
    assert.equal(index.snapshot().review?.summary, undefined, 'no lock: nothing judged');
    assert.equal(index.roleOf('tracelens.lock'), 'lock');
  } finally {
    index.dispose();
  }
});
