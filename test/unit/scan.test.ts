// Verifies: TL-015, TL-009, TL-014
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { CodeScanner, parseExtent } from '../../src/core/scan/codeScanner';
import { idRegexFor } from '../../src/core/model/ids';
import { dependencyKey } from '../../src/core/scan/scanKey';
import { DEFAULT_KEYWORDS, DEFAULT_TEST_GLOBS } from '../../src/core/config/types';
import { LANGUAGES, languageForPath } from '../../src/parsing/languages';
import type { CommentSpan } from '../../src/parsing/commentSpan';
import { REPO } from '../helpers/cli';
import { prng } from '../helpers/prng';
import type { ScanSettings } from '../../src/core/scan/settings';
import { candidateNeedles, candidateOffsets, looksBinary, mayHoldCandidate } from '../../src/core/scan/prefilter';

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

test('the dependency key changes exactly when the part of the text a scan depends on changes', async () => {
  const keySettings = settings(['REQ']);
  const scanner = new CodeScanner(parser, keySettings);
  const head = 'int a;\n/* Implements: REQ-1 */\nint f(void) {\n  return 0;\n}\n';
  const tail = 'int g(void) {\n  return "REQ-2";\n}\nint pad = 1;\n';
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const key = dependencyKey('a.c', bytes(head + tail), keySettings);
  assert.ok(key && key !== 'none');
  // Appending, or editing after the block that follows the last candidate, keeps key and scan.
  for (const edited of [head + tail + '/* touched */\n', head + tail.replace('pad = 1', 'pad = 22')]) {
    assert.equal(dependencyKey('a.c', bytes(edited), keySettings), key, edited);
    assert.deepEqual(await scanner.scanText('a.c', edited), await scanner.scanText('a.c', head + tail));
  }
  // An edit before it changes the key: in the block after the last candidate, or moving a tag's line.
  assert.notEqual(dependencyKey('a.c', bytes(head + tail.replace('return', 'return  ')), keySettings), key);
  assert.notEqual(dependencyKey('a.c', bytes('\n' + head + tail), keySettings), key);
  assert.notEqual(dependencyKey('a.c', bytes(head.replace('REQ-1', 'REQ-3') + tail), keySettings), key);
  assert.equal(dependencyKey('a.c', bytes('int x; /* no IDs */\n'), keySettings), 'none');
  assert.equal(dependencyKey('a.c', bytes('int x;\0\n'), keySettings), undefined, 'binary');
  assert.equal(dependencyKey('a.unknown', bytes('/* REQ-1 */'), keySettings), undefined, 'unsupported');
  // Languages without a brace cut depend on the whole text.
  assert.notEqual(dependencyKey('a.py', bytes('# REQ-1\nx = 1\n'), keySettings), dependencyKey('a.py', bytes('# REQ-1\nx = 2\n'), keySettings));
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
  const prefixes = candidateNeedles({ prefixes: ['REQ', 'RISK'] });
  const yes = ['// REQ-1', 'x = 1; /* RISK_2 */', 'REQ-1', '(REQ-12)', 'é REQ-3'];
  const no = ['// PREQ-1', 'IRQ-1', 'REQUEST-1', 'no ids at all', 'XREQ_1'];
  for (const text of yes) assert.ok(mayHoldCandidate(Buffer.from(text), prefixes), text);
  for (const text of no) assert.ok(!mayHoldCandidate(Buffer.from(text), prefixes), text);
});

/** Small texts for what the fixtures show only once or not at all, with their language. */
const NEAR_EDGE_CASES: Array<[languageId: string, text: string]> = [
  ['c', '#define A 1 // REQ-1\n#define B(x) \\\n  (x) /* REQ-2 */ \\\n  + 1 // REQ-3\nint f(void);\n/*\n * one\n * REQ-4\n */\nint g(void) { return 0; } // REQ-5\n'],
  ['c', 'int a = 1; // é€😀 REQ-1\n/* 😀😀 */ int b; // ü REQ-2\n/* REQ-3 */ /* REQ-4 */ int c;\n'],
  ['python', '"""Module. REQ-1"""\n# REQ-2\ndef f():\n    # REQ-3\n    """Doc.\n\n    REQ-4\n    """\n    x = 1\n    """REQ-5 not a docstring"""\n\nclass C:\n    f"""REQ-6 f-string"""\n    def g(self):\n        pass\n        """REQ-7"""\n'],
  ['rust', '//! Crate. REQ-1\n//! More REQ-2\n/// Doc REQ-3\n#[derive(Debug)]\nstruct S { a: u32 } // REQ-4\nimpl S {\n    //! Inner REQ-5\n    fn f(&self) {}\n}\n'],
  ['javascript', 'const A = () => <div>{/* REQ-1 */}<span>{/* REQ-2 */}</span></div>;\n<!-- REQ-3\n// REQ-4\nfunction f() {}\n'],
  ['ruby', '=begin\nREQ-1\n=end\n# REQ-2\nclass A\n  # REQ-3\n  def b; end\nend\n'],
];


