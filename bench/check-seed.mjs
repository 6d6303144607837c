#!/usr/bin/env node
/**
 * Checks the seeded trees against their manifests, without the tool under test:
 *  1. ripgrep finds every `REQ-n`/`RISK-n` in each tree (requirements file aside) exactly where the
 *     manifest puts a reference, a trap or a natural ID, and nowhere else;
 *  2. rg's counts of tag lines and trap declarations equal the manifest's;
 *  3. each subset manifest is the 100% manifest restricted to the subset's files;
 *  4. tree-sitter (C grammar) puts every reference inside a `comment` and every trap inside a string
 *     literal, and no seeded file has more ERROR/MISSING nodes than the original (--no-parse skips).
 *
 *   node bench/check-seed.mjs [--cache DIR] [--no-parse]
 * Prints `N passed, N failed` last; exits 1 on any failure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FRACTIONS, defaultCacheDir, ensureSeeded, manifestPath, treeDir } from './corpus.mjs';

const args = process.argv.slice(2);
const cache = args.includes('--cache') ? path.resolve(args[args.indexOf('--cache') + 1]) : defaultCacheDir();
const parse = !args.includes('--no-parse');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** rg's output; stdin is closed so that rg never waits on it, and exit 1 (no match) is empty output. */
function rg(argv, cwd) {
  try {
    return execFileSync('rg', argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 });
  } catch (err) {
    if (err.status === 1) return ''; // no match
    throw err;
  }
}

const key = (r) => `${r.file}:${r.line}:${r.column}:${r.id}`;

function multisetDiff(expected, actual) {
  const count = new Map();
  for (const k of expected) count.set(k, (count.get(k) ?? 0) + 1);
  for (const k of actual) count.set(k, (count.get(k) ?? 0) - 1);
  const missing = [];
  const extra = [];
  for (const [k, n] of count) {
    for (let i = 0; i < n; i++) missing.push(k);
    for (let i = 0; i < -n; i++) extra.push(k);
  }
  return { missing, extra };
}

const marker = ensureSeeded(cache);
const manifests = Object.fromEntries(FRACTIONS.map((f) => [f, JSON.parse(fs.readFileSync(manifestPath(cache, f), 'utf8'))]));

for (const f of FRACTIONS) {
  const m = manifests[f];
  const tree = treeDir(cache, f);
  // 1. Every ID occurrence, with its column (\b keeps HCI_REQ-0x… and REQ-0x… out, as the tool's grammar does).
  const lines = rg(['--no-heading', '--no-config', '-n', '--column', '-o', '-g', '!requirements/**', '-e', String.raw`\b(?:REQ|RISK)-[0-9]+\b`, '.'], tree)
    .split('\n').filter(Boolean);
  const actual = lines.map((l) => {
    const [file, line, column, ...rest] = l.split(':');
    return `${file.replace(/^\.\//, '')}:${line}:${column}:${rest.join(':')}`;
  });
  const expected = [...m.references, ...m.traps, ...m.natural].map(key);
  const d = multisetDiff(expected, actual);
  check(`seeded-${f}: rg finds exactly the manifest's ${expected.length} ID occurrences`, d.missing.length === 0 && d.extra.length === 0,
    `missing ${d.missing.slice(0, 5).join(', ') || 'none'}; extra ${d.extra.slice(0, 5).join(', ') || 'none'}`);

  // 2. Tag lines and trap declarations, counted by rg.
  const countLines = (pattern) => rg(['--no-config', '-c', '--no-filename', '-g', '!requirements/**', '-e', pattern, tree])
    .split('\n').filter(Boolean).reduce((a, n) => a + Number(n), 0);
  const tagLines = countLines(String.raw`^(// |/\* |/\*\* | \* )(Implements:|Verifies:|Satisfies:|Mitigates:|@implements) (REQ|RISK)-[0-9]+`);
  const refLines = new Set(m.references.map((r) => `${r.file}:${r.line}`)).size;
  check(`seeded-${f}: rg counts ${tagLines} tag lines, manifest has ${refLines}`, tagLines === refLines);
  const trapDecls = countLines(String.raw`^static const char (\*const )?tracelens_trap_\d+`);
  const trapLines = new Set(m.traps.map((r) => `${r.file}:${r.line}`)).size;
  check(`seeded-${f}: rg counts ${trapDecls} trap declarations, manifest has ${trapLines}`, trapDecls === trapLines);
  const fileCount = Number(execFileSync('sh', ['-c', `find . -type f \\( -name '*.c' -o -name '*.h' \\) | wc -l`], { cwd: tree, encoding: 'utf8' }).trim());
  check(`seeded-${f}: ${fileCount} .c/.h files on disk, marker says ${marker.trees[f].files}`, fileCount === marker.trees[f].files);
}

