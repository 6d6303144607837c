/**
 * Where the wasm files are: beside the bundle in `dist/wasm/` once built, else in node_modules
 * (tests and development runs from source).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GRAMMAR_LANGUAGES } from './languages';

/** File name of web-tree-sitter's runtime wasm. */
export const RUNTIME_WASM = 'tree-sitter.wasm';

/** Absolute path of a wasm file (the runtime's or a grammar's), by file name. */
export function defaultWasmLocator(fileName: string): string {
  const bundled = path.join(__dirname, 'wasm', fileName);
  if (fs.existsSync(bundled)) return bundled;
  if (fileName === RUNTIME_WASM) return require.resolve('web-tree-sitter/tree-sitter.wasm');
  const spec = GRAMMAR_LANGUAGES.find((language) => language.wasm === fileName);
  if (!spec) throw new Error(`Unknown wasm file: ${fileName}`);
  return require.resolve(spec.wasmPackagePath);
}
