// Verifies: TL-009, TL-013, TL-100, TL-101, TL-102
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_KEYWORDS, DEFAULT_PREFIXES } from '../../src/core/config/types';
import { idRegexFor } from '../../src/core/model/ids';
import type { Relation } from '../../src/core/model/types';
import { findTags, type RawTag } from '../../src/core/scan/tags';
import { CommentParser } from '../../src/parsing/commentParser';
import { LANGUAGES, languageForPath } from '../../src/parsing/languages';
import { defaultWasmLocator } from '../../src/parsing/wasmLocator';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'languages');
const idPattern = idRegexFor(Object.keys(DEFAULT_PREFIXES))!;

type Expected = [id: string, relation: Relation, symbol: string | undefined];

/**
 * What each fixture must yield, in order. Every ID in a string, raw string, template literal,
 * regex, heredoc or JSX text is numbered 9xx and must never appear.
 */
const FIXTURE_TAGS: Record<string, Expected[]> = {
  'pump.c': [
    ['SYS-001', 'implements', undefined],
    ['REQ-010', 'implements', undefined],
    ['RISK-001', 'mitigates', undefined],
    ['REQ-011', 'implements', 'CLAMP'],
    ['REQ-012', 'implements', undefined],
    ['REQ-013', 'implements', 'pump_set_rate'],
    ['TEST-001', 'verifies', 'pump_set_rate'],
    ['RISK-002', 'mitigates', 'pump_set_rate'],
    ['REQ-014', 'implements', 'pump_set_rate'],
    ['REQ-015', 'verifies', 'pump_set_rate'],
    ['REQ-016', 'implements', 'pump_state'],
  ],
  'controller.cpp': [
    ['REQ-020', 'implements', 'PumpController'],
    ['REQ-021', 'implements', 'PumpController.setRate'],
    ['TEST-002', 'verifies', 'PumpController.setRate'],
    ['RISK-010', 'mitigates', 'PumpController.stop'],
    ['REQ-022', 'implements', 'PumpController.stop'],
    ['REQ-023', 'implements', 'clampRate'],
  ],
  'RateController.cs': [
    ['REQ-030', 'implements', 'RateController'],
    ['TEST-003', 'verifies', 'RateController.SetRate'],
    ['RISK-020', 'mitigates', 'RateController.SetRate'],
    ['REQ-031', 'implements', 'RateController.SetRate'],
  ],
  'AlarmManager.java': [
    ['REQ-040', 'implements', 'AlarmManager'],
    ['RISK-030', 'mitigates', 'AlarmManager.raise'],
    ['REQ-041', 'implements', 'AlarmManager.raise'],
    ['REQ-042', 'implements', 'AlarmManager.raise'],
  ],
  'panel.jsx': [
    ['REQ-050', 'implements', 'formatRate'],
    ['TEST-010', 'verifies', 'formatRate'],
    ['REQ-051', 'implements', 'PumpPanel.render'],
    ['REQ-052', 'implements', 'PumpPanel.render'],
    ['RISK-040', 'mitigates', 'stopPump'],
    ['REQ-053', 'implements', 'stopPump'],
  ],
  'controller.ts': [
    ['REQ-060', 'implements', 'Pump'],
    ['TEST-020', 'verifies', 'PumpController.setRate'],
    ['RISK-050', 'mitigates', 'PumpController.clamp'],
    ['REQ-061', 'implements', 'startPump'],
    ['REQ-062', 'implements', 'legacy'],
  ],
  'badge.tsx': [
    ['REQ-070', 'implements', 'RateBadge'],
    ['TEST-030', 'verifies', 'RateBadge'],
    ['RISK-060', 'mitigates', 'Alarm'],
  ],
  'dose.py': [
    ['SYS-010', 'implements', undefined],
    ['REQ-080', 'implements', undefined],
    ['TEST-040', 'verifies', 'DoseCalculator'],
    ['REQ-081', 'implements', 'DoseCalculator.dose'],
    ['RISK-070', 'mitigates', 'DoseCalculator.dose'],
    ['REQ-082', 'implements', 'helper'],
  ],
  'pump.go': [
    ['REQ-090', 'implements', undefined],
    ['RISK-080', 'mitigates', 'Pump'],
    ['REQ-091', 'implements', 'Pump'],
    ['TEST-050', 'verifies', 'Pump.SetRate'],
    ['REQ-092', 'implements', 'Pump.SetRate'],
    ['REQ-093', 'implements', 'New'],
  ],
  'pump.rs': [
    ['REQ-100', 'implements', undefined],
    ['RISK-090', 'mitigates', 'Pump'],
    ['REQ-101', 'implements', 'Pump'],
    ['TEST-060', 'verifies', 'Pump.set_rate'],
    ['REQ-102', 'implements', 'Pump.set_rate'],
    ['REQ-103', 'implements', 'helper'],
  ],
  'pump.rb': [
    ['REQ-110', 'implements', undefined],
    ['RISK-100', 'mitigates', 'Infusion.Pump'],
    ['TEST-070', 'verifies', 'Infusion.Pump.rate='],
    ['REQ-111', 'implements', 'Infusion.Pump.rate='],
    ['REQ-112', 'implements', 'Infusion.Pump.build'],
    ['REQ-113', 'implements', 'helper'],
  ],
  'PumpController.php': [
    ['REQ-120', 'implements', undefined],
    ['RISK-110', 'mitigates', 'PumpController'],
    ['TEST-080', 'verifies', 'PumpController.setRate'],
    ['REQ-121', 'implements', 'PumpController.setRate'],
    ['REQ-122', 'implements', 'PumpController.setRate'],
  ],
  'maintenance.sh': [
    ['REQ-130', 'implements', undefined],
    ['RISK-120', 'mitigates', 'flush_line'],
    ['TEST-090', 'verifies', 'flush_line'],
    ['REQ-131', 'implements', 'prime'],
  ],
  'PumpController.scala': [
    ['REQ-140', 'implements', 'PumpController'],
    ['TEST-100', 'verifies', 'PumpController.setRate'],
    ['RISK-130', 'mitigates', 'PumpController.setRate'],
    ['REQ-141', 'implements', 'PumpController.setRate'],
    ['REQ-142', 'implements', 'PumpController.apply'],
  ],
  'ci.yml': [
    ['REQ-150', 'implements', undefined],
    ['TEST-110', 'verifies', 'jobs.test'],
    ['RISK-140', 'mitigates', 'jobs.test.steps'],
    ['REQ-151', 'implements', 'jobs.test.steps.name'],
  ],
  'pump.toml': [
    ['REQ-160', 'implements', 'title'],
    ['RISK-150', 'mitigates', 'limits'],
    ['REQ-161', 'implements', 'limits.max_rate'],
    ['TEST-120', 'verifies', 'profiles.name'],
  ],
  'Makefile': [
    ['REQ-170', 'implements', 'CFLAGS'],
    ['TEST-130', 'verifies', 'test'],
    ['REQ-171', 'implements', 'test'],
    ['RISK-160', 'mitigates', 'build'],
  ],
  'CMakeLists.txt': [
    ['REQ-180', 'implements', undefined],
    ['TEST-140', 'verifies', undefined],
    ['REQ-181', 'implements', undefined],
    ['RISK-170', 'mitigates', undefined],
  ],
  'Dockerfile': [
    ['REQ-190', 'implements', 'build'],
    ['TEST-150', 'verifies', 'build'],
    ['RISK-180', 'mitigates', 'runtime'],
    ['REQ-191', 'implements', 'runtime'],
  ],
};

