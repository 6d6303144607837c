// Implements: TL-063
/** Benchmark corpus of Markdown heading items: `count` items in files of 500, with attributes and text. */
import fs from 'node:fs';
import path from 'node:path';

/** Writes a project of `count` heading items (and 1 system item per 10 as their parents) into `dir`. */
export function writeCorpus(dir, count) {
  const folder = path.join(dir, 'requirements');
  fs.mkdirSync(folder, { recursive: true });
  const perFile = 500;
  for (let first = 1; first <= count; first += perFile) {
    const lines = [`# Requirements ${first} to ${Math.min(count, first + perFile - 1)}`, ''];
    for (let n = first; n < first + perFile && n <= count; n++) {
      lines.push(`## REQ-${String(n).padStart(5, '0')}: Requirement ${n}`, '- class: B', `- parent: SYS-${String(Math.ceil(n / 10)).padStart(4, '0')}`, '', `The software shall meet requirement ${n}.`, '');
    }
    fs.writeFileSync(path.join(folder, `srs-${String(first).padStart(5, '0')}.md`), lines.join('\n'));
  }
  const system = ['# System requirements', ''];
  for (let s = 1; s <= Math.ceil(count / 10); s++) system.push(`## SYS-${String(s).padStart(4, '0')}: System need ${s}`, '', `The device shall meet need ${s}.`, '');
  fs.writeFileSync(path.join(folder, 'system.md'), system.join('\n'));
}
