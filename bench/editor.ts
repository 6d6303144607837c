/**
 * The editor on the benchmark's seeded kernel tree, in code-server with the packaged extension
 * (test/e2e's offline harness): time to coverage with no scan cache and after a restart on another
 * port, the extension host's RSS with the 3,000-item requirements file open, hover latency and the
 * latency of a new unknown-ID diagnostic.
 *
 *   node --import tsx bench/editor.ts [--tree 10|30|100] [--runs N] [--repeats N] [--vsix FILE]
 *                                     [--cache DIR] [--hover-delay MS] [--keep-going]
 *
 *   --tree N         the seeded tree (default 100: 10,680 files; 10 while iterating)
 *   --runs N         cold + restarted cycles, each with fresh code-server folders (default 3)
 *   --repeats N      hovers and typed tags (default 10), after one unmeasured warm-up each
 *   --vsix FILE      the package to install (default: `npm run package` → tracelens.vsix)
 *   --cache DIR      the benchmark cache (default as bench/run.mjs: ~/.cache/tracelens-bench)
 *   --hover-delay MS `editor.hover.delay` in the user settings (default 50)
 *
 * The tree's files are hard links into the unpacked kernel: nothing here saves an editor or writes
 * into the tree (auto save is off; the typed tag is reverted with "File: Revert File").
 * Prints one line per step, a table, and last one JSON line with every figure. A step that fails is
 * reported as "not measured (reason)" and the run exits 1.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import {
  launchBrowser, makeCodeServerDirs, QUIET_SETTINGS, startCodeServer, waitFor, type Browser, type CodeServer, type CodeServerDirs,
} from '../test/e2e/codeServer';
import { Workbench } from '../test/e2e/workbench';

const REPO = path.resolve(__dirname, '..');
const EXTENSION_ID = 'tracelens.tracelens';
/** The status bar item's DOM id is `<extension id>.<item id>`. */
const COVERAGE_ITEM = '#tracelens\\.tracelens\\.tracelens\\.coverage';
const PROBLEMS_ITEM = '#status\\.problems';
/** `tracelens.debounceMs`, set explicitly so the figure is tied to it (the default is 300 too). */
const DEBOUNCE_MS = 300;
/** The typed tag: an ID no requirement defines (the corpus's own unknown IDs are REQ-99xxx too). */
const UNKNOWN_ID = 'REQ-99999';
const TYPED_TAG = `// Implements: ${UNKNOWN_ID}`;
/** A first index of the full tree on a busy 2-core machine, wasm and worker start-up included. */
const COVERAGE_TIMEOUT_MS = 300_000;
const STEP_TIMEOUT_MS = 30_000;
const VIEWPORT = { width: 1440, height: 1000 } as const;

// ---------------------------------------------------------------------------------------------
// Options and set-up

interface Options {
  readonly tree: number;
  readonly runs: number;
  readonly repeats: number;
  readonly vsix: string | undefined;
  readonly cache: string;
  readonly hoverDelayMs: number;
}

/** What bench/corpus.mjs exports and this script uses (it is plain JavaScript, imported at run time). */
interface CorpusModule {
  defaultCacheDir(): string;
  ensureSeeded(cache: string): { trees: Record<string, { files: number; references: number }> };
  treeDir(cache: string, fraction: number): string;
  manifestPath(cache: string, fraction: number): string;
}

interface ManifestReference {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly id: string;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || (value === 0 && name !== 'hover-delay')) throw new Error(`--${name} must be a positive integer, not ${text}`);
  return value;
}

function options(corpus: CorpusModule): Options {
  const { values } = parseArgs({
    options: {
      tree: { type: 'string', default: '100' },
      runs: { type: 'string', default: '3' },
      repeats: { type: 'string', default: '10' },
      vsix: { type: 'string' },
      cache: { type: 'string' },
      'hover-delay': { type: 'string', default: '50' },
    },
    strict: true,
  });
  const tree = Number(values.tree);
  if (![10, 30, 100].includes(tree)) throw new Error(`--tree must be 10, 30 or 100, not ${values.tree}`);
  return {
    tree,
    runs: positiveInteger('runs', values.runs),
    repeats: positiveInteger('repeats', values.repeats),
    vsix: values.vsix === undefined ? undefined : path.resolve(values.vsix),
    cache: path.resolve(values.cache ?? corpus.defaultCacheDir()),
    hoverDelayMs: positiveInteger('hover-delay', values['hover-delay']),
  };
}

