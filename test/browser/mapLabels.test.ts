import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { mapSilhouette } from '../../src/metrics/mapSilhouette.js';
import type { RunSummary } from '../../src/types.js';
import { launchChromium, openRecordedPage } from './chromium.js';

/**
 * The paper map as a reader sees it in Chromium: themes as regions, each labelled at its
 * centre, labels never on top of each other, at a desktop and at a phone width.
 */

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const FOUR_THEMES = new URL('../fixtures/labels/four-themes.jsonl', import.meta.url).pathname;

let browser: Browser;
let planted: { summary: RunSummary; url: string };
let seed: { summary: RunSummary; url: string };

beforeAll(async () => {
  browser = await launchChromium();
  const plantedOut = join(mkdtempSync(join(tmpdir(), 'paper-themes-map-')), 'planted');
  const plantedRun = await runPipeline(normaliseOptions({ input: FOUR_THEMES, out: plantedOut, k: 4, minDf: 1, cacheDir: false, runsIndex: false }));
  planted = { summary: plantedRun.summary, url: pathToFileURL(join(plantedOut, 'index.html')).href };
  const seedOut = join(mkdtempSync(join(tmpdir(), 'paper-themes-map-')), 'seed');
  const seedRun = await runPipeline(normaliseOptions({ out: seedOut, cacheDir: false, runsIndex: false }));
  seed = { summary: seedRun.summary, url: pathToFileURL(join(seedOut, 'index.html')).href };
});

afterAll(async () => {
  await browser?.close();
});

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const { page, log } = await openRecordedPage(browser, viewport);
  await page.goto(url);
  await page.evaluate(() => (window as unknown as { paperThemes: { labelsPlaced: Promise<unknown> } }).paperThemes.labelsPlaced);
  expect(log.problems).toEqual([]);
  return page;
}

interface DrawnLabel { text: string; x1: number; x2: number; y1: number; y2: number }

/**
 * The theme labels drawn on a chart (its text marks of opacity above 0.5; on the map the
 * dark text layer, not its halo), from Vega's scene graph.
 */
function drawnLabels(page: Page, chart = 'map'): Promise<DrawnLabel[]> {
  return page.evaluate((chart) => {
    const view = (window as unknown as { paperThemes: { views: Record<string, { scenegraph(): { root: unknown } }> } }).paperThemes.views[chart];
    type Node = { marktype?: string; role?: string; items?: Node[]; opacity?: number; fill?: string; text?: string; bounds?: { x1: number; x2: number; y1: number; y2: number } };
    const out: DrawnLabel[] = [];
    const walk = (node: Node, inText: boolean) => {
      const text = inText || (node.marktype === 'text' && node.role === 'mark');
      for (const item of node.items ?? []) {
        if (text && item.text !== undefined && item.fill !== '#ffffff' && (item.opacity ?? 1) > 0.5 && item.bounds) {
          out.push({ text: String(item.text), x1: item.bounds.x1, x2: item.bounds.x2, y1: item.bounds.y1, y2: item.bounds.y2 });
        }
        walk(item, text && node.marktype === 'text');
      }
    };
    walk(view.scenegraph().root as Node, false);
    return out;
  }, chart);
}

function overlapping(labels: DrawnLabel[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push([a.text, b.text]);
  }));
  return pairs;
}

/** Map positions and theme names of every paper, as the page holds them. */
function mapData(page: Page): Promise<Array<{ x: number; y: number; theme: string }>> {
  return page.evaluate(() => {
    const spec = JSON.parse(document.getElementById('spec-map')!.textContent!) as { data: { values: Array<{ x: number; y: number; theme: string }> } };
    return spec.data.values.map((v) => ({ x: v.x, y: v.y, theme: v.theme }));
  });
}

describe('the paper map of a corpus with planted themes, in Chromium', () => {
  it('shows the four themes as regions (silhouette of the drawn positions at least 0.25) with their four labels on it', async () => {
    const page = await open(planted.url, { width: 1280, height: 900 });
    const data = await mapData(page);
    const names = [...new Set(data.map((d) => d.theme))];
    expect(names).toHaveLength(4);
    const labels = Int32Array.from(data, (d) => names.indexOf(d.theme));
    const silhouette = mapSilhouette(Float64Array.from(data, (d) => d.x), Float64Array.from(data, (d) => d.y), labels, 4, Int32Array.from(data, (_, i) => i));
    expect(silhouette).toBeGreaterThanOrEqual(0.25);
    const drawn = await drawnLabels(page);
    expect(drawn.map((l) => l.text).sort()).toEqual(planted.summary.themes.map((t) => t.heading ?? t.label).sort());
    expect(overlapping(drawn)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'map-planted-1280.png') });
    await page.close();
  });
});

describe('the theme labels on the bundled corpus’s map, in Chromium', () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    it(`draws labels that do not overlap and stay inside the plot at ${viewport.width} px`, async () => {
      const page = await open(seed.url, viewport);
      const drawn = await drawnLabels(page);
      const headings = new Set(seed.summary.themes.map((t) => t.heading ?? t.label));
      expect(drawn.length).toBeGreaterThanOrEqual(viewport.width > 1000 ? Math.ceil(seed.summary.themes.length / 2) : 2);
      for (const label of drawn) expect(headings.has(label.text) || label.text.endsWith('…')).toBe(true);
      expect(overlapping(drawn)).toEqual([]);
      const plot = await page.evaluate(() => {
        const view = (window as unknown as { paperThemes: { views: { map: { width(): number; height(): number } } } }).paperThemes.views.map;
        return { width: view.width(), height: view.height() };
      });
      for (const label of drawn) {
        expect(label.x1).toBeGreaterThanOrEqual(-1);
        expect(label.x2).toBeLessThanOrEqual(plot.width + 1);
      }
      await page.locator('#map').screenshot({ path: join(ARTIFACTS, `map-seed-${viewport.width}.png`) });
      await page.close();
    });
  }

  it('labels the intertopic map’s circles without overlaps, the largest themes first', async () => {
    const page = await open(seed.url, { width: 1280, height: 900 });
    await page.evaluate(() => (window as unknown as { paperThemes: { ready: Promise<unknown> } }).paperThemes.ready.then(() => new Promise((done) => requestAnimationFrame(() => done(null)))));
    await expect.poll(async () => overlapping(await drawnLabels(page, 'intertopic'))).toEqual([]);
    const drawn = await drawnLabels(page, 'intertopic');
    expect(drawn.length).toBeGreaterThanOrEqual(Math.ceil(seed.summary.themes.length / 3));
    const largest = [...seed.summary.themes].sort((a, b) => b.size - a.size || a.id - b.id)[0];
    expect(drawn.map((l) => l.text)).toContain(largest.heading ?? largest.label);
    await page.close();
  });

  it('shows more labels after zooming in, still without overlaps', async () => {
    const page = await open(seed.url, { width: 1280, height: 900 });
    const before = await drawnLabels(page);
    const box = (await page.locator('#map canvas, #map svg').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
    await expect.poll(async () => (await drawnLabels(page)).map((l) => `${l.text}@${Math.round(l.x1)}`).join()).not.toBe(before.map((l) => `${l.text}@${Math.round(l.x1)}`).join());
    const after = await drawnLabels(page);
    expect(overlapping(after)).toEqual([]);
    await page.close();
  });
});
