import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { themesCsv } from '../../src/export/themesCsv.js';
import type { RunSummary } from '../../src/types.js';
import { LABEL_INJECTION, summary } from '../fixtures/report/summary.js';

const HEADER =
  'theme_id,theme_label,size,silhouette,npmi,unique_terms,label_precision,label_recall,label_f1,top_terms,representative_1,representative_2,representative_3,loose,parent';

const small: RunSummary = {
  corpusName: 'small',
  parameters: {},
  quality: {},
  papers: [
    { id: 'p1', title: 'Alpha, the first', abstract: '' },
    { id: 'p2', title: '@mention of "beta"', abstract: '' },
    { id: 'p3', title: 'Gamma', abstract: '' },
    { id: 'p4', title: 'Delta', abstract: '' },
  ],
  assignments: [],
  themes: [
    {
      id: 1,
      label: '=cmd|x',
      size: 1,
      topTerms: [{ term: 'gamma', weight: 1 }],
      representativeIds: ['p3'],
    },
    {
      id: 0,
      label: 'letters',
      size: 3,
      topTerms: [
        { term: 'alpha', weight: 0.5 },
        { term: 'beta, b', weight: 0.3 },
      ],
      representativeIds: ['p1', 'p2', 'p4', 'p3'],
      quality: { silhouette: 0.123456, npmi: -0.00001, uniqueTerms: 1, labelPrecision: 0.75, labelRecall: 0.5, labelF1: 0.6 },
    },
  ],
};

describe('themesCsv', () => {
  it('starts with the exact header line', () => {
    expect(themesCsv(small).startsWith(`${HEADER}\r\n`)).toBe(true);
  });

  it('writes one row per theme in id order whatever the input order', () => {
    const rows = csvParse(themesCsv(small));
    expect(rows.map((r) => r.theme_id)).toEqual(['0', '1']);
    expect(rows.map((r) => r.size)).toEqual(['3', '1']);
  });

  it('writes each theme’s silhouette, NPMI and unique-term share to 4 decimals, empty when unknown', () => {
    const [letters, cmd] = csvParse(themesCsv(small));
    expect([letters.silhouette, letters.npmi, letters.unique_terms]).toEqual(['0.1235', '0.0000', '1.0000']);
    expect([cmd.silhouette, cmd.npmi, cmd.unique_terms]).toEqual(['', '', '']);
  });

  it('writes the label’s precision, recall and F1 as a query, empty when unknown', () => {
    const [letters, cmd] = csvParse(themesCsv(small));
    expect([letters.label_precision, letters.label_recall, letters.label_f1]).toEqual(['0.7500', '0.5000', '0.6000']);
    expect([cmd.label_precision, cmd.label_recall, cmd.label_f1]).toEqual(['', '', '']);
  });

  it('joins top terms with "; "', () => {
    const [letters] = csvParse(themesCsv(small));
    expect(letters.top_terms).toBe('alpha; beta, b');
  });

  it('lists the titles of at most three representatives, guarded and quoted', () => {
    const [letters] = csvParse(themesCsv(small));
    expect(letters.representative_1).toBe('Alpha, the first');
    expect(letters.representative_2).toBe('\'@mention of "beta"');
    expect(letters.representative_3).toBe('Delta');
  });

  it('leaves representative cells empty when a theme has fewer than three', () => {
    const [, gamma] = csvParse(themesCsv(small));
    expect(gamma).toMatchObject({ representative_1: 'Gamma', representative_2: '', representative_3: '' });
  });

  it('guards formula-like labels', () => {
    const [, gamma] = csvParse(themesCsv(small));
    expect(gamma.theme_label).toBe("'=cmd|x");
  });

  it('round-trips the fixture: labels, sizes and representative titles', () => {
    const rows = csvParse(themesCsv(summary));
    const titles = new Map(summary.papers.map((p) => [p.id, p.title]));
    expect(rows.length).toBe(4);
    expect(rows[3].theme_label).toBe(LABEL_INJECTION);
    for (const [i, theme] of summary.themes.entries()) {
      expect(Number(rows[i].size)).toBe(theme.size);
      expect(rows[i].representative_1).toBe(titles.get(theme.representativeIds[0]));
    }
  });

  it('says in its column loose, before parent, which themes are weak (false when not set)', () => {
    const themes = [{ ...small.themes[0], loose: true }, small.themes[1]];
    const text = themesCsv({ ...small, themes });
    expect(text.split('\r\n')[0].split(',').slice(-2)).toEqual(['loose', 'parent']);
    expect(csvParse(text).map((r) => [r.theme_id, r.loose])).toEqual([['0', 'false'], ['1', 'true']]);
  });
});
