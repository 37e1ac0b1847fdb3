import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../pipeline/nightly.js';
import { normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { defaultNightlyConfig } from '../../src/nightly/config.js';
import { projectRoot } from '../../src/projectRoot.js';
import { themeColor, themeNames } from '../../src/report/specs.js';
import type { RunSummary } from '../../src/types.js';
import { launchChromium, openReport } from './chromium.js';

/**
 * The theme-level views (issue 15) as a reader sees them in Chromium: the intertopic map,
 * the similarity heatmap and the theme tree of a run and of a nightly report. Screenshots
 * go to test-artifacts/.
 */

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const CIRCLES = '#intertopic path[aria-roledescription="circle"]';
const CELLS = '#similarity path[aria-roledescription="rect mark"]';
const LEAF_LABELS = '#tree g.mark-text.role-mark text';
const MERGE_POINTS = '#tree path[aria-roledescription="point"]';
const RULES = '#tree line[aria-roledescription="rule mark"]';

let browser: Browser;
let seed: { summary: RunSummary; url: string };
let nightly: { url: string };

beforeAll(async () => {
  browser = await launchChromium();
  const out = join(mkdtempSync(join(tmpdir(), 'paper-themes-views-browser-')), 'seed');
  const run = await runPipeline(normaliseOptions({ out, cacheDir: false, runsIndex: false }));
  seed = { summary: run.summary, url: pathToFileURL(join(out, 'index.html')).href };
  const dir = mkdtempSync(join(tmpdir(), 'paper-themes-views-nightly-browser-'));
  const config = { ...defaultNightlyConfig(projectRoot()), store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), demo: '--demo' };
  await runNightly(config, normaliseOptions({ cacheDir: false, runsIndex: false }), '2026-11-20', { log: () => {}, warn: () => {}, waitMs: 0 });
  nightly = { url: pathToFileURL(join(config.reports, '2026-11-20', 'index.html')).href };
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

const open = (url: string) => openReport(browser, url);

describe('theme views of the seed report in Chromium', () => {
  it('draws one circle per theme, k x k heatmap cells, k leaf headings and k - 1 merges, with no console error', async () => {
    const { page, log } = await open(seed.url);
    const k = seed.summary.themes.length;
    expect(k).toBeGreaterThan(2);
    expect(await page.locator(CIRCLES).count()).toBe(k);
    expect(await page.locator(CELLS).count()).toBe(k * k);
    expect(await page.locator(LEAF_LABELS).count()).toBe(k);
    expect(await page.locator(MERGE_POINTS).count()).toBe(k - 1);
    expect(await page.locator(RULES).count()).toBe(3 * (k - 1));
    expect(log.problems).toEqual([]);
    expect(log.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.locator('#theme-views').screenshot({ path: join(ARTIFACTS, 'seed-theme-views-1280.png') });
    await page.close();
  });

  it('labels the tree\u2019s leaves with the theme headings in the dendrogram\u2019s leaf order', async () => {
    const { page } = await open(seed.url);
    const names = themeNames(seed.summary.themes);
    const shown = await page.locator(LEAF_LABELS).allTextContents();
    // Long headings are cut with an ellipsis by the mark's limit.
    const expected = seed.summary.themeViews!.leafOrder.map((id) => names.get(id)!);
    expect(shown).toHaveLength(expected.length);
    shown.forEach((text, i) => expect(expected[i].startsWith(text.replace(/…$/, ''))).toBe(true));
    await page.close();
  });

  it('colours each circle as its theme everywhere and makes larger themes larger circles', async () => {
    const { page } = await open(seed.url);
    const circles = await page.$$eval(CIRCLES, (paths) => paths.map((p) => {
      const box = (p as SVGGraphicsElement).getBBox();
      return { fill: p.getAttribute('fill'), label: p.getAttribute('aria-label') ?? '', width: box.width };
    }));
    const themes = [...seed.summary.themes].sort((a, b) => a.id - b.id);
    expect(circles.map((c) => c.fill)).toEqual(themes.map((t) => themeColor(t.id)));
    // Area proportional to papers: width^2 / papers is the same for every circle.
    const ratios = circles.map((c, i) => (c.width * c.width) / themes[i].size);
    for (const r of ratios) expect(r / ratios[0]).toBeCloseTo(1, 1);
    await page.close();
  });

  it('shows both themes and the similarity in a heatmap cell\u2019s tooltip, and a merge\u2019s label in its point\u2019s tooltip', async () => {
    const { page } = await open(seed.url);
    const views = seed.summary.themeViews!;
    const names = themeNames(seed.summary.themes);
    const k = views.leafOrder.length;
    const tooltip = page.locator('#vg-tooltip-element');
    // Row 0, column 1 in leaf order.
    await page.locator(CELLS).nth(1).hover({ force: true });
    await expect.poll(() => tooltip.textContent()).toContain(names.get(views.leafOrder[0])!);
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toContain(names.get(views.leafOrder[1])!);
    // d3-format writes a minus sign (U+2212), not a hyphen.
    expect(text).toContain(views.similarity[0][1].toFixed(3).replace('-', '\u2212'));
    expect(k * k).toBe(await page.locator(CELLS).count());
    // The root merge's point.
    const root = views.merges[views.merges.length - 1];
    const points = page.locator(MERGE_POINTS);
    await points.nth(views.merges.length - 1).hover({ force: true });
    await expect.poll(() => tooltip.textContent()).toContain(root.heading);
    await page.close();
  });
});

describe('theme views of a nightly report in Chromium', () => {
  it('draws the three views with one mark per theme, with no console error', async () => {
    const { page, log } = await open(nightly.url);
    const k = await page.locator('#tonight tbody tr').count();
    expect(k).toBeGreaterThan(2);
    expect(await page.locator(CIRCLES).count()).toBe(k);
    expect(await page.locator(CELLS).count()).toBe(k * k);
    expect(await page.locator(LEAF_LABELS).count()).toBe(k);
    expect(log.problems).toEqual([]);
    await page.close();
  });
});
