import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { twoNights } from '../fixtures/nightly/twoNights.js';
import type { RunSummary } from '../../src/types.js';
import { launchChromium, openReport } from './chromium.js';

/**
 * The report at a phone's width (390 px) and a laptop's (1280 px), on the bundled corpus and
 * on a nightly report: nothing scrolls sideways, the map gets the width, the top terms
 * stack in one column (three at 1280), and the themes table turns into labelled cards that
 * still sort. Full-page screenshots go to test-artifacts/ (kept by CI, ignored by git).
 */

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const NARROW = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };

let browser: Browser;
let seed: { summary: RunSummary; url: string };
let nightlyUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  const out = join(mkdtempSync(join(tmpdir(), 'paper-themes-narrow-')), 'seed');
  const run = await runPipeline(normaliseOptions({ out, cacheDir: false }));
  seed = { summary: run.summary, url: pathToFileURL(join(out, 'index.html')).href };
  nightlyUrl = pathToFileURL(join((await twoNights('paper-themes-narrow-nightly-')).reports, '2026-11-21', 'index.html')).href;
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});


interface ReportWindow {
  paperThemes: { ready: Promise<unknown>; views: { map: { width(): number } }; fitted: Record<string, string> };
}

/** Opens a report and waits until every chart has been embedded. */
const open = (url: string, viewport: { width: number; height: number }) => openReport(browser, url, viewport);

/**
 * Everything wider than its box: the page itself (document.scrollingElement), then every
 * section, scroll wrapper and chart (a `.scroll` wrapper that scrolls sideways counts).
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth) found.push(`page: ${root.scrollWidth} > ${window.innerWidth}`);
    document.querySelectorAll('section, .scroll, .chart, table').forEach((element) => {
      const box = element as HTMLElement;
      if (box.scrollWidth > box.clientWidth) {
        const where = box.id || box.closest('section')?.querySelector('h2')?.textContent || box.tagName;
        found.push(`${box.tagName.toLowerCase()}.${box.className} (${where}): ${box.scrollWidth} > ${box.clientWidth}`);
      }
    });
    return found;
  });
}

/** The top-term panels' plot areas grouped into rows by their top edge: the most panels in a row. */
async function termColumns(page: Page): Promise<{ panels: number; columns: number }> {
  const tops = await page.$$eval('#terms g.cell > g > path.background', (paths) => paths.map((p) => Math.round(p.getBoundingClientRect().top)));
  const rows = new Map<number, number>();
  for (const top of tops) rows.set(top, (rows.get(top) ?? 0) + 1);
  return { panels: tops.length, columns: Math.max(0, ...rows.values()) };
}

/** Width of the map's plot area (Vega's width signal), in CSS pixels. */
function mapPlotWidth(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as ReportWindow).paperThemes.views.map.width());
}

const reports = () => [
  { name: 'bundled corpus', url: seed.url, file: '' },
  { name: 'nightly', url: nightlyUrl, file: 'nightly-' },
];

