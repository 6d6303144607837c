// Verifies: TL-015, TL-009, TL-014
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { CodeScanner, looksBinary, mayHoldCandidate, parseExtent, type ScanSettings } from '../../src/core/scan';
import { idRegexFor } from '../../src/core/ids';
import { DEFAULT_KEYWORDS, DEFAULT_TEST_GLOBS } from '../../src/core/configTypes';
import { languageForPath } from '../../src/parsing/languages';
import { REPO } from './helpers/cli';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const settings = (prefixes: string[], maxFileSize = 1 << 20): ScanSettings =>
  ({ prefixes, keywords: DEFAULT_KEYWORDS, testFiles: DEFAULT_TEST_GLOBS, maxFileSize });

/** Every code file under a folder, relative to it. */
function codeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (languageForPath(child)) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

test('a partial parse finds exactly what a whole-file parse finds, symbols included', async () => {
  const corpora = [path.join(REPO, 'test', 'fixtures', 'languages'), path.join(REPO, 'examples', 'infusion-pump')];
  const prefixes = ['REQ', 'RISK', 'SYS', 'TC', 'HAZ', 'SRS', 'SWR'];
  const partial = new CodeScanner(parser, settings(prefixes));
  const whole = new CodeScanner(parser, settings(prefixes), { wholeFiles: true });
  let references = 0;
  for (const corpus of corpora) {
    for (const file of codeFiles(corpus)) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      const a = await partial.scanText(file, text);
      const b = await whole.scanText(file, text);
      assert.deepEqual(a, b, `${corpus}/${file}`);
      references += b.references.length;
    }
  }
  assert.ok(references > 100, `the corpora hold references (${references})`);
});

test('parseExtent stops after the top-level block that holds the last candidate', () => {
  const pattern = idRegexFor(['REQ'])!;
  const text = 'int a;\n/* REQ-1 */\nint f(void) {\n  return 0;\n}\nint g(void) {\n  return 1;\n}\n' + 'int pad;\n'.repeat(20);
  const end = parseExtent(text, pattern, 'c');
  assert.equal(text.slice(0, end), 'int a;\n/* REQ-1 */\nint f(void) {\n  return 0;\n}\n');
  assert.equal(parseExtent(text, pattern, 'python'), text.length, 'indentation languages are parsed whole');
  assert.equal(parseExtent('/* REQ-1 */ int x;\n', pattern, 'c'), '/* REQ-1 */ int x;\n'.length, 'no closing brace: whole file');
});

test('files without a candidate ID are never parsed', async () => {
  let parses = 0;
  const counting = Object.create(parser, { commentSpans: { value: (...args: Parameters<CommentParser['commentSpans']>) => { parses++; return parser.commentSpans(...args); } } }) as CommentParser;
  const scanner = new CodeScanner(counting, settings(['REQ']));
  assert.deepEqual((await scanner.scanText('a.c', 'int main(void) { return 0; } /* UTF-8 */\n')).references, []);
  assert.equal(parses, 0);
  assert.equal((await scanner.scanText('a.c', '/* REQ-1 */\n')).references.length, 1);
  assert.equal(parses, 1);
});

test('binary and oversized content is skipped with a reason', async () => {
  const scanner = new CodeScanner(parser, settings(['REQ'], 64));
  assert.ok(looksBinary(Buffer.from('abc\0def')));
  assert.ok(!looksBinary(Buffer.from('plain text')));
  assert.deepEqual((await scanner.scanBytes('a.c', Buffer.from('// REQ-1\n\0'))).skipped, { reason: 'binary' });
  assert.equal((await scanner.scanBytes('a.c', Buffer.alloc(100, 32))).skipped?.reason, 'too-large');
  assert.equal((await scanner.scanText('a.unknown', '// REQ-1')).skipped?.reason, 'unsupported-language');
});

test('without any known prefix nothing is a reference', async () => {
  const scanner = new CodeScanner(parser, settings([]));
  assert.deepEqual((await scanner.scanText('a.c', '// Implements: REQ-1\n')).references, []);
});

test('the byte filter keeps every candidate the ID pattern would find', () => {
  const prefixes = ['REQ', 'RISK'].map((p) => Buffer.from(p));
  const yes = ['// REQ-1', 'x = 1; /* RISK_2 */', 'REQ-1', '(REQ-12)', 'é REQ-3'];
  const no = ['// PREQ-1', 'IRQ-1', 'REQUEST-1', 'no ids at all', 'XREQ_1'];
  for (const text of yes) assert.ok(mayHoldCandidate(Buffer.from(text), prefixes), text);
  for (const text of no) assert.ok(!mayHoldCandidate(Buffer.from(text), prefixes), text);
});
