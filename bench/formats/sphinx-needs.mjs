// Implements: TL-063
/**
 * A sphinx-needs corpus for the format benchmark: `count` needs as Sphinx teams write them, in
 * `.rst` pages of 100 needs each under docs/ (requirements with status, tags and links to the
 * previous requirement, every tenth need a test case linking to a requirement), a ubproject.toml
 * declaring a custom link type, and tracelens.json pointing at docs/. No code.
 *
 *   import { writeCorpus } from './bench/formats/sphinx-needs.mjs';
 *   writeCorpus('/tmp/sphinx-10k', 10000);
 */
import fs from 'node:fs';
import path from 'node:path';

const NEEDS_PER_PAGE = 100;

/** The directive of need `n` (1-based): every tenth is a test case of the need before it. */
function need(n) {
  const id = `REQ_${String(n).padStart(5, '0')}`;
  if (n % 10 === 0) {
    return `.. test:: Test of requirement ${n - 1}\n   :id: TC_${String(n).padStart(5, '0')}\n   :tests: REQ_${String(n - 1).padStart(5, '0')}\n\n   Checks the behaviour of requirement ${n - 1} at its limits.\n`;
  }
  const links = n > 1 && n % 10 !== 1 ? `   :links: REQ_${String(n - 1).padStart(5, '0')}\n` : '';
  return `.. req:: Requirement number ${n}\n   with a title over two lines\n   :id: ${id}\n   :status: open\n   :tags: bench; page${Math.ceil(n / NEEDS_PER_PAGE)}\n${links}\n` +
    `   The software shall do thing ${n} within the documented limits,\n   and report an error otherwise.\n`;
}

/** Writes the corpus into `dir` (created if missing); returns the number of pages written. */
export function writeCorpus(dir, count) {
  const docs = path.join(dir, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tracelens.json'), '{ "requirements": ["docs"] }\n');
  fs.writeFileSync(path.join(docs, 'ubproject.toml'), '[needs]\nid_required = true\n\n[needs.links.tests]\noutgoing = "tests"\nincoming = "is tested by"\n');
  let pages = 0;
  for (let first = 1; first <= count; first += NEEDS_PER_PAGE) {
    pages++;
    const last = Math.min(count, first + NEEDS_PER_PAGE - 1);
    const title = `Requirements ${first} to ${last}`;
    const body = [];
    for (let n = first; n <= last; n++) body.push(need(n));
    fs.writeFileSync(path.join(docs, `page${String(pages).padStart(4, '0')}.rst`), `${title}\n${'='.repeat(title.length)}\n\n${body.join('\n')}`);
  }
  return pages;
}