let parser: CommentParser;

before(async () => {
  parser = await CommentParser.create();
  for (const spec of LANGUAGES) await parser.loadLanguage(spec.id);
});
after(() => parser.dispose());

function tags(languageId: string, text: string): RawTag[] {
  return findTags(text, parser.commentSpans(languageId, text), {
    idPattern,
    keywords: DEFAULT_KEYWORDS,
    defaultRelation: 'implements',
  });
}

/** The symbol of the only tag in `text`. */
function symbolOf(languageId: string, text: string): string | undefined {
  const found = tags(languageId, text);
  assert.equal(found.length, 1, `expected one tag in:\n${text}`);
  return found[0]!.symbol;
}

/** Text of each span. */
function spanTexts(languageId: string, text: string): string[] {
  return parser.commentSpans(languageId, text).map((span) => text.slice(span.start, span.end));
}

describe('fixtures: one file per language', () => {
  it('covers every language', () => {
    const covered = new Set(Object.keys(FIXTURE_TAGS).map((file) => languageForPath(file)!.id));
    assert.deepEqual([...covered].sort(), LANGUAGES.map((spec) => spec.id).sort());
  });

  for (const [file, expected] of Object.entries(FIXTURE_TAGS)) {
    it(`${file}: finds the comment tags with relation, position and symbol, and nothing in literals`, () => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const languageId = languageForPath(file)!.id;
      const found = tags(languageId, text);
      assert.deepEqual(found.map((tag) => [tag.id, tag.relation, tag.symbol]), expected);
      // Position oracle: each expected ID occurs once in the file, so a plain text search places it.
      const lines = text.split('\n');
      for (const tag of found) {
        const line = lines.findIndex((candidate) => candidate.includes(tag.id));
        assert.equal(tag.line, line + 1, `${tag.id} line`);
        assert.equal(tag.column, lines[line]!.indexOf(tag.id) + 1, `${tag.id} column`);
        assert.equal(tag.endColumn, tag.column + tag.id.length);
      }
      // The literals really hold IDs, so their absence from the result means something.
      const literalIds: string[] = text.match(/\bREQ-9\d\d\b/g) ?? [];
      assert.ok(literalIds.length >= 2, `${file} should hold IDs in literals`);
      assert.ok(found.every((tag) => !literalIds.includes(tag.id)));
    });
  }

  it('places tags exactly (spot checks independent of the text-search oracle)', () => {
    const c = tags('c', fs.readFileSync(path.join(FIXTURES, 'pump.c'), 'utf8'));
    assert.deepEqual(c.find((tag) => tag.id === 'REQ-013'), {
      id: 'REQ-013', relation: 'implements', line: 18, column: 16, endColumn: 23, symbol: 'pump_set_rate',
    });
    assert.deepEqual(c.find((tag) => tag.id === 'REQ-011')!.line, 10);
    const py = tags('python', fs.readFileSync(path.join(FIXTURES, 'dose.py'), 'utf8'));
    assert.deepEqual(py.find((tag) => tag.id === 'REQ-080'), { id: 'REQ-080', relation: 'implements', line: 5, column: 13, endColumn: 20 });
    const yaml = tags('yaml', fs.readFileSync(path.join(FIXTURES, 'ci.yml'), 'utf8'));
    assert.deepEqual(yaml.find((tag) => tag.id === 'REQ-151'), { id: 'REQ-151', relation: 'implements', line: 15, column: 36, endColumn: 43, symbol: 'jobs.test.steps.name' });
    const cmake = tags('cmake', fs.readFileSync(path.join(FIXTURES, 'CMakeLists.txt'), 'utf8'));
    assert.deepEqual(cmake.find((tag) => tag.id === 'RISK-170'), { id: 'RISK-170', relation: 'mitigates', line: 13, column: 40, endColumn: 48 });
    const docker = tags('dockerfile', fs.readFileSync(path.join(FIXTURES, 'Dockerfile'), 'utf8'));
    assert.deepEqual(docker.find((tag) => tag.id === 'REQ-191'), { id: 'REQ-191', relation: 'implements', line: 16, column: 10, endColumn: 17, symbol: 'runtime' });
  });
});