/** Builds and packages the extension (`npm run package` → tracelens.vsix), as test/e2e/browser.ts does. */
function packageExtension(): string {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  const vsix = path.join(REPO, 'tracelens.vsix');
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

/** The machine facts bench/run.mjs records, without ripgrep, with code-server's version added later. */
function machine(): Record<string, unknown> {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // nproc missing: keep Node's count
  }
  return { nproc, cpu, ramMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, kernel: os.release() };
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`;
  }
}

/**
 * The hover target: the first seeded reference (in the manifest's file/line order) to a requirement
 * in a .c file, past the file's first lines so the typed tag at line 1 does not touch it.
 */
function pickTarget(manifest: { references: ManifestReference[] }): ManifestReference {
  // REQ-0001…REQ-3000 are the requirements (REQ-99xxx are the unknown IDs, RISK-xxx the risks).
  const target = manifest.references.find((r) => r.file.endsWith('.c') && /^REQ-\d{4}$/.test(r.id) && r.line > 20);
  if (!target) throw new Error('the manifest has no reference to a requirement in a .c file');
  return target;
}

/** `Benchmark requirement 1344` for REQ-1344, as bench/corpus.mjs titles its items. */
function titleOf(id: string): string {
  return `Benchmark requirement ${Number(id.slice('REQ-'.length))}`;
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
  readonly samples: number[];
}

function summary(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length, samples: [...samples] };
}

/** Why a figure is missing, printed as "not measured (reason)". */
const missing = new Map<string, string>();
const errors: string[] = [];

/** Where a failed step's screenshot goes. */
const ARTIFACTS = path.join(REPO, 'test-results', 'bench-editor');

/** Runs one measuring step; a failure is recorded (with a screenshot of `page`) and yields undefined. */
async function step<T>(name: string, body: () => Promise<T>, page?: Page): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    if (page) {
      const shot = await new Workbench(page).screenshot(name.replace(/[^a-z0-9]+/gi, '-'), ARTIFACTS).catch(() => undefined);
      if (shot) console.log(`  (screenshot: ${path.relative(REPO, shot)})`);
    }
    const reason = (error as Error).message.split('\n')[0] ?? String(error);
    if (!missing.has(name)) missing.set(name, reason);
    errors.push(`${name}: ${(error as Error).message}`);
    console.log(`  ${name}: not measured (${reason})`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The extension's own log

/** The engine's figures from the "Tracelens" log channel's `Indexed … in N ms` line and its phases. */
interface EngineIndex {
  readonly totalMs: number;
  readonly phases: Record<string, number>;
  readonly line: string;
  readonly logFile: string;
  /**
   * Milestones from the logs' timestamps, in ms after the navigation started: the extension host's
   * first log line, Tracelens's activation (remoteexthost.log), the index's start (its end minus its
   * total) and end (Tracelens.log). Undefined when a line is missing.
   */
  readonly timeline: { extHost?: number; activated?: number; indexStart?: number; indexEnd?: number };
}

/** Every file under `dir` (recursively) whose name is `name`. */
function findFiles(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, name));
    else if (entry.name === name) found.push(full);
  }
  return found.sort();
}

/** The epoch ms of a log line's `2026-12-06 16:29:52.957` prefix (local time, as VS Code writes it). */
function logTime(line: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line ?? '');
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, ms] = match.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
}

/**
 * Reads the first `Indexed` line of a log file the extension host wrote for this session (one not
 * in `seen`): the log channel writes `<user-data-dir>/logs/<session>/exthost<N>/<extension id>/Tracelens.log`,
 * beside the host's own `remoteexthost.log`. `navigationStart` is the epoch ms the page load began.
 */
async function engineIndex(dirs: CodeServerDirs, seen: ReadonlySet<string>, navigationStart: number): Promise<EngineIndex> {
  return waitFor('the "Indexed … in N ms" line in the extension\'s Tracelens.log', () => {
    for (const logFile of findFiles(path.join(dirs.userDataDir, 'logs'), 'Tracelens.log')) {
      if (seen.has(logFile) || !logFile.includes(`${path.sep}${EXTENSION_ID}${path.sep}`)) continue;
      const lines = readFileSync(logFile, 'utf8').split('\n');
      const at = lines.findIndex((line) => / Indexed .* in \d+ ms: /.test(line));
      if (at < 0) continue;
      const line = lines[at]!;
      const phases: Record<string, number> = {};
      for (const [, name, ms] of (lines[at + 1] ?? '').matchAll(/(?:phases: | · )([a-zA-Z ]+?) (\d+) ms/g)) phases[name!] = Number(ms);
      const totalMs = Number(/ in (\d+) ms: /.exec(line)![1]);
      const hostLog = path.join(path.dirname(path.dirname(logFile)), 'remoteexthost.log');
      const hostLines = existsSync(hostLog) ? readFileSync(hostLog, 'utf8').split('\n') : [];
      const since = (epoch: number | undefined): number | undefined => (epoch === undefined ? undefined : epoch - navigationStart);
      const indexEnd = since(logTime(line));
      return {
        totalMs, phases, line: line.replace(/^.*? Indexed /, 'Indexed '), logFile,
        timeline: {
          extHost: since(logTime(hostLines[0])),
          activated: since(logTime(hostLines.find((hostLine) => hostLine.includes(`_doActivateExtension ${EXTENSION_ID},`)))),
          indexStart: indexEnd === undefined ? undefined : indexEnd - totalMs,
          indexEnd,
        },
      };
    }
    return undefined;
  }, STEP_TIMEOUT_MS, 250);
}

/** Total bytes of the files under `dir`. */
function folderBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return bytes;
}

/** The scan cache the extension saved under its global storage (TL-213), once it holds files. */
async function scanCache(dirs: CodeServerDirs): Promise<{ folder: string; bytes: number }> {
  const root = path.join(dirs.userDataDir, 'User', 'globalStorage', EXTENSION_ID, 'scan-cache');
  return waitFor(`a saved scan cache under ${root}`, () => {
    if (!existsSync(root)) return undefined;
    for (const key of readdirSync(root).sort()) {
      const folder = path.join(root, key);
      const bytes = folderBytes(folder);
      if (bytes > 0) return { folder, bytes };
    }
    return undefined;
  }, STEP_TIMEOUT_MS, 250);
}

// ---------------------------------------------------------------------------------------------
// Time to coverage

interface CoverageRun {
  readonly port: number;
  readonly wallMs: number;
  /** From the navigation to the workbench's status bar (the shell, before any extension). */
  readonly shellMs: number;
  readonly statusText: string;
  readonly engine: EngineIndex | undefined;
}

/** Opens the tree in a new page and times the navigation until the status bar item shows `% impl`. */
async function timeToCoverage(server: CodeServer, browser: Browser, tree: string, seenLogs: Set<string>): Promise<CoverageRun> {
  const page = browser.page;
  const navigationStart = Date.now();
  const started = performance.now();
  await page.goto(server.workbenchUrl(tree));
  const workbench = new Workbench(page, { timeoutMs: STEP_TIMEOUT_MS });
  await workbench.waitReady();
  const shellMs = performance.now() - started;
  await page.waitForFunction(
    (selector) => ((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } })
      .document.querySelector(selector)?.textContent ?? '').includes('% impl'),
    COVERAGE_ITEM,
    { timeout: COVERAGE_TIMEOUT_MS, polling: 50 },
  ).catch((error: Error) => {
    throw new Error(`the Tracelens status bar item never showed "% impl" within ${COVERAGE_TIMEOUT_MS / 1000} s (${error.message.split('\n')[0]})`);
  });
  const wallMs = performance.now() - started;
  const statusText = (await page.locator(COVERAGE_ITEM).innerText()).trim();
  const engine = await step('engine index time', () => engineIndex(server.dirs, seenLogs, navigationStart));
  if (engine) seenLogs.add(engine.logFile);
  return { port: server.port, wallMs, shellMs, statusText, engine };
}

/** One line for a coverage run: the wall time, the status text, the milestones. */
function describeRun(run: CoverageRun): string {
  const at = (ms: number | undefined): string => (ms === undefined ? '?' : `${(ms / 1000).toFixed(2)} s`);
  const timeline = run.engine?.timeline ?? {};
  return `${at(run.wallMs)} to "${run.statusText}" (shell ${at(run.shellMs)}, host ${at(timeline.extHost)}, ` +
    `activated ${at(timeline.activated)}, index ${at(timeline.indexStart)}–${at(timeline.indexEnd)}; engine ${run.engine ? `${run.engine.totalMs} ms` : '?'}; port ${run.port})`;
}

// ---------------------------------------------------------------------------------------------
// Extension host RSS

/** The extension host: the process of the server's group whose arguments hold `--type=extensionHost`. */
function extensionHost(server: CodeServer): { pid: number; rssMb: number; args: string } {
  const ps = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,rss=,args='], { encoding: 'utf8' });
  const hosts = ps.split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[2]) === server.pid && match[4]!.includes('--type=extensionHost'))
    .map((match) => ({ pid: Number(match[1]), rssMb: Number(match[3]) / 1024, args: match[4]! }));
  if (hosts.length !== 1) throw new Error(`expected one extension host in code-server's process group ${server.pid}, found ${hosts.length}`);
  return hosts[0]!;
}

