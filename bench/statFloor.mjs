// What any Node.js process that validates a cache by stat pays on a tree, doing nothing else:
// lists every file (readdir with file types, recursively) and stats each one. The bench times it as
// a whole process beside `node -e 0`, so the warm figures can be read against Node's own floor.
//
//   node bench/statFloor.mjs DIR      prints the number of files stat'ed
import { readdirSync, statSync } from 'node:fs';

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node bench/statFloor.mjs DIR\n');
  process.exit(2);
}
let files = 0;
let bytes = 0;
const visit = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) visit(full);
    else if (entry.isFile()) {
      bytes += statSync(full).size;
      files++;
    }
  }
};
visit(root);
process.stdout.write(`${files} files, ${bytes} bytes\n`);
