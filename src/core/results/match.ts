// Implements: TL-141
/**
 * Ties testcases of the results to the code's `verifies` tags: a testcase belongs to the tag whose
 * `symbol` is the test it ran, in the test file it names. Which file comes from, in this order:
 *   - its `file` attribute (pytest's legacy style, jest-junit with `addFileAttribute`, PHPUnit);
 *   - its `classname` read as a module or class path (`tests.test_bolus.TestLimits` →
 *     `tests/test_bolus.py`, class `TestLimits`; `com.acme.SessionTest` → `…/com/acme/SessionTest.java`
 *     or else `…/SessionTest.java`; Go's `github.com/acme/pump/bolus` → the package folder `…/bolus/`);
 *   - for a Rust test (`bolus::tests::limit`), its module path under `src/` (or the integration test
 *     file its binary names, `pump::limits` → `tests/limits.rs`);
 *   - its innermost `<testsuite name>` when it has neither (Ceedling's `tests/test_watchdog`).
 * A path matches a file at the same path from the root, else a file whose path ends with it at a
 * folder boundary. The name is the test function: parameters (`test_x[3-10]`, `testAdd(int)[1]`),
 * Go subtests (`TestX/case`) and PHPUnit data sets are dropped. Never a fuzzy match: a path that
 * fits two files ties nothing, and the ambiguity is kept so that a finding can say so.
 */
import type { Reference } from '../model/types';
import type { TestCaseResult } from './types';

/** A testcase that could be one of several tests: tied to none of them. */
export interface AmbiguousTie {
  readonly testcase: TestCaseResult;
  /** The files the testcase could be in, sorted. */
  readonly files: readonly string[];
}

/** The testcases each `verifies` tag ran as, and the ambiguous ones that could have been it. */
export interface CodeTies {
  readonly cases: ReadonlyMap<Reference, readonly TestCaseResult[]>;
  readonly ambiguous: ReadonlyMap<Reference, readonly AmbiguousTie[]>;
}

/** The test function a testcase name stands for. */
export function testFunctionName(name: string): string {
  let base = name.trim();
  // PHPUnit: `testLimit with data set #0` / `with data set "small"`.
  base = base.replace(/\s+with data set\s.*$/s, '');
  // pytest parameters `test_x[3-10]`, JUnit 5 invocations `testAdd(int)[1]`.
  const bracket = base.indexOf('[');
  if (bracket > 0 && base.endsWith(']')) base = base.slice(0, bracket);
  // JUnit 5 / Gradle method signatures `testLogin()`, `testAdd(int, int)`.
  const paren = base.indexOf('(');
  if (paren > 0 && base.endsWith(')')) base = base.slice(0, paren);
  // Go subtests `TestX/case_1`.
  const slash = base.indexOf('/');
  if (slash > 0) base = base.slice(0, slash);
  return base.trim();
}

/** One reading of a testcase's origin: the path to find, and the class or module chain left over. */
interface Reading {
  readonly path: readonly string[];
  readonly leftover: readonly string[];
  /** The path may be a folder (Go packages), whose files directly in it are the candidates. */
  readonly folder?: boolean;
  /** The path's last segment may be a file name anywhere (`…/SessionTest.java`). */
  readonly basename?: boolean;
}

/** Code files by path without extension, by file name without extension, and by folder. */
class PathIndex {
  private readonly byStem = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();
  private readonly byFolder = new Map<string, string[]>();
  readonly files: ReadonlySet<string>;

  constructor(files: readonly string[]) {
    this.files = new Set(files);
    for (const file of files) {
      const slash = file.lastIndexOf('/');
      const name = file.slice(slash + 1);
      const dot = name.lastIndexOf('.');
      const stem = dot > 0 ? name.slice(0, dot) : name;
      push(this.byStem, slash >= 0 ? `${file.slice(0, slash)}/${stem}` : stem, file);
      push(this.byName, stem, file);
      push(this.byFolder, slash >= 0 ? file.slice(0, slash) : '', file);
    }
  }

  /** Files at `path` (without extension): the one at the root's path, else those ending with it. */
  filesAt(path: string): string[] {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const suffix = `/${path}`;
    const all = (this.byName.get(name) ?? []).filter((file) => {
      const stem = stemOf(file);
      return stem === path || stem.endsWith(suffix);
    });
    const exact = all.filter((file) => stemOf(file) === path);
    return exact.length > 0 ? exact : all;
  }