describe('comment spans', () => {
  it('uses JS string (UTF-16) offsets with non-ASCII text before the tag', () => {
    const text = 'int a = 1; // é€😀 REQ-1\n/* 😀😀 */ int b; // ü REQ-2\n';
    const spans = parser.commentSpans('c', text);
    assert.deepEqual(spans.map((span) => text.slice(span.start, span.end)), ['// é€😀 REQ-1', '/* 😀😀 */', '// ü REQ-2']);
    const found = tags('c', text);
    assert.deepEqual(found.map((tag) => [tag.line, tag.column]), [[1, text.indexOf('REQ-1') + 1], [2, text.split('\n')[1]!.indexOf('REQ-2') + 1]]);
  });

  it('reports spans in document order with kinds', () => {
    const text = '"""Doc REQ-1."""\n# note\ndef f():\n    """Inner."""\n';
    const spans = parser.commentSpans('python', text);
    assert.deepEqual(spans.map((span) => span.kind), ['docstring', 'comment', 'docstring']);
    assert.ok(spans.every((span, i) => i === 0 || spans[i - 1]!.end <= span.start));
  });

  it('finds line, block and doc comment forms', () => {
    assert.deepEqual(spanTexts('rust', '//! inner\n/// outer\n/** block doc */\n/* plain */\n// line\nfn f() {}\n'), [
      '//! inner\n', '/// outer\n', '/** block doc */', '/* plain */', '// line',
    ]);
    assert.deepEqual(spanTexts('csharp', '/// <summary>x</summary>\n/* b */ class A {}\n'), ['/// <summary>x</summary>', '/* b */']);
    assert.deepEqual(spanTexts('ruby', '=begin\nblock\n=end\n# line\n'), ['=begin\nblock\n=end', '# line']);
    assert.deepEqual(spanTexts('php', '<?php\n# hash\n// slash\n/** doc */\n'), ['# hash', '// slash', '/** doc */']);
  });

  it('finds comments that the C grammar leaves inside preprocessor text, and none in its strings', () => {
    const text = '#define MSG "a // REQ-901" // REQ-1\n#pragma once /* REQ-2 */\n#error "REQ-902 // x" // REQ-3\n#define T(x) \\\n  (x) // REQ-4\n';
    for (const id of ['c', 'cpp']) {
      assert.deepEqual(tags(id, text).map((tag) => [tag.id, tag.line]), [['REQ-1', 1], ['REQ-2', 2], ['REQ-3', 3], ['REQ-4', 5]]);
    }
  });

  it('counts JSX and TSX comments but not JSX text or attributes', () => {
    const jsx = 'const A = () => <div title="REQ-901">{/* Implements: REQ-1 */}REQ-902</div>;\n';
    assert.deepEqual(tags('javascript', jsx).map((tag) => [tag.id, tag.relation, tag.symbol]), [['REQ-1', 'implements', 'A']]);
    assert.deepEqual(tags('tsx', jsx).map((tag) => tag.id), ['REQ-1']);
  });

  it('does not count literals in any language', () => {
    const cases: Array<[string, string]> = [
      ['c', 'char *s = "REQ-901"; char c = \'"\'; int x; // REQ-1'],
      ['cpp', 'auto s = R"x(REQ-901 // REQ-902)x"; auto t = u8"REQ-903"; // REQ-1'],
      ['csharp', 'var a = @"REQ-901 "" // x"; var b = """REQ-902"""; var c = $@"{x} REQ-903"; // REQ-1'],
      ['java', 'String s = "REQ-901 // x"; char c = \'/\'; // REQ-1'],
      ['javascript', 'const a = `REQ-901 ${"REQ-902"}`; const r = /REQ-903\\/\\//; // REQ-1'],
      ['typescript', 'const a: string = `// REQ-901`; const r = /REQ-902/u; // REQ-1'],
      ['python', 's = r"REQ-901\\d" + b"REQ-902" + """REQ-903""" + f"REQ-904"  # REQ-1'],
      ['go', 'var s = `REQ-901\n// REQ-902` + "REQ-903" // REQ-1'],
      ['rust', 'let s = r##"REQ-901 "# // REQ-902"##; let c = \'"\'; let l: &\'static str = "REQ-903"; // REQ-1'],
      ['ruby', 's = "REQ-901 #{x} # REQ-902" + %w[REQ-903] + /REQ-904/.source # REQ-1'],
      ['php', '<?php $s = "REQ-901 // x" . \'REQ-902 # y\'; // REQ-1'],
      ['bash', 'echo "REQ-901 # x" \'REQ-902\' $\'REQ-903\' # REQ-1'],
      ['scala', 'val s = """REQ-901 // x""" + s"REQ-902" // REQ-1'],
      ['yaml', 'a: "REQ-901 # x"\nb: \'REQ-902 # y\'\nc: |\n  REQ-903 # z\n  # REQ-904\nd: x#REQ-905 # REQ-1\n'],
      ['toml', 'a = "REQ-901 # x"\nb = \'REQ-902 # y\'\nc = """\n# REQ-903\n"""\nd = \'\'\'# REQ-904\'\'\' # REQ-1\n'],
      ['make', 'X = "REQ-901"\ndefine Y\n# REQ-902\nendef\nall: ; echo "REQ-903" # REQ-904 handed to the shell\n# REQ-1\n'],
      ['cmake', 'set(A "REQ-901 # x" [[REQ-902 # y]] a\\#REQ-903)\n# REQ-1\n'],
      ['dockerfile', 'FROM a\nRUN echo "REQ-901" # REQ-902\nRUN <<EOT\n# REQ-903\nEOT\n# REQ-1\n'],
    ];
    for (const [languageId, text] of cases) {
      assert.deepEqual(tags(languageId, text).map((tag) => tag.id), ['REQ-1'], `${languageId}: ${text}`);
    }
  });

  it('rejects unknown languages and grammars that are not loaded', async () => {
    assert.throws(() => parser.commentSpans('cobol', 'x'), /Unknown language: cobol/);
    await assert.rejects(parser.loadLanguage('cobol'), /Unknown language: cobol/);
    const fresh = await CommentParser.create();
    try {
      assert.equal(fresh.isLoaded('go'), false);
      assert.throws(() => fresh.commentSpans('go', '// x'), /not loaded: await parser.loadLanguage\('go'\)/);
      await fresh.loadLanguage('go');
      assert.equal(fresh.isLoaded('go'), true);
      assert.equal(fresh.commentSpans('go', '// x').length, 1);
    } finally {
      fresh.dispose();
    }
    assert.throws(() => fresh.commentSpans('go', '// x'), /disposed/);
  });

  it('asks the given locator for grammar files', async () => {
    const asked: string[] = [];
    const located = await CommentParser.create((name) => {
      asked.push(name);
      return defaultWasmLocator(name);
    });
    try {
      await located.loadLanguage('java');
      await located.loadLanguage('java');
      assert.deepEqual(asked.filter((name) => name !== 'tree-sitter.wasm'), ['tree-sitter-java.wasm']);
    } finally {
      located.dispose();
    }
  });
});

