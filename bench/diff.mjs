#!/usr/bin/env node
// Implements: TL-194
/**
 * `tracelens diff` on the benchmark's kernel corpus, against a cold check of the same tree.
 *
 *   node bench/diff.mjs [--runs N] [--cache DIR] [--cli PATH]
 *
 * The seeded full tree is not a git repository: it is copied into a temporary repository, in a
 * subfolder (`kernel/`, so the project is not the repository's top), and committed as `base`. Then a
 * deterministic release is made and committed as `head`: 20 requirement texts changed, 5 items
 * removed, 5 added, 10 code files changed (5 with their tags moved down two lines, 5 with a new tag);
 * the repository is then packed, as a clone is.
 * Measured, each `--runs` times after one warm-up: a cold check of the working tree, `diff base`
 * (the working tree, which holds `head`) and `diff base head` (two commits), all with `--no-cache`,
 * and `diff base` with a primed scan cache. The diff's JSON is checked against the release made.
 * Also imported by bench/run.mjs (`--diff`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir, ensureSeeded, fnv1a, treeDir } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The target: a diff takes less than this many cold checks. */
export const DIFF_TARGET = 2;

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_CONFIG_NOSYSTEM: '1' };

function git(repo, ...args) {
  // No automatic gc: it would run in the background of the measured commands.
  return execFileSync('git', ['-c', 'gc.auto=0', ...args], { cwd: repo, env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The release from `base` to `head` in the project folder, and what a diff must report of it. */
function makeRelease(project) {
  const reqFile = path.join(project, 'requirements', 'requirements.md');
  const sections = fs.readFileSync(reqFile, 'utf8').split(/(?=^## )/m);
  const [head, ...items] = sections;
  const idOf = (section) => /^## (\S+):/.exec(section)[1];
  const byHash = (salt) => (a, b) => fnv1a(`${salt}:${idOf(a)}`) - fnv1a(`${salt}:${idOf(b)}`) || (idOf(a) < idOf(b) ? -1 : 1);
  const requirements = items.filter((s) => idOf(s).startsWith('REQ-'));
  const removed = new Set([...requirements].sort(byHash('remove')).slice(0, 5).map(idOf));
  const changed = new Set([...requirements].filter((s) => !removed.has(idOf(s))).sort(byHash('change')).slice(0, 20).map(idOf));
  const kept = items.filter((s) => !removed.has(idOf(s))).map((s) => (changed.has(idOf(s)) ? s.replace('shall meet', 'shall always meet') : s));
  const added = ['REQ-9001', 'REQ-9002', 'REQ-9003', 'REQ-9004', 'REQ-9005'];
  const fresh = added.map((id) => `## ${id}: Release requirement ${id}\n\n- class: B\n\nThe kernel shall meet release requirement ${id}.\n\n`);
  fs.writeFileSync(reqFile, [head, ...kept, ...fresh].join(''));

  const codeFiles = execFileSync('rg', ['--files', '--no-config', '-g', '*.c', '.'], { cwd: project, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n').filter(Boolean).map((f) => f.replace(/^\.\//, '')).sort((a, b) => fnv1a(`code:${a}`) - fnv1a(`code:${b}`) || (a < b ? -1 : 1));
  const tagged = codeFiles.filter((f) => /Implements: REQ-\d+/.test(fs.readFileSync(path.join(project, f), 'latin1')));
  const untagged = codeFiles.filter((f) => !tagged.includes(f));
  // Tags moved down two lines: no finding may be new or fixed because of them.
  for (const f of tagged.slice(0, 5)) fs.writeFileSync(path.join(project, f), `\n\n${fs.readFileSync(path.join(project, f), 'latin1')}`, 'latin1');
  // A tag of a requirement no code implemented before is appended to five untagged files.
  for (const [i, f] of untagged.slice(0, 5).entries()) fs.appendFileSync(path.join(project, f), `/* Implements: ${added[i]} */\n`);
  return { added, removed: [...removed].sort(), changed: [...changed].sort() };
}

function timedRun(argv, cwd) {
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && !(r.status === 1 && argv.includes('check'))) throw new Error(`${argv.slice(2).join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

function series(runs, argv, cwd) {
  timedRun(argv, cwd);
  const samples = [];
  let stdout = '';
  for (let k = 0; k < runs; k++) ({ seconds: samples[k], stdout } = timedRun(argv, cwd));
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return { median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, min: sorted[0], max: sorted[sorted.length - 1], samples, stdout };
}

/**
 * Builds the repository and measures. Returns every figure and the verification; the temporary
 * repository is removed afterwards.
 */
export function measureDiff({ runs = 3, cache = defaultCacheDir(), cli = path.join(REPO, 'dist', 'cli.js') } = {}) {
  ensureSeeded(cache);
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelens-bench-diff-'));
  try {
    const project = path.join(repo, 'kernel');
    fs.cpSync(treeDir(cache, 100), project, { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'tag', 'base');
    const release = makeRelease(project);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'head');
    git(repo, 'tag', 'head');
    // Packed, as a clone is: reading ten thousand loose objects costs git itself seconds more.
    git(repo, 'repack', '-adq');
    const files = Number(git(repo, 'ls-files').split('\n').filter(Boolean).length);

    const node = process.execPath;
    const cold = series(runs, [node, cli, 'check', 'kernel', '--no-cache', '--format', 'json', '--fail-on', 'none'], repo);
    const diffWorktree = series(runs, [node, cli, 'diff', 'base', 'kernel', '--no-cache', '--format', 'json'], repo);
    const diffCommits = series(runs, [node, cli, 'diff', 'base', 'head', 'kernel', '--no-cache', '--format', 'json'], repo);
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelens-bench-diff-cache-'));
    let diffWarm;
    try {
      diffWarm = series(runs, [node, cli, 'diff', 'base', 'kernel', '--cache-dir', cacheDir, '--format', 'json'], repo);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }

    // The diff must report exactly the release: the moved tags neither new nor fixed.
    const problems = [];
    for (const [label, m] of [['diff base', diffWorktree], ['diff base head', diffCommits], ['diff base (cache)', diffWarm]]) {
      const json = JSON.parse(m.stdout);
      const expectItems = { added: release.added, removed: release.removed, changed: release.changed };
      if (JSON.stringify(json.items) !== JSON.stringify(expectItems)) problems.push(`${label}: items ${JSON.stringify(json.items)} ≠ ${JSON.stringify(expectItems)}`);
      const fixedIds = [...new Set(json.findings.fixed.map((f) => f.id))].sort();
      const newIds = [...new Set(json.findings.new.map((f) => f.id))].sort();
      // New: the added items' gaps (untested) and the removed items' tags, now unknown IDs. Fixed:
      // the removed items' own gaps, and the added items' unknown-id tags are not there before.
      const stray = newIds.filter((id) => !release.added.includes(id) && !release.removed.includes(id));
      const strayFixed = fixedIds.filter((id) => !release.removed.includes(id));
      if (stray.length > 0 || strayFixed.length > 0) problems.push(`${label}: findings of untouched IDs new ${stray.join(', ')} fixed ${strayFixed.join(', ')}`);
      delete m.stdout;
    }
    delete cold.stdout;
    return { files, release, cold, diffWorktree, diffCommits, diffWarm, ratio: diffWorktree.median / cold.median, ratioCommits: diffCommits.median / cold.median, problems };
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}

/** The figures as table lines. */
export function diffLines(m) {
  const s = (x) => `${x.toFixed(3)} s`;
  const row = (name, x) => `${name.padEnd(44)}${s(x.median).padStart(10)}${s(x.min).padStart(10)}${s(x.max).padStart(10)}${`${(x.median / m.cold.median).toFixed(2)}×`.padStart(9)}`;
  return [
    `${'diff on the kernel corpus'.padEnd(44)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}${'vs cold'.padStart(9)}`,
    row('cold check (--no-cache)', m.cold),
    row('diff base → working tree (--no-cache)', m.diffWorktree),
    row('diff base → head, two commits (--no-cache)', m.diffCommits),
    row('diff base → working tree, primed cache', m.diffWarm),
    `target: diff < ${DIFF_TARGET}× a cold check: ${m.ratio < DIFF_TARGET && m.ratioCommits < DIFF_TARGET ? 'PASS' : 'FAIL'} (${m.ratio.toFixed(2)}×, two commits ${m.ratioCommits.toFixed(2)}×)`,
    `verification: ${m.problems.length === 0 ? `ok (${m.release.added.length} added, ${m.release.removed.length} removed, ${m.release.changed.length} changed, moved tags neither new nor fixed)` : `MISMATCH\n${m.problems.join('\n')}`}`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const m = measureDiff({ runs: Number(value('--runs', '3')), cache: path.resolve(value('--cache', defaultCacheDir())), cli: path.resolve(value('--cli', path.join(REPO, 'dist', 'cli.js'))) });
  console.log(`load: 1-minute load average ${os.loadavg()[0].toFixed(2)}; ${m.files} files in the repository`);
  for (const line of diffLines(m)) console.log(line);
  process.exitCode = m.problems.length > 0 ? 1 : 0;
}
