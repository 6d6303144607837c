// Verifies: TL-049
/**
 * The comment-highlighting grammars in syntaxes/, tokenized by vscode-textmate and vscode-oniguruma
 * (what VS Code itself runs) against small host languages in test/fixtures/syntaxes/. When the offline
 * end-to-end setup (test/e2e/setup-code-server.sh) has installed code-server, they are also run against
 * VS Code's own language grammars and colour themes; without it those tests are skipped.
 *
 * Lines are rendered with the Tracelens tokens marked: `{Implements:}` is a relation keyword and
 * `[REQ-012]` an ID; everything else is left as it was.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { parse as parseJsonc } from 'jsonc-parser';
import { DEFAULT_KEYWORDS, DEFAULT_PREFIXES } from '../../src/core/config/types';
import { idRegexFor } from '../../src/core/model/ids';
import { grammarFiles } from '../../scripts/textmateGrammars';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/syntaxes');
const INJECTION = 'tracelens.injection';
const HOST = 'source.tracelens-host';

const KEYWORD_SCOPE = 'keyword.other.relation.tracelens';
/** An ID carries both: themes colour the inner one, and the outer one where they leave it unstyled. */
const ID_SCOPES = ['constant.numeric.id.tracelens', 'variable.other.constant.id.tracelens'];

/**
 * Root scopes of the VS Code languages whose files the scanner reads (src/parsing/languages.ts). PHP
 * files have the HTML-rooted `text.html.php` grammar, which embeds `source.php`; Scala's grammar comes
 * from the Scala Syntax extension, TOML's and CMake's from extensions too (Even Better TOML, CMake).
 */
const LANGUAGE_ROOTS = [
  'source.c', 'source.cpp', 'source.cs', 'source.java', 'source.js', 'source.js.jsx', 'source.ts', 'source.tsx',
  'source.python', 'source.go', 'source.rust', 'source.ruby', 'source.php', 'text.html.php', 'source.shell', 'source.scala',
  'source.yaml', 'source.toml', 'source.makefile', 'source.cmake', 'source.dockerfile',
];

interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo: readonly string[];
}

/** The `contributes.grammars` entries of package.json, one per file in syntaxes/. */
const CONTRIBUTIONS: readonly GrammarContribution[] = [
  { scopeName: INJECTION, path: './syntaxes/tracelens.injection.tmLanguage.json', injectTo: LANGUAGE_ROOTS },
  { scopeName: 'tracelens.line-comments.cs', path: './syntaxes/tracelens.line-comments.cs.tmLanguage.json', injectTo: ['source.cs'] },
  { scopeName: 'tracelens.line-comments.rust', path: './syntaxes/tracelens.line-comments.rust.tmLanguage.json', injectTo: ['source.rust'] },
  { scopeName: 'tracelens.line-comments.shell', path: './syntaxes/tracelens.line-comments.shell.tmLanguage.json', injectTo: ['source.shell'] },
  { scopeName: 'tracelens.line-comments.dockerfile', path: './syntaxes/tracelens.line-comments.dockerfile.tmLanguage.json', injectTo: ['source.dockerfile'] },
];

const contributionFile = (contribution: GrammarContribution) => path.join(ROOT, contribution.path);
const INJECTION_FILE = contributionFile(CONTRIBUTIONS[0]!);

test('the grammars in syntaxes/ are those the engine tables generate (npm run grammars)', () => {
  const generated = grammarFiles();
  assert.deepEqual(Object.keys(generated).sort(), CONTRIBUTIONS.map((c) => path.basename(c.path)).sort());
  for (const [name, text] of Object.entries(generated)) {
    assert.equal(readFileSync(path.join(ROOT, 'syntaxes', name), 'utf8'), text, `syntaxes/${name} is stale: run npm run grammars`);
  }
});

let onigLib: Promise<vsctm.IOnigLib> | undefined;

/** vscode-oniguruma with its wasm from node_modules; the wasm may be loaded once per process. */
function onig(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/**
 * A registry as VS Code builds one: grammars by scope name, and for each root scope the injection
 * grammars whose `injectTo` names it.
 */
function createRegistry(files: ReadonlyMap<string, string>, injectTo: ReadonlyMap<string, readonly string[]>): vsctm.Registry {
  return new vsctm.Registry({
    onigLib: onig(),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => [...injectTo].filter(([, targets]) => targets.includes(scopeName)).map(([injection]) => injection),
  });
}

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

/** Tokenizes consecutive lines, carrying the rule stack from one line to the next as an editor does. */
function tokenizeLines(grammar: vsctm.IGrammar, lines: readonly string[]): Token[][] {
  let stack = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)), scopes: t.scopes }));
  });
}