interface RssFigures {
  readonly pid: number;
  readonly beforeMb: number;
  readonly afterMb: number;
  readonly peakMb: number;
  readonly samples: number;
  readonly codeLenses: number;
}

/**
 * Waits until the extension host exists and its RSS has held within 2 MB for 5 s (its start-up is
 * over), at most the step deadline: the baseline has no status bar item to wait for.
 */
async function settled(server: CodeServer): Promise<void> {
  const deadline = Date.now() + 4 * STEP_TIMEOUT_MS;
  const recent: number[] = [];
  for (;;) {
    try {
      recent.push(extensionHost(server).rssMb);
    } catch {
      recent.length = 0;
    }
    if (recent.length >= 10 && Math.max(...recent.slice(-10)) - Math.min(...recent.slice(-10)) < 2) return;
    if (Date.now() > deadline) throw new Error('the extension host did not settle');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * RSS before opening the requirements file, after its lenses render and a scroll through it, and the
 * peak. Without Tracelens (`lenses: false`) the same steps, minus waiting for lenses that never come.
 */
async function measureRss(server: CodeServer, workbench: Workbench, { lenses: withLenses = true } = {}): Promise<RssFigures> {
  const before = extensionHost(server);
  let peak = before.rssMb;
  let samples = 1;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, extensionHost(server).rssMb);
      samples++;
    } catch {
      // The host went away: the final reading below reports it.
    }
  }, 250);
  try {
    await workbench.openFile('requirements/requirements.md');
    const lenses = workbench.page.locator('.part.editor .editor-group-container.active .monaco-editor .codelens-decoration');
    if (withLenses) {
      await lenses.first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {
        throw new Error('no CodeLens rendered in requirements/requirements.md');
      });
    } else {
      await workbench.page.waitForTimeout(3_000);
    }
    // Scroll through the file so the lenses and gutter marks of more than the first screen resolve.
    for (let page = 0; page < 30; page++) {
      await workbench.page.keyboard.press('PageDown');
      await workbench.page.waitForTimeout(100);
    }
    await workbench.page.keyboard.press('Control+End');
    await workbench.page.waitForTimeout(1_000);
    await workbench.page.keyboard.press('Control+Home');
    await workbench.page.waitForTimeout(3_000);
    const codeLenses = await lenses.count();
    const after = extensionHost(server);
    if (after.pid !== before.pid) throw new Error(`the extension host restarted (pid ${before.pid} → ${after.pid})`);
    peak = Math.max(peak, after.rssMb);
    return { pid: before.pid, beforeMb: before.rssMb, afterMb: after.rssMb, peakMb: peak, samples, codeLenses };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// In-page timing. The scripts are strings: tsx would wrap named functions of a compiled callback in
