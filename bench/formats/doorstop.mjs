// Implements: TL-119
/**
 * A Doorstop corpus for the reader benchmark: a tree of two documents, SYS (root, one item in ten)
 * and REQ (its child, the rest), one YAML file per item as Doorstop writes them, each REQ item
 * linking a SYS item with its review fingerprint (Doorstop's stamp of the SYS item as written, so the
 * links are reviewed, not suspect). No tracelens.json: `reqs/` is the default folder.
 *
 *   import { writeCorpus } from './bench/formats/doorstop.mjs'; writeCorpus('/tmp/doorstop-10k', 10000);
 *   node dist/cli.js check /tmp/doorstop-10k --no-cache
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Writes a Doorstop project with `count` items into `dir` (created; files already there are overwritten). */
export function writeCorpus(dir, count) {
  const systemCount = Math.max(1, Math.floor(count / 10));
  const sys = path.join(dir, 'reqs');
  const req = path.join(sys, 'sw');
  fs.mkdirSync(req, { recursive: true });
  fs.writeFileSync(path.join(sys, '.doorstop.yml'), "settings:\n  digits: 4\n  prefix: SYS\n  sep: ''\n");
  fs.writeFileSync(path.join(req, '.doorstop.yml'), "settings:\n  digits: 5\n  parent: SYS\n  prefix: REQ\n  sep: ''\nattributes:\n  defaults:\n    class: B\n");
  const uid = (prefix, digits, n) => `${prefix}${String(n).padStart(digits, '0')}`;
  for (let n = 1; n <= systemCount; n++) {
    fs.writeFileSync(path.join(sys, `${uid('SYS', 4, n)}.yml`), item(`System requirement ${n}`, [], systemText(n), `1.${n}`));
  }
  for (let n = 1; n <= count - systemCount; n++) {
    const parent = uid('SYS', 4, ((n - 1) % systemCount) + 1);
    const link = `${parent}: ${stamp(parent, systemText(((n - 1) % systemCount) + 1))}`;
    fs.writeFileSync(path.join(req, `${uid('REQ', 5, n)}.yml`), item(`Software requirement ${n}`, [link], `The software shall do step ${n}\nof its function, within ${n % 90 + 10} ms.`, `2.${n}`));
  }
}

function systemText(n) {
  return `The system shall meet need ${n}.`;
}

/** Doorstop's stamp of an item with this UID and text and an empty ref: URL-safe base64 of SHA-256. */
function stamp(uid, text) {
  return createHash('sha256').update(`${uid}${text}`).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** One item file, keys in Doorstop's order; a link is `UID: stamp`. */
function item(header, links, text, level) {
  const linkLines = links.length === 0 ? 'links: []\n' : `links:\n${links.map((link) => `- ${link}\n`).join('')}`;
  return `active: true\nderived: false\nheader: |\n  ${header}\nlevel: '${level}'\n${linkLines}normative: true\nref: ''\nreviewed: null\ntext: |\n  ${text.replace(/\n/g, '\n  ')}\n`;
}
