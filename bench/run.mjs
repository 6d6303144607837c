#!/usr/bin/env node
// Implements: TL-063
/**
 * Tracelens benchmark: the CLI against ripgrep on a seeded copy of the Linux kernel sources.
 *
 *   node bench/run.mjs [--runs N] [--cache DIR] [--cli PATH] [--engine PATH] [--strict] [--no-tables] [--no-formats] [--diff]
 *
 * Measures, each `--runs` times (default 5) after one unmeasured warm-up: `rg -l` (the floor), the
 * CLI cold (`--no-cache`), warm (primed `--cache-dir`, nothing changed), warm after 10 changed files,
 * peak RSS of each, cold time at 10%, 30% and 100% of the corpus, and the single-file update through
 * bench/engineAdapter.ts, and cold and warm on the table variant of the full tree (the same code with
 * its requirements kept in Markdown tables under a SYS → REQ coverage hierarchy; `--no-tables`
 * leaves it out, e.g. for a build that predates tables), and, for every requirement format with a
 * corpus writer in bench/formats/ (`writeCorpus(dir, count)`), a check of 10,000 items of that format
 * and no code, whole and its reading phase from `--timings` (`--no-formats` leaves them out),
 * `report --format html` of the full tree with the time its filter takes in Chromium
 * (bench/reportFilter.ts), and with `--diff` `tracelens diff` on a git repository made of the full
 * tree (bench/diff.mjs). Checks the CLI's references against the
 * seeding manifest. Prints a table,
 * the targets, the verification, and last one JSON line with every figure.
 *
 * Exit status: 1 when the references do not match the manifest (or a measured command failed);
 * with --strict also when a target fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FRACTIONS, defaultCacheDir, ensureSeeded, ensureTablesVariant, ensureTools, fnv1a, manifestPath, treeDir } from './corpus.mjs';
import { DIFF_TARGET, diffLines, measureDiff } from './diff.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(BENCH_DIR, '..');
const RG_PATTERN = 'REQ-[0-9]+';
const TOUCHED_FILES = 10;
const TOUCH_MARK = '/* tracelens-bench: touched';

const TARGETS = {
  coldSeconds: 1.5,
  coldVsRg: 10,
  warmVsRg: 2,
  warm10VsRg: 2.5,
  singleFileMs: 10,
  peakRssMb: 250,
  growth: 1.2,
  formatsSeconds: 1,
  reportVsCold: 1.3,
  filterMs: 200,
};

/**
 * The slowest format's median time reading its items: the `--timings` reading phase where the CLI
 * reports it, else (an older build) its whole check, which is an upper bound.
 */
function slowestReading(formats) {
  return Math.max(...Object.values(formats).map((m) => (m.phase ? m.phase.median : m.median)));
}

/** Items in each format's generated corpus. */
const FORMAT_ITEMS = 10_000;