describe('Python docstrings', () => {
  it('counts module, class and function docstrings, after comments too', () => {
    const text = [
      '#!/usr/bin/env python',
      '# header',
      '"""Module REQ-1."""',
      'class Pump:',
      '    r"""Class REQ-2."""',
      '    def run(self):',
      "        '''Method REQ-3.'''",
      '        return 1',
      'def helper():',
      '    # a comment first',
      '    "Function REQ-4."',
      '',
    ].join('\n');
    const spans = parser.commentSpans('python', text).filter((span) => span.kind === 'docstring');
    assert.deepEqual(spans.map((span) => [text.slice(span.start, span.end), span.symbol]), [
      ['"""Module REQ-1."""', undefined],
      ['r"""Class REQ-2."""', 'Pump'],
      ["'''Method REQ-3.'''", 'Pump.run'],
      ['"Function REQ-4."', 'helper'],
    ]);
  });

  it('does not count other strings, even triple-quoted ones at the start of a body', () => {
    const text = [
      'import os',
      '"""Not a module docstring REQ-901."""',
      'def f():',
      '    x = 1',
      '    """Not first REQ-902."""',
      '    return x',
      'def g():',
      '    f"""An f-string REQ-903."""',
      'def h():',
      '    """Joined REQ-904.""".strip()',
      'X = """Assigned REQ-905."""',
      'print("""Argument REQ-906.""")',
      '',
    ].join('\n');
    assert.deepEqual(parser.commentSpans('python', text), []);
  });
});

