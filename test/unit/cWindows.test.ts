// Verifies: TL-015
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { lexC, windowsFor, type CLexicon } from '../../src/parsing/cWindows';
import { candidateOffsets, CodeScanner, scanDependencyEnd, windowedCommentSpans, type ScanSettings, type ScanStats } from '../../src/core/scan';
import { idRegexFor } from '../../src/core/ids';
import { DEFAULT_KEYWORDS, DEFAULT_TEST_GLOBS } from '../../src/core/configTypes';
import { languageForPath } from '../../src/parsing/languages';
import { REPO } from './helpers/cli';

let parser: CommentParser;
before(async () => {
  parser = await CommentParser.create();
  await parser.loadLanguage('c');
  await parser.loadLanguage('cpp');
});
after(() => parser.dispose());

/** The comments, literals and directives the lexer found, as text. */
function unitTexts(text: string, lexicon: CLexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < lexicon.units.length; i += 2) out.push(text.slice(lexicon.units[i], lexicon.units[i + 1]));
  return out;
}

/** The lines at which the lexer says a top-level item may begin. */
function restartLines(text: string, lexicon: CLexicon): string[] {
  return lexicon.restarts.map((at) => text.slice(at, text.indexOf('\n', at)));
}

test('the lexer reads comments, literals and directives as C does', () => {
  const text = [
    'char *a = "/* not a comment */"; // line \\',
    '  still the line comment',
    "char b = '\"'; char c = '\\''; /* block",
    '   */ int d;',
    '#define M(x) \\',
    '  { (x); }',
    'int e = 1\'000;',
    '',
  ].join('\n');
  const lexicon = lexC(text, text.length, true);
  assert.equal(lexicon.unsound, undefined);
  assert.deepEqual(unitTexts(text, lexicon), [
    '"/* not a comment */"',
    '// line \\\n  still the line comment',
    "'\"'",
    "'\\''",
    '/* block\n   */',
    '#define M(x) \\\n  { (x); }',
  ]);
  // The braces in the macro and the separator in 1'000 change nothing: every line ending a
  // declaration starts a new item.
  assert.deepEqual(restartLines(text, lexicon), ['char *a = "/* not a comment */"; // line \\', "char b = '\"'; char c = '\\''; /* block", '#define M(x) \\', "int e = 1'000;"]);
});

test('C++ raw strings hide quotes, comment openers and braces', () => {
  const text = 'auto s = u8R"x(a " /* { )" )x"; int f() {\n  return 0;\n}\nint g;\n';
  const lexicon = lexC(text, text.length, true);
  assert.deepEqual(unitTexts(text, lexicon), ['u8R"x(a " /* { )" )x"']);
  assert.deepEqual(restartLines(text, lexicon), [text.slice(0, text.indexOf('\n')), 'int g;']);
  // C has no raw strings: there the same text is a string `"x(a "` followed by a comment.
  assert.deepEqual(unitTexts(text, lexC(text, text.length, false)).slice(0, 2), ['"x(a "', '/* { )" )x"; int f() {\n  return 0;\n}\nint g;\n']);
});

test('items begin only at depth 0, after a declaration, a function body or a directive', () => {
  const text = [
    '#include <a.h>',
    'struct s {',
    '  int a;',
    '}',
    '__attribute__((packed));',
    'static int f(void)',
    '{',
    '  if (x) { y(); }',
    '  return 0;',
    '}',
    'static const int t[] = {',
    '  1,',
    '};',
    'int v',
    '#ifdef X',
    '  = 1',
    '#endif',
    ';',
    'int w;',
    '',
  ].join('\n');
  const lexicon = lexC(text, text.length, false);
  assert.equal(lexicon.unsound, undefined);
  assert.deepEqual(restartLines(text, lexicon), ['#include <a.h>', 'struct s {', 'static int f(void)', 'static const int t[] = {', 'int v', 'int w;']);
});

test('the lexer gives up where braces balance only across #if branches, or a } has no {', () => {
  const unbalanced = '#ifdef X\nint f(int a) {\n#else\nint f(int a, int b) {\n#endif\n  return a;\n}\n';
  assert.match(lexC(unbalanced, unbalanced.length, false).unsound ?? '', /balance only across #if branches/);
  const stray = '#define END }\nint f(void) {\n  return 0;\n}\n}\n';
  assert.match(lexC(stray, stray.length, false).unsound ?? '', /unbalanced }/);
  const tricky = '#define A 1 /* c */ \\\n  2\nint x;\n';
  assert.match(lexC(tricky, tricky.length, false).unsound ?? '', /directive with a comment/);
  const balanced = '#ifdef X\nint f(int a) {\n#else\nint g(int a) {\n#endif\n  return a;\n}\n';
  assert.match(lexC(balanced, balanced.length, false).unsound ?? '', /balance only across/);
  assert.equal(windowsFor(lexC(unbalanced, unbalanced.length, false), [0]), undefined);
});

