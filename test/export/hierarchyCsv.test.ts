import { parse as csvParse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HIERARCHY_COLUMNS, hierarchyCsv, parentOfTheme } from '../../src/export/hierarchyCsv.js';
import { themesCsv } from '../../src/export/themesCsv.js';
import { summary } from '../fixtures/report/summary.js';
import { MERGE_INJECTION, summaryWithViews, themeViewsFixture } from '../fixtures/report/themeViews.js';

describe('hierarchyCsv', () => {
  const text = hierarchyCsv(summaryWithViews);
  const rows = csvParse(text, { columns: true }) as Array<Record<string, string>>;

  it('writes one CRLF row per merge, in merge order, with its parent (none for the root)', () => {
    expect(text.split('\r\n')[0]).toBe(HIERARCHY_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows.map((r) => [r.node, r.parent, r.left, r.right, r.distance, r.size, r.themes])).toEqual([
      ['4', '6', '2', '3', '0.500000', '16', '2; 3'],
      ['5', '6', '0', '1', '0.700000', '24', '0; 1'],
      ['6', '', '4', '5', '1.050000', '40', '0; 1; 2; 3'],
    ]);
  });

  it('quotes and formula-guards labels as every CSV does (csvCell)', () => {
    expect(text).toContain(',"\'=HYPERLINK(""x"") · <b>x</b>",');
    expect(rows[0].label).toBe(`'${MERGE_INJECTION}`);
    expect(rows[1].label).toBe('language models');
  });

  it('is the header alone without theme views', () => {
    expect(hierarchyCsv(summary)).toBe(`${HIERARCHY_COLUMNS.join(',')}\r\n`);
  });
});

describe('themes.csv parent', () => {
  it('is the merge that first joins each theme, empty without views', () => {
    expect([...parentOfTheme(themeViewsFixture)].sort((a, b) => a[0] - b[0])).toEqual([[0, 5], [1, 5], [2, 4], [3, 4]]);
    const withViews = csvParse(themesCsv(summaryWithViews), { columns: true }) as Array<Record<string, string>>;
    expect(withViews.map((r) => r.parent)).toEqual(['5', '5', '4', '4']);
    const without = csvParse(themesCsv(summary), { columns: true }) as Array<Record<string, string>>;
    expect(without.map((r) => r.parent)).toEqual(['', '', '', '']);
  });
});
