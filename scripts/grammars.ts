// Writes the TextMate grammars of syntaxes/ from scripts/textmateGrammars.ts.
//   npm run grammars
import * as path from 'node:path';
import { writeFileAtomic } from '../src/cli/atomicWrite';
import { grammarFiles } from './textmateGrammars';

async function main(): Promise<void> {
  const dir = path.join(__dirname, '..', 'syntaxes');
  for (const [name, text] of Object.entries(grammarFiles())) {
    await writeFileAtomic(path.join(dir, name), text);
    process.stdout.write(`wrote syntaxes/${name}\n`);
  }
}

void main();
