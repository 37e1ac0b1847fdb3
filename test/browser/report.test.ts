import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { CANVAS_THRESHOLD, renderReport } from '../../src/report/renderReport.js';
import { TOP_TERMS_SHOWN } from '../../src/report/specs.js';
import type { RunSummary } from '../../src/types.js';
import { IMG_INJECTION, SCRIPT_INJECTION, summary as hostileSummary } from '../fixtures/report/summary.js';
import { launchChromium, openReport } from './chromium.js';
import { twoNights } from '../fixtures/nightly/twoNights.js';

/**
 * The generated report opened from disk in Chromium (Debian's, else the packaged one: see
 * chromium.ts): what a reader sees and does.
 * Screenshots of the seed report go to test-artifacts/ (kept by CI, ignored by git).
 */

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const POINTS = '#map path[aria-roledescription="point"]';

let browser: Browser;
let seed: { summary: RunSummary; url: string };
let hostile: { summary: RunSummary; url: string };
let large: { summary: RunSummary; url: string };
let nightlyUrl: string;

/** The hostile fixture's themes with `count` papers spread over them: a canvas-sized map. */
function largeSummary(count: number): RunSummary {
  const papers = Array.from({ length: count }, (_, i) => ({ id: `q${i}`, title: `Paper number ${i}`, abstract: '' }));
  return {
    ...hostileSummary,
    papers,
    assignments: papers.map((p, i) => ({ paperId: p.id, themeId: i % 4, score: 0.5, x: Math.cos(i) * (i % 97), y: Math.sin(i) * (i % 89) })),
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  const out = join(mkdtempSync(join(tmpdir(), 'paper-themes-browser-')), 'seed');
  const run = await runPipeline(normaliseOptions({ out, cacheDir: false }));
  seed = { summary: run.summary, url: pathToFileURL(join(out, 'index.html')).href };
  const hostileFile = join(mkdtempSync(join(tmpdir(), 'paper-themes-hostile-')), 'index.html');
  writeFileSync(hostileFile, renderReport(hostileSummary));
  hostile = { summary: hostileSummary, url: pathToFileURL(hostileFile).href };
  nightlyUrl = pathToFileURL(join((await twoNights('paper-themes-nightly-browser-')).reports, '2026-11-21', 'index.html')).href;
  const largeFile = join(mkdtempSync(join(tmpdir(), 'paper-themes-large-')), 'index.html');
  const largeRun = largeSummary(CANVAS_THRESHOLD + 500);
  writeFileSync(largeFile, renderReport(largeRun));
  large = { summary: largeRun, url: pathToFileURL(largeFile).href };
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});


/** Opens a report and waits until every chart has been embedded. */
const open = (url: string, viewport?: { width: number; height: number }) => openReport(browser, url, viewport);

/** Opacity attribute of every map point, in DOM order. */
function pointOpacities(page: Page): Promise<number[]> {
  return page.$$eval(POINTS, (points) => points.map((p) => Number(p.getAttribute('opacity') ?? '1')));
}

/** Above this opacity a point is shown (0.85, or 0.3 for a loose fit); below it faded out by a highlight or a search (0.06). */
const SHOWN = 0.2;

/** Waits until the map's points settle on `count` shown ones. */
async function expectShown(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await pointOpacities(page)).filter((o) => o > SHOWN).length).toBe(count);
}

