import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { launchChromium, openRecordedPage } from './chromium.js';

/** The report of a run with --merge, as a reader sees its themes table in Chromium. */

let browser: Browser;
const urls: Record<'plain' | 'merged', string> = { plain: '', merged: '' };

beforeAll(async () => {
  browser = await launchChromium();
  for (const [name, merges] of [['plain', []], ['merged', ['3,7']]] as const) {
    const out = join(mkdtempSync(join(tmpdir(), `paper-themes-merge-${name}-`)), 'report');
    await runPipeline(normaliseOptions({ out, k: 8, merges: [...merges], cacheDir: false, runsIndex: false }));
    urls[name] = pathToFileURL(join(out, 'index.html')).href;
  }
});

afterAll(async () => {
  await browser?.close();
});

/** Id and size of each row of the themes table, as shown. */
async function themesTable(url: string): Promise<Map<number, number>> {
  const { page, log } = await openRecordedPage(browser, { width: 1280, height: 900 });
  await page.goto(url);
  const rows = await tableRows(page);
  expect(log.problems).toEqual([]);
  await page.close();
  return rows;
}

function tableRows(page: Page): Promise<Map<number, number>> {
  return page.$$eval('table[data-sortable] tbody tr', (trs) => trs.map((tr) => {
    const numbers = [...tr.querySelectorAll('td.num')].map((td) => Number(td.getAttribute('data-value')));
    return [numbers[0], numbers[1]] as [number, number];
  })).then((pairs) => new Map(pairs));
}

describe('a report of a run with --merge 3,7, in Chromium', () => {
  it('lists one theme fewer: the merged one under id 3 with both themes’ papers, the others as before', async () => {
    const plain = await themesTable(urls.plain);
    const merged = await themesTable(urls.merged);
    expect([...plain.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...merged.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(merged.get(3)).toBe(plain.get(3)! + plain.get(7)!);
    for (const id of [0, 1, 2, 4, 5, 6]) expect(merged.get(id)).toBe(plain.get(id));
  });
});
