// Implements: TL-063
/** Benchmark corpus of Markdown table items: `count` rows in tables of 100, files of 1,000 rows. */
import fs from 'node:fs';
import path from 'node:path';

/** Writes a project of `count` table rows (and 1 system row per 10 as their parents) into `dir`. */
export function writeCorpus(dir, count) {
  const folder = path.join(dir, 'requirements');
  fs.mkdirSync(folder, { recursive: true });
  const perFile = 1000;
  const id = (n) => `REQ-${String(n).padStart(5, '0')}`;
  for (let first = 1; first <= count; first += perFile) {
    const lines = [`# Requirements ${first} to ${Math.min(count, first + perFile - 1)}`, ''];
    for (let n = first; n < first + perFile && n <= count; n++) {
      if ((n - 1) % 100 === 0) lines.push('', '| ID | Title | Description | Parent | Class |', '|----|-------|-------------|--------|-------|');
      lines.push(`| ${id(n)} | Requirement ${n} | The software shall meet requirement ${n}. | SYS-${String(Math.ceil(n / 10)).padStart(4, '0')} | B |`);
    }
    fs.writeFileSync(path.join(folder, `srs-${String(first).padStart(5, '0')}.md`), `${lines.join('\n')}\n`);
  }
  const system = ['# System requirements', '', '| ID | Title |', '|----|-------|'];
  for (let s = 1; s <= Math.ceil(count / 10); s++) system.push(`| SYS-${String(s).padStart(4, '0')} | System need ${s} |`);
  fs.writeFileSync(path.join(folder, 'system.md'), `${system.join('\n')}\n`);
}