const isTracelens = (scope: string) => scope.endsWith('.tracelens');

function markOf(scopes: readonly string[]): 'keyword' | 'id' | undefined {
  if (scopes.includes(KEYWORD_SCOPE)) return 'keyword';
  if (ID_SCOPES.every((scope) => scopes.includes(scope))) return 'id';
  if (scopes.some(isTracelens)) throw new Error(`unexpected Tracelens scopes ${scopes.join(' ')}`);
  return undefined;
}

/** A tokenized line with keywords as `{…}` and IDs as `[…]` (adjacent tokens of one kind merged). */
function render(tokens: readonly Token[]): string {
  let out = '';
  let open: 'keyword' | 'id' | undefined;
  const close = () => {
    if (open) out += open === 'keyword' ? '}' : ']';
    open = undefined;
  };
  for (const token of tokens) {
    const mark = markOf(token.scopes);
    if (mark !== open) {
      close();
      if (mark) out += mark === 'keyword' ? '{' : '[';
      open = mark;
    }
    out += token.text;
  }
  close();
  return out;
}

/**
 * The host's scopes of every character outside the Tracelens tokens of `marked` (those characters are
 * `*`), so that a line tokenized with and without the injections can be compared.
 */
function hostScopesOutside(tokens: readonly Token[], marked: readonly Token[]): string[] {
  const mask: boolean[] = [];
  let column = 0;
  for (const token of marked) {
    for (let i = 0; i < token.text.length; i++) mask[column + i] = token.scopes.some(isTracelens);
    column += token.text.length;
  }
  const chars: string[] = [];
  for (const token of tokens) {
    for (let i = 0; i < token.text.length; i++) {
      chars.push(mask[chars.length] ? '*' : token.scopes.filter((scope) => !isTracelens(scope)).join(' '));
    }
  }
  return chars;
}

describe('the grammar files', () => {
  const raw = new Map(CONTRIBUTIONS.map((c) => [c.scopeName, JSON.parse(readFileSync(contributionFile(c), 'utf8'))]));

  test('the main grammar is an injection into comments and docstrings, ahead of the host grammar', () => {
    const injection = raw.get(INJECTION);
    assert.equal(injection.scopeName, INJECTION);
    // `L:` makes the injection win over host rules that match at the same position (JSDoc's @implements).
    assert.equal(injection.injectionSelector, 'L:comment, L:string.quoted.docstring');
  });

  test('each file in syntaxes/ is one contribution, injected where its selector applies', () => {
    const files = readdirSync(path.join(ROOT, 'syntaxes')).map((name) => `./syntaxes/${name}`).sort();
    assert.deepEqual(files, CONTRIBUTIONS.map((c) => c.path).sort());
    for (const contribution of CONTRIBUTIONS) {
      const grammar = raw.get(contribution.scopeName);
      assert.equal(grammar.scopeName, contribution.scopeName, contribution.path);
      if (contribution.scopeName === INJECTION) continue;
      // A line-comment override applies to its one language, outside comments and strings.
      assert.match(grammar.injectionSelector, new RegExp(`^L:${contribution.injectTo[0]!.replace(/\./g, '\\.')} -comment -string\\b`));
      assert.deepEqual(contribution.injectTo, [contribution.injectTo[0]]);
      assert.ok(LANGUAGE_ROOTS.includes(contribution.injectTo[0]!), contribution.scopeName);
    }
  });

  test("the keywords and default prefixes are the scanner's", () => {
    const { tag, 'bare-id': bareId } = raw.get(INJECTION).repository;
    const keywords = /\(\?i:([a-z|]+)\)/.exec(tag.match)?.[1]?.split('|');
    const prefixes = /\(\?:([A-Z|]+)\)/.exec(bareId.match)?.[1]?.split('|');
    const types = /\(\?:([a-z|]+)\)~/.exec(bareId.match)?.[1]?.split('|');
    assert.deepEqual(keywords?.sort(), Object.keys(DEFAULT_KEYWORDS).sort());
    assert.deepEqual(prefixes?.sort(), Object.keys(DEFAULT_PREFIXES).filter((key) => /^[A-Z]/.test(key)).sort());
    assert.deepEqual(types?.sort(), Object.keys(DEFAULT_PREFIXES).filter((key) => /^[a-z]/.test(key)).sort());
  });

  test('every regex compiles under Oniguruma', async () => {
    await onig();
    const sources: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') sources.push(value);
          else walk(value);
        }
      }
    };
    raw.forEach(walk);
    assert.ok(sources.length >= 8);
    for (const source of sources) assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), source);
  });

  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const contributed = (manifest.contributes?.grammars ?? []).filter((g: { scopeName?: string }) => g.scopeName?.startsWith('tracelens.'));
  test('package.json contributes exactly these grammars', { skip: contributed.length === 0 && 'package.json contributes no Tracelens grammar yet' }, () => {
    const normalize = (entries: readonly GrammarContribution[]) =>
      entries.map((e) => ({ scopeName: e.scopeName, path: e.path, injectTo: [...e.injectTo].sort() })).sort((a, b) => a.scopeName.localeCompare(b.scopeName));
    assert.deepEqual(normalize(contributed), normalize(CONTRIBUTIONS));
  });
});

