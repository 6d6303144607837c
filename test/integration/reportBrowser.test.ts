// Verifies: TL-152
/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core, as the e2e tests
 * drive it): opened from disk, it makes no request, shows every item ID, the full commit SHA and
 * the version as loaded, and its filter box, "gaps only" toggle and print stylesheet work.
 * Skipped, saying so, only where Chromium is absent. A screenshot goes to test-results/report/
 * (and to docs/screenshots/ with UPDATE_SCREENSHOTS=1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, type Browser } from '../e2e/codeServer';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const EXAMPLE = path.join(REPO, 'examples', 'infusion-pump');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'test-results', 'report');

const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium): the HTML report's browser test did not run`;
if (skip) process.stderr.write(`SKIP: ${skip}\n`);

test('the HTML report works offline in Chromium: no request, every ID shown, filter, gaps only, print', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tracelens-report-browser-'));
  let browser: Browser | undefined;
  try {
    const html = path.join(dir, 'report.html');
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
    execFileSync(process.execPath, [CLI, 'report', EXAMPLE, '--format', 'html', '--output', html, '--no-cache'], { env, stdio: 'pipe' });
    execFileSync(process.execPath, [CLI, 'report', EXAMPLE, '--format', 'json', '--output', path.join(dir, 'r.json'), '--no-cache'], { env, stdio: 'pipe' });
    const json = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as {
      rows: Array<{ id: string; gap: boolean }>; stamp: { version: string; source: { kind: string; commit?: string } };
    };
    const version = execFileSync(process.execPath, [CLI, '--version']).toString().trim();

    browser = await launchBrowser({ executablePath: CHROMIUM, viewport: { width: 1280, height: 800 } });
    const { page, context } = browser;
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await context.route(/^(?!file:)/, (route) => route.abort());
    const url = pathToFileURL(html).href;
    await page.goto(url);
    await page.waitForSelector('#shown:not(:empty)');

    assert.deepEqual(requests, [url], 'the page requests nothing but itself');
    const text = await page.evaluate<string>('document.body.innerText');
    for (const row of json.rows) assert.ok(text.includes(row.id), `${row.id} is visible in the page`);
    assert.equal(json.rows.length, 33);
    assert.ok(text.includes(`tracelens ${version}`), 'the version as --version prints it');
    if (json.stamp.source.kind === 'git') assert.match(text, new RegExp(`Commit\\s+${json.stamp.source.commit}`), 'the full SHA');
    assert.equal(await page.textContent('#shown'), '33 of 33 matrix rows shown');

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'report.png') });
    await page.evaluate(`document.getElementById('matrix').scrollIntoView()`);
    await page.screenshot({ path: path.join(SHOTS, 'report-matrix.png') });

    const visibleIds = () => page.evaluate<string[]>(`[...document.querySelectorAll('#matrix-rows tr')].filter((r) => !r.hidden).map((r) => r.querySelector('th').textContent)`);
    await page.fill('#filter', 'dose_limits.c');
    assert.deepEqual(await visibleIds(), ['REQ-001', 'REQ-002', 'REQ-003', 'REQ-010', 'RISK-001', 'RISK-002']);
    await page.fill('#filter', 'REQ-011');
    assert.deepEqual(await visibleIds(), ['REQ-011']);
    assert.equal(await page.textContent('#shown'), '1 of 33 matrix rows shown');
    await page.fill('#filter', '');
    await page.check('#gaps-only');
    const gaps = json.rows.filter((r) => r.gap).map((r) => r.id);
    assert.deepEqual(gaps, ['REQ-007', 'REQ-009', 'REQ-011', 'REQ-012']);
    assert.deepEqual(await visibleIds(), gaps);
    // Several words: a row must hold each of them.
    await page.fill('#filter', 'unimplemented class');
    assert.deepEqual(await visibleIds(), ['REQ-009', 'REQ-012']);

    // In print every row shows, whatever the filter.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate<number>(`[...document.querySelectorAll('#matrix-rows tr')].filter((r) => getComputedStyle(r).display !== 'none').length`);
    assert.equal(printed, 33);
    assert.equal(await page.isVisible('.controls'), false);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(browser.consoleLog().filter((line) => /error|violat/i.test(line)), [], 'no script error, no CSP violation');
    assert.deepEqual(requests, [url], 'still no request after using the page');
    if (process.env['UPDATE_SCREENSHOTS']) {
      for (const name of ['report.png', 'report-matrix.png']) copyFileSync(path.join(SHOTS, name), path.join(REPO, 'docs', 'screenshots', name));
    }
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
