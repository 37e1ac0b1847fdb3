import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../pipeline/nightly.js';
import { normaliseOptions } from '../../pipeline/options.js';
import { defaultNightlyConfig } from '../../src/nightly/config.js';
import { projectRoot } from '../../src/projectRoot.js';
import { launchChromium, openReport } from './chromium.js';

/**
 * Issue 15 in Chromium: the gains chart, the label history and the quality warning of a
 * nightly report. Three nights: the bundled corpus (--demo), then ten off-topic papers of
 * the arXiv sample fixture on each of the next two (the silhouette falls twice, labels
 * change); and two quiet nights (no new papers: no history, no warning).
 */

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const BARS = '#trends path[aria-roledescription="bar"]';

let browser: Browser;
let falling: { url: string; record: RunRecord; spec: { data: { values: Array<{ night: string; gained: number }> } } };
let quiet: { url: string; record: RunRecord };

interface RunRecord {
  theme_changes: Array<{ id: number; was: string | null }>;
  label_history: Array<{ id: number; labels: Array<{ night: string; label: string }> }>;
  quality_warnings: Array<{ metric: string; note: string }>;
}

/** Runs the nights (each with the inbox file given for it, if any); the last night's report and run.json. */
async function nights(plan: Array<[string, string[]]>) {
  const dir = mkdtempSync(join(tmpdir(), 'paper-themes-trends-browser-'));
  const config = { ...defaultNightlyConfig(projectRoot()), store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), demo: '--demo' };
  const options = normaliseOptions({ cacheDir: false, runsIndex: false, quiet: true });
  mkdirSync(config.inbox, { recursive: true });
  for (const [night, lines] of plan) {
    if (lines.length > 0) writeFileSync(join(config.inbox, `${night}.jsonl`), `${lines.join('\n')}\n`);
    await runNightly(config, options, night, { log: () => {}, warn: () => {}, waitMs: 0 });
  }
  const folder = join(config.reports, plan[plan.length - 1][0]);
  const html = readFileSync(join(folder, 'index.html'), 'utf8');
  const spec = JSON.parse(/<script type="application\/json" id="spec-trends">([\s\S]*?)<\/script>/.exec(html)![1]) as never;
  return { url: pathToFileURL(join(folder, 'index.html')).href, record: JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunRecord, spec };
}

beforeAll(async () => {
  browser = await launchChromium();
  const sample = readFileSync(new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url), 'utf8').trimEnd().split('\n');
  falling = await nights([['2026-11-20', []], ['2026-11-21', sample.slice(0, 10)], ['2026-11-22', sample.slice(10, 20)]]);
  quiet = await nights([['2026-11-20', []], ['2026-11-21', []]]);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const open = (url: string) => openReport(browser, url);

describe('a nightly report’s trends in Chromium (issue 15)', () => {
  it('draws one bar per theme and night of the papers it gained, with the size that night in the tooltip', async () => {
    const { page, log } = await open(falling.url);
    expect(log.problems).toEqual([]);
    const rows = falling.spec.data.values;
    expect(await page.locator(BARS).count()).toBe(rows.length);
    // Tonight's bars add up to tonight's 10 new papers; the axis says what they count.
    expect(rows.filter((r) => r.night === '2026-11-22').reduce((s, r) => s + r.gained, 0)).toBe(10);
    expect(await page.locator('#trends .role-axis-title').allTextContents()).toEqual(expect.arrayContaining(['Night', 'New papers']));
    // The tallest bar of tonight: hover it and read the tooltip.
    const label = (await page.locator(BARS).evaluateAll((bars) => bars
      .map((b) => ({ label: b.getAttribute('aria-label') ?? '', height: b.getBoundingClientRect().height }))
      .filter((b) => b.label.includes('Night: 2026-11-22'))
      .sort((a, b) => b.height - a.height)[0].label));
    expect(label).toMatch(/New papers: [1-9]/);
    const tallest = page.locator(`${BARS}[aria-label="${label.replace(/"/g, '\\"')}"]`).first();
    await tallest.hover({ force: true });
    await expect.poll(() => page.locator('#vg-tooltip-element').textContent()).toContain('Papers that night');
    await page.screenshot({ path: join(ARTIFACTS, 'nightly-trends-1280.png'), fullPage: true });
    await page.close();
  });

  it('shows the quality warning and the label history, and what each changed label was', async () => {
    const { page } = await open(falling.url);
    expect(falling.record.quality_warnings.length).toBeGreaterThan(0);
    const notes = await page.locator('#tonight .quality-warning').allTextContents();
    expect(notes).toEqual(falling.record.quality_warnings.map((w) => `Theme quality is falling: ${w.note}.`));
    expect(notes[0]).toContain('silhouette fell for the second night running');
    await expect(page.locator('#tonight .quality-warning').first().isVisible()).resolves.toBe(true);
    const history = await page.locator('#label-history li').allTextContents();
    expect(history).toHaveLength(falling.record.label_history.length);
    const first = falling.record.label_history[0];
    expect(history[0].trim()).toBe(`#${first.id}: ${first.labels.map((l) => `${l.label} (${l.night})`).join(' -> ')}`);
    const was = falling.record.theme_changes.filter((t) => t.was !== null);
    expect(was.length).toBeGreaterThan(0);
    expect(await page.locator('#tonight tbody .was').allTextContents()).toEqual(was.map((t) => `(was: ${t.was})`));
    await page.close();
  });

  it('shows neither on nights whose labels and quality hold, but still the gains chart', async () => {
    const { page, log } = await open(quiet.url);
    expect(log.problems).toEqual([]);
    expect(quiet.record.quality_warnings).toEqual([]);
    expect(quiet.record.label_history).toEqual([]);
    expect(await page.locator('#tonight .quality-warning').count()).toBe(0);
    expect(await page.locator('#label-history').count()).toBe(0);
    expect(await page.locator('#tonight .was').count()).toBe(0);
    expect(await page.locator(BARS).count()).toBeGreaterThan(0);
    expect(await page.locator('#tonight .badge.steady').count()).toBe(await page.locator('#tonight tbody tr').count());
    await page.close();
  });
});