  /** Files named `name` (without extension), anywhere. */
  filesNamed(name: string): string[] {
    return this.byName.get(name) ?? [];
  }

  /** The folders at `path` (the root's, else those ending with it), each with the files directly in it. */
  foldersAt(path: string): string[][] {
    if (this.byFolder.has(path)) return [this.byFolder.get(path)!];
    const suffix = `/${path}`;
    return [...this.byFolder].filter(([folder]) => folder.endsWith(suffix)).map(([, files]) => files);
  }

  /** A file as named by a `file` attribute: the same path from the root, else the files ending with it. */
  sourceFiles(raw: string): string[] {
    const path = raw.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
    if (this.files.has(path)) return [path];
    const trimmed = path.replace(/^\/+/, '');
    const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    return (this.byName.get(stem) ?? []).filter((file) => file === trimmed || trimmed.endsWith(`/${file}`) || file.endsWith(`/${trimmed}`));
  }
}

function stemOf(file: string): string {
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  return dot > slash + 1 ? file.slice(0, dot) : file;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The dotted or slashed segments of a class, module or package path (`$` of nested Java classes too). */
function segmentsOf(path: string): string[] {
  const separated = path.includes('/') ? path.split('/') : path.split(/[.$]/);
  return separated.map((segment) => segment.trim()).filter((segment) => segment !== '');
}

/** How a classname or suite name may be read: longest module path first, then a folder, then a file name. */
function pathReadings(segments: readonly string[]): Reading[] {
  const readings: Reading[] = [];
  for (let k = segments.length; k >= 1; k--) readings.push({ path: segments.slice(0, k), leftover: segments.slice(k) });
  for (let k = 0; k < segments.length; k++) readings.push({ path: segments.slice(k), leftover: [], folder: true });
  for (let k = segments.length; k >= 1; k--) readings.push({ path: [segments[k - 1]!], leftover: segments.slice(k), basename: true });
  return readings;
}

/** How a Rust test (`bolus::tests::limit`, binary `pump` or `pump::limits`) may be read. */
function rustReadings(modules: readonly string[], binary: string | undefined): Reading[] {
  const target = binary?.includes('::') ? binary.slice(binary.lastIndexOf('::') + 2).replace(/^(?:bin|test|example|bench)\//, '') : undefined;
  if (target !== undefined) {
    return [{ path: ['tests', target], leftover: modules }, { path: ['src', 'bin', target], leftover: modules }];
  }
  const readings: Reading[] = [];
  for (let k = modules.length; k >= 1; k--) {
    readings.push({ path: ['src', ...modules.slice(0, k)], leftover: modules.slice(k) });
    readings.push({ path: ['src', ...modules.slice(0, k), 'mod'], leftover: modules.slice(k) });
  }
  readings.push({ path: ['src', 'lib'], leftover: modules }, { path: ['src', 'main'], leftover: modules });
  return readings;
}

/** Where a testcase's test may be: candidate files, and the symbols its test may have in them. */
interface Origin {
  readonly files: readonly string[];
  readonly symbols: ReadonlySet<string>;
  /** Several files could hold it and nothing says which. */
  readonly ambiguous: boolean;
}

/** The symbols a test function has in a file whose stem is `stem`, given the class chain left over. */
function symbolsFor(fn: string, leftover: readonly string[], stem: string | undefined, rust: boolean): Set<string> {
  // Rust modules are no containers of symbols: `mod tests { fn limit }` is `limit`.
  if (rust) return new Set([fn]);
  const qualified = leftover.length > 0 ? `${leftover.join('.')}.${fn}` : fn;
  const symbols = new Set([qualified]);
  // One class per file (Java, Kotlin, C#): the file's stem is the class the symbol names.
  if (stem !== undefined) symbols.add(`${stem}.${qualified}`);
  return symbols;
}

function baseName(file: string): string {
  const stem = stemOf(file);
  return stem.slice(stem.lastIndexOf('/') + 1);
}

/** The first reading that finds a file (or package folder), as an origin. */
function resolveReadings(readings: readonly Reading[], index: PathIndex, fn: string, rust: boolean): Origin | undefined {
  for (const reading of readings) {
    const path = reading.path.join('/');
    let files: string[];
    let ambiguous = false;
    if (reading.folder) {
      const folders = index.foldersAt(path);
      if (folders.length === 0) continue;
      ambiguous = folders.length > 1;
      files = folders.flat();
    } else {
      files = reading.basename ? index.filesNamed(path) : index.filesAt(path);
      if (files.length === 0) continue;
      ambiguous = files.length > 1;
    }
    const stem = files.length > 0 ? baseName(files[0]!) : undefined;
    return { files: [...files].sort(), symbols: symbolsFor(fn, reading.leftover, stem, rust), ambiguous };
  }
  return undefined;
}

/** Where a testcase's test is, or undefined when nothing names a file of the project. */
function originOf(testcase: TestCaseResult, index: PathIndex): Origin | undefined {
  // cargo-nextest: `module::path::test` in the binary `crate` or `crate::integration_test`.
  const rust = testcase.name.includes('::') || (testcase.classname?.includes('::') ?? false);
  const parts = rust ? testcase.name.split('::').map((part) => part.trim()) : [];
  const fn = testFunctionName(rust ? parts[parts.length - 1]! : testcase.name);
  if (fn === '') return undefined;
  if (testcase.sourceFile !== undefined) {
    const files = index.sourceFiles(testcase.sourceFile);
    if (files.length === 0) return undefined;
    // pytest's legacy style names the module in `file` and the class after it in `classname`.
    const module = stemOf(files[0]!).split('/');
    const classSegments = testcase.classname !== undefined ? segmentsOf(testcase.classname) : [];
    let leftover: string[] = [];
    for (let k = Math.min(module.length, classSegments.length); k >= 1; k--) {
      if (module.slice(module.length - k).join('/') === classSegments.slice(0, k).join('/')) {
        leftover = classSegments.slice(k);
        break;
      }
    }
    return { files: [...files].sort(), symbols: symbolsFor(fn, leftover, baseName(files[0]!), rust), ambiguous: files.length > 1 };
  }
  if (rust) return resolveReadings(rustReadings(parts.slice(0, -1), testcase.classname), index, fn, true);
  const path = testcase.classname ?? testcase.suites[testcase.suites.length - 1];
  if (path === undefined) return undefined;
  return resolveReadings(pathReadings(segmentsOf(path)), index, fn, false);
}

/** Path indexes by file list: the editor passes the same list until a code file is added or removed. */
const pathIndexes = new WeakMap<readonly string[], PathIndex>();

function pathIndexOf(files: readonly string[]): PathIndex {
  let index = pathIndexes.get(files);
  if (!index) pathIndexes.set(files, index = new PathIndex(files));
  return index;
}

/**
 * Ties testcases to `verifies` tags by code. `codeFiles` are every code file of the project (a
 * test's file is found among all of them, tagged or not, so that a test in an untagged file is
 * never taken for a tagged one elsewhere).
 */
export function tieByCode(cases: readonly TestCaseResult[], references: readonly Reference[], codeFiles: readonly string[]): CodeTies {
  const tagsByFile = new Map<string, Reference[]>();
  for (const reference of references) if (reference.relation === 'verifies') push(tagsByFile, reference.file, reference);
  const tied = new Map<Reference, TestCaseResult[]>();
  const ambiguous = new Map<Reference, AmbiguousTie[]>();
  if (tagsByFile.size === 0 || cases.length === 0) return { cases: tied, ambiguous };
  const index = pathIndexOf(codeFiles);
  for (const testcase of cases) {
    const origin = originOf(testcase, index);
    if (!origin) continue;
    const matching = origin.files.flatMap((file) => (tagsByFile.get(file) ?? []).filter((tag) => tag.symbol !== undefined && origin.symbols.has(tag.symbol)));
    if (matching.length === 0) continue;
    const filesWithMatch = new Set(matching.map((tag) => tag.file));
    if (origin.ambiguous || filesWithMatch.size > 1) {
      for (const tag of matching) push(ambiguous, tag, { testcase, files: origin.files });
      continue;
    }
    for (const tag of matching) push(tied, tag, testcase);
  }
  return { cases: tied, ambiguous };
}