/** The corpus writers of bench/formats/: one module a format, each exporting writeCorpus(dir, count). */
async function formatWriters() {
  const dir = path.join(BENCH_DIR, 'formats');
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir).filter((file) => file.endsWith('.mjs')).sort();
  const writers = [];
  for (const file of names) {
    const module = await import(pathToFileURL(path.join(dir, file)).href);
    if (typeof module.writeCorpus === 'function') writers.push({ name: file.slice(0, -'.mjs'.length), writeCorpus: module.writeCorpus });
  }
  return writers;
}

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const opts = {
    runs: 5,
    cache: defaultCacheDir(),
    cli: path.join(REPO, 'dist', 'cli.js'),
    engine: process.env.TRACELENS_BENCH_ENGINE || path.join(REPO, 'dist', 'engine.js'),
    strict: false,
    tables: true,
    formats: true,
    diff: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new SetupError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runs') opts.runs = Number(value());
    else if (a === '--cache') opts.cache = path.resolve(value());
    else if (a === '--cli') opts.cli = path.resolve(value());
    else if (a === '--engine') opts.engine = path.resolve(value());
    else if (a === '--strict') opts.strict = true;
    else if (a === '--no-tables') opts.tables = false;
    else if (a === '--no-formats') opts.formats = false;
    else if (a === '--diff') opts.diff = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run.mjs [--runs N] [--cache DIR] [--cli PATH] [--engine PATH] [--strict] [--no-tables] [--no-formats] [--diff]');
      process.exit(0);
    } else throw new SetupError(`unknown option ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new SetupError('--runs must be a positive integer');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Machine

function machine(rgPath) {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // nproc missing: keep Node's count
  }
  const rgVersion = execFileSync(rgPath, ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
  return { nproc, cpu, ramMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, rg: rgVersion, kernel: os.release() };
}

// ---------------------------------------------------------------------------------------------
// Measuring one command

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelens-bench-'));

/**
 * Runs `argv` under /usr/bin/time (for peak RSS), stdout to a file so that the tool writes its
 * whole output (rg stops early when its stdout is /dev/null). Wall time is the parent's clock.
 */
function timed(argv, { label }) {
  const out = path.join(scratch, 'stdout');
  const err = path.join(scratch, 'stderr');
  const timeFile = path.join(scratch, 'time');
  const outFd = fs.openSync(out, 'w');
  const errFd = fs.openSync(err, 'w');
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, ...argv], { cwd: REPO, stdio: ['ignore', outFd, errFd] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.closeSync(outFd);
  fs.closeSync(errFd);
  const timeLine = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() : '';
  const rssKb = Number(timeLine.split(' ')[1]);
  return {
    label, seconds, rssMb: Number.isFinite(rssKb) ? rssKb / 1024 : NaN, status: r.status, signal: r.signal,
    stdoutFile: out, stderr: fs.readFileSync(err, 'utf8'), error: r.error,
  };
}

class CommandFailed extends Error {}
/** A problem with the options or the set-up: reported in one line, without a stack. */
class SetupError extends Error {}

function mustSucceed(m, okStatuses = [0]) {
  if (m.error || !okStatuses.includes(m.status)) {
    const why = m.error ? m.error.message : m.signal ? `signal ${m.signal}` : `exit ${m.status}`;
    throw new CommandFailed(`${m.label}: ${why}\n${m.stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  return m;
}

function summary(samples) {
  const s = samples.slice().sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** One warm-up run, then `runs` measured runs; `before`/`after` wrap every run, the warm-up too. */
/**
 * Runs `argv` once to warm up, then `runs` times: wall-clock seconds and peak RSS of each run. With
 * `phase` (a pattern whose first group is milliseconds in the command's stderr), that phase's
 * seconds too, as `phase`.
 */
function series(runs, argv, { label, okStatuses = [0], before, after, keepOutput, phase } = {}) {
  const once = (name) => {
    before?.();
    try {
      return mustSucceed(timed(argv, { label: name }), okStatuses);
    } finally {
      after?.();
    }
  };
  once(`${label} (warm-up)`);
  const seconds = [];
  const rss = [];
  const phases = [];
  let kept;
  for (let k = 0; k < runs; k++) {
    const m = once(label);
    seconds.push(m.seconds);
    rss.push(m.rssMb);
    if (phase) {
      const found = phase.exec(m.stderr);
      if (found) phases.push(Number(found[1]) / 1000);
    }
    if (keepOutput && k === runs - 1) kept = fs.readFileSync(m.stdoutFile, 'utf8');
  }
  return { ...summary(seconds), peakRssMb: Math.max(...rss), samples: seconds, output: kept, ...(phases.length === runs ? { phase: summary(phases) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The 10 touched files

/** Five tagged and five untagged files, picked by a fixed hash of their path. */
function pickTouched(tree, manifest) {
  const tagged = new Set(manifest.references.map((r) => r.file));
  const all = execFileSync('rg', ['--files', '--no-config', '-g', '*.{c,h}', '.'], { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 })
    .split('\n').filter(Boolean).map((f) => f.replace(/^\.\//, ''));
  const byHash = (a, b) => fnv1a(`touch:${a}`) - fnv1a(`touch:${b}`) || (a < b ? -1 : 1);
  const endsCleanly = (f) => {
    const text = fs.readFileSync(path.join(tree, f), 'latin1');
    return text.endsWith('\n') && !text.trimEnd().endsWith('\\');
  };
  const half = TOUCHED_FILES / 2;
  const a = all.filter((f) => tagged.has(f)).sort(byHash).filter(endsCleanly).slice(0, half);
  const b = all.filter((f) => !tagged.has(f)).sort(byHash).filter(endsCleanly).slice(0, TOUCHED_FILES - a.length);
  return [...a, ...b].sort();
}

/** Writes through a new file and a rename, so hard links into the other trees are never changed. */
function replaceFile(file, text) {
  const tmp = `${file}.tracelens-bench-tmp`;
  fs.writeFileSync(tmp, text, 'latin1');
  fs.renameSync(tmp, file);
}

/** Removes a touch comment (appended line or line-1 prefix) a crashed earlier run may have left. */
function stripTouch(text) {
  const head = new RegExp(`^${TOUCH_MARK.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\d+ \\*/ `);
  const clean = text.replace(head, '');
  const at = clean.indexOf(`\n${TOUCH_MARK}`);
  return at >= 0 ? clean.slice(0, at + 1) : clean;
}

// ---------------------------------------------------------------------------------------------
// Verification

const refKey = (r) => `${r.file}:${r.line}:${r.id}`;

/**
 * Compares the CLI's references with the manifest as (file, line, id) multisets. IDs the kernel
 * itself holds (manifest `natural`) may or may not be found: they are left out of both sides.
 */
function verify(label, output, manifest) {
  let json;
  try {
    json = JSON.parse(output);
  } catch (err) {
    return { label, ok: false, lines: [`${label}: output is not JSON (${err.message})`] };
  }
  if (!json || !Array.isArray(json.references)) return { label, ok: false, lines: [`${label}: JSON has no references array`] };
  const natural = new Set(manifest.natural.map(refKey));
  const traps = new Set(manifest.traps.map(refKey));
  const count = new Map();
  for (const r of manifest.references) count.set(refKey(r), (count.get(refKey(r)) ?? 0) + 1);
  for (const r of json.references) {
    const k = refKey({ file: String(r.file).replace(/\\/g, '/'), line: r.line, id: r.id });
    if (natural.has(k)) continue;
    count.set(k, (count.get(k) ?? 0) - 1);
  }
  const missing = [];
  const extra = [];
  for (const [k, n] of count) {
    for (let i = 0; i < n; i++) missing.push(k);
    for (let i = 0; i < -n; i++) extra.push(traps.has(k) ? `${k} (string trap)` : k);
  }
  const ok = missing.length === 0 && extra.length === 0;
  const lines = ok ? [] : [
    `${label}: ${missing.length} seeded references missing, ${extra.length} unexpected`,
    ...missing.slice(0, 20).map((k) => `  - ${k}`),
    ...(missing.length > 20 ? [`  - … ${missing.length - 20} more`] : []),
    ...extra.slice(0, 20).map((k) => `  + ${k}`),
    ...(extra.length > 20 ? [`  + … ${extra.length - 20} more`] : []),
  ];
  return { label, ok, lines, found: json.references.length };
}

// ---------------------------------------------------------------------------------------------
// Printing

const fmtS = (s) => (s === undefined || Number.isNaN(s) ? '' : `${s.toFixed(3)} s`);
const fmtMb = (mb) => (mb === undefined || Number.isNaN(mb) ? '' : `${mb.toFixed(0)} MB`);
const fmtX = (x) => (x === undefined || !Number.isFinite(x) ? '' : `${x.toFixed(2)}×`);
const round = (x, d = 4) => (x === undefined || x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

function row(cells, widths) {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureTools();
  const rgPath = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  fs.mkdirSync(opts.cache, { recursive: true });
  const inGit = spawnSync('git', ['-C', opts.cache, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
  if (inGit.status === 0 && inGit.stdout.trim() === 'true') {
    throw new SetupError(`the cache folder ${opts.cache} is inside a git work tree: rg and the tool would honour its .gitignore; use one outside`);
  }
  const seeded = ensureSeeded(opts.cache);
  const mach = machine(rgPath);
  const manifests = Object.fromEntries(FRACTIONS.map((f) => [f, JSON.parse(fs.readFileSync(manifestPath(opts.cache, f), 'utf8'))]));
  const full = treeDir(opts.cache, 100);
  const stats = seeded.trees[100];
  const mb = (f) => seeded.trees[f].sourceBytes / 1e6;

  console.log('Tracelens benchmark');
  console.log(`machine: ${mach.nproc} cores, ${mach.cpu}, ${(mach.ramMb / 1024).toFixed(1)} GiB RAM, Node ${mach.node}, ${mach.rg}`);
  console.log(`corpus:  ${seeded.source.package ?? seeded.source.tarball} (${seeded.source.dirs.join(' ')}), seed version ${seeded.seedVersion}`);
  console.log(`         ${stats.files} .c/.h files, ${mb(100).toFixed(1)} MB, ${stats.references} seeded references in ${stats.taggedFiles} files ` +
    `(${stats.unknownReferences} to unknown IDs), ${stats.traps} string traps in ${stats.trapFiles} files`);
  console.log(`runs:    ${opts.runs} measured after 1 warm-up each; page cache warm; times are wall clock of the whole process`);
  const loadBefore = os.loadavg()[0];
  console.log(`load:    1-minute load average ${loadBefore.toFixed(2)} before the run` +
    (loadBefore > 0.5 ? ' — WARNING: other work is running; figures will be slower and noisier than on an idle machine' : ''));
  console.log('');

  const failures = [];
  const verifications = [];
  const results = { rg: {}, cold: {} };

  // 1. The floor, at every fraction (the 10% and 30% rows put the growth figures in proportion).
  for (const f of FRACTIONS) {
    results.rg[f] = series(opts.runs, [rgPath, '-l', '--no-config', '-e', RG_PATTERN, treeDir(opts.cache, f)], { label: `rg -l ${f}%`, okStatuses: [0] });
  }

  // Context for the warm figures: Node's own start-up, and a Node process that only lists and
  // stats every file (what validating any per-file cache by stat costs, before any other work).
  results.nodeStart = series(opts.runs, [process.execPath, '-e', '0'], { label: 'node -e 0' });
  results.statFloor = series(opts.runs, [process.execPath, path.join(BENCH_DIR, 'statFloor.mjs'), full], { label: 'node: list + stat only' });

  // 2–4, 6, 7. The CLI.
  const cliPresent = fs.existsSync(opts.cli);
  const cliMissing = `not measured (${path.relative(REPO, opts.cli) || opts.cli} missing)`;
  const cliArgs = (tree, extra) => [process.execPath, opts.cli, 'check', tree, '--format', 'json', '--fail-on', 'none', ...extra];
  let reportRun;
  let reportHtml;
  let reportFilter;
  let warm;
  let warm10;
  let warm10head;
  let coldTables;
  let warmTables;
  let touched = [];
  if (cliPresent) {
    try {
      for (const f of FRACTIONS) {
        const m = series(opts.runs, cliArgs(treeDir(opts.cache, f), ['--no-cache']), { label: `cold ${f}%`, keepOutput: true });
        verifications.push(verify(`cold ${f}%`, m.output, manifests[f]));
        delete m.output;
        results.cold[f] = m;
      }
      // The traceability report runs the same check, then builds and writes the HTML page (TL-159).
      if (spawnSync(process.execPath, [opts.cli, 'report', '--help'], { stdio: 'ignore' }).status === 0) {
        reportHtml = path.join(scratch, 'report.html');
        reportRun = series(opts.runs, [process.execPath, opts.cli, 'report', full, '--format', 'html', '--output', reportHtml, '--no-cache'], { label: 'report --format html 100%' });
        const filter = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'reportFilter.ts'), '--html', reportHtml, '--runs', String(opts.runs)],
          { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        try {
          reportFilter = JSON.parse(filter.stdout.trim().split('\n').pop());
        } catch {
          reportFilter = { error: `bench/reportFilter.ts printed no result (exit ${filter.status}): ${filter.stderr.trim().split('\n').slice(-3).join(' | ')}` };
        }
      }
      const cacheDir = fs.mkdtempSync(path.join(scratch, 'cache-'));
      // The series' warm-up run primes the cache.
      warm = series(opts.runs, cliArgs(full, ['--cache-dir', cacheDir]), { label: 'warm 100%', keepOutput: true });
      verifications.push(verify('warm 100%', warm.output, manifests[100]));
      delete warm.output;

      // The same code, requirements in tables under a coverage hierarchy: reading 3,000 table rows
      // and evaluating child coverage must not cost more than the heading file does.
      if (opts.tables) {
        const tables = ensureTablesVariant(opts.cache);
        coldTables = series(opts.runs, cliArgs(tables, ['--no-cache']), { label: 'cold tables 100%', keepOutput: true });
        verifications.push(verify('cold tables 100%', coldTables.output, manifests[100]));
        delete coldTables.output;
        const tablesCache = fs.mkdtempSync(path.join(scratch, 'cache-tables-'));
        warmTables = series(opts.runs, cliArgs(tables, ['--cache-dir', tablesCache]), { label: 'warm tables 100%', keepOutput: true });
        verifications.push(verify('warm tables 100%', warmTables.output, manifests[100]));
        delete warmTables.output;
      }

      touched = pickTouched(full, manifests[100]);
      const originals = new Map();
      for (const f of touched) {
        const file = path.join(full, f);
        const text = fs.readFileSync(file, 'latin1');
        const clean = stripTouch(text);
        if (clean !== text) replaceFile(file, clean);
        originals.set(file, clean);
      }
      const restore = () => {
        for (const [file, text] of originals) if (fs.readFileSync(file, 'latin1') !== text) replaceFile(file, text);
      };
      process.on('exit', restore);
      for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { restore(); process.exit(130); });
      // Each run (the warm-up too) sees content the cache has never held: `edit` puts the run's
      // number in the touch comment; the files are restored after every run.
      const touchedSeries = (label, edit) => {
        let round = 0;
        const m = series(opts.runs, cliArgs(full, ['--cache-dir', cacheDir]), {
          label,
          keepOutput: true,
          before: () => {
            round++;
            for (const [file, text] of originals) replaceFile(file, edit(text, round));
          },
          after: restore,
        });
        verifications.push(verify(label, m.output, manifests[100]));
        delete m.output;
        restore();
        return m;
      };
      warm10 = touchedSeries('warm 100%, 10 files changed', (text, round) => `${text}${TOUCH_MARK} ${round} */\n`);
      // Informational: the same files changed at their start, before any tag, so that every
      // tagged one must be parsed again (an edit after a file's last tag needs no parse). The
      // comment goes on line 1, so no reference moves.
      warm10head = touchedSeries('warm 100%, 10 files changed at their start', (text, round) => `${TOUCH_MARK} ${round} */ ${text}`);
    } catch (err) {
      if (!(err instanceof CommandFailed)) throw err;
      failures.push(err.message);
    }
  }

  // Requirement formats: reading FORMAT_ITEMS items of each format, with no code to scan.
  const formats = {};
  if (cliPresent && opts.formats) {
    const timingsFlag = spawnSync(process.execPath, [opts.cli, 'check', '--help'], { encoding: 'utf8' }).stdout.includes('--timings');
    for (const { name, writeCorpus } of await formatWriters()) {
      const dir = path.join(opts.cache, 'formats', `${name}-${FORMAT_ITEMS}`);
      const marker = path.join(opts.cache, 'formats', `${name}-${FORMAT_ITEMS}.json`);
      const stamp = JSON.stringify({ writer: fnv1a(fs.readFileSync(path.join(BENCH_DIR, 'formats', `${name}.mjs`), 'utf8')) });
      if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== stamp) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        await writeCorpus(dir, FORMAT_ITEMS);
        fs.writeFileSync(marker, stamp);
      }
      try {
        // The reading phase from the CLI's --timings line (builds before it have none: whole runs only).
        const m = series(opts.runs, cliArgs(dir, ['--no-cache', ...(timingsFlag ? ['--timings'] : [])]), { label: `${name} ${FORMAT_ITEMS} items`, keepOutput: true, phase: / requirements (\d+) ms/ });
        const report = JSON.parse(m.output);
        delete m.output;
        formats[name] = { ...m, items: report.items.length };
        if (report.items.length < FORMAT_ITEMS) failures.push(`${name}: read ${report.items.length} of ${FORMAT_ITEMS} items`);
      } catch (err) {
        if (!(err instanceof CommandFailed)) throw err;
        failures.push(err.message);
      }
    }
  }

  // 5. Single-file update through the engine adapter, in its own process.
  const samples = Math.max(20, opts.runs * 4);
  const edit = stats.editFile;
  let single = { status: 'missing', reason: 'not run' };
  const sf = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'singleFile.ts'), '--root', full, '--file', edit.file,
    '--samples', String(samples), '--warmup', '3', '--engine', opts.engine], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    single = JSON.parse(sf.stdout.trim().split('\n').pop());
  } catch {
    single = { status: 'error', reason: `bench/singleFile.ts printed no result (exit ${sf.status}): ${sf.stderr.trim().split('\n').slice(-5).join(' | ')}` };
  }
  const singleSummary = single.status === 'ok' ? summary(single.samplesMs) : undefined;
  if (single.status === 'wrong' || single.status === 'error') failures.push(`single-file update: ${single.reason}`);

  // `tracelens diff` against a cold check of the same tree, in a git repository made of it.
  let diff;
  if (cliPresent && opts.diff) {
    try {
      diff = measureDiff({ runs: opts.runs, cache: opts.cache, cli: opts.cli });
      for (const problem of diff.problems) failures.push(`diff: ${problem}`);
    } catch (err) {
      failures.push(`diff: ${err.message}`);
    }
  }

  // Table.
  const rg = results.rg[100];
  const cold = results.cold[100];
  const widths = [38, 10, 10, 10, 9, 8];
  console.log(row(['measure', 'median', 'min', 'max', 'peak RSS', 'vs rg'], widths));
  console.log('-'.repeat(widths.reduce((a, b) => a + b + 2, -2)));
  const line = (name, m) => console.log(row([name, fmtS(m.median), fmtS(m.min), fmtS(m.max), fmtMb(m.peakRssMb), fmtX(m.median / rg.median)], widths));
  const absent = (name, why) => console.log(`${name.padEnd(widths[0])}  ${why}`);
  line('rg -l (floor), 100%', rg);
  line('  node -e 0 (Node start-up: info)', results.nodeStart);
  line('  node: list + stat every file (info)', results.statFloor);
  if (cold) line('cold (--no-cache), 100%', cold); else absent('cold (--no-cache), 100%', cliPresent ? 'failed (see below)' : cliMissing);
  if (warm) line('warm (primed cache), 100%', warm); else absent('warm (primed cache), 100%', cliPresent ? 'failed (see below)' : cliMissing);
  if (warm10) line(`warm, ${TOUCHED_FILES} files changed, 100%`, warm10); else absent(`warm, ${TOUCHED_FILES} files changed, 100%`, cliPresent ? 'failed (see below)' : cliMissing);
  if (warm10head) line(`  (changed at their start: info)`, warm10head);
  if (reportRun) line('report --format html (--no-cache), 100%', reportRun);
  if (reportFilter?.medianMs !== undefined) console.log(row([`  HTML filter, ${reportFilter.rows} rows (Chromium)`, `${reportFilter.medianMs} ms`, '', `${reportFilter.maxMs} ms`, '', ''], widths));
  else if (reportFilter?.error) absent('  HTML filter', reportFilter.error);
  if (coldTables) line('cold, tables + hierarchy, 100%', coldTables);
  if (warmTables) line('warm, tables + hierarchy, 100%', warmTables);
  for (const [name, m] of Object.entries(formats)) {
    console.log(row([`${name}, ${FORMAT_ITEMS / 1000}k items (no code)`, fmtS(m.median), fmtS(m.min), fmtS(m.max), fmtMb(m.peakRssMb), ''], widths));
    if (m.phase) console.log(row(['  of which reading the items', fmtS(m.phase.median), fmtS(m.phase.min), fmtS(m.phase.max), '', ''], widths));
  }
  if (singleSummary) {
    console.log(row([`single-file update (${samples} edits)`, `${singleSummary.median.toFixed(2)} ms`, `${singleSummary.min.toFixed(2)} ms`, `${singleSummary.max.toFixed(2)} ms`, '', ''], widths));
  } else if (single.status === 'missing') {
    console.log('single-file update: not measured (engine API missing)');
    console.log(`  (${single.reason})`);
  } else {
    absent('single-file update', `failed: ${single.reason}`);
  }
  console.log('');
  console.log('growth (cold, per MB of .c/.h source)');
  const gw = [38, 10, 10, 12, 12];
  console.log(row(['tree', 'MB', 'rg -l', 'cold', 'cold s/MB'], gw));
  const growth = {};
  for (const f of [...FRACTIONS].reverse()) {
    const c = results.cold[f];
    growth[f] = { mb: mb(f), rgSeconds: results.rg[f].median, coldSeconds: c?.median, coldSecondsPerMb: c ? c.median / mb(f) : undefined };
    console.log(row([`seeded-${f} (${seeded.trees[f].files} files)`, mb(f).toFixed(1), fmtS(results.rg[f].median), c ? fmtS(c.median) : cliPresent ? 'failed' : 'not measured',
      c ? (c.median / mb(f)).toFixed(4) : ''], gw));
  }
  const growthRatio = cold && results.cold[10] ? growth[100].coldSecondsPerMb / growth[10].coldSecondsPerMb : undefined;
  const marginal = cold && results.cold[10] ? (cold.median - results.cold[10].median) / (mb(100) - mb(10)) : undefined;
  if (growthRatio !== undefined) {
    console.log(`growth ratio = (cold s/MB at 100%) / (cold s/MB at 10%) = ${growthRatio.toFixed(3)}; ` +
      `marginal cost 10%→100% = ${marginal.toFixed(4)} s/MB`);
  }

  if (diff) {
    console.log('');
    for (const text of diffLines(diff)) console.log(text);
  }

  // Targets.
  const ratios = {
    coldVsRg: cold ? cold.median / rg.median : undefined,
    warmVsRg: warm ? warm.median / rg.median : undefined,
    warm10VsRg: warm10 ? warm10.median / rg.median : undefined,
  };
  const peakRss = cold && warm ? Math.max(cold.peakRssMb, warm.peakRssMb) : undefined;
  const verdict = (value, limit) => (value === undefined ? 'n/a' : value <= limit ? 'PASS' : 'FAIL');
  const targets = {
    coldSeconds: verdict(cold?.median, TARGETS.coldSeconds),
    coldVsRg: verdict(ratios.coldVsRg, TARGETS.coldVsRg),
    warmVsRg: verdict(ratios.warmVsRg, TARGETS.warmVsRg),
    warm10VsRg: verdict(ratios.warm10VsRg, TARGETS.warm10VsRg),
    singleFileMs: verdict(singleSummary?.median, TARGETS.singleFileMs),
    peakRssMb: verdict(peakRss, TARGETS.peakRssMb),
    growth: verdict(growthRatio, TARGETS.growth),
    ...(reportRun && cold ? { reportVsCold: verdict(reportRun.median / cold.median, TARGETS.reportVsCold) } : {}),
    ...(reportFilter?.medianMs !== undefined ? { filterMs: verdict(reportFilter.medianMs, TARGETS.filterMs) } : {}),
    ...(Object.keys(formats).length > 0 ? { formatsSeconds: verdict(slowestReading(formats), TARGETS.formatsSeconds) } : {}),
    ...(diff ? { diffVsCold: Math.max(diff.ratio, diff.ratioCommits) < DIFF_TARGET ? 'PASS' : 'FAIL' } : {}),
  };
  const shown = (v, f) => (v === undefined ? 'not measured' : f(v));
  console.log('');
  console.log('targets');
  const tw = [48, 14, 6];
  console.log(row([`cold ≤ ${TARGETS.coldSeconds} s`, shown(cold?.median, fmtS), targets.coldSeconds], tw));
  console.log(row([`cold ≤ ${TARGETS.coldVsRg}× rg -l`, shown(ratios.coldVsRg, fmtX), targets.coldVsRg], tw));
  console.log(row([`warm ≤ ${TARGETS.warmVsRg}× rg -l`, shown(ratios.warmVsRg, fmtX), targets.warmVsRg], tw));
  console.log(row([`warm, ${TOUCHED_FILES} files changed ≤ ${TARGETS.warm10VsRg}× rg -l`, shown(ratios.warm10VsRg, fmtX), targets.warm10VsRg], tw));
  console.log(row([`single-file update median ≤ ${TARGETS.singleFileMs} ms`, shown(singleSummary?.median, (v) => `${v.toFixed(2)} ms`), targets.singleFileMs], tw));
  console.log(row([`peak RSS (cold, warm) ≤ ${TARGETS.peakRssMb} MB`, shown(peakRss, fmtMb), targets.peakRssMb], tw));
  console.log(row([`growth: s/MB at 100% ≤ ${TARGETS.growth} × s/MB at 10%`, shown(growthRatio, (v) => `${v.toFixed(3)}`), targets.growth], tw));
  if (targets.reportVsCold) console.log(row([`report --format html ≤ ${TARGETS.reportVsCold}× cold check`, fmtX(reportRun.median / cold.median), targets.reportVsCold], tw));
  if (targets.filterMs) console.log(row([`HTML filter median ≤ ${TARGETS.filterMs} ms (${reportFilter.rows} rows)`, `${reportFilter.medianMs} ms`, targets.filterMs], tw));
  if (targets.diffVsCold) console.log(row([`diff < ${DIFF_TARGET}× a cold check (slower of the two)`, fmtX(Math.max(diff.ratio, diff.ratioCommits)), targets.diffVsCold], tw));
  if (targets.formatsSeconds) {
    console.log(row([`reading ${FORMAT_ITEMS} items of any format ≤ ${TARGETS.formatsSeconds} s`, fmtS(slowestReading(formats)), targets.formatsSeconds], tw));
    console.log(row([`  (whole check of the slowest: info)`, fmtS(Math.max(...Object.values(formats).map((m) => m.median))), ''], tw));
  }

  // Verification.
  console.log('');
  let verification;
  if (!cliPresent) {
    verification = 'not run';
    console.log(`verification: not run (${path.relative(REPO, opts.cli) || opts.cli} missing)`);
  } else if (verifications.length > 0 && verifications.every((v) => v.ok)) {
    verification = 'ok';
    console.log(`verification: ok (${verifications.map((v) => v.label).join(', ')}: references equal the seeded tags; no string trap counted)`);
  } else if (verifications.length > 0) {
    verification = 'mismatch';
    console.log('verification: MISMATCH');
    for (const v of verifications) console.log(v.ok ? `${v.label}: ok` : v.lines.join('\n'));
  } else {
    verification = 'not run';
    console.log('verification: not run (the CLI failed before producing output)');
  }
  for (const f of failures) console.log(`error: ${f}`);

  const pack = (m) => (m ? { median: round(m.median), min: round(m.min), max: round(m.max), peakRssMb: round(m.peakRssMb, 1), samples: m.samples.map((s) => round(s)) } : null);
  const summaryJson = {
    bench: 'tracelens',
    date: new Date().toISOString(),
    machine: mach,
    corpus: {
      source: seeded.source.package ?? seeded.source.tarball, seedVersion: seeded.seedVersion,
      files: stats.files, mb: round(mb(100), 1), references: stats.references, unknownReferences: stats.unknownReferences,
      traps: stats.traps, taggedFiles: stats.taggedFiles, trapFiles: stats.trapFiles, editFile: edit,
    },
    runs: opts.runs,
    loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
    units: { time: 's', singleFile: 'ms', rss: 'MB' },
    rg: pack(rg),
    nodeStart: pack(results.nodeStart),
    statFloor: pack(results.statFloor),
    cold: pack(cold),
    warm: pack(warm),
    warm10: pack(warm10),
    warm10AtStart: pack(warm10head),
    coldTables: pack(coldTables),
    warmTables: pack(warmTables),
    reportHtml: pack(reportRun),
    reportFilter: reportFilter ?? null,
    formats: Object.fromEntries(Object.entries(formats).map(([name, m]) => [name, { items: m.items, ...pack(m), ...(m.phase ? { reading: pack({ ...m.phase, peakRssMb: NaN }) } : {}) }])),
    ...(diff ? { diff: { files: diff.files, cold: pack({ ...diff.cold, peakRssMb: NaN }), worktree: pack({ ...diff.diffWorktree, peakRssMb: NaN }), commits: pack({ ...diff.diffCommits, peakRssMb: NaN }), cached: pack({ ...diff.diffWarm, peakRssMb: NaN }), ratio: round(diff.ratio, 3), ratioCommits: round(diff.ratioCommits, 3) } } : {}),
    touchedFiles: touched,
    singleFile: singleSummary
      ? { median: round(singleSummary.median, 3), min: round(singleSummary.min, 3), max: round(singleSummary.max, 3), samples: singleSummary.n }
      : { status: single.status, reason: single.reason },
    growth: Object.fromEntries(Object.entries(growth).map(([f, g]) => [f, {
      mb: round(g.mb, 1), rg: round(g.rgSeconds), cold: round(g.coldSeconds), coldPerMb: round(g.coldSecondsPerMb, 5),
    }])),
    growthRatio: round(growthRatio, 3),
    marginalSecondsPerMb: round(marginal, 5),
    ratios: { 'cold/rg': round(ratios.coldVsRg, 3), 'warm/rg': round(ratios.warmVsRg, 3), 'warm10/rg': round(ratios.warm10VsRg, 3), 'warm10AtStart/rg': round(warm10head ? warm10head.median / rg.median : undefined, 3),
      'coldTables/rg': round(coldTables ? coldTables.median / rg.median : undefined, 3), 'warmTables/rg': round(warmTables ? warmTables.median / rg.median : undefined, 3) },
    targets,
    verification,
    errors: failures,
  };
  console.log('');
  console.log(JSON.stringify(summaryJson));

  fs.rmSync(scratch, { recursive: true, force: true });
  const targetFailed = Object.values(targets).includes('FAIL');
  process.exitCode = verification === 'mismatch' || failures.length > 0 || (opts.strict && targetFailed) ? 1 : 0;
}

main().catch((err) => {
  console.error(err instanceof SetupError ? `bench: ${err.message}` : err.stack || String(err));
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(2);
});
