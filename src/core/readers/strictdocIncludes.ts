// Implements: TL-241
/**
 * StrictDoc's composed documents: `[DOCUMENT_FROM_FILE]` (StrictDoc 0.0.50 and later) includes
 * another `.sdoc` document where it stands, and the older `[FRAGMENT_FROM_FILE]` a `[FRAGMENT]`
 * file (`.sfra`, `.ssec`). StrictDoc reads an included document in its own right too (it must be
 * in the documentation tree), so Tracelens reads every StrictDoc file once, by itself, its items at
 * their own file and line, and never again through an include: nothing is counted twice.
 *
 * What the includes of the files read then say is judged here, over the whole project, in the
 * CLI and in the editor alike: an included file that is not among the requirement files (it does
 * not exist, or the globs leave it out, so its items are not read), a path that leaves the
 * project, a document with items included twice, and a cycle of includes.
 */
import { compareLocations, type FileProblem } from '../model/types';
import type { ReadResult, SdocInclude } from './types';

/** The problems of the includes of the files read (each file once, with its result), sorted. */
export function strictdocIncludeProblems(results: Iterable<readonly [string, ReadResult]>): FileProblem[] {
  const read = new Map<string, ReadResult>();
  const including: Array<readonly [string, SdocInclude]> = [];
  for (const [file, result] of results) {
    read.set(file, result);
    for (const include of result.includes ?? []) including.push([file, include]);
  }
  if (including.length === 0) return [];
  including.sort(([a, x], [b, y]) => compareLocations({ file: a, ...x }, { file: b, ...y }));
  const problems: FileProblem[] = [];
  const problem = (file: string, include: SdocInclude, message: string): void => {
    problems.push({ file, line: include.line, column: include.column, message });
  };
  const firstInclude = new Map<string, string>();
  for (const [file, include] of including) {
    const { target, written, directive } = include;
    const what = `[${directive}] FILE: ${written}`;
    if (target === undefined) {
      problem(file, include, `${what} names a file outside the project: its nodes are not read.`);
      continue;
    }
    const result = read.get(target);
    if (!result) {
      problem(file, include, `${what} names ${target}, which is not among the requirement files (it does not exist, or "requirements" or "exclude" leave it out): its nodes are not read.`);
      continue;
    }
    const first = firstInclude.get(target);
    if (first === undefined) firstInclude.set(target, `${file}:${include.line}`);
    else if (result.items.length > 0) problem(file, include, `${what}: ${target} is already included at ${first}; StrictDoc includes a document that holds nodes only once.`);
  }
  problems.push(...cycleProblems(including));
  return problems.sort(compareLocations);
}

/**
 * One problem for each include that closes a cycle (a document including itself, or one that
 * includes it again further down), at that include, found by a depth-first walk in file order.
 */
function cycleProblems(including: ReadonlyArray<readonly [string, SdocInclude]>): FileProblem[] {
  const edges = new Map<string, SdocInclude[]>();
  for (const [file, include] of including) {
    if (include.target === undefined) continue;
    const list = edges.get(file);
    if (list) list.push(include);
    else edges.set(file, [include]);
  }
  const problems: FileProblem[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): void => {
    path.push(file);
    for (const include of edges.get(file) ?? []) {
      const target = include.target!;
      const at = path.indexOf(target);
      if (at >= 0) {
        const chain = [...path.slice(at), target].join(' → ');
        problems.push({ file, line: include.line, column: include.column, message: `[${include.directive}] FILE: ${include.written} closes a cycle of includes (${chain}): StrictDoc cannot compose a document that includes itself.` });
      } else if (!done.has(target)) {
        visit(target);
      }
    }
    path.pop();
    done.add(file);
  };
  for (const file of [...edges.keys()].sort()) if (!done.has(file)) visit(file);
  return problems;
}
