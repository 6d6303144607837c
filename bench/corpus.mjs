#!/usr/bin/env node
// Implements: TL-063
/**
 * Benchmark corpus: Debian's linux-source tarball, unpacked once (kernel fs mm lib net include),
 * then copied (hard links where possible) into seeded trees that hold only .c and .h files plus a
 * generated requirements file. Seeding is deterministic (fixed seed, per-file PRNG) and writes a
 * manifest of every reference it created, so a run can check the tool found exactly those.
 *
 *   node bench/corpus.mjs [--cache DIR] [--unpack-only] [--force]
 *
 * Layout under the cache folder (default ${TRACELENS_BENCH_CACHE:-$HOME/.cache/tracelens-bench}):
 *   linux/                    unpacked sources, marker linux/.tracelens-unpacked.json
 *   seeded-100/ seeded-30/ seeded-10/   trees to check (requirements/requirements.md inside)
 *   seeded-100.expected.json  manifest of seeded references and traps (kept outside the trees)
 *   seeded.json               marker: seed version, source tarball, per-tree stats
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump whenever the seeding below changes what it writes: trees are rebuilt when it differs. */
export const SEED_VERSION = 1;
export const SEED = 0x7ace1e45;
export const SOURCE_DIRS = ['kernel', 'fs', 'mm', 'lib', 'net', 'include'];
/** Fractions of the files in each tree, nested: the 10% tree is a subset of the 30% tree. */
export const FRACTIONS = [100, 30, 10];
const REQ_COUNT = 3000;
const RISK_COUNT = 150;
const TAGGED_SHARE = 0.10;
const TRAP_ONLY_SHARE = 0.02;
/** Tagged files that also get a string trap, so traps sit next to real tags in parsed files. */
const TRAP_IN_TAGGED_SHARE = 0.15;
/** Share of tags naming an ID that no requirement defines (REQ-99xxx). */
const UNKNOWN_SHARE = 0.02;
/** Files above this size are never seeded (the tool's default size cap is 2 MiB). */
const MAX_SEED_BYTES = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Paths and tools

export function defaultCacheDir() {
  return process.env.TRACELENS_BENCH_CACHE || path.join(os.homedir(), '.cache', 'tracelens-bench');
}