describe('symbol attribution', () => {
  it('C: function, prototype, struct and the enclosing function', () => {
    assert.equal(symbolOf('c', '// REQ-1\nstatic int *pump_buf(void) { return 0; }\n'), 'pump_buf');
    assert.equal(symbolOf('c', '/** REQ-1 */\nint pump_start(int rate);\n'), 'pump_start');
    assert.equal(symbolOf('c', 'void f(void) {\n  int x = 1;\n  // REQ-1\n  x++;\n}\n'), 'f');
    assert.equal(symbolOf('c', 'typedef struct {\n  int rate; // REQ-1\n} Pump;\n'), 'Pump');
    assert.equal(symbolOf('c', '// REQ-1\nint rate = 0;\n'), undefined);
  });

  it('C++: class method in and out of the class', () => {
    const text = 'class Pump {\npublic:\n  /// REQ-1\n  void start();\n  void stop() {\n    // REQ-2\n  }\n};\n// REQ-3\nvoid Pump::start() {}\n';
    assert.deepEqual(tags('cpp', text).map((tag) => tag.symbol), ['Pump.start', 'Pump.stop', 'Pump.start']);
    assert.equal(symbolOf('cpp', 'namespace ns {\ntemplate <typename T>\nstruct Box {\n  // REQ-1\n  T get() const { return t; }\n};\n}\n'), 'Box.get');
    assert.equal(symbolOf('cpp', '// REQ-1\ntemplate <typename T> T Foo<T>::bar() {}\n'), 'Foo.bar');
  });

  it('Java and C#: methods qualified by their class, through annotations and attributes', () => {
    assert.equal(symbolOf('java', 'class Pump {\n  /** REQ-1 */\n  @Override\n  public void start() {}\n}\n'), 'Pump.start');
    assert.equal(symbolOf('java', 'class Outer {\n  static class Inner {\n    void run() { /* REQ-1 */ }\n  }\n}\n'), 'Outer.Inner.run');
    assert.equal(symbolOf('csharp', 'class Pump {\n  /// REQ-1\n  [Obsolete]\n  public void Start() {}\n}\n'), 'Pump.Start');
    assert.equal(symbolOf('csharp', 'namespace N;\npublic class Pump {\n  public Pump() {\n    // REQ-1\n  }\n}\n'), 'Pump.Pump');
  });

  it('Python: function, method, class, decorated definitions', () => {
    assert.equal(symbolOf('python', '# REQ-1\ndef run():\n    pass\n'), 'run');
    assert.equal(symbolOf('python', 'class Pump:\n    # REQ-1\n    @property\n    def rate(self):\n        return 1\n'), 'Pump.rate');
    assert.equal(symbolOf('python', '# REQ-1\nclass Pump:\n    pass\n'), 'Pump');
    assert.equal(symbolOf('python', 'class Pump:\n    def run(self):\n        x = 1  # REQ-1\n'), 'Pump.run');
  });

  it('JavaScript and TypeScript: function, class method, arrow const, exports', () => {
    assert.equal(symbolOf('javascript', '/** REQ-1 */\nfunction start() {}\n'), 'start');
    assert.equal(symbolOf('javascript', 'class Pump {\n  // REQ-1\n  start() {}\n}\n'), 'Pump.start');
    assert.equal(symbolOf('javascript', '// REQ-1\nconst stop = () => {};\n'), 'stop');
    assert.equal(symbolOf('javascript', '// REQ-1\nconst limit = 5;\n'), undefined);
    assert.equal(symbolOf('typescript', '/** REQ-1 */\nexport default class Pump {}\n'), 'Pump');
    assert.equal(symbolOf('typescript', 'export class Pump {\n  /** REQ-1 */\n  @log()\n  private start(): void {}\n}\n'), 'Pump.start');
    assert.equal(symbolOf('typescript', '// REQ-1\nexport const stop = async (): Promise<void> => {};\n'), 'stop');
    assert.equal(symbolOf('typescript', 'interface Pump {\n  // REQ-1\n  start(): void;\n}\n'), 'Pump.start');
  });

  it('Go: functions and methods with pointer, value and generic receivers', () => {
    assert.equal(symbolOf('go', 'package p\n// REQ-1\nfunc New() {}\n'), 'New');
    assert.equal(symbolOf('go', 'package p\n// REQ-1\nfunc (p *Pump) Start() {}\n'), 'Pump.Start');
    assert.equal(symbolOf('go', 'package p\n// REQ-1\nfunc (p Pump) Stop() {}\n'), 'Pump.Stop');
    assert.equal(symbolOf('go', 'package p\n// REQ-1\nfunc (b *Box[T]) Get() T { var t T; return t }\n'), 'Box.Get');
    assert.equal(symbolOf('go', 'package p\ntype Runner interface {\n\t// REQ-1\n\tRun() error\n}\n'), 'Runner.Run');
  });

  it('Rust: fn in impl and trait, items behind attributes, inner doc comments', () => {
    assert.equal(symbolOf('rust', 'impl Pump {\n    /// REQ-1\n    pub fn start(&self) {}\n}\n'), 'Pump.start');
    assert.equal(symbolOf('rust', 'impl<T> Display for Wrapper<T> {\n    fn fmt(&self) { /* REQ-1 */ }\n}\n'), 'Wrapper.fmt');
    assert.equal(symbolOf('rust', 'trait Run {\n    /// REQ-1\n    fn run(&self);\n}\n'), 'Run.run');
    assert.equal(symbolOf('rust', '/// REQ-1\n#[derive(Debug)]\n#[repr(C)]\nenum Mode { A }\n'), 'Mode');
    assert.equal(symbolOf('rust', 'fn outer() {\n    //! REQ-1\n}\nfn next() {}\n'), 'outer');
  });

  it('Ruby, PHP, Bash, Scala: methods and functions', () => {
    assert.equal(symbolOf('ruby', 'class Pump\n  # REQ-1\n  def start; end\nend\n'), 'Pump.start');
    assert.equal(symbolOf('ruby', 'def stop\n  x = 1 # REQ-1\nend\n'), 'stop');
    assert.equal(symbolOf('php', '<?php\nclass Pump {\n  /** REQ-1 */\n  public function start() {}\n}\n'), 'Pump.start');
    assert.equal(symbolOf('bash', '# REQ-1\nstart() { :; }\n'), 'start');
    assert.equal(symbolOf('scala', 'trait Run {\n  // REQ-1\n  def run(): Unit\n}\n'), 'Run.run');
  });

  it('attaches a comment to the next definition only when nothing but comments separates them', () => {
    // A blank line breaks the link: the comment is about the file, not the function.
    assert.equal(symbolOf('c', '// REQ-1\n\nint f(void) { return 0; }\n'), undefined);
    // A run of adjacent comments documents the definition after it.
    assert.deepEqual(tags('c', '// REQ-1\n/* REQ-2 */\n// REQ-3\nint f(void) { return 0; }\n').map((tag) => tag.symbol), ['f', 'f', 'f']);
    // A statement in between breaks it too.
    assert.equal(symbolOf('javascript', '// REQ-1\nlet x = 1;\nfunction f() {}\n'), undefined);
  });

  it('gives a top-level comment with nothing after it no symbol', () => {
    assert.equal(symbolOf('go', 'package p\n\nfunc f() {}\n\n// REQ-1\n'), undefined);
    assert.equal(symbolOf('python', 'def f():\n    pass\n\n# REQ-1\n'), undefined);
  });

  it('gives a trailing comment the enclosing definition, or the definition it trails', () => {
    assert.equal(symbolOf('c', 'int f(void) {\n  return 0; // REQ-1\n}\nint g(void) { return 1; }\n'), 'f');
    assert.equal(symbolOf('c', 'int x; // REQ-1\nint g(void) { return 1; }\n'), undefined);
    assert.equal(symbolOf('c', 'int f(void) { return 0; } // REQ-1\nint g(void) { return 1; }\n'), 'f');
    assert.equal(symbolOf('javascript', 'class Pump {\n  rate = 1; // REQ-1\n  start() {}\n}\n'), 'Pump');
  });
});

