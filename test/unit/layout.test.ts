// Verifies: TL-016
/**
 * The architecture, as the import graph of src/ shows it: the engine never imports the editor,
 * src/parsing never imports src/core, no two files import each other through any chain, and
 * src/core keeps its parts in folders. Imports are read by TypeScript's own pre-processor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a relative specifier names, as TypeScript resolves it (`./x` → x.ts or x/index.ts). */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Every file under src/ with the modules it imports (type-only imports included: they are edges too). */
function importGraph(): Map<string, { relative: string[]; bare: string[] }> {
  const graph = new Map<string, { relative: string[]; bare: string[] }>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const specifiers = info.importedFiles.map((f) => f.fileName);
    graph.set(file, {
      relative: specifiers.filter((s) => s.startsWith('.')).map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined && f.startsWith(SRC)),
      bare: specifiers.filter((s) => !s.startsWith('.')),
    });
  }
  return graph;
}

const graph = importGraph();
const rel = (file: string): string => path.relative(SRC, file).split(path.sep).join('/');

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
function cycles(edges: Map<string, { relative: string[] }>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.relative ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges.get(v)?.relative.includes(v)) found.push(component.map(rel).sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

test('the cycle finder finds a cycle when there is one', () => {
  const a = path.join(SRC, 'a.ts');
  const b = path.join(SRC, 'b.ts');
  const c = path.join(SRC, 'c.ts');
  assert.deepEqual(cycles(new Map([[a, { relative: [b] }], [b, { relative: [c] }], [c, { relative: [a] }]])), [['a.ts', 'b.ts', 'c.ts']]);
  assert.deepEqual(cycles(new Map([[a, { relative: [b] }], [b, { relative: [c] }], [c, { relative: [] }]])), []);
});

test('no import cycle between files of src/', () => {
  assert.deepEqual(cycles(graph), []);
});

test('the engine and the parser never import the editor; the parser never imports the engine', () => {
  const offenders: string[] = [];
  for (const [file, imports] of graph) {
    const name = rel(file);
    if (!name.startsWith('core/') && !name.startsWith('parsing/') && !name.startsWith('cli/')) continue;
    if (imports.bare.includes('vscode')) offenders.push(`${name} imports vscode`);
    for (const target of imports.relative.map(rel)) {
      if (target.startsWith('vscode/')) offenders.push(`${name} imports ${target}`);
      if (name.startsWith('parsing/') && target.startsWith('core/')) offenders.push(`${name} imports ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('src/core keeps its parts in folders: at most 6 files at its top', () => {
  const top = readdirSync(path.join(SRC, 'core'), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  assert.ok(top.length <= 6, `src/core has ${top.length} files at its top: ${top.join(', ')}`);
});