describe('the seed report in Chromium', () => {
  it('opens from file:// with no console error, no uncaught exception and no network request', async () => {
    const { page, log } = await open(seed.url);
    expect(log.problems).toEqual([]);
    expect(log.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    expect(log.requests).toEqual([seed.url]);
    await page.screenshot({ path: join(ARTIFACTS, 'seed-report-1280.png'), fullPage: true });
    await page.close();
  });

  it('draws one point per paper, one size bar per theme, the top-term bars and the k curve', async () => {
    const { page } = await open(seed.url);
    const { papers, themes, kSelection } = seed.summary;
    const count = (selector: string) => page.locator(selector).count();
    expect(await count(POINTS)).toBe(papers.length);
    expect(await count('#sizes path[aria-roledescription="bar"]')).toBe(themes.length);
    const termBars = themes.reduce((n, t) => n + Math.min(t.topTerms.length, TOP_TERMS_SHOWN), 0);
    expect(await count('#terms path[aria-roledescription="bar"]')).toBe(termBars);
    // One point per k tried, plus the ring on the chosen k.
    expect(await count('#k-curve path[aria-roledescription="point"]')).toBe(kSelection!.curve.length + 1);
    expect(await count('#map .role-legend-label text')).toBe(themes.length);
    await page.close();
  });

  it('shows a paper title in the tooltip when the pointer is over its point', async () => {
    const { page } = await open(seed.url);
    const point = page.locator(POINTS).nth(7);
    const label = (await point.getAttribute('aria-label')) ?? '';
    const title = /Title: (.*?); Theme:/.exec(label)![1];
    await point.hover({ force: true });
    const tooltip = page.locator('#vg-tooltip-element');
    await expect.poll(() => tooltip.textContent()).toContain(title);
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    await page.close();
  });

  it('highlights one theme when its legend entry is clicked, and all again after a double-click on the map', async () => {
    const { page } = await open(seed.url);
    const target = seed.summary.themes.find((t) => t.label.includes('model merging'))!;
    await page.locator('#map .role-legend-label text', { hasText: target.heading ?? target.label }).first().click();
    await expectShown(page, target.size);
    // The points left shown are exactly the theme's papers.
    const shownThemes = await page.$$eval(POINTS, (points, shown) =>
      points.filter((p) => Number(p.getAttribute('opacity')) > shown).map((p) => /; theme: (.*?); Title:/.exec(p.getAttribute('aria-label') ?? '')?.[1]), SHOWN);
    expect(new Set(shownThemes)).toEqual(new Set([target.heading ?? target.label]));
    // A double-click on the map clears the highlight.
    const box = (await page.locator('#map svg').boundingBox())!;
    await page.mouse.dblclick(box.x + 20, box.y + 20);
    await expectShown(page, seed.summary.papers.length);
    await page.close();
  });

  it('draws the loose fits faded, every other paper as before, and marks them in the lists by theme', async () => {
    const { page } = await open(seed.url);
    const loose = seed.summary.assignments.map((a) => a.looseFit === true);
    expect(loose.filter(Boolean).length).toBeGreaterThan(0);
    await expect.poll(() => pointOpacities(page)).toEqual(loose.map((isLoose) => (isLoose ? 0.3 : 0.85)));
    const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const looseThemes = seed.summary.themes.filter((t) => t.loose === true).length;
    expect(await page.textContent('.loose-facts')).toBe(`${plural(looseThemes, 'loose theme')}, ${plural(loose.filter(Boolean).length, 'loose fit')}`);
    // The lists of papers by theme mark the same papers, and only them.
    const entries = page.locator('details.theme-papers');
    for (let i = 0; i < await entries.count(); i++) {
      await entries.nth(i).locator('summary').click();
      await entries.nth(i).locator('li').first().waitFor();
    }
    const marked = await page.$$eval('details.theme-papers li:has(.loose-fit)', (items) => items.map((li) => li.firstChild?.textContent));
    const looseTitles = seed.summary.papers.filter((_, i) => loose[i]).map((p) => p.title);
    expect(marked.sort()).toEqual(looseTitles.sort());
    expect(await page.textContent('details.theme-papers .loose-fit')).toBe(' \u00b7 loose fit');
    await page.close();
  });

  it('filters papers by title words typed into the search box', async () => {
    const { page } = await open(seed.url);
    const matching = seed.summary.papers.filter((p) => /bayesian/i.test(p.title) && /optimization/i.test(p.title));
    expect(matching.length).toBeGreaterThan(1);
    await page.fill('#search', 'Bayesian  OPTIMIZATION');
    await expect.poll(() => page.textContent('#search-status')).toBe(`${matching.length} of ${seed.summary.papers.length} papers match`);
    await expectShown(page, matching.length);
    const listed = await page.$$eval('#search-results li > span:not(.swatch):not(.theme-name), #search-results li > a', (els) => els.map((e) => e.textContent));
    expect(listed.sort()).toEqual(matching.map((p) => p.title).sort());
    await page.fill('#search', '');
    await expectShown(page, seed.summary.papers.length);
    await expect.poll(() => page.locator('#search-results li').count()).toBe(0);
    await page.close();
  });

  it('sorts the themes table by a column when its heading is clicked, and reverses on a second click', async () => {
    const { page } = await open(seed.url);
    const sizes = () => page.$$eval('table[data-sortable] tbody tr', (rows) => (rows as HTMLTableRowElement[]).map((r) => Number(r.cells[3].getAttribute('data-value'))));
    const labels = () => page.$$eval('table[data-sortable] tbody tr', (rows) => (rows as HTMLTableRowElement[]).map((r) => r.cells[2].textContent ?? ''));
    await page.click('th >> text=Size');
    const ascending = await sizes();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.getAttribute('th:has-text("Size")', 'aria-sort')).toBe('ascending');
    await page.click('th >> text=Size');
    expect(await sizes()).toEqual([...ascending].sort((a, b) => b - a));
    await page.click('th >> text=Label');
    const sorted = await labels();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    await page.close();
  });

  it('stays readable in a narrow window: no sideways scrolling of the page', async () => {
    const { page, log } = await open(seed.url, { width: 390, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator(POINTS).count()).toBe(seed.summary.papers.length);
    expect(log.problems).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'seed-report-390.png'), fullPage: true });
    await page.close();
  });
});