// 3. Subsets are restrictions of the full manifest.
const full = manifests[100];
for (const f of FRACTIONS.filter((x) => x !== 100)) {
  const tree = treeDir(cache, f);
  const inTree = (r) => fs.existsSync(path.join(tree, r.file));
  for (const part of ['references', 'traps']) {
    const want = full[part].filter(inTree).map(key);
    const d = multisetDiff(want, manifests[f][part].map(key));
    check(`seeded-${f}: ${part} are the 100% ${part} of its files`, d.missing.length === 0 && d.extra.length === 0);
  }
}

// 4. Tree-sitter: references in comments, traps in strings, no new parse errors.
if (parse) {
  const require = createRequire(import.meta.url);
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const C = await Language.load(require.resolve('tree-sitter-c/tree-sitter-c.wasm'));
  const parser = new Parser();
  parser.setLanguage(C);
  const errorCount = (tree) => {
    let n = 0;
    const cursor = tree.walk();
    let more = true;
    while (more) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) n++;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) { more = false; break; }
      }
    }
    cursor.delete();
    return n;
  };
  const within = (tree, r, types) => {
    let node = tree.rootNode.descendantForPosition({ row: r.line - 1, column: r.column - 1 });
    while (node) {
      if (types.includes(node.type)) return true;
      node = node.parent;
    }
    return false;
  };
  const byFile = new Map();
  for (const r of full.references) (byFile.get(r.file) ?? byFile.set(r.file, { refs: [], traps: [] }).get(r.file)).refs.push(r);
  for (const r of full.traps) (byFile.get(r.file) ?? byFile.set(r.file, { refs: [], traps: [] }).get(r.file)).traps.push(r);
  const src = path.join(cache, 'linux');
  let refsOutside = [];
  let trapsOutside = [];
  let worse = [];
  for (const [file, { refs, traps }] of byFile) {
    const seededText = fs.readFileSync(path.join(treeDir(cache, 100), file), 'latin1');
    const originalText = fs.readFileSync(path.join(src, file), 'latin1');
    const seededTree = parser.parse(seededText);
    const originalTree = parser.parse(originalText);
    refsOutside.push(...refs.filter((r) => !within(seededTree, r, ['comment'])).map(key));
    trapsOutside.push(...traps.filter((r) => !within(seededTree, r, ['string_literal', 'concatenated_string'])).map(key));
    const before = errorCount(originalTree);
    const after = errorCount(seededTree);
    if (after > before) worse.push(`${file} (${before} -> ${after})`);
    seededTree.delete();
    originalTree.delete();
  }
  parser.delete();
  check(`tree-sitter: all ${full.references.length} references are inside comments`, refsOutside.length === 0, refsOutside.slice(0, 5).join(', '));
  check(`tree-sitter: all ${full.traps.length} traps are inside string literals`, trapsOutside.length === 0, trapsOutside.slice(0, 5).join(', '));
  check(`tree-sitter: no seeded file (${byFile.size}) parses with more errors than its original`, worse.length === 0, worse.slice(0, 5).join(', '));
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