describe('tokenized inside a host language', () => {
  let grammar: vsctm.IGrammar;

  before(async () => {
    const registry = createRegistry(
      new Map([[INJECTION, INJECTION_FILE], [HOST, path.join(FIXTURES, 'host.tmLanguage.json')]]),
      new Map([[INJECTION, [HOST]]]),
    );
    const loaded = await registry.loadGrammar(HOST);
    assert.ok(loaded, 'host grammar loads');
    grammar = loaded;
  });

  const lines = (...text: string[]) => tokenizeLines(grammar, text).map(render);
  const line = (text: string) => lines(text)[0];

  test('the tag forms of the four comment styles', () => {
    assert.equal(line('// Implements: REQ-012'), '// {Implements:} [REQ-012]');
    assert.equal(line('# Verifies: REQ-012, RISK-003'), '# {Verifies:} [REQ-012], [RISK-003]');
    assert.equal(line('/** @implements SRS-4 */'), '/** {@implements} [SRS-4] */');
    assert.equal(line('-- Mitigates: HAZ-2'), '-- {Mitigates:} [HAZ-2]');
  });

  test('the tokens carry the Tracelens scopes inside the comment scope', () => {
    const [tokens] = tokenizeLines(grammar, ['// Implements: REQ-012']);
    const keyword = tokens!.find((t) => t.text === 'Implements:');
    const id = tokens!.find((t) => t.text === 'REQ-012');
    assert.deepEqual(keyword?.scopes, [HOST, 'comment.line.double-slash.host', KEYWORD_SCOPE]);
    assert.deepEqual(id?.scopes, [HOST, 'comment.line.double-slash.host', ...ID_SCOPES]);
  });

  test('@verifies and Verifies: are both keywords, in any case', () => {
    assert.equal(line('// @verifies REQ-1'), '// {@verifies} [REQ-1]');
    assert.equal(line('// Verifies: REQ-1'), '// {Verifies:} [REQ-1]');
    assert.equal(line('// @Verifies: REQ-1'), '// {@Verifies:} [REQ-1]');
    assert.equal(line('// VERIFIES REQ-1'), '// {VERIFIES} [REQ-1]');
    assert.equal(line('// Verifies : REQ-1'), '// {Verifies :} [REQ-1]');
  });

  test('every default relation keyword, with and without @ and :', () => {
    for (const keyword of Object.keys(DEFAULT_KEYWORDS)) {
      const title = keyword[0]!.toUpperCase() + keyword.slice(1);
      assert.equal(line(`// ${title}: REQ-1`), `// {${title}:} [REQ-1]`, keyword);
      assert.equal(line(`// @${keyword} FOO-2`), `// {@${keyword}} [FOO-2]`, keyword);
      assert.equal(line(`# ${keyword.toUpperCase()} REQ-3`), `# {${keyword.toUpperCase()}} [REQ-3]`, keyword);
    }
  });

  test('a keyword is coloured only when it introduces IDs', () => {
    assert.equal(line('// This implements the FIFO of the pump.'), '// This implements the FIFO of the pump.');
    assert.equal(line('// Tests: none yet'), '// Tests: none yet');
    // The scanner gives REQ-1 this keyword's relation; the keyword is no tag, the ID still counts.
    assert.equal(line('// Implements the pump half of REQ-1'), '// Implements the pump half of [REQ-1]');
    // A hyphen, letter or @ joins a keyword to its word, as in the scanner: these are not keywords.
    assert.equal(line('// re-implements REQ-1'), '// re-implements [REQ-1]');
    assert.equal(line('// tests-only: REQ-1'), '// tests-only: [REQ-1]');
    assert.equal(line('// reimplements REQ-1'), '// reimplements [REQ-1]');
    assert.equal(line('// user@implements REQ-1'), '// user@implements [REQ-1]');
  });

  test('every ID of a tag list is coloured, whatever its prefix', () => {
    assert.equal(line('// Implements: FOO-3'), '// {Implements:} [FOO-3]');
    assert.equal(line('// Implements REQ-1 REQ-2'), '// {Implements} [REQ-1] [REQ-2]');
    assert.equal(line('// Implements: TL-1; TLN-2 and TLR-3'), '// {Implements:} [TL-1]; [TLN-2] and [TLR-3]');
    assert.equal(line('// Verifies: SHR-APPLICATION-1/ABC_2, X-3A'), '// {Verifies:} [SHR-APPLICATION-1]/[ABC_2], [X-3A]');
    assert.equal(line('/* impl:FOO-1 */'), '/* {impl:}[FOO-1] */');
  });

  test('a tag list ends at the first word that is not an ID', () => {
    assert.equal(line('// Implements: FOO-1 so that UTF-8 and BAR-2 stay plain'), '// {Implements:} [FOO-1] so that UTF-8 and BAR-2 stay plain');
    assert.equal(line('// Implements: REQ-1 (see SRS-2)'), '// {Implements:} [REQ-1] (see [SRS-2])');
  });

  test('bare IDs are coloured only with a default prefix', () => {
    for (const prefix of Object.keys(DEFAULT_PREFIXES)) {
      const id = /^[a-z]/.test(prefix) ? `${prefix}~parse-config~12` : `${prefix}-12`;
      assert.equal(line(`// see ${id} first`), `// see [${id}] first`, prefix);
    }
    assert.equal(line('// Decode UTF-8, hash with SHA-256, fly an SR-71'), '// Decode UTF-8, hash with SHA-256, fly an [SR-71]');
    assert.equal(line('// see FOO-3 and TL-49'), '// see FOO-3 and TL-49');
    assert.equal(line('# REQ_007, SWR-UI-12B and RISK-3'), '# [REQ_007], [SWR-UI-12B] and [RISK-3]');
  });

  // Verifies: TL-096
  test('new ID shapes: multi-segment and typed IDs bare, joined IDs of a default prefix in tag lists, named IDs never', () => {
    assert.equal(line('// see REQ-INPUT-VAL-001 and req~login~1'), '// see [REQ-INPUT-VAL-001] and [req~login~1]');
    assert.equal(line('// see REQ001, MD5, FE_DEF, abc~x~1'), '// see REQ001, MD5, FE_DEF, abc~x~1');
    assert.equal(line('// Implements: REQ001, SDOC-SRS-18, tool~a.b-c~3'), '// {Implements:} [REQ001], [SDOC-SRS-18], [tool~a.b-c~3]');
    assert.equal(line('// tests UTF8 and MAX_SIZE'), '// tests UTF8 and MAX_SIZE');
    assert.equal(line('// [impl->dsn~parse-config~2]'), '// [{impl}->[dsn~parse-config~2]]');
    assert.equal(line('// [utest->dsn~parse-config~2]'), '// [utest->[dsn~parse-config~2]]');
  });

  test('bare IDs are bounded exactly as the scanner bounds them', () => {
    const keys = Object.keys(DEFAULT_PREFIXES);
    const pattern = idRegexFor({ prefixes: keys.filter((key) => /^[A-Z]/.test(key)), types: keys.filter((key) => /^[a-z]/.test(key)) })!;
    const samples = [
      'XREQ-1 REQ-1x REQ-1-2 REQ-12A REQ_3 _REQ-4 REQ-5_ a-REQ-6 (REQ-7) REQ-8. REQ-9, REQ-10-',
      'RISKY-1 RISK-1 TCP-1 TC-1 SR-A-1 SRS_B_2C REQ-1AB REQ--1 REQ- REQ-A REQ1 req-1 Req-1',
      'REQ-2:REQ-3 REQ-4/REQ-5 "REQ-6" <REQ-7> REQ-8-x REQ-9-_',
      'dsn~a~1 xdsn~a~1 dsn~a~1x dsn~a.b~2. dsn~.a~1 dsn~a~ req~A_b-~3 feat~a~1-2 (dsn~a~1) dsn~a~1~2',
    ];
    for (const sample of samples) {
      const expected = sample.replace(pattern, (id) => `[${id}]`);
      assert.equal(line(`// ${sample}`), `// ${expected}`, sample);
    }
  });

  test('the same text in strings is left alone', () => {
    assert.equal(line('"Implements: REQ-012, RISK-003"'), '"Implements: REQ-012, RISK-003"');
    assert.equal(line(`'@verifies SRS-4'`), `'@verifies SRS-4'`);
    assert.equal(line('x = """Verifies: REQ-1"""'), 'x = """Verifies: REQ-1"""');
    assert.equal(line('Implements: REQ-1 outside any comment'), 'Implements: REQ-1 outside any comment');
  });

  test('a block comment still ends where the host grammar says', () => {
    assert.equal(
      line('/* Implements: REQ-1 */ "REQ-2" // Verifies: REQ-3'),
      '/* {Implements:} [REQ-1] */ "REQ-2" // {Verifies:} [REQ-3]',
    );
    assert.equal(line('/* Implements: REQ-1*/ "RISK-2"'), '/* {Implements:} [REQ-1]*/ "RISK-2"');
  });

  test('doc comments and docstrings over several lines', () => {
    assert.deepEqual(
      lines(
        '/**',
        ' * Starts the pump.',
        ' * @implements SRS-4',
        ' * @verifies REQ-1, REQ-2',
        ' */',
        'x = "Implements: REQ-1"',
      ),
      ['/**', ' * Starts the pump.', ' * {@implements} [SRS-4]', ' * {@verifies} [REQ-1], [REQ-2]', ' */', 'x = "Implements: REQ-1"'],
    );
    assert.deepEqual(
      lines(
        'def start():',
        '    """Start the pump.',
        '',
        '    Implements: REQ-012',
        '    """',
        '    message = "Implements: REQ-012"',
        '    doc = """',
        '    Implements: REQ-012',
        '    """',
      ),
      [
        'def start():',
        '    """Start the pump.',
        '',
        '    {Implements:} [REQ-012]',
        '    """',
        '    message = "Implements: REQ-012"',
        '    doc = """',
        '    Implements: REQ-012',
        '    """',
      ],
    );
  });
});

