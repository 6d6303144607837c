// Bundles the CLI and the extension with esbuild and copies the tree-sitter runtime and every
// grammar wasm beside them (dist/wasm/), where CommentParser's default locator looks.
import { build } from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');

rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, 'wasm'), { recursive: true });

// The ESM build of web-tree-sitter reads import.meta.url, which a CJS bundle lacks: use its CJS file.
const webTreeSitterCjs = path.join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.cjs');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  plugins: [{
    name: 'web-tree-sitter-cjs',
    setup(b) {
      b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: webTreeSitterCjs }));
    },
  }],
  // The locator's node_modules fallback serves unbundled runs; the bundle finds dist/wasm first.
  logOverride: { 'require-resolve-not-external': 'silent' },
  absWorkingDir: root,
};

// The CLI is five bundles: cli.js answers from the run cache with the few modules that needs;
// check.js (the readers, rules, reports and tree-sitter) is required only for a full check,
// report.js (the same check and the traceability report's writers) only for `report`,
// review.js (the same, for `tracelens review`) only for that command, and diff.js (two checks
// and git) only for `tracelens diff`.
const checkExternal = {
  name: 'check-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/(check|report|review|diff)$/ }, (args) => (args.importer.endsWith(path.join('src', 'cli', 'main.ts')) ? { path: `${args.path}.js`, external: true } : undefined));
  },
};
// exceljs is half of the report's code: it is a bundle of its own, xlsx.js, loaded only to write a
// workbook (by the report's renderer, in the CLI's report.js and in the extension).
const xlsxExternal = {
  name: 'xlsx-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/xlsx$/ }, (args) => (args.importer.endsWith(path.join('src', 'core', 'reports', 'evidence', 'render.ts')) ? { path: './xlsx.js', external: true } : undefined));
  },
};
const entries = [
  { in: 'src/cli/main.ts', out: 'cli', plugins: [checkExternal] }, // keeps its own #! line
  { in: 'src/cli/check.ts', out: 'check' },
  { in: 'src/cli/report.ts', out: 'report', plugins: [xlsxExternal] },
  { in: 'src/core/reports/evidence/xlsx.ts', out: 'xlsx' },
  { in: 'src/cli/review.ts', out: 'review' },
  { in: 'src/cli/diff.ts', out: 'diff' },
  { in: 'src/core/scan/workers/worker.ts', out: 'scanWorker' },
  { in: 'src/core/index.ts', out: 'engine' },
];
for (const entry of entries) {
  if (!existsSync(path.join(root, entry.in))) continue;
  await build({ ...common, entryPoints: [entry.in], outfile: path.join(dist, `${entry.out}.js`), plugins: [...common.plugins, ...(entry.plugins ?? [])] });
}
if (existsSync(path.join(root, 'src/vscode/extension.ts'))) {
  await build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: path.join(dist, 'extension.js'), external: ['vscode'], plugins: [...common.plugins, xlsxExternal] });
}
if (existsSync(path.join(root, 'test/vscode/suite/index.ts'))) {
  await build({ ...common, entryPoints: ['test/vscode/suite/index.ts'], outfile: path.join(dist, 'test/suite/index.js'), external: ['vscode'] });
}

// The runtime wasm, then the grammar wasm of every language in the languages table that has one (read
// from the engine bundle just built, so the table is the single source of truth; languages read by a
// comment lexer have none).
copyFileSync(path.join(path.dirname(webTreeSitterCjs), 'tree-sitter.wasm'), path.join(dist, 'wasm', 'tree-sitter.wasm'));
const { LANGUAGES } = createRequire(import.meta.url)(path.join(dist, 'engine.js'));
for (const language of LANGUAGES) {
  if (language.lexer) continue;
  const source = path.join(root, 'node_modules', ...language.wasmPackagePath.split('/'));
  if (!existsSync(source)) throw new Error(`grammar wasm missing: ${language.wasmPackagePath} (is node_modules installed?)`);
  copyFileSync(source, path.join(dist, 'wasm', language.wasm));
}