describe('YAML and TOML: comments, never strings', () => {
  it('YAML: quoted, plain, block and flow scalars hold no comments', () => {
    const text = [
      'a: "REQ-901 # x" # REQ-1',
      "b: 'REQ-902 # y'",
      'c: x#REQ-903',
      'd: |',
      '  run # REQ-904',
      '  # REQ-905',
      'e: >-',
      '  folded # REQ-906',
      'f: [x, "REQ-907 # z"] # REQ-2',
      '---',
      '# REQ-3',
      'g: {k: "REQ-908"}',
      '',
    ].join('\n');
    assert.deepEqual(tags('yaml', text).map((tag) => [tag.id, tag.line, tag.column]), [['REQ-1', 1, 20], ['REQ-2', 9, 25], ['REQ-3', 11, 3]]);
  });

  it('TOML: basic, literal and multi-line strings hold no comments, arrays and inline tables end before them', () => {
    const text = [
      'a = [',
      '  "REQ-901 # x", # REQ-1',
      "  'REQ-902',",
      ']',
      'b = { c = "REQ-903 # y" } # REQ-2',
      'd = """',
      '# REQ-904',
      '"""',
      "e = '''",
      '# REQ-905',
      "'''",
      '[t] # REQ-3',
      '',
    ].join('\n');
    assert.deepEqual(tags('toml', text).map((tag) => [tag.id, tag.line, tag.column, tag.symbol]), [
      ['REQ-1', 2, 20, 'a'], ['REQ-2', 5, 29, 'b'], ['REQ-3', 12, 7, 't'],
    ]);
  });
});