describe('line comments that the host grammar matches in one regex', () => {
  const RUST = 'source.rust';
  const OVERRIDE = 'tracelens.line-comments.rust';
  const text = [
    '// Implements: REQ-012',
    '/// @verifies SRS-4',
    'fn start() { let s = "// Implements: REQ-1"; } // Mitigates: HAZ-2',
    '/* Verifies: REQ-7 */',
  ];
  let plain: Token[][];
  let injected: Token[][];
  let overridden: Token[][];

  before(async () => {
    const files = new Map([
      [RUST, path.join(FIXTURES, 'rust-like.tmLanguage.json')],
      [INJECTION, INJECTION_FILE],
      [OVERRIDE, contributionFile(CONTRIBUTIONS.find((c) => c.scopeName === OVERRIDE)!)],
    ]);
    const tokenize = async (injectTo: ReadonlyMap<string, readonly string[]>) =>
      tokenizeLines((await createRegistry(files, injectTo).loadGrammar(RUST))!, text);
    plain = await tokenize(new Map());
    injected = await tokenize(new Map([[INJECTION, [RUST]]]));
    overridden = await tokenize(new Map([[INJECTION, [RUST]], [OVERRIDE, [RUST]]]));
  });

  test('an injection alone cannot reach inside them', () => {
    assert.deepEqual(injected.map(render), [
      '// Implements: REQ-012',
      '/// @verifies SRS-4',
      'fn start() { let s = "// Implements: REQ-1"; } // Mitigates: HAZ-2',
      '/* {Verifies:} [REQ-7] */',
    ]);
  });

  test('the line-comment injection re-creates them as regions the tags are coloured in', () => {
    assert.deepEqual(overridden.map(render), [
      '// {Implements:} [REQ-012]',
      '/// {@verifies} [SRS-4]',
      'fn start() { let s = "// Implements: REQ-1"; } // {Mitigates:} [HAZ-2]',
      '/* {Verifies:} [REQ-7] */',
    ]);
  });

  test("with the host's own scopes everywhere else", () => {
    overridden.forEach((tokens, i) => assert.deepEqual(hostScopesOutside(tokens, tokens), hostScopesOutside(plain[i]!, tokens), text[i]));
  });
});