test('spans near offsets are exactly the full spans holding one of the offsets, for every language', async () => {
  for (const spec of LANGUAGES) await parser.loadLanguage(spec.id);
  const prefixes = ['REQ', 'RISK', 'SYS', 'TC', 'HAZ', 'SRS', 'SWR', 'TEST'];
  const texts: Array<[name: string, languageId: string, text: string]> = NEAR_EDGE_CASES.map(([languageId, text], i) => [`edge case ${i}`, languageId, text]);
  for (const corpus of [path.join(REPO, 'test', 'fixtures', 'languages'), path.join(REPO, 'examples', 'infusion-pump')]) {
    for (const file of codeFiles(corpus)) texts.push([file, languageForPath(file)!.id, readFileSync(path.join(corpus, file), 'utf8')]);
  }
  const covered = new Set(texts.map(([, languageId]) => languageId));
  assert.deepEqual([...covered].sort(), LANGUAGES.map((spec) => spec.id).sort(), 'every language is compared');

  const random = prng(12);
  let comparisons = 0;
  let nonEmpty = 0;
  for (const [name, languageId, text] of texts) {
    const full = parser.commentSpans(languageId, text);
    const check = (near: readonly number[], what: string): void => {
      const expected = full.filter((span: CommentSpan) => near.some((offset) => span.start <= offset && offset < span.end));
      assert.deepEqual(parser.commentSpans(languageId, text, { near }), expected, `${name}: ${what} ${JSON.stringify(near)}`);
      comparisons++;
      if (expected.length > 0) nonEmpty++;
    };
    check(candidateOffsets(text, candidateNeedles({ prefixes })), 'candidate offsets');
    check([], 'no offsets');
    check(Array.from({ length: text.length + 2 }, (_, i) => i - 1), 'every offset');
    // Each span's edges, alone: first and last character, and just outside.
    for (const span of full) {
      for (const offset of [span.start - 1, span.start, span.end - 1, span.end]) check([offset], 'edge');
    }
    // Random sets, unsorted, with duplicates now and then.
    for (let round = 0; round < 40; round++) {
      const near = Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * text.length));
      if (round % 5 === 0) near.push(near[0]!);
      check(near, 'random');
    }
  }
  assert.ok(nonEmpty > 1000, `the comparisons find spans (${nonEmpty} of ${comparisons})`);
});

test('candidate offsets include every place an ID can start, whatever precedes or follows it', () => {
  const text = 'XREQ-1 REQ_2 REQ-A-3 REQX-4 RISK-5 REQ';
  assert.deepEqual(candidateOffsets(text, candidateNeedles({ prefixes: ['REQ', 'RISK'] })), [1, 7, 13, 28]);
  assert.deepEqual(candidateOffsets(text, []), []);
});

test('line breaks of every kind before, between and inside tagged comments are counted as a whole-file scan counts them', async () => {
  const scanner = new CodeScanner(parser, settings(['REQ']));
  const whole = new CodeScanner(parser, settings(['REQ']), { wholeFiles: true });
  const breaks = ['\n', '\r\n', '\r'];
  let compared = 0;
  for (const a of breaks) {
    for (const b of breaks) {
      for (const c of breaks) {
        const text = `int a;${a}int b;${b}${c}/* x${b} * Implements: REQ-1${c} */${a}int f(void) {${b}  return 0; // REQ-2${c}}${a}/* REQ-3 */ int g;${c}`;
        for (const file of ['a.c', 'a.py', 'a.js']) {
          const fast = await scanner.scanText(file, text);
          assert.deepEqual(fast, await whole.scanText(file, text), JSON.stringify([file, text]));
          compared += fast.references.length;
        }
      }
    }
  }
  assert.ok(compared > 27 * 2, `references compared (${compared})`);
});