describe('the report at 390 px', () => {
  for (const which of [0, 1]) {
    it(`scrolls no section sideways, and gives the map the width (${['bundled corpus', 'nightly'][which]} report)`, async () => {
      const report = reports()[which];
      const { page, log } = await open(report.url, NARROW);
      expect(await overflows(page)).toEqual([]);
      expect(await mapPlotWidth(page)).toBeGreaterThanOrEqual(0.8 * NARROW.width);
      // The legend went under the map: its left edge is where the plot's is, not beside it.
      const legend = (await page.locator('#map .role-legend').first().boundingBox())!;
      const plot = (await page.locator('#map svg').boundingBox())!;
      expect(legend.x - plot.x).toBeLessThan(40);
      const terms = await termColumns(page);
      expect(terms.panels).toBe(await page.locator('table[data-sortable] tbody tr').count());
      expect(terms.columns).toBe(1);
      if (which === 1) {
        // Tonight's table turns into cards too, each number labelled.
        expect(await page.locator('#tonight tbody tr').count()).toBeGreaterThan(1);
        const fields = await page.$$eval('#tonight tbody tr:first-child td[data-label]', (cells) => cells.map((td) => getComputedStyle(td, '::before').content));
        expect(fields).toEqual(['"Id"', '"Label"', '"Tonight"', '"New"', '"Expected"', '"Papers"', '"Last night"']);
      }
      expect(log.problems).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `${report.file}narrow-390.png`), fullPage: true });
      await page.close();
    });
  }

  it('shows each theme as a card with labelled fields, and the cards still sort', async () => {
    const { page } = await open(seed.url, NARROW);
    const table = page.locator('table[data-sortable]');
    const tableBox = (await table.boundingBox())!;
    const cards = table.locator('tbody tr');
    expect(await cards.count()).toBe(seed.summary.themes.length);
    const first = await cards.first().evaluate((tr) => {
      const field = (label: string) => {
        const cell = tr.querySelector(`td[data-label="${label}"]`) as HTMLElement;
        const before = getComputedStyle(cell, '::before');
        return { label: before.content, shown: before.display !== 'none' && cell.offsetHeight > 0, text: cell.textContent, display: getComputedStyle(cell).display };
      };
      return { display: getComputedStyle(tr).display, label: field('Label'), size: field('Size'), papers: field('Representative papers') };
    });
    expect(first.display).toBe('block');
    expect(first.label).toMatchObject({ label: '"Label"', shown: true, display: 'block' });
    expect(first.size).toMatchObject({ label: '"Size"', shown: true, text: String(seed.summary.themes.find((t) => t.id === 0)!.size) });
    expect(first.papers).toMatchObject({ label: '"Representative papers"', shown: true });
    // Each card is a block as wide as the table, and stacked under the previous one.
    const boxes = await cards.evaluateAll((rows) => rows.map((r) => { const b = r.getBoundingClientRect(); return { x: b.x, y: b.y, width: b.width, bottom: b.bottom }; }));
    for (const [i, box] of boxes.entries()) {
      expect(box.x).toBeGreaterThanOrEqual(tableBox.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(tableBox.x + tableBox.width + 1);
      if (i > 0) expect(box.y).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
    }
    // The headings are a row of sort buttons above the cards; sorting reorders the cards.
    const sizeButton = page.locator('table[data-sortable] th button', { hasText: 'Size' });
    expect(await sizeButton.isVisible()).toBe(true);
    const sizes = () => cards.evaluateAll((rows) => (rows as HTMLTableRowElement[]).map((r) => Number(r.querySelector('td[data-label="Size"]')!.getAttribute('data-value'))));
    await sizeButton.click();
    const ascending = await sizes();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await sizeButton.click();
    expect(await sizes()).toEqual([...ascending].sort((a, b) => b - a));
    await page.close();
  });

  it('fits the charts again when the window narrows after opening', async () => {
    const { page, log } = await open(seed.url, WIDE);
    expect((await termColumns(page)).columns).toBe(3);
    await page.setViewportSize(NARROW);
    await expect.poll(async () => (await termColumns(page)).columns, { timeout: 10_000 }).toBe(1);
    await page.evaluate(() => (window as unknown as ReportWindow).paperThemes.ready);
    await expect.poll(() => overflows(page)).toEqual([]);
    expect(await mapPlotWidth(page)).toBeGreaterThanOrEqual(0.8 * NARROW.width);
    // The map embedded again still searches, and the search still fades the others.
    await page.fill('#search', 'bayesian optimization');
    await expect.poll(() => page.textContent('#search-status')).toMatch(/papers match/);
    expect(log.problems).toEqual([]);
    await page.close();
  });
});

describe('the report at 1280 px', () => {
  for (const which of [0, 1]) {
    it(`scrolls nothing sideways, puts the legend beside the map, the top terms in 3 columns and the themes in a table (${['bundled corpus', 'nightly'][which]} report)`, async () => {
      const report = reports()[which];
      const { page, log } = await open(report.url, WIDE);
      expect(await overflows(page)).toEqual([]);
      const legend = (await page.locator('#map .role-legend').first().boundingBox())!;
      const plotWidth = await mapPlotWidth(page);
      const svg = (await page.locator('#map svg').boundingBox())!;
      expect(legend.x).toBeGreaterThan(svg.x + plotWidth);
      expect(plotWidth).toBeGreaterThan(700);
      expect((await termColumns(page)).columns).toBe(3);
      expect(await page.$eval('table[data-sortable] tbody tr', (tr) => getComputedStyle(tr).display)).toBe('table-row');
      expect(await page.$eval('table[data-sortable] td[data-label="Size"]', (td) => getComputedStyle(td, '::before').content)).toBe('none');
      expect(await page.locator('table[data-sortable] thead th').nth(8).isVisible()).toBe(true);
      expect(log.problems).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `${report.file}wide-1280.png`), fullPage: true });
      await page.close();
    });
  }
});
