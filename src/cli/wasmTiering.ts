// Implements: TL-060
import * as v8 from 'node:v8';

/**
 * Keeps tree-sitter's WebAssembly on V8's baseline compiler (Liftoff) for the rest of this process.
 * For the CLI only, and only when it parses a few files on its main thread (a small project, a few
 * changed files): V8 otherwise starts compiling the hottest functions, tree-sitter's large lexer
 * above all, with its optimising compiler in the background, and Node waits for that compilation
 * before the process can exit — about 0.1 s, more than the optimised code saves on a few files
 * (the example project checks in 0.22 s instead of 0.37 s). Large scans run in worker threads and
 * keep the optimising tier, which parses about a third faster. The flag changes only how the same
 * WebAssembly is compiled, never what it computes. Never called by the extension, whose process
 * lives long enough for optimised code to pay off.
 */
export function preferBaselineWasm(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString('--liftoff-only');
}

let applied = false;
