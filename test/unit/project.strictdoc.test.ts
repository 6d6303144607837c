// Verifies: TL-110, TL-112
// A whole check over StrictDoc documents and markers, read through the MemoryFileSystem.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject } from '../../src/core/project/check';
import type { Finding } from '../../src/core/model/types';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const at = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`;

test('.sdoc files are found with no format configuration; a document of text only is no-items, markers trace', async () => {
  const fs = new MemoryFileSystem(path.resolve('/project'), {
    'requirements/notes.sdoc': '[DOCUMENT]\nTITLE: Notes\n\n[TEXT]\nSTATEMENT: Only text.\n',
    'requirements/srs.sdoc': '[DOCUMENT]\nTITLE: SRS\n\n[REQUIREMENT]\nUID: REQ-001\nTITLE: Bolus\n',
    'src/bolus.c': '/* @relation(REQ-001, scope=file) */\nint x;\n',
    'tests/test_bolus.py': 'def test_bolus():\n    """@relation(REQ-001, scope=function)"""\n',
  });
  const result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
  assert.deepEqual(result.items.map((i) => [i.id, i.file, i.line, i.column, i.format]), [['REQ-001', 'requirements/srs.sdoc', 5, 6, 'strictdoc']]);
  assert.deepEqual(result.references.map((r) => [r.id, r.relation, r.file, r.line, r.column]), [
    ['REQ-001', 'implements', 'src/bolus.c', 1, 14],
    ['REQ-001', 'verifies', 'tests/test_bolus.py', 2, 18],
  ]);
  assert.deepEqual(result.findings.map(at), [
    'requirements/notes.sdoc:1:1 no-items requirements/notes.sdoc holds no items: no node has a UID (like "[REQUIREMENT]" then "UID: REQ-001"); [TEXT] nodes and sections are never items.',
  ]);
});
