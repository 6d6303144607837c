// Verifies: TL-010, TL-100
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser } from 'web-tree-sitter';
import { deleteGrammar, loadGrammar, type Grammar } from '../../src/parsing/grammar';
import { GRAMMAR_LANGUAGES, LANGUAGES, languageById, languageForPath, type GrammarLanguage } from '../../src/parsing/languages';
import { defaultWasmLocator } from '../../src/parsing/wasmLocator';

const EXPECTED_EXTENSIONS: Record<string, string[]> = {
  c: ['.c', '.h'],
  cpp: ['.cc', '.cpp', '.cxx', '.hpp', '.hh', '.hxx'],
  csharp: ['.cs'],
  java: ['.java'],
  javascript: ['.js', '.mjs', '.cjs', '.jsx'],
  typescript: ['.ts', '.mts', '.cts'],
  tsx: ['.tsx'],
  python: ['.py', '.pyi'],
  go: ['.go'],
  rust: ['.rs'],
  ruby: ['.rb'],
  php: ['.php'],
  bash: ['.sh', '.bash'],
  scala: ['.scala', '.sc'],
  yaml: ['.yml', '.yaml'],
  toml: ['.toml'],
  make: ['.mk', '.mak'],
  cmake: ['.cmake'],
  dockerfile: ['.dockerfile', '.containerfile'],
};

describe('languages table', () => {
  it('has exactly the supported languages, with unique ids and extensions', () => {
    assert.deepEqual(LANGUAGES.map((spec) => spec.id).sort(), Object.keys(EXPECTED_EXTENSIONS).sort());
    const extensions = LANGUAGES.flatMap((spec) => spec.extensions);
    assert.equal(new Set(extensions).size, extensions.length);
  });

  it('maps every extension to its language', () => {
    for (const [id, extensions] of Object.entries(EXPECTED_EXTENSIONS)) {
      assert.deepEqual([...languageById(id)!.extensions].sort(), [...extensions].sort(), id);
      for (const ext of extensions) assert.equal(languageForPath(`src/dir.v2/file${ext}`)?.id, id, ext);
    }
  });

  it('matches extensions case-insensitively and on Windows paths', () => {
    assert.equal(languageForPath('SRC/PUMP.C')?.id, 'c');
    assert.equal(languageForPath('C:\\work\\pump.Py')?.id, 'python');
    assert.equal(languageForPath('a/b/component.TSX')?.id, 'tsx');
  });

  it('maps the file names of Make, CMake and Dockerfiles, case-insensitively', () => {
    const named: Record<string, string> = {
      'Makefile': 'make', 'src/makefile': 'make', 'GNUmakefile': 'make', 'dir.c/Makefile': 'make',
      'CMakeLists.txt': 'cmake', 'lib/cmakelists.txt': 'cmake',
      'Dockerfile': 'dockerfile', 'docker/Dockerfile.dev': 'dockerfile', 'Containerfile': 'dockerfile', 'containerfile.ci': 'dockerfile',
      'build/app.Dockerfile': 'dockerfile', '.github/workflows/ci.yml': 'yaml', 'Cargo.toml': 'toml', 'rules.mk': 'make',
    };
    for (const [file, id] of Object.entries(named)) assert.equal(languageForPath(file)?.id, id, file);
  });

  it('returns undefined for unsupported or extension-less files', () => {
    assert.equal(languageForPath('README.md'), undefined);
    assert.equal(languageForPath('notes.txt'), undefined);
    assert.equal(languageForPath('Makefile.am'), undefined);
    assert.equal(languageForPath('Dockerfiles/README'), undefined);
    assert.equal(languageForPath('.bashrc'), undefined);
    assert.equal(languageForPath('LICENSE'), undefined);
    assert.equal(languageById('cobol'), undefined);
  });

  it('gives each language its comment tokens for tag insertion', () => {
    for (const id of ['python', 'ruby', 'bash', 'yaml', 'toml', 'make', 'cmake', 'dockerfile']) {
      assert.equal(languageById(id)!.lineComment, '#');
      assert.equal(languageById(id)!.blockComment, undefined);
    }
    for (const id of ['c', 'cpp', 'csharp', 'java', 'javascript', 'typescript', 'tsx', 'go', 'rust', 'php', 'scala']) {
      assert.equal(languageById(id)!.lineComment, '//');
      assert.deepEqual(languageById(id)!.blockComment, ['/*', '*/']);
    }
  });

  it('reads CMake and Dockerfiles with comment lexers, every other language with a grammar', () => {
    assert.deepEqual(LANGUAGES.filter((spec) => spec.lexer).map((spec) => [spec.id, spec.lexer]), [['cmake', 'cmake'], ['dockerfile', 'dockerfile']]);
    assert.equal(GRAMMAR_LANGUAGES.length, LANGUAGES.length - 2);
  });

  it('names wasm files that the grammar packages ship', () => {
    for (const spec of GRAMMAR_LANGUAGES) {
      assert.equal(path.basename(spec.wasmPackagePath), spec.wasm);
      const resolved = require.resolve(spec.wasmPackagePath);
      assert.ok(fs.statSync(resolved).size > 0, spec.wasmPackagePath);
      assert.equal(defaultWasmLocator(spec.wasm), resolved);
    }
    assert.ok(fs.existsSync(defaultWasmLocator('tree-sitter.wasm')));
    assert.throws(() => defaultWasmLocator('tree-sitter-cobol.wasm'), /Unknown wasm file/);
  });
});

describe('every grammar with web-tree-sitter', () => {
  const grammars = new Map<string, Grammar>();

  before(async () => {
    await Parser.init({ locateFile: defaultWasmLocator });
  });
  after(() => {
    for (const grammar of grammars.values()) deleteGrammar(grammar);
  });

  for (const spec of GRAMMAR_LANGUAGES) {
    it(`${spec.id}: loads, compiles its queries and knows every node type it names`, async () => {
      const grammar = await loadGrammar(spec, defaultWasmLocator(spec.wasm));
      grammars.set(spec.id, grammar);
      assert.ok(grammar.commentQuery.captureNames.includes('comment'));
      assert.equal(grammar.docstringQuery !== undefined, spec.docstringQuery !== undefined);
      assert.ok(grammar.commentTypes.size > 0);
      const named = [
        ...grammar.commentTypes,
        ...Object.keys(spec.definitions),
        ...spec.wrappers,
        ...spec.annotations,
        ...Object.values(spec.definitions).flatMap((rule) => [...(rule.valueTypes ?? []), ...(rule.receiver ? [rule.receiver.type] : []), ...(rule.nameChild ?? [])]),
      ];
      for (const type of named) {
        assert.ok(grammar.language.idForNodeType(type, true), `${spec.id} has no node type ${type}`);
      }
      const fields = Object.values(spec.definitions).flatMap((rule) => [...(rule.nameChild ? [] : [rule.nameField ?? 'name']), ...(rule.receiver ? [rule.receiver.field] : [])]);
      for (const field of fields) {
        assert.ok(grammar.language.fieldIdForName(field) !== null, `${spec.id} has no field ${field}`);
      }
      const tree = grammar.parser.parse('x')!;
      tree.delete();
    });
  }

  it('reports a grammar that cannot compile its query', async () => {
    const broken = { ...(languageById('go') as GrammarLanguage), commentQuery: '(no_such_node) @comment' };
    await assert.rejects(loadGrammar(broken, defaultWasmLocator(broken.wasm)), /Cannot use the Go grammar/);
  });
});
