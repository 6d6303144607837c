// Implements: TL-159
/**
 * How fast the HTML report's filter answers: opens a report in Chromium (playwright-core, Debian's
 * chromium) and times, in the page, typing a query into the filter box or switching "gaps only"
 * until the browser has laid the table out again (the input event's handler, then a forced
 * layout). Prints one JSON line: { rows, samples, medianMs, maxMs, perAction }.
 *
 *   node --import tsx bench/reportFilter.ts --html FILE [--runs N]
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../test/e2e/codeServer';

const ACTIONS: ReadonlyArray<{ name: string; script: string }> = [
  { name: 'type an ID', script: `f.value = 'REQ-1'; f.dispatchEvent(new Event('input'))` },
  { name: 'type a word', script: `f.value = 'unverified'; f.dispatchEvent(new Event('input'))` },
  { name: 'gaps only on', script: `g.checked = true; g.dispatchEvent(new Event('change'))` },
  { name: 'gaps only off', script: `g.checked = false; g.dispatchEvent(new Event('change'))` },
  { name: 'clear the filter', script: `f.value = ''; f.dispatchEvent(new Event('input'))` },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { html: { type: 'string' }, runs: { type: 'string', default: '5' } } });
  if (!values.html) throw new Error('--html FILE is required');
  const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  try {
    await browser.page.goto(pathToFileURL(values.html).href);
    const rows = await browser.page.evaluate<number>(`document.querySelectorAll('#matrix-rows tr').length`);
    const perAction: Record<string, number[]> = {};
    for (let run = 0; run < Number(values.runs); run++) {
      for (const action of ACTIONS) {
        const ms = await browser.page.evaluate<number>(`(() => {
          const f = document.getElementById('filter'); const g = document.getElementById('gaps-only');
          const start = performance.now();
          ${action.script};
          void document.body.offsetHeight;
          return performance.now() - start;
        })()`);
        (perAction[action.name] ??= []).push(Math.round(ms * 10) / 10);
      }
    }
    const samples = Object.values(perAction).flat().sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)]!;
    process.stdout.write(`${JSON.stringify({ rows, samples: samples.length, medianMs: median, maxMs: samples.at(-1), perAction })}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