// a __name() helper that does not exist in the page. Times are the page's performance.now().

/**
 * Arms an observer: `window[name]` resolves with the time of the last `events` event before
 * `condition` (a JavaScript expression) first held, and that time.
 */
function armScript(name: string, events: readonly string[], condition: string, timeoutMs: number): string {
  return `(() => {
    const state = { last: undefined };
    const listener = () => { state.last = performance.now(); };
    for (const type of ${JSON.stringify(events)}) document.addEventListener(type, listener, true);
    window[${JSON.stringify(name)}] = new Promise((resolve) => {
      let done = false;
      const finish = (result) => {
        if (done) return;
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        for (const type of ${JSON.stringify(events)}) document.removeEventListener(type, listener, true);
        resolve(result);
      };
      const check = () => {
        if (state.last !== undefined && (${condition})) finish({ start: state.last, shown: performance.now() });
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const timer = setTimeout(() => finish({ timeout: true, start: state.last }), ${timeoutMs});
    });
    return true;
  })()`;
}

/** Waits for the observer armed as `name`; the latency in ms. */
async function armedLatency(page: Page, name: string, what: string): Promise<number> {
  const result = await page.evaluate(`window[${JSON.stringify(name)}]`) as { start?: number; shown?: number; timeout?: boolean };
  if (result.timeout || result.start === undefined || result.shown === undefined) {
    throw new Error(`${what} not seen within ${STEP_TIMEOUT_MS / 1000} s${result.start === undefined ? ' (no input event reached the page)' : ''}`);
  }
  return result.shown - result.start;
}

