/**
 * The HTML report in a real browser: headless Chromium (Debian's package, /usr/bin/chromium)
 * driven by playwright-core. Loads the self-contained file with the network cut off, checks
 * what a person sees (the counts, a filtered view) and keeps a screenshot as a test artifact
 * in test-results/. .ci/run installs Chromium; elsewhere set CHROMIUM_PATH or install it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir, TODAY } from '../helpers.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(executablePath);
// On CI the browser must be there: a missing browser is a failure, not a skip.
const suite = haveBrowser || process.env.CI ? describe : describe.skip;

suite('HTML report in headless Chromium', () => {
  let browser: Browser;
  let file: string;
  let summary: { total: number; bySeverity: Record<string, number>; byCategory: Record<string, number> };

  beforeAll(async () => {
    const dir = tempDir();
    file = path.join(dir, 'port.html');
    const r = cli([
      'report',
      'inventories/port-of-rotterdam.yaml',
      '--today',
      TODAY,
      '-f',
      'html',
      '-o',
      file,
      '-f',
      'json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    summary = JSON.parse(r.stdout).summary;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('is self-contained: no request leaves the file', async () => {
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/i);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('shows the counts, filters by severity and category, and can be reset', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await expect.poll(() => page.locator('h1').innerText()).toContain('Customs cargo scanners');
    expect(Number(await page.locator('#count-total').innerText())).toBe(summary.total);
    expect(Number(await page.locator('#count-shown').innerText())).toBe(summary.total);
    expect(await page.locator('article.finding:visible').count()).toBe(summary.total);
    for (const [sev, n] of Object.entries(summary.bySeverity)) {
      if (n > 0) expect(Number(await page.locator(`#count-${sev}`).innerText())).toBe(n);
    }

    // hide high findings: what is shown drops by exactly their number
    const high = summary.bySeverity.high!;
    expect(high).toBeGreaterThan(0);
    await page.locator('#filter-severity input[value="high"]').uncheck();
    await expect.poll(async () => Number(await page.locator('#count-shown').innerText())).toBe(summary.total - high);
    expect(await page.locator('article.finding[data-severity="high"]:visible').count()).toBe(0);
    expect(await page.locator('article.finding:visible').count()).toBe(summary.total - high);

    // then keep only supply-chain: the visible ones are supply-chain findings that are not high
    for (const cat of Object.keys(summary.byCategory)) {
      if (cat !== 'supply-chain') await page.locator(`#filter-category input[value="${cat}"]`).uncheck();
    }
    const visible = await page
      .locator('article.finding:visible')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-severity'), e.getAttribute('data-category')]));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every(([s, c]) => s !== 'high' && c === 'supply-chain')).toBe(true);
    expect(Number(await page.locator('#count-shown').innerText())).toBe(visible.length);

    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'html-report-filtered.png'), fullPage: false });

    await page.locator('#filter-reset').click();
    await expect.poll(async () => Number(await page.locator('#count-shown').innerText())).toBe(summary.total);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints: the filter controls are hidden, the filtered findings print, and it makes a PDF', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.locator('#filter-severity input[value="high"]').uncheck();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filter-severity').isVisible()).toBe(false);
    const shown = Number(await page.locator('#count-shown').innerText());
    expect(shown).toBe(summary.total - summary.bySeverity.high!);
    expect(await page.locator('article.finding:visible').count()).toBe(shown);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
