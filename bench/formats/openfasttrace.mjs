// Implements: TL-063
/**
 * A corpus of OpenFastTrace specification items for the reader benchmark: `count` items in
 * Markdown files of 1,000 items each, as OFT projects write them (a title heading, the ID line,
 * a description, Covers and Needs), in chains feat → req → dsn. No code: reading is measured.
 *
 *   import { writeCorpus } from './formats/openfasttrace.mjs';
 *   writeCorpus('/tmp/oft-10k', 10000);
 *   // node dist/cli.js check /tmp/oft-10k --no-cache
 */
import fs from 'node:fs';
import path from 'node:path';

const PER_FILE = 1000;
const TYPES = ['feat', 'req', 'dsn'];

/** The Markdown of item `n`: its type follows the chain, and it covers the item before it. */
function itemText(n) {
  const type = TYPES[n % 3];
  const lines = [`### Item ${n}`, `\`${type}~item-${n}~1\``, '', `The system handles case ${n} within 200 ms and logs the outcome.`, ''];
  if (type !== 'feat') lines.push('Covers:', `* \`${TYPES[(n - 1) % 3]}~item-${n - 1}~1\``, '');
  lines.push(`Needs: ${type === 'feat' ? 'req' : type === 'req' ? 'dsn' : 'impl, utest'}`, '');
  return lines.join('\n');
}

/** Writes a project folder with `count` OpenFastTrace items under doc/ and its tracelens.json. */
export function writeCorpus(dir, count) {
  fs.mkdirSync(path.join(dir, 'doc'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tracelens.json'), '{ "requirements": ["doc"] }\n');
  for (let first = 0, file = 1; first < count; first += PER_FILE, file++) {
    const items = [];
    for (let n = first; n < Math.min(count, first + PER_FILE); n++) items.push(itemText(n));
    fs.writeFileSync(path.join(dir, 'doc', `spec-${String(file).padStart(3, '0')}.md`), `# Specification ${file}\n\n${items.join('\n')}`);
  }
}