describe('Makefiles', () => {
  it('reads Make comments; recipe lines and define bodies are text handed on, not comments', () => {
    const text = ['# REQ-1', 'all: dep # REQ-2', '\techo "REQ-901" # REQ-902', 'define X', '# REQ-903', 'endef', 'ifeq ($(A),1) # REQ-3', 'endif', ''].join('\n');
    assert.deepEqual(tags('make', text).map((tag) => [tag.id, tag.line, tag.column, tag.symbol]), [
      ['REQ-1', 1, 3, 'all'], ['REQ-2', 2, 12, 'all'], ['REQ-3', 7, 17, undefined],
    ]);
  });
});

describe('CMake comment lexer', () => {
  const spans = (text: string) => spanTexts('cmake', text);

  it('skips quoted arguments, escapes and all', () => {
    assert.deepEqual(spans('message("a \\" # REQ-901")  # REQ-1\n'), ['# REQ-1']);
    assert.deepEqual(spans('set(A "one\n# REQ-901\ntwo\\\n# REQ-902")\n# REQ-1\n'), ['# REQ-1']);
    assert.deepEqual(spans('message(a\\#REQ-901 b#REQ-1)\n'), ['#REQ-1)']);
  });

  it('reads bracket comments to the bracket of the same level', () => {
    assert.deepEqual(spans('#[[ REQ-1\n  more ]] x()\n'), ['#[[ REQ-1\n  more ]]']);
    assert.deepEqual(spans('#[=[ REQ-1 ]] still ]==] in ]=] after()\n'), ['#[=[ REQ-1 ]] still ]==] in ]=]']);
    assert.deepEqual(spans('#[x REQ-1\n'), ['#[x REQ-1']);
    assert.deepEqual(spans('#[[ REQ-1 never closed\nx()\n'), ['#[[ REQ-1 never closed\nx()\n']);
  });

  it('skips bracket arguments, which open only where an argument starts', () => {
    assert.deepEqual(spans('set(A [=[ # REQ-901 ]] ]=] ) # REQ-1\n'), ['# REQ-1']);
    assert.deepEqual(spans('set(A x[[ # REQ-1 ]])\n'), ['# REQ-1 ]])']);
    assert.deepEqual(spans('set(A "b c"[[ # REQ-901 ]])\n'), []);
  });

  it('follows legacy unquoted arguments through $(VAR) and plain quoted parts', () => {
    assert.deepEqual(spans('set(X -DA="b c"[[ # REQ-1 ]])\n'), ['# REQ-1 ]])']);
    assert.deepEqual(spans('set(X $(FOO)[[ # REQ-2 ]])\n'), ['# REQ-2 ]])']);
    // A quoted part holding `(` is no legacy part: a quoted argument starts there, and a bracket after it.
    assert.deepEqual(spans('set(X a"b(c"[[ # REQ-901 ]])\n'), []);
  });

  it('ends line comments before \\r\\n and treats an unterminated quoted argument as no comment', () => {
    assert.deepEqual(spans('# REQ-1\r\nset(A)\r\n'), ['# REQ-1']);
    assert.deepEqual(spans('set(A "REQ-901 # x\n'), []);
  });
});

describe('Dockerfile comments', () => {
  const found = (text: string) => tags('dockerfile', text).map((tag) => [tag.id, tag.line, tag.column]);

  it('skips parser directives, only at the top', () => {
    assert.deepEqual(found('# syntax=REQ-901\n# REQ-1\nFROM a\n# syntax=REQ-2\n'), [['REQ-1', 2, 3], ['REQ-2', 4, 10]]);
  });

  it('reads comment lines between continued lines, with the escape directive', () => {
    assert.deepEqual(found('# escape=`\nFROM a\nRUN echo a `\n  # REQ-1\n  b # REQ-901\n'), [['REQ-1', 4, 5]]);
  });

  it('skips heredoc bodies: plain, quoted, chomped and several on one line', () => {
    const text = [
      'FROM a',
      'RUN <<-"EOT" cat && <<TWO cat',
      '\t# REQ-901',
      '\tEOT',
      '# REQ-902',
      'TWO',
      '# REQ-1',
      "COPY <<'X' /etc/x",
      '# REQ-903',
      'X',
      'RUN echo "<<EOT"',
      '# REQ-2',
      '',
    ].join('\n');
    assert.deepEqual(found(text), [['REQ-1', 7, 3], ['REQ-2', 12, 3]]);
  });
});