describe('a report with hostile titles and labels in Chromium', () => {
  it('shows injected markup as text and runs none of it', async () => {
    const { page, log } = await open(hostile.url);
    expect(log.dialogs).toEqual([]);
    expect(log.problems).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    const representatives = await page.$$eval('table tbody li', (items) => items.map((li) => li.textContent));
    expect(representatives).toContain(IMG_INJECTION);
    expect(representatives).toContain(SCRIPT_INJECTION);
    // Search lists them as text too, and the map's tooltip shows them as text.
    await page.fill('#search', 'onerror');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    expect(await page.textContent('#search-results li a')).toBe(IMG_INJECTION);
    const index = hostile.summary.papers.findIndex((p) => p.title === SCRIPT_INJECTION);
    await page.locator(POINTS).nth(index).hover({ force: true });
    await expect.poll(() => page.textContent('#vg-tooltip-element')).toContain(SCRIPT_INJECTION);
    expect(await page.locator('#vg-tooltip-element script').count()).toBe(0);
    expect(log.dialogs).toEqual([]);
    expect(log.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('opens a paper’s page in a new tab when its point is clicked, and keeps the report', async () => {
    const { page } = await open(hostile.url);
    const index = hostile.summary.papers.findIndex((p) => p.url !== undefined);
    const popups: Page[] = [];
    const asked: string[] = [];
    // The new tab's request is recorded and aborted: nothing reaches the network.
    await page.context().route(/^(https?|wss?|ftp):/i, (route) => {
      asked.push(route.request().url());
      return route.abort();
    });
    page.on('popup', (popup) => popups.push(popup));
    await page.locator(POINTS).nth(index).click({ force: true });
    await expect.poll(() => popups.length).toBe(1);
    await expect.poll(() => asked).toEqual([hostile.summary.papers[index].url]);
    expect(page.url()).toBe(hostile.url);
    // Opened with noopener: the new tab has no handle on the report.
    expect(await popups[0].evaluate(() => window.opener === null)).toBe(true);
    await page.close();
  });

  it('does nothing when a point without a link is clicked', async () => {
    const { page, log } = await open(seed.url);
    expect(seed.summary.papers.every((p) => p.url === undefined)).toBe(true);
    const popups: string[] = [];
    page.on('popup', (popup) => popups.push(popup.url()));
    await page.locator(POINTS).nth(3).click({ force: true });
    await page.waitForTimeout(600);
    expect(page.url()).toBe(seed.url);
    expect(popups).toEqual([]);
    expect(log.requests.filter((url) => url !== seed.url)).toEqual([]);
    await page.close();
  });

  it('opens no paper on a double-click over a linked point (a double-click resets the zoom)', async () => {
    const { page } = await open(hostile.url);
    const index = hostile.summary.papers.findIndex((p) => p.url !== undefined);
    const popups: string[] = [];
    await page.context().route(/^(https?|wss?|ftp):/i, (route) => route.abort());
    page.on('popup', (popup) => popups.push(popup.url()));
    await page.locator(POINTS).nth(index).dblclick({ force: true });
    await page.waitForTimeout(600);
    expect(popups).toEqual([]);
    expect(page.url()).toBe(hostile.url);
    await page.close();
  });
});

describe(`a report with more than ${CANVAS_THRESHOLD} papers in Chromium`, () => {
  it('draws the map on a canvas with one symbol per paper, and search still filters it', async () => {
    const { page, log } = await open(large.url);
    expect(await page.locator('#map canvas').count()).toBe(1);
    expect(await page.locator(POINTS).count()).toBe(0);
    const symbols = () => page.evaluate(() => {
      const view = (window as unknown as { paperThemes: { views: { map: { scenegraph(): { root: unknown } } } } }).paperThemes.views.map;
      const opacities: number[] = [];
      const walk = (node: { marktype?: string; role?: string; items?: Array<{ opacity?: number }> }) => {
        if (node.marktype === 'symbol' && node.role === 'mark') for (const item of node.items ?? []) opacities.push(item.opacity ?? 1);
        for (const item of node.items ?? []) walk(item as never);
      };
      walk(view.scenegraph().root as never);
      return opacities;
    });
    expect(await symbols()).toHaveLength(large.summary.papers.length);
    await page.fill('#search', 'number 123');
    // Each word anywhere in the title: "123" also matches 1123, 1230-1239 and 2123.
    const matching = large.summary.papers.filter((p) => p.title.includes('number') && p.title.includes('123')).length;
    expect(matching).toBe(13);
    await expect.poll(async () => (await symbols()).filter((o) => o > 0.5).length).toBe(matching);
    expect(log.problems).toEqual([]);
    await page.close();
  });
});

describe('a report whose map draws a sample, in Chromium', () => {
  it('draws each theme in proportion and still finds and lists every paper, with its link', async () => {
    const plain = largeSummary(CANVAS_THRESHOLD + 500);
    // Every third paper links to arXiv, every third to another site, the rest nowhere.
    const linkOf = (i: number) => (i % 3 === 0 ? `https://arxiv.org/abs/2401.${10000 + i}` : i % 3 === 1 ? `https://example.org/p/${i}` : undefined);
    const summary: RunSummary = { ...plain, papers: plain.papers.map((p, i) => (linkOf(i) === undefined ? p : { ...p, url: linkOf(i) })) };
    const file = join(mkdtempSync(join(tmpdir(), 'paper-themes-sampled-')), 'index.html');
    writeFileSync(file, renderReport(summary, { mapDrawLimit: 1000 }));
    const { page, log } = await open(pathToFileURL(file).href);
    const drawn = await page.evaluate(() => {
      const view = (window as unknown as { paperThemes: { views: { map: { scenegraph(): { root: unknown } } } } }).paperThemes.views.map;
      let count = 0;
      const walk = (node: { marktype?: string; role?: string; items?: unknown[] }) => {
        if (node.marktype === 'symbol' && node.role === 'mark') count += node.items?.length ?? 0;
        for (const item of node.items ?? []) walk(item as never);
      };
      walk(view.scenegraph().root as never);
      return count;
    });
    expect(drawn).toBe(1000);
    expect(await page.locator('#map-sample').textContent()).toContain('The map draws 1,000 of the papers');
    // "number 123" matches 13 titles, most of them not drawn: all are listed.
    await page.fill('#search', 'number 123');
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('13 of 2,500 papers match');
    expect(await page.locator('#search-results li').count()).toBe(13);
    const links = await page.locator('#search-results li').evaluateAll((items) =>
      items.map((li): [string, string | null] => [li.textContent ?? '', li.querySelector('a')?.getAttribute('href') ?? null]));
    for (const [text, href] of links) {
      const i = Number(/Paper number (\d+)/.exec(text)![1]);
      expect(href).toBe(linkOf(i) ?? null);
    }
    // A theme's list holds all of its papers, drawn or not.
    const first = page.locator('details.theme-papers').first();
    await first.locator('summary').click();
    // The list is filled by the toggle event, a task after the click: wait for it.
    await expect.poll(() => first.locator('li').count()).toBe(summary.assignments.filter((a) => a.themeId === 0).length);
    expect(log.problems).toEqual([]);
    await page.close();
  });
});

describe('a nightly report in Chromium', () => {
  it('draws the papers each theme gained over two nights and lists tonight’s changes', async () => {
    const { page, log } = await open(nightlyUrl);
    expect(log.problems).toEqual([]);
    const themes = await page.locator('#tonight tbody tr').count();
    expect(themes).toBeGreaterThan(1);
    // One bar per theme tonight: the first night, when every paper was new, is left out.
    expect(await page.locator('#trends path[aria-roledescription="bar"]').count()).toBe(themes);
    expect(await page.locator('#tonight .badge').count()).toBe(themes);
    await page.screenshot({ path: join(ARTIFACTS, 'nightly-report-1280.png'), fullPage: true });
    await page.close();
  });

  it('lists a theme’s papers, with arXiv links, when its entry is opened', async () => {
    const { page } = await open(nightlyUrl);
    const withLinks = page.locator('details.theme-papers').filter({ has: page.locator('summary') });
    const count = await withLinks.count();
    let links = 0;
    let listed = 0;
    for (let i = 0; i < count; i++) {
      const details = withLinks.nth(i);
      await details.locator('summary').click();
      // The page fills the list when the entry opens (a toggle event, after the click):
      // wait for its first item, then all are there.
      await details.locator('li').first().waitFor();
      listed += await details.locator('li').count();
      links += await details.locator('li a[href^="https://arxiv.org/abs/"]').count();
    }
    expect(listed).toBe(72);
    expect(links).toBe(2);
    await page.close();
  });
});