test('a window runs from the item holding a candidate to the end of the item after it, with whole #if groups', () => {
  const text = [
    'int a;',
    '/*',
    ' * Doc.',
    ' * REQ-1',
    ' */',
    'int f(void);',
    'int b;',
    'int g(void)',
    '{',
    '  return 0; // REQ-2',
    '}',
    'int c;',
    '#ifdef X',
    '/* REQ-3 */',
    'int h;',
    '/* REQ-4 */',
    '#endif',
    'int d;',
    '',
  ].join('\n');
  const lexicon = lexC(text, text.length, false);
  const slices = (offsets: number[]) => windowsFor(lexicon, offsets)!.map((w) => text.slice(w.start, w.end));
  const [one, two, three, four] = candidateOffsets(text, ['REQ']);
  assert.deepEqual(slices([one!]), ['/*\n * Doc.\n * REQ-1\n */\nint f(void);']);
  assert.deepEqual(slices([two!]), ['int g(void)\n{\n  return 0; // REQ-2\n}']);
  // Inside a group the window holds none of its directives, so it need not widen...
  assert.deepEqual(slices([three!]), ['/* REQ-3 */\nint h;']);
  // ...but when the next item lies past the #endif, it takes the whole group.
  assert.deepEqual(slices([four!]), ['#ifdef X\n/* REQ-3 */\nint h;\n/* REQ-4 */\n#endif\nint d;']);
  assert.deepEqual(slices([three!, one!, two!]), ['/*\n * Doc.\n * REQ-1\n */\nint f(void);', 'int g(void)\n{\n  return 0; // REQ-2\n}', '/* REQ-3 */\nint h;']);
  assert.deepEqual(slices([one!, one! + 1]), slices([one!]), 'overlapping windows merge');
});

const settings = (prefixes: string[]): ScanSettings =>
  ({ prefixes, keywords: DEFAULT_KEYWORDS, testFiles: DEFAULT_TEST_GLOBS, maxFileSize: 1 << 20 });

/** Every C and C++ file under a folder, relative to it. */
function cFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => ['c', 'cpp'].includes(languageForPath(file)?.id ?? ''))
    .sort();
}

test('windows find exactly what a whole-file parse finds on the C and C++ fixtures, symbols included', async () => {
  const prefixes = ['REQ', 'RISK', 'SYS', 'TC', 'HAZ', 'SRS', 'SWR'];
  const stats: ScanStats = { files: 0, windowed: 0, fallbacks: 0, parsedChars: 0 };
  const windowed = new CodeScanner(parser, settings(prefixes), { windows: true, stats });
  const whole = new CodeScanner(parser, settings(prefixes), { wholeFiles: true });
  let references = 0;
  let probes = 0;
  for (const corpus of [path.join(REPO, 'test', 'fixtures', 'languages'), path.join(REPO, 'examples', 'infusion-pump')]) {
    for (const file of cFiles(corpus)) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      const languageId = languageForPath(file)!.id;
      assert.deepEqual(await windowed.scanText(file, text), await whole.scanText(file, text), `${corpus}/${file}`);
      references += (await whole.scanText(file, text)).references.length;
      // Every comment's first, middle and last character as a candidate of its own.
      const full = parser.commentSpans(languageId, text);
      for (const span of full) {
        for (const offset of [span.start, (span.start + span.end) >> 1, span.end - 1]) {
          const found = windowedCommentSpans(parser, languageId, text, [offset], text.length);
          if ('fallback' in found) continue;
          assert.deepEqual(found.spans, [span], `${file} at ${offset}`);
          probes++;
        }
      }
    }
  }
  assert.ok(references > 20, `the fixtures hold C and C++ references (${references})`);
  assert.ok(stats.windowed > 0 && probes > 50, `windows were used (${stats.windowed} files, ${probes} probes)`);
});

test('windows never reach past the dependency end, so the scan still depends only on that prefix', async () => {
  const pattern = idRegexFor(['REQ'])!;
  const text = 'int a;\n/* Implements: REQ-1 */\nint f(void) {\n  return 0;\n}\nint g(void) {\n  return 1;\n}\n' + 'int pad;\n'.repeat(50);
  const limit = scanDependencyEnd(text, pattern, 'c');
  const found = windowedCommentSpans(parser, 'c', text, candidateOffsets(text, ['REQ']), limit);
  assert.ok('windows' in found);
  assert.ok(found.windows.every((window) => window.end <= limit));
  assert.equal(found.parsed, '/* Implements: REQ-1 */\nint f(void) {\n  return 0;\n}'.length);
  // A tag whose item ends only after the dependency end falls back.
  const late = '/* REQ-1 */\nstatic int x =\n  1\n}\n;\n';
  assert.ok('fallback' in windowedCommentSpans(parser, 'c', late, candidateOffsets(late, ['REQ']), scanDependencyEnd(late, pattern, 'c')));
});

test('a window whose tree holds a syntax error falls back', () => {
  const text = 'int a;\n/* REQ-1 */\nint f(void) {\n  return 0 +;\n}\n';
  const found = windowedCommentSpans(parser, 'c', text, candidateOffsets(text, ['REQ']), text.length);
  assert.deepEqual(found, { fallback: 'a syntax error in a window' });
});

test('why windows are off by default: the whole-file parse can stay in an error from before the window', async () => {
  // A macro tree-sitter cannot read (`__printf(2, 3)` before a declaration) makes the whole-file
  // parse swallow the next function into an ERROR-bearing definition; the window after the `;`
  // parses cleanly and reads the comment otherwise.
  const text = 'extern __printf(2, 3)\nvoid print_dbg(const char *fmt, ...);\n\n/* REQ-1 */\n\nstatic inline int nq_init(int gl)\n{\n\treturn gl;\n}\n';
  const whole = parser.commentSpans('c', text);
  const offset = text.indexOf('REQ-1');
  const found = windowedCommentSpans(parser, 'c', text, [offset], text.length);
  assert.ok('spans' in found, 'the window parses cleanly');
  const wanted = whole.filter((span) => span.start <= offset && offset < span.end);
  assert.notDeepEqual(found.spans, wanted, 'the windowed symbol differs from the whole-file one');
  // The default scan does not use windows, so it keeps the whole-file answer.
  const scan = await new CodeScanner(parser, settings(['REQ'])).scanText('a.c', text);
  assert.deepEqual(scan, await new CodeScanner(parser, settings(['REQ']), { wholeFiles: true }).scanText('a.c', text));
});