/** The colour-map index of a token's foreground, from vscode-textmate's encoded token attributes (bits 15–23). */
function foreground(attributes: number): number {
  return (attributes & 0x00ff8000) >>> 15;
}

/** Where test/e2e/setup-code-server.sh installs code-server, whose VS Code carries the built-in extensions. */
function vscodeExtensionsDir(): string | undefined {
  const cache = process.env.TRACELENS_E2E_CACHE ?? path.join(os.homedir(), '.cache/tracelens-e2e');
  const dir = path.join(cache, 'code-server/node_modules/code-server/lib/vscode/extensions');
  return existsSync(dir) ? dir : undefined;
}

/** Grammar files and injections contributed by VS Code's built-in extensions. */
function builtinGrammars(dir: string): { files: Map<string, string>; injectTo: Map<string, readonly string[]> } {
  const files = new Map<string, string>();
  const injectTo = new Map<string, readonly string[]>();
  for (const name of readdirSync(dir)) {
    const manifest = path.join(dir, name, 'package.json');
    if (!existsSync(manifest)) continue;
    for (const entry of JSON.parse(readFileSync(manifest, 'utf8')).contributes?.grammars ?? []) {
      if (files.has(entry.scopeName)) continue;
      files.set(entry.scopeName, path.join(dir, name, entry.path));
      if (entry.injectTo) injectTo.set(entry.scopeName, entry.injectTo);
    }
  }
  return { files, injectTo };
}