/** The hover of `id`: from the mouse move onto the ID to the hover widget holding the item's title. */
async function measureHover(workbench: Workbench, target: ManifestReference, repeats: number): Promise<number[]> {
  await workbench.openFile(target.file, target.line, target.column);
  const title = titleOf(target.id);
  const warmUp = await workbench.hoverWord(target.id);
  if (!warmUp.includes(title)) throw new Error(`the hover of ${target.id} lacks "${title}": ${JSON.stringify(warmUp.slice(0, 200))}`);
  const condition = `Array.from(document.querySelectorAll('.monaco-hover:not(.hidden) .monaco-hover-content')).some((node) => (node.textContent || '').includes(${JSON.stringify(title)}))`;
  const samples: number[] = [];
  for (let run = 0; run < repeats; run++) {
    await workbench.dismissHover();
    const point = await workbench.wordPoint(target.id);
    if (!point) throw new Error(`${target.id} is no longer on screen`);
    await workbench.page.evaluate(armScript('__tlHover', ['mousemove'], condition, STEP_TIMEOUT_MS));
    await workbench.page.mouse.move(point.x, point.y);
    samples.push(await armedLatency(workbench.page, '__tlHover', `the hover of ${target.id}`));
  }
  await workbench.dismissHover();
  return samples;
}

/**
 * The typed tag: at line 1 of `file` (unsaved), from the last keystroke of `// Implements:
 * REQ-99999` to its squiggle on line 1 and to the status bar's problem count going up. Reverted
 * (File: Revert File, which reloads the file from disk and writes nothing) after each run.
 */
async function measureDiagnostic(workbench: Workbench, file: string, repeats: number): Promise<{ squiggle: number[]; count: number[]; message: string }> {
  const page = workbench.page;
  const editor = '.part.editor .editor-group-container.active .monaco-editor';
  // Line 1 is the view line with the smallest top; its overlay (same top) holds its squiggles.
  const squiggleOnFirstLine = `(() => {
    const editor = document.querySelector(${JSON.stringify(editor)});
    if (!editor) return false;
    const top = (node) => Number((/top:\\s*(-?[\\d.]+)px/.exec(node.getAttribute('style') || '') || [])[1]);
    const lines = Array.from(editor.querySelectorAll('.view-lines > .view-line'));
    if (lines.length === 0 || !(lines.find((line) => top(line) === Math.min(...lines.map(top))).textContent || '').includes(${JSON.stringify(UNKNOWN_ID)})) return false;
    const first = Math.min(...lines.map(top));
    return Array.from(editor.querySelectorAll('.view-overlays > div')).some((overlay) => top(overlay) === first && overlay.querySelector('[class*="squiggly-error"]'));
  })()`;
  const problemTotal = `(() => {
    const label = (document.querySelector(${JSON.stringify(PROBLEMS_ITEM)}) || { getAttribute: () => '' }).getAttribute('aria-label') || '';
    return Array.from(label.matchAll(/(\\d[\\d,]*)/g)).reduce((sum, match) => sum + Number(match[1].replace(/,/g, '')), 0);
  })()`;
  const squiggle: number[] = [];
  const count: number[] = [];
  let message = '';
  await workbench.openFile(file, 1, 1);
  const baseline = await page.evaluate(problemTotal) as number;
  if (await page.evaluate(squiggleOnFirstLine)) throw new Error(`line 1 of ${file} already has an error squiggle`);
  for (let run = 0; run <= repeats; run++) {
    // A new empty line 1, the cursor on it (Go to Line waits until the cursor is there).
    await workbench.goToLine(1, 1);
    await page.keyboard.press('Enter');
    await workbench.goToLine(1, 1);
    await page.evaluate(armScript('__tlCount', ['keydown', 'input'], `${problemTotal} > ${baseline}`, STEP_TIMEOUT_MS));
    await page.evaluate(armScript('__tlSquiggle', ['keydown', 'input'], squiggleOnFirstLine, STEP_TIMEOUT_MS));
    await page.keyboard.type(TYPED_TAG);
    const squiggleMs = await armedLatency(page, '__tlSquiggle', `the squiggle of ${UNKNOWN_ID} on line 1`);
    const countMs = await armedLatency(page, '__tlCount', 'the status bar\'s problem count going up');
    if (run === 0) {
      // The warm-up run also checks what the squiggle says.
      message = await workbench.hoverWord(UNKNOWN_ID);
      if (!message.includes(`${UNKNOWN_ID} is not defined in any requirement file`)) throw new Error(`the squiggle's hover lacks the unknown-id message: ${JSON.stringify(message.slice(0, 200))}`);
      await workbench.dismissHover();
    } else {
      squiggle.push(squiggleMs);
      count.push(countMs);
    }
    await workbench.runCommand('File: Revert File');
    await workbench.poll('the reverted file back to its findings', async () => {
      const clean = !(await page.evaluate(squiggleOnFirstLine)) && (await page.evaluate(problemTotal)) === baseline;
      return clean ? true : undefined;
    });
  }
  return { squiggle, count, message };
}

