/**
 * Single-file update, measured in its own process (so the runner's heap does not disturb it):
 * opens the workspace through the engine adapter, then times edits of one large C file, from the
 * call with the new text to the resolved references and findings. Edits alternate between adding a
 * tag line after a function's closing brace near the middle of the file and removing it again, and
 * each result is checked to hold (or no longer hold) that reference.
 *
 *   node --import tsx bench/singleFile.ts --root DIR --file REL [--samples N] [--warmup N] [--engine PATH]
 *
 * Prints one JSON line: {"status":"ok","samplesMs":[...]} or {"status":"missing","reason":...}
 * or {"status":"wrong","reason":...}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultEngineModule, openBenchWorkspace, type DocumentUpdate } from './engineAdapter';

const EDIT_ID = 'REQ-0007';

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

/** The 0-based index of a line holding only `}` (a function's end) closest to the middle. */
function editLine(lines: readonly string[]): number {
  let best = -1;
  const middle = lines.length / 2;
  lines.forEach((line, i) => {
    if (line === '}' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  });
  if (best < 0) throw new Error('no line holding only } in the edit file');
  return best;
}

function holdsEdit(result: DocumentUpdate, file: string, line: number): boolean {
  return result.references.some((r) => r.id === EDIT_ID && r.line === line && (r.file === undefined || r.file === file));
}

async function main(): Promise<void> {
  const root = path.resolve(option('root'));
  const file = option('file');
  const samples = Number(option('samples', '20'));
  const warmup = Number(option('warmup', '3'));
  const engine = option('engine', defaultEngineModule());

  const opened = await openBenchWorkspace(root, engine);
  if (!opened.ok) {
    process.stdout.write(JSON.stringify({ status: 'missing', reason: opened.reason }) + '\n');
    return;
  }
  const workspace = opened.workspace;
  try {
    const original = fs.readFileSync(path.join(root, file), 'utf8');
    const lines = original.split('\n');
    const at = editLine(lines);
    const edited = [...lines.slice(0, at + 1), `// Implements: ${EDIT_ID}`, ...lines.slice(at + 1)].join('\n');
    const taggedLine = at + 2;
    const timings: number[] = [];
    for (let i = 0; i < warmup + samples; i++) {
      const withTag = i % 2 === 0;
      const started = process.hrtime.bigint();
      const result = await workspace.updateDocument(file, withTag ? edited : original);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (holdsEdit(result, file, taggedLine) !== withTag) {
        const reason = withTag
          ? `after adding "// Implements: ${EDIT_ID}" at ${file}:${taggedLine} the update did not report it`
          : `after removing the tag at ${file}:${taggedLine} the update still reported it`;
        process.stdout.write(JSON.stringify({ status: 'wrong', reason }) + '\n');
        return;
      }
      if (i >= warmup) timings.push(ms);
    }
    // Leave the engine's view of the file as it is on disk.
    if ((warmup + samples) % 2 === 1) await workspace.updateDocument(file, original);
    process.stdout.write(JSON.stringify({ status: 'ok', file, line: taggedLine, samplesMs: timings }) + '\n');
  } finally {
    workspace.dispose();
  }
}

main().catch((err: unknown) => {
  process.stdout.write(JSON.stringify({ status: 'error', reason: err instanceof Error ? err.message : String(err) }) + '\n');
  process.exitCode = 1;
});