function log(message) {
  process.stderr.write(`[corpus] ${message}\n`);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

let aptUpdated = false;
function aptInstall(pkgs) {
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`missing ${pkgs.join(', ')}: install with apt-get install ${pkgs.join(' ')} (needs root)`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update');
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    aptUpdated = true;
  }
  log(`apt-get install ${pkgs.join(' ')} (linux-source is large: this can take minutes)`);
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** Makes sure rg, /usr/bin/time and xz are there, installing the Debian packages when missing. */
export function ensureTools() {
  const missing = [];
  if (!which('rg')) missing.push('ripgrep');
  if (!fs.existsSync('/usr/bin/time')) missing.push('time');
  if (!which('xz')) missing.push('xz-utils');
  if (missing.length) aptInstall(missing);
}

/** The newest /usr/src/linux-source-*.tar.xz, installing Debian's linux-source when there is none. */
export function findSourceTarball() {
  const find = () =>
    fs.existsSync('/usr/src')
      ? fs.readdirSync('/usr/src')
          .filter((f) => /^linux-source-[0-9.]+\.tar\.xz$/.test(f))
          .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
          .map((f) => path.join('/usr/src', f))
      : [];
  let found = find();
  if (found.length === 0) {
    aptInstall(['linux-source']);
    found = find();
    if (found.length === 0) throw new Error('linux-source installed but no /usr/src/linux-source-*.tar.xz found');
  }
  return found[found.length - 1];
}

function sourcePackageVersion(tarball) {
  const r = spawnSync('dpkg-query', ['-S', tarball], { encoding: 'utf8' });
  const pkg = r.status === 0 ? r.stdout.split(':')[0].trim() : undefined;
  if (!pkg) return undefined;
  const v = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return v.status === 0 ? `${pkg} ${v.stdout.trim()}` : pkg;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Unpacks the source dirs of the tarball into <cache>/linux once; returns that folder. */
export function ensureUnpacked(cache, { force = false } = {}) {
  const tarball = findSourceTarball();
  const st = fs.statSync(tarball);
  const want = { tarball, size: st.size, mtimeMs: Math.round(st.mtimeMs), dirs: SOURCE_DIRS, package: sourcePackageVersion(tarball) };
  const dest = path.join(cache, 'linux');
  const marker = path.join(dest, '.tracelens-unpacked.json');
  const have = readJson(marker);
  if (!force && have && have.tarball === want.tarball && have.size === want.size && have.mtimeMs === want.mtimeMs &&
      JSON.stringify(have.dirs) === JSON.stringify(want.dirs)) {
    return { dir: dest, source: have };
  }
  const top = path.basename(tarball).replace(/\.tar\.xz$/, '');
  const tmp = path.join(cache, 'linux.partial');
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  log(`unpacking ${SOURCE_DIRS.join(' ')} from ${tarball} into ${dest} (about 1-2 minutes)`);
  execFileSync('tar', ['-xJf', tarball, '-C', tmp, '--strip-components=1', ...SOURCE_DIRS.map((d) => `${top}/${d}`)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  fs.writeFileSync(path.join(tmp, '.tracelens-unpacked.json'), JSON.stringify(want, null, 2) + '\n');
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
  return { dir: dest, source: want };
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small, fast 32-bit PRNG; same seed, same sequence, on every machine. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, for per-file seeds that do not depend on which other files exist. */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function rngFor(key) {
  return mulberry32(fnv1a(`${SEED}:${key}`));
}

const pad = (n, w) => String(n).padStart(w, '0');
const reqId = (n) => `REQ-${pad(n, 4)}`;
const riskId = (n) => `RISK-${pad(n, 3)}`;

// ---------------------------------------------------------------------------------------------
// Where a line may be inserted without changing what the C around it means

/**
 * Walks the C text once and records, for each line, the lexical state at its start: inside a block
 * comment, a preprocessor directive (continued with `\`), a continued string or `//` comment, brace
 * and parenthesis depth, and the last significant token before it at top level. Braces inside
 * directives are ignored, which keeps `#define` bodies from skewing the depth.
 */
export function lineStates(lines) {
  const states = [];
  let inBlock = false;
  let inPre = false;
  let contLineComment = false;
  let contString = '';
  let depth = 0;
  let paren = 0;
  let last = 'bof';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const prevCont = i > 0 && lines[i - 1].endsWith('\\');
    states.push({ inBlock, inPre, contLineComment, contString, depth, paren, last, prevCont });
    const endsCont = line.endsWith('\\');
    let j = 0;
    if (contLineComment) {
      contLineComment = endsCont;
      if (inPre && !endsCont) { inPre = false; last = 'pp'; }
      continue;
    }
    if (!inBlock && !inPre && !contString && line.trimStart().startsWith('#')) inPre = true;
    if (contString) {
      const end = scanString(line, 0, contString);
      if (end < 0) { if (!endsCont) contString = ''; j = line.length; } else { contString = ''; j = end; }
    }
    while (j < line.length) {
      if (inBlock) {
        const end = line.indexOf('*/', j);
        if (end < 0) { j = line.length; break; }
        inBlock = false;
        j = end + 2;
        continue;
      }
      const c = line[j];
      if (c === '/' && line[j + 1] === '/') { contLineComment = endsCont; j = line.length; break; }
      if (c === '/' && line[j + 1] === '*') { inBlock = true; j += 2; continue; }
      if (c === '"' || c === "'") {
        const end = scanString(line, j + 1, c);
        if (end < 0) { if (endsCont) contString = c; j = line.length; break; }
        j = end;
        if (!inPre) last = 'other';
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\\') { j++; continue; }
      if (!inPre) {
        if (c === '{') { depth++; last = 'other'; }
        else if (c === '}') { depth = Math.max(0, depth - 1); last = depth === 0 && line.trimEnd() === '}' ? 'fnend' : 'other'; }
        else if (c === '(') { paren++; last = 'other'; }
        else if (c === ')') { paren = Math.max(0, paren - 1); last = 'other'; }
        else if (c === ';') { last = depth === 0 && paren === 0 ? ';' : 'other'; }
        else last = 'other';
      }
      j++;
    }
    if (inPre && !inBlock && !endsCont) { inPre = false; last = 'pp'; }
  }
  return states;
}

/** Index just past the closing quote, or -1 when the literal runs to the end of the line. */
function scanString(line, from, quote) {
  for (let k = from; k < line.length; k++) {
    if (line[k] === '\\') { k++; continue; }
    if (line[k] === quote) return k + 1;
  }
  return -1;
}

function isCleanTopLevel(st) {
  return !st.inBlock && !st.inPre && !st.contLineComment && !st.contString && !st.prevCont &&
    st.depth === 0 && st.paren === 0 && (st.last === 'bof' || st.last === ';' || st.last === 'fnend' || st.last === 'pp');
}

/**
 * Lines before which a tag or a top-level declaration can go: the first code line after the leading
 * (licence) comment, and the first line of each function definition in kernel style (a declarator
 * starting in column 0, then a line holding only `{`, with no `;`, `=` or directive in between).
 */
export function insertionSites(lines, states) {
  let top = -1;
  const functions = [];
  for (let i = 0; i < lines.length; i++) {
    const st = states[i];
    if (!isCleanTopLevel(st)) continue;
    const line = lines[i];
    const t = line.trim();
    if (top < 0 && t !== '' && !t.startsWith('/*') && !t.startsWith('//') && !t.startsWith('*')) top = i;
    if (!/^[A-Za-z_]/.test(line)) continue;
    let sawParen = false;
    for (let k = i; k < Math.min(lines.length, i + 10); k++) {
      const l = lines[k];
      if (k > i && l.trimEnd() === '{') { if (sawParen) functions.push(i); break; }
      if (/[;={}#]/.test(l) || l.includes('/*') || l.includes('//') || l.trim() === '') break;
      if (l.includes('(')) sawParen = true;
    }
  }
  return { top, functions };
}

// ---------------------------------------------------------------------------------------------
// What goes in

function pickId(rng) {
  if (rng() < UNKNOWN_SHARE) return `REQ-${99000 + Math.floor(rng() * 1000)}`;
  return reqId(1 + Math.floor(rng() * REQ_COUNT));
}

/**
 * One tag block: its lines and, per ID, the 0-based line within the block, the 1-based column,
 * and the relation its keyword states.
 */
function tagBlock(rng) {
  const style = Math.floor(rng() * 7);
  switch (style) {
    case 0: { const id = pickId(rng); return block(style, [`// Implements: ${id}`], [[0, id, 'implements']]); }
    case 1: { const id = pickId(rng); return block(style, [`/* Verifies: ${id} */`], [[0, id, 'verifies']]); }
    case 2: { const id = pickId(rng); return block(style, [`/** @implements ${id} */`], [[0, id, 'implements']]); }
    case 3: {
      const a = pickId(rng); const b = pickId(rng);
      return block(style, ['/*', ` * Implements: ${a}, ${b}`, ' */'], [[1, a, 'implements'], [1, b, 'implements']]);
    }
    case 4: { const id = pickId(rng); return block(style, [`// Satisfies: ${id}`], [[0, id, 'implements']]); }
    case 5: { const id = riskId(1 + Math.floor(rng() * RISK_COUNT)); return block(style, [`/* Mitigates: ${id} */`], [[0, id, 'mitigates']]); }
    default: {
      const id = pickId(rng);
      return block(style, ['/**', ' * Benchmark tag in a documentation comment.', ' *', ` * @implements ${id}`, ' */'], [[3, id, 'implements']]);
    }
  }
}

function block(style, lines, ids) {
  // Columns of several IDs on one line (even the same ID twice): each search starts after the last.
  const cursor = new Map();
  return {
    kind: 'tag', style, lines,
    ids: ids.map(([line, id, relation]) => {
      const col = lines[line].indexOf(id, cursor.get(line) ?? 0);
      cursor.set(line, col + id.length);
      return { line, id, relation, column: col + 1 };
    }),
  };
}

/** A top-level declaration whose string holds IDs: a trap that must never count as a reference. */
function trapBlock(rng, n) {
  const a = reqId(1 + Math.floor(rng() * REQ_COUNT));
  const b = reqId(1 + Math.floor(rng() * REQ_COUNT));
  const name = `tracelens_trap_${n}`;
  const variant = Math.floor(rng() * 4);
  const line =
    variant === 0 ? `static const char ${name}[] = "${a}";` :
    variant === 1 ? `static const char ${name}[] = "// Implements: ${a}";` :
    variant === 2 ? `static const char ${name}[] = "/* Verifies: ${a} */";` :
    `static const char *const ${name} = "see ${a}" " and ${b}";`;
  const ids = variant === 3 ? [a, b] : [a];
  return { kind: 'trap', lines: [line], ids: ids.map((id) => ({ line: 0, id, column: line.indexOf(id) + 1 })) };
}

function shuffled(list, rng) {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const k = Math.floor(rng() * (i + 1));
    [out[i], out[k]] = [out[k], out[i]];
  }
  return out;
}

/**
 * Decides, from the file's own seed, whether and how a file is seeded and which subsets hold it.
 * Draw order is fixed so that one decision never shifts another.
 */
export function planFile(rel, text) {
  const rng = rngFor(rel);
  const role = rng();
  const subset = rng();
  const plan = { rel, subset, blocks: [] };
  const tagged = role < TAGGED_SHARE;
  const trapOnly = !tagged && role < TAGGED_SHARE + TRAP_ONLY_SHARE;
  const withTrap = tagged && rng() < TRAP_IN_TAGGED_SHARE;
  if ((!tagged && !trapOnly) || Buffer.byteLength(text) > MAX_SEED_BYTES) return plan;
  const lines = text.split('\n');
  const states = lineStates(lines);
  const { top, functions } = insertionSites(lines, states);
  if (tagged) {
    const want = 1 + Math.floor(rng() * 4);
    const sites = functions.length > 0 ? shuffled(functions, rng).slice(0, want) : top >= 0 ? [top] : [];
    for (const at of sites) plan.blocks.push({ at, ...tagBlock(rng) });
  }
  if (trapOnly || withTrap) {
    const sites = [top, ...functions].filter((s) => s >= 0);
    if (sites.length > 0) {
      const at = sites[Math.floor(rng() * sites.length)];
      plan.blocks.push({ at, ...trapBlock(rng, 1) });
    }
  }
  return plan;
}

/** Applies a plan: the new text plus the final 1-based positions of every tag and trap ID. */
export function applyPlan(plan, text) {
  if (plan.blocks.length === 0) return { text, references: [], traps: [] };
  const lines = text.split('\n');
  const byLine = new Map();
  for (const b of plan.blocks) {
    if (!byLine.has(b.at)) byLine.set(b.at, []);
    byLine.get(b.at).push(b);
  }
  const out = [];
  const references = [];
  const traps = [];
  for (let i = 0; i < lines.length; i++) {
    // A trap goes before a tag at the same line, so the tag stays next to the function it documents.
    const here = (byLine.get(i) ?? []).slice().sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'trap' ? -1 : 1));
    for (const b of here) {
      const base = out.length + 1;
      for (const x of b.ids) {
        if (b.kind === 'tag') references.push({ file: plan.rel, line: base + x.line, column: x.column, id: x.id, relation: x.relation, style: b.style });
        else traps.push({ file: plan.rel, line: base + x.line, column: x.column, id: x.id });
      }
      out.push(...b.lines);
    }
    out.push(lines[i]);
  }
  return { text: out.join('\n'), references, traps };
}

/** The requirements file: REQ items (some mitigating a risk) and RISK items, all class B or C. */
export function requirementsMarkdown() {
  const rng = rngFor('requirements');
  const out = [
    '# Benchmark requirements',
    '',
    `Generated by bench/corpus.mjs (seed version ${SEED_VERSION}, seed 0x${SEED.toString(16)}). Do not edit.`,
    '',
  ];
  const mitigatedBy = new Map();
  for (let r = 1; r <= RISK_COUNT; r++) {
    // Each risk is mitigated by at least one requirement: REQ-r*7 is the fixed one, others are random.
    mitigatedBy.set(r * 7, r);
  }
  for (let n = 1; n <= REQ_COUNT; n++) {
    const cls = rng() < 0.5 ? 'B' : 'C';
    out.push(`## ${reqId(n)}: Benchmark requirement ${n}`, '', `- class: ${cls}`, '- status: approved', '- verification: test');
    const risk = mitigatedBy.get(n) ?? (rng() < 0.03 ? 1 + Math.floor(rng() * RISK_COUNT) : undefined);
    if (risk !== undefined) out.push(`- mitigates: ${riskId(risk)}`);
    out.push('', `The kernel shall meet benchmark requirement ${n}.`, '');
  }
  for (let r = 1; r <= RISK_COUNT; r++) {
    out.push(`## ${riskId(r)}: Benchmark risk ${r}`, '', '- class: C', '', `Benchmark hazard ${r}.`, '');
  }
  return out.join('\n');
}

/** System requirements of the table variant: each is the parent of a run of REQ items. */
const SYS_COUNT = 300;
/** Rows per table in the table variant (one table per section, as teams split long lists). */
const TABLE_ROWS = 100;
/** Bump when the table variant's files change: the variant tree is rebuilt when it differs. */
const TABLES_VERSION = 1;

/**
 * The table variant's requirement files and config: the same REQ and RISK items as
 * {@link requirementsMarkdown} (same classes and mitigations, so the same code references count),
 * kept in Markdown tables, under SYS system requirements that are covered by their REQ children
 * (`coverage: { system: ["child:REQ"] }`), and with RISK items in a table of their own.
 */
export function requirementsTables() {
  const rng = rngFor('requirements');
  const header = (title) => [`# ${title}`, '', `Generated by bench/corpus.mjs (tables version ${TABLES_VERSION}). Do not edit.`, ''];
  const system = [...header('Benchmark system requirements'), '| ID | Title | Description |', '|----|-------|-------------|'];
  for (let s = 1; s <= SYS_COUNT; s++) system.push(`| SYS-${pad(s, 3)} | Benchmark system requirement ${s} | The kernel shall meet system need ${s}. |`);
  const software = header('Benchmark software requirements');
  const mitigatedBy = new Map();
  for (let r = 1; r <= RISK_COUNT; r++) mitigatedBy.set(r * 7, r);
  const perSystem = Math.ceil(REQ_COUNT / SYS_COUNT);
  for (let n = 1; n <= REQ_COUNT; n++) {
    if ((n - 1) % TABLE_ROWS === 0) {
      software.push(`## Requirements ${n} to ${Math.min(REQ_COUNT, n + TABLE_ROWS - 1)}`, '',
        '| ID | Title | Description | Parent | Class | Status | Verification | Mitigates |',
        '|----|-------|-------------|--------|-------|--------|--------------|-----------|');
    }
    // The same draws in the same order as requirementsMarkdown, so classes and mitigations match.
    const cls = rng() < 0.5 ? 'B' : 'C';
    const risk = mitigatedBy.get(n) ?? (rng() < 0.03 ? 1 + Math.floor(rng() * RISK_COUNT) : undefined);
    const parent = `SYS-${pad(Math.ceil(n / perSystem), 3)}`;
    software.push(`| ${reqId(n)} | Benchmark requirement ${n} | The kernel shall meet benchmark requirement ${n}. | ${parent} | ${cls} | approved | test | ${risk !== undefined ? riskId(risk) : ''} |`);
    if (n % TABLE_ROWS === 0 || n === REQ_COUNT) software.push('');
  }
  const risks = [...header('Benchmark risks'), '| ID | Title | Description | Class |', '|----|-------|-------------|-------|'];
  for (let r = 1; r <= RISK_COUNT; r++) risks.push(`| ${riskId(r)} | Benchmark risk ${r} | Benchmark hazard ${r}. | C |`);
  const config = {
    requirements: ['requirements'],
    prefixes: { SYS: 'system', REQ: 'requirement', RISK: 'risk' },
    coverage: { system: ['child:REQ'] },
  };
  return {
    'requirements/system.md': `${system.join('\n')}\n`,
    'requirements/software.md': `${software.join('\n')}\n`,
    'requirements/risks.md': `${risks.join('\n')}\n`,
    'tracelens.json': `${JSON.stringify(config, null, 2)}\n`,
  };
}

/** The table variant of a seeded tree: its code files (hard links) with table requirements. */
export function tablesTreeDir(cache, fraction) {
  return path.join(cache, `seeded-${fraction}-tables`);
}

/**
 * Builds the table variant of seeded-100 (same code files, hard-linked; requirements as tables
 * with a SYS → REQ hierarchy), unless its marker says it is current. Its references are those of
 * seeded-100's manifest.
 */
export function ensureTablesVariant(cache) {
  const seeded = ensureSeeded(cache);
  const dir = tablesTreeDir(cache, 100);
  const marker = path.join(dir, '.tracelens-tables.json');
  const want = { tablesVersion: TABLES_VERSION, seedVersion: seeded.seedVersion, source: seeded.source };
  if (JSON.stringify(readJson(marker)) === JSON.stringify(want)) return dir;
  log('building the table variant of seeded-100');
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  const from = treeDir(cache, 100);
  const made = new Set();
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === 'requirements') continue;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) {
        const to = path.join(partial, r);
        if (!made.has(path.dirname(to))) { fs.mkdirSync(path.dirname(to), { recursive: true }); made.add(path.dirname(to)); }
        linkOrCopy(path.join(from, r), to);
      }
    }
  };
  walk('');
  for (const [file, text] of Object.entries(requirementsTables())) {
    fs.mkdirSync(path.dirname(path.join(partial, file)), { recursive: true });
    fs.writeFileSync(path.join(partial, file), text);
  }
  fs.writeFileSync(path.join(partial, '.tracelens-tables.json'), JSON.stringify(want) + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}

/** IDs the tool's grammar would take as REQ/RISK references in untouched kernel text (none in 6.1). */
const NATURAL_ID = /(?<![A-Za-z0-9_-])(?:RISK|REQ)(?:[-_][A-Z][A-Z0-9]*)*[-_][0-9]+[A-Z]?(?![A-Za-z0-9_]|-[0-9A-Za-z])/g;

function naturalIds(rel, text) {
  const found = [];
  if (!/REQ|RISK/.test(text)) return found;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (const m of lines[i].matchAll(NATURAL_ID)) found.push({ file: rel, line: i + 1, column: m.index + 1, id: m[0] });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Building the trees

function listSources(root) {
  const out = [];
  const walk = (dir, rel) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile() && /\.[ch]$/.test(e.name)) out.push(r);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(root, d), d);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function linkOrCopy(from, to) {
  try {
    fs.linkSync(from, to);
  } catch (err) {
    if (err.code !== 'EXDEV' && err.code !== 'EPERM') throw err;
    fs.copyFileSync(from, to);
  }
}

export function treeDir(cache, fraction) {
  return path.join(cache, `seeded-${fraction}`);
}

export function manifestPath(cache, fraction) {
  return path.join(cache, `seeded-${fraction}.expected.json`);
}

const byLocation = (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;

/**
 * Builds seeded-100, -30 and -10 and their manifests, unless seeded.json says they were built by
 * this SEED_VERSION from the same unpacked sources. Returns the seeded.json contents.
 */
export function ensureSeeded(cache, { force = false } = {}) {
  const { dir: src, source } = ensureUnpacked(cache);
  const markerFile = path.join(cache, 'seeded.json');
  const have = readJson(markerFile);
  if (!force && have && have.seedVersion === SEED_VERSION && JSON.stringify(have.source) === JSON.stringify(source) &&
      FRACTIONS.every((f) => fs.existsSync(treeDir(cache, f)) && fs.existsSync(manifestPath(cache, f)))) {
    return have;
  }
  log(`seeding (version ${SEED_VERSION}) from ${src}`);
  fs.rmSync(markerFile, { force: true });
  const files = listSources(src);
  const requirements = requirementsMarkdown();
  const partial = Object.fromEntries(FRACTIONS.map((f) => [f, `${treeDir(cache, f)}.partial`]));
  for (const dir of Object.values(partial)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'requirements'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'requirements', 'requirements.md'), requirements);
  }
  const perTree = Object.fromEntries(FRACTIONS.map((f) => [f, { files: 0, bytes: 0, lines: 0, taggedFiles: 0, trapFiles: 0, references: [], traps: [], natural: [], sizes: [] }]));
  const made = new Set();
  for (const rel of files) {
    const from = path.join(src, rel);
    const text = fs.readFileSync(from, 'latin1');
    const plan = planFile(rel, text);
    const seeded = applyPlan(plan, text);
    const natural = naturalIds(rel, text);
    const bytes = Buffer.byteLength(seeded.text, 'latin1');
    const lineCount = seeded.text.split('\n').length - (seeded.text.endsWith('\n') ? 1 : 0);
    let first;
    for (const f of FRACTIONS) {
      if (f !== 100 && plan.subset >= f / 100) continue;
      const to = path.join(partial[f], rel);
      const dir = path.dirname(to);
      if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
      if (first) linkOrCopy(first, to);
      else if (plan.blocks.length) fs.writeFileSync(to, seeded.text, 'latin1');
      else linkOrCopy(from, to);
      first ??= to;
      const t = perTree[f];
      t.files++;
      t.bytes += bytes;
      t.lines += lineCount;
      t.sizes.push([rel, lineCount]);
      if (seeded.references.length) t.taggedFiles++;
      if (seeded.traps.length) t.trapFiles++;
      t.references.push(...seeded.references);
      t.traps.push(...seeded.traps);
      t.natural.push(...natural);
    }
  }
  const marker = { seedVersion: SEED_VERSION, seed: SEED, source, trees: {} };
  for (const f of FRACTIONS) {
    const t = perTree[f];
    // The single-file edit target: the .c file whose length is closest to 5,000 lines.
    const edit = t.sizes.filter(([r]) => r.endsWith('.c'))
      .sort((a, b) => Math.abs(a[1] - 5000) - Math.abs(b[1] - 5000) || (a[0] < b[0] ? -1 : 1))[0];
    const reqBytes = Buffer.byteLength(requirements);
    const stats = {
      files: t.files, sourceBytes: t.bytes, requirementsBytes: reqBytes, lines: t.lines,
      taggedFiles: t.taggedFiles, references: t.references.length,
      unknownReferences: t.references.filter((r) => /^REQ-9\d{4}$/.test(r.id)).length,
      trapFiles: t.trapFiles, traps: t.traps.length, natural: t.natural.length,
      editFile: edit ? { file: edit[0], lines: edit[1] } : undefined,
    };
    const manifest = {
      seedVersion: SEED_VERSION, seed: SEED, source, fraction: f, tree: `seeded-${f}`, stats,
      references: t.references.sort(byLocation), traps: t.traps.sort(byLocation), natural: t.natural.sort(byLocation),
    };
    fs.writeFileSync(manifestPath(cache, f), JSON.stringify(manifest) + '\n');
    fs.rmSync(treeDir(cache, f), { recursive: true, force: true });
    fs.renameSync(partial[f], treeDir(cache, f));
    marker.trees[f] = { dir: treeDir(cache, f), manifest: manifestPath(cache, f), ...stats };
  }
  fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2) + '\n');
  return marker;
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = { cache: defaultCacheDir(), unpackOnly: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cache') opts.cache = path.resolve(argv[++i]);
    else if (a === '--unpack-only') opts.unpackOnly = true;
    else if (a === '--force') opts.force = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.cache, { recursive: true });
  ensureTools();
  if (opts.unpackOnly) {
    const { dir } = ensureUnpacked(opts.cache, { force: opts.force });
    log(`sources: ${dir}`);
  } else {
    const marker = ensureSeeded(opts.cache, { force: opts.force });
    for (const [f, t] of Object.entries(marker.trees)) {
      log(`seeded-${f}: ${t.files} files, ${(t.sourceBytes / 1e6).toFixed(1)} MB, ${t.taggedFiles} tagged files, ` +
        `${t.references} references (${t.unknownReferences} unknown IDs), ${t.traps} string traps in ${t.trapFiles} files`);
    }
  }
}