// ---------------------------------------------------------------------------------------------

interface CycleResult {
  readonly cold?: CoverageRun;
  readonly restarted?: CoverageRun;
  readonly scanCacheBytes?: number;
}

async function main(): Promise<void> {
  const corpus = (await import(pathToFileURL(path.join(REPO, 'bench', 'corpus.mjs')).href)) as CorpusModule;
  const opts = options(corpus);
  const seeded = corpus.ensureSeeded(opts.cache);
  const tree = corpus.treeDir(opts.cache, opts.tree);
  const manifest = JSON.parse(readFileSync(corpus.manifestPath(opts.cache, opts.tree), 'utf8')) as { references: ManifestReference[] };
  const stats = seeded.trees[String(opts.tree)]!;
  const target = pickTarget(manifest);
  const vsix = opts.vsix ?? packageExtension();
  const settings = { ...QUIET_SETTINGS, 'editor.hover.delay': opts.hoverDelayMs, 'tracelens.debounceMs': DEBOUNCE_MS };
  const mach = machine();
  const loadBefore = os.loadavg()[0]!;
  const uptimeBefore = uptime();

  console.log('Tracelens editor benchmark (code-server)');
  console.log(`machine: ${mach.nproc} cores, ${mach.cpu}, Node ${mach.node}`);
  console.log(`corpus:  seeded-${opts.tree}: ${stats.files} .c/.h files, ${stats.references} seeded references, requirements/requirements.md`);
  console.log(`package: ${path.relative(REPO, vsix) || vsix}`);
  console.log(`settings: editor.hover.delay ${opts.hoverDelayMs} ms, tracelens.debounceMs ${DEBOUNCE_MS} ms`);
  console.log(`load:    ${uptimeBefore}`);
  console.log('');

  // The files the editor opens are hard links into the unpacked kernel: prove nothing wrote to them.
  const touchable = [target.file, 'requirements/requirements.md'].map((file) => path.join(tree, file));
  const fingerprint = (): string[] => touchable.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
  const fingerprintBefore = fingerprint();

  const cycles: CycleResult[] = [];
  let rss: RssFigures | undefined;
  let hover: number[] | undefined;
  let diagnostic: { squiggle: number[]; count: number[]; message: string } | undefined;
  let codeServerVersion: string | undefined;
  for (let run = 1; run <= opts.runs; run++) {
    console.log(`run ${run}/${opts.runs}`);
    const dirs = makeCodeServerDirs(settings);
    const seenLogs = new Set<string>();
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    const cycle: { -readonly [K in keyof CycleResult]: CycleResult[K] } = {};
    try {
      server = await startCodeServer({ dirs, vsix: [vsix], keepDirs: true });
      codeServerVersion ??= /code-server (\d+\.\d+\.\d+\S*)/.exec(server.log())?.[1];
      browser = await launchBrowser({ viewport: VIEWPORT });
      cycle.cold = await step('time to coverage, cold', () => timeToCoverage(server!, browser!, tree, seenLogs));
      if (cycle.cold) console.log(`  cold:      ${describeRun(cycle.cold)}`);
      const saved = await step('scan cache saved', () => scanCache(dirs));
      cycle.scanCacheBytes = saved?.bytes;
      await browser.close();
      browser = undefined;
      const firstPort = server.port;
      await server.stop();
      server = await startCodeServer({ dirs, keepDirs: false });
      const secondPort = server.port;
      browser = await launchBrowser({ viewport: VIEWPORT });
      cycle.restarted = await step('time to coverage, restarted', async () => {
        if (secondPort === firstPort) throw new Error(`code-server came back on the same port ${firstPort}`);
        return timeToCoverage(server!, browser!, tree, seenLogs);
      });
      if (cycle.restarted) console.log(`  restarted: ${describeRun(cycle.restarted)} (port ${firstPort} → ${secondPort})`);
      if (run === 1 && cycle.restarted) {
        const workbench = new Workbench(browser.page, { timeoutMs: STEP_TIMEOUT_MS });
        rss = await step('extension host RSS', () => measureRss(server!, workbench), browser.page);
        if (rss) console.log(`  RSS:       ${rss.beforeMb.toFixed(0)} MB before, ${rss.afterMb.toFixed(0)} MB with the file open, peak ${rss.peakMb.toFixed(0)} MB`);
        hover = await step('hover latency', () => measureHover(workbench, target, opts.repeats), browser.page);
        if (hover) console.log(`  hover:     median ${summary(hover)!.median.toFixed(0)} ms over ${hover.length}`);
        diagnostic = await step('diagnostic latency', () => measureDiagnostic(workbench, target.file, opts.repeats), browser.page);
        if (diagnostic) console.log(`  diagnostic: median ${summary(diagnostic.squiggle)!.median.toFixed(0)} ms to the squiggle over ${diagnostic.squiggle.length}`);
      }
    } catch (error) {
      errors.push(`run ${run}: ${(error as Error).message}`);
      console.log(`  run ${run} failed: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await browser?.close();
      await server?.stop();
      rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
    }
    cycles.push(cycle);
  }

  // The baseline, in the same run: the same steps in a workbench without Tracelens, so that what
  // VS Code's own extensions (Markdown's among them) take for the 3,000-item file is told apart.
  console.log('baseline: the same file without Tracelens');
  let baseline: RssFigures | undefined;
  {
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    try {
      server = await startCodeServer({ settings });
      browser = await launchBrowser({ viewport: VIEWPORT });
      const workbench = await Workbench.open(browser.page, server.workbenchUrl(tree), { timeoutMs: STEP_TIMEOUT_MS });
      baseline = await step('extension host RSS without Tracelens', async () => {
        await settled(server!);
        return measureRss(server!, workbench, { lenses: false });
      }, browser.page);
      if (baseline) console.log(`  RSS:       ${baseline.beforeMb.toFixed(0)} MB before, ${baseline.afterMb.toFixed(0)} MB with the file open, peak ${baseline.peakMb.toFixed(0)} MB`);
    } catch (error) {
      errors.push(`baseline: ${(error as Error).message}`);
    } finally {
      await browser?.close();
      await server?.stop();
    }
  }

  const coverage = (kind: 'cold' | 'restarted') => {
    const runs = cycles.flatMap((c) => (c[kind] ? [c[kind]!] : []));
    const milestone = (key: keyof EngineIndex['timeline']) => summary(runs.flatMap((r) => {
      const ms = r.engine?.timeline[key];
      return ms === undefined ? [] : [ms / 1000];
    }));
    return {
      wall: summary(runs.map((r) => r.wallMs / 1000)),
      shell: summary(runs.map((r) => r.shellMs / 1000)),
      extHost: milestone('extHost'),
      activated: milestone('activated'),
      indexStart: milestone('indexStart'),
      indexEnd: milestone('indexEnd'),
      engine: summary(runs.flatMap((r) => (r.engine ? [r.engine.totalMs / 1000] : []))),
    };
  };
  const cold = coverage('cold');
  const restarted = coverage('restarted');
  const hoverSummary = hover ? summary(hover) : undefined;
  const squiggle = diagnostic ? summary(diagnostic.squiggle) : undefined;
  const count = diagnostic ? summary(diagnostic.count) : undefined;
  const loadAfter = os.loadavg()[0]!;
  fingerprint().forEach((hash, index) => {
    if (hash !== fingerprintBefore[index]) errors.push(`${touchable[index]} changed during the run: it must never be written`);
  });

  const why = (name: string): string => `not measured (${missing.get(name) ?? 'the run failed before it'})`;
  const seconds = (s: Summary | undefined, name: string): string =>
    (s ? `${s.median.toFixed(2)} s (${s.min.toFixed(2)}–${s.max.toFixed(2)}, n=${s.n})` : why(name));
  const millis = (s: Summary | undefined, name: string): string =>
    (s ? `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)}, n=${s.n})` : why(name));
  const coverageRows = (kind: 'cold' | 'restarted', figures: ReturnType<typeof coverage>): [string, string][] => {
    const name = `time to coverage, ${kind}`;
    return [
      [`${name} (wall, from navigation)`, seconds(figures.wall, name)],
      ['  workbench shell shown at', seconds(figures.shell, name)],
      ['  extension host log starts at', seconds(figures.extHost, 'engine index time')],
      ['  Tracelens activated at', seconds(figures.activated, 'engine index time')],
      ['  index starts at', seconds(figures.indexStart, 'engine index time')],
      ['  index ends at', seconds(figures.indexEnd, 'engine index time')],
      ['  engine index (its log)', seconds(figures.engine, 'engine index time')],
    ];
  };
  const rows: [string, string][] = [
    ...coverageRows('cold', cold),
    ...coverageRows('restarted', restarted),
    ['ext host RSS before the file', rss ? `${rss.beforeMb.toFixed(0)} MB` : why('extension host RSS')],
    ['ext host RSS, file open', rss ? `${rss.afterMb.toFixed(0)} MB (peak ${rss.peakMb.toFixed(0)} MB, ${rss.samples} samples)` : why('extension host RSS')],
    ['  without Tracelens, before', baseline ? `${baseline.beforeMb.toFixed(0)} MB` : why('extension host RSS without Tracelens')],
    ['  without Tracelens, file open', baseline ? `${baseline.afterMb.toFixed(0)} MB (peak ${baseline.peakMb.toFixed(0)} MB, ${baseline.samples} samples)` : why('extension host RSS without Tracelens')],
    ['  Tracelens\'s share (with − without)', rss && baseline
      ? `${(rss.beforeMb - baseline.beforeMb).toFixed(0)} MB before, ${(rss.afterMb - baseline.afterMb).toFixed(0)} MB file open, ${(rss.peakMb - baseline.peakMb).toFixed(0)} MB at the peaks`
      : 'not measured (needs both)'],
    [`hover (delay ${opts.hoverDelayMs} ms)`, millis(hoverSummary, 'hover latency')],
    [`unknown ID squiggle (debounce ${DEBOUNCE_MS} ms)`, millis(squiggle, 'diagnostic latency')],
    ['  problem count up', millis(count, 'diagnostic latency')],
  ];
  console.log('');
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  const baselineNote = baseline ? `; VS Code without Tracelens peaks at ${baseline.peakMb.toFixed(0)} MB on the same steps` : '';
  console.log(`target: extension host RSS with the file open < 300 MB: ${rss ? `${rss.peakMb < 300 ? 'PASS' : 'FAIL'} (peak ${rss.peakMb.toFixed(0)} MB${baselineNote})` : 'not measured'}`);
  console.log(`load:   ${uptime()}`);
  for (const error of errors) console.log(`error: ${error}`);

  const round = (x: number | undefined, digits = 3): number | null => (x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
  const pack = (s: Summary | undefined, digits = 3) =>
    (s ? { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits), samples: s.samples.map((x) => round(x, digits)) } : null);
  const record = {
    bench: 'tracelens-editor',
    date: new Date().toISOString(),
    machine: { ...mach, codeServer: codeServerVersion ?? null },
    corpus: { tree: `seeded-${opts.tree}`, files: stats.files, references: stats.references },
    runs: opts.runs,
    repeats: opts.repeats,
    settings: { 'editor.hover.delay': opts.hoverDelayMs, 'tracelens.debounceMs': DEBOUNCE_MS },
    loadAverage: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
    uptime: uptimeBefore,
    units: { coverage: 's', rss: 'MB', hover: 'ms', diagnostic: 'ms' },
    coverage: {
      cold: Object.fromEntries(Object.entries(cold).map(([key, value]) => [key, pack(value)])),
      restarted: Object.fromEntries(Object.entries(restarted).map(([key, value]) => [key, pack(value)])),
      ports: cycles.map((c) => [c.cold?.port ?? null, c.restarted?.port ?? null]),
      scanCacheBytes: cycles.map((c) => c.scanCacheBytes ?? null),
      phases: cycles.map((c) => ({ cold: c.cold?.engine?.phases ?? null, restarted: c.restarted?.engine?.phases ?? null })),
    },
    rss: rss ? { beforeMb: round(rss.beforeMb, 1), afterMb: round(rss.afterMb, 1), peakMb: round(rss.peakMb, 1), samples: rss.samples, codeLensesOnScreen: rss.codeLenses } : null,
    rssWithoutTracelens: baseline ? { beforeMb: round(baseline.beforeMb, 1), afterMb: round(baseline.afterMb, 1), peakMb: round(baseline.peakMb, 1), samples: baseline.samples } : null,
    hover: hoverSummary ? { target: target, ...pack(hoverSummary, 1) } : null,
    diagnostic: squiggle ? { file: target.file, squiggle: pack(squiggle, 1), problemCount: pack(count, 1), includesDebounce: true } : null,
    missing: Object.fromEntries(missing),
    errors,
  };
  console.log('');
  console.log(JSON.stringify(record));
  process.exitCode = errors.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