const extensionsDir = vscodeExtensionsDir();

describe("with VS Code's own grammars and themes", { skip: !extensionsDir && 'code-server is not installed (test/e2e/setup-code-server.sh)' }, () => {
  let withTracelens: vsctm.Registry;
  let hostOnly: vsctm.Registry;

  before(() => {
    const builtin = builtinGrammars(extensionsDir!);
    const files = new Map([...builtin.files, ...CONTRIBUTIONS.map((c) => [c.scopeName, contributionFile(c)] as const)]);
    const injectTo = new Map([...builtin.injectTo, ...CONTRIBUTIONS.map((c) => [c.scopeName, c.injectTo] as const)]);
    withTracelens = createRegistry(files, injectTo);
    hostOnly = createRegistry(builtin.files, builtin.injectTo);
  });

  /** Per language: tagged comments of its kinds, and the same text in its strings. */
  const cases: ReadonlyArray<readonly [scope: string, lines: readonly string[], expected: readonly string[]]> = [
    ['source.c', ['// Implements: REQ-012', '/* Verifies: REQ-1, RISK-3 */ f("REQ-2");', '#define X 1 // Implements: REQ-4', 'const char *s = "Implements: REQ-012";'],
      ['// {Implements:} [REQ-012]', '/* {Verifies:} [REQ-1], [RISK-3] */ f("REQ-2");', '#define X 1 // {Implements:} [REQ-4]', 'const char *s = "Implements: REQ-012";']],
    ['source.cpp', ['/// @implements SRS-4', 'auto s = "Implements: REQ-012"; // Mitigates: HAZ-2'],
      ['/// {@implements} [SRS-4]', 'auto s = "Implements: REQ-012"; // {Mitigates:} [HAZ-2]']],
    // A `///` line straight after `//` lines would differ from the host's: its `//` rule continues over it.
    ['source.cs', ['/// <summary>Implements: REQ-2</summary>', '// Implements: REQ-012', '    // Verifies: REQ-1', 'var s = "Implements: REQ-012"; // Verifies: TC-7', '/* Mitigates: HAZ-2 */', '//// Implements: REQ-3'],
      ['/// <summary>{Implements:} [REQ-2]</summary>', '// {Implements:} [REQ-012]', '    // {Verifies:} [REQ-1]', 'var s = "Implements: REQ-012"; // {Verifies:} [TC-7]', '/* {Mitigates:} [HAZ-2] */', '//// {Implements:} [REQ-3]']],
    ['source.java', ['/** @implements SRS-4 */', 'String s = "Implements: REQ-012"; // Verifies: REQ-1'],
      ['/** {@implements} [SRS-4] */', 'String s = "Implements: REQ-012"; // {Verifies:} [REQ-1]']],
    ['source.js', ['/** @implements SRS-4 */', 'const s = "Implements: REQ-012"; // Verifies: REQ-1', 'const t = `@verifies REQ-1`;'],
      ['/** {@implements} [SRS-4] */', 'const s = "Implements: REQ-012"; // {Verifies:} [REQ-1]', 'const t = `@verifies REQ-1`;']],
    ['source.js.jsx', ['// Implements: REQ-012', 'const s = "Implements: REQ-012";'], ['// {Implements:} [REQ-012]', 'const s = "Implements: REQ-012";']],
    ['source.ts', ['/**', ' * Starts the pump.', ' * @implements SRS-4', ' * @verifies REQ-1', ' */', "const s = 'Implements: REQ-012'; // Verifies: UTF-8 RISK-2"],
      ['/**', ' * Starts the pump.', ' * {@implements} [SRS-4]', ' * {@verifies} [REQ-1]', ' */', "const s = 'Implements: REQ-012'; // {Verifies:} [UTF-8] [RISK-2]"]],
    ['source.tsx', ['// Implements: REQ-012', 'const s = "Implements: REQ-012";'], ['// {Implements:} [REQ-012]', 'const s = "Implements: REQ-012";']],
    ['source.python', ['# Implements: REQ-012', 'def start():', '    """Start the pump.', '    Verifies: REQ-1, RISK-3', '    """', '    s = "Implements: REQ-012"', "    t = '''Implements: REQ-012'''"],
      ['# {Implements:} [REQ-012]', 'def start():', '    """Start the pump.', '    {Verifies:} [REQ-1], [RISK-3]', '    """', '    s = "Implements: REQ-012"', "    t = '''Implements: REQ-012'''"]],
    ['source.go', ['// Implements: REQ-012', 's := "Implements: REQ-012" /* Verifies: REQ-1 */'], ['// {Implements:} [REQ-012]', 's := "Implements: REQ-012" /* {Verifies:} [REQ-1] */']],
    ['source.rust', ['/// Implements: REQ-012', '//! Verifies: REQ-1', 'let s = "// Implements: REQ-012"; // Mitigates: HAZ-2', '#[test] // Verifies: TC-1', '/* Verifies: REQ-3 */'],
      ['/// {Implements:} [REQ-012]', '//! {Verifies:} [REQ-1]', 'let s = "// Implements: REQ-012"; // {Mitigates:} [HAZ-2]', '#[test] // {Verifies:} [TC-1]', '/* {Verifies:} [REQ-3] */']],
    ['source.ruby', ['# Implements: REQ-012', 's = "Implements: REQ-012"', '=begin', 'Verifies: REQ-1', '=end'], ['# {Implements:} [REQ-012]', 's = "Implements: REQ-012"', '=begin', '{Verifies:} [REQ-1]', '=end']],
    ['text.html.php', ['<?php', '// Implements: REQ-012', '$s = "Implements: REQ-012"; # Verifies: REQ-1', '/** @implements SRS-4 */'],
      ['<?php', '// {Implements:} [REQ-012]', '$s = "Implements: REQ-012"; # {Verifies:} [REQ-1]', '/** {@implements} [SRS-4] */']],
    ['source.shell', [
      '#!/bin/sh', '# Verifies: REQ-012, RISK-003', 'echo "Implements: REQ-012" # Implements: REQ-1', 'x=1 # Verifies: REQ-2', 'for f in *; do # Implements: REQ-3',
      '  # Mitigates: HAZ-4', 'done', 'echo a#b REQ-5; # Implements: REQ-6', '# Verifies: REQ-7', 'cat <<EOF', '# Implements: REQ-8', 'EOF',
    ], [
      '#!/bin/sh', '# {Verifies:} [REQ-012], [RISK-003]', 'echo "Implements: REQ-012" # {Implements:} [REQ-1]', 'x=1 # {Verifies:} [REQ-2]', 'for f in *; do # {Implements:} [REQ-3]',
      '  # {Mitigates:} [HAZ-4]', 'done', 'echo a#b REQ-5; # {Implements:} [REQ-6]', '# {Verifies:} [REQ-7]', 'cat <<EOF', '# Implements: REQ-8', 'EOF',
    ]],
    ['source.yaml', ['# Implements: REQ-012', 'jobs:', '  test: # Verifies: REQ-1', '    name: "Implements: REQ-2"', '    run: |', '      echo # Implements: REQ-3', '    env: x#Verifies: REQ-4'],
      ['# {Implements:} [REQ-012]', 'jobs:', '  test: # {Verifies:} [REQ-1]', '    name: "Implements: REQ-2"', '    run: |', '      echo # Implements: REQ-3', '    env: x#Verifies: REQ-4']],
    ['source.makefile', ['# Implements: REQ-012', 'test: build # Verifies: REQ-1', 'X = "Implements: REQ-2"'],
      ['# {Implements:} [REQ-012]', 'test: build # {Verifies:} [REQ-1]', 'X = "Implements: REQ-2"']],
    ['source.dockerfile', ['# Implements: REQ-012', 'FROM alpine AS build', '  # Verifies: REQ-1', 'RUN echo "Implements: REQ-2"'],
      ['# {Implements:} [REQ-012]', 'FROM alpine AS build', '  # {Verifies:} [REQ-1]', 'RUN echo "Implements: REQ-2"']],
  ];

  for (const [scope, text, expected] of cases) {
    test(`${scope}: comments coloured, strings not, the host's scopes kept`, async () => {
      const tokens = tokenizeLines((await withTracelens.loadGrammar(scope))!, text);
      const host = tokenizeLines((await hostOnly.loadGrammar(scope))!, text);
      assert.deepEqual(tokens.map(render), expected);
      tokens.forEach((line, i) => assert.deepEqual(hostScopesOutside(line, line), hostScopesOutside(host[i]!, line), text[i]));
    });
  }

  test('C#: a comment after #pragma ends with its line', async () => {
    // VS Code's own C# rule keeps the preprocessor scope open past such a line; the region ends it.
    const text = ['#pragma warning disable CS0618 // Implements: REQ-1', 'x = 1;'];
    const [first, second] = tokenizeLines((await withTracelens.loadGrammar('source.cs'))!, text);
    assert.equal(render(first!), '#pragma warning disable CS0618 // {Implements:} [REQ-1]');
    assert.ok(second!.every((t) => !t.scopes.includes('meta.preprocessor.cs')));
  });

  test('languages outside injectTo are left alone', async () => {
    const [tokens] = tokenizeLines((await withTracelens.loadGrammar('source.sql'))!, ['-- Mitigates: HAZ-2']);
    assert.equal(render(tokens!), '-- Mitigates: HAZ-2');
  });

  test('every bundled theme colours keywords and IDs apart from the comment and from each other', async () => {
    const themeFiles = readdirSync(extensionsDir!)
      .filter((name) => name.startsWith('theme-') && existsSync(path.join(extensionsDir!, name, 'themes')))
      .flatMap((name) => readdirSync(path.join(extensionsDir!, name, 'themes')).map((file) => path.join(extensionsDir!, name, 'themes', file)));
    assert.ok(themeFiles.length >= 10, 'bundled themes found');
    const tokenColors = (file: string): vsctm.IRawTheme['settings'] => {
      const theme = parseJsonc(readFileSync(file, 'utf8'));
      const inherited = theme.include ? tokenColors(path.join(path.dirname(file), theme.include)) : [];
      return [...inherited, ...(Array.isArray(theme.tokenColors) ? theme.tokenColors : [])];
    };
    const text = '// see Implements: REQ-012';
    const failures: string[] = [];
    for (const file of themeFiles) {
      withTracelens.setTheme({ name: file, settings: tokenColors(file) });
      const grammar = (await withTracelens.loadGrammar('source.c'))!;
      const { tokens } = grammar.tokenizeLine2(text, vsctm.INITIAL);
      const colors = withTracelens.getColorMap();
      const colorAt = (column: number) => {
        let color = '';
        for (let i = 0; i < tokens.length && tokens[i]! <= column; i += 2) color = colors[foreground(tokens[i + 1]!)] ?? '';
        return color;
      };
      const comment = colorAt(text.indexOf('see'));
      const keyword = colorAt(text.indexOf('Implements'));
      const id = colorAt(text.indexOf('REQ-012'));
      if (new Set([comment, keyword, id]).size !== 3) failures.push(`${path.basename(file)}: comment ${comment}, keyword ${keyword}, ID ${id}`);
    }
    assert.deepEqual(failures, []);
  });
});
