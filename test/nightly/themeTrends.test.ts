import { describe, expect, it } from 'vitest';
import { themeTrends, trendStatus } from '../../src/nightly/themeTrends.js';
import type { Theme } from '../../src/types.js';

const theme = (id: number, label: string, size: number, gained?: number): Theme & { gained?: number } =>
  ({ id, label, size, topTerms: [], representativeIds: [], ...(gained === undefined ? {} : { gained }) });

describe('trendStatus', () => {
  it('is growing at 2 or more new papers and 1.5 times what the theme’s share predicts', () => {
    expect(trendStatus(2, 0.2)).toBe('growing');
    expect(trendStatus(15, 10)).toBe('growing');
    expect(trendStatus(14, 10)).toBe('steady');
    expect(trendStatus(1, 0.1)).toBe('steady'); // one paper is no trend
  });

  it('is fading when the share predicts at least 2 papers and the theme took at most half of them', () => {
    expect(trendStatus(0, 2)).toBe('fading');
    expect(trendStatus(5, 10)).toBe('fading');
    expect(trendStatus(6, 10)).toBe('steady');
    expect(trendStatus(0, 1.9)).toBe('steady'); // a small night cannot show a theme fading
  });
});

describe('themeTrends', () => {
  // Last night 100 papers; tonight 20 new ones.
  const night1 = [theme(0, 'merging', 30, 30), theme(1, 'rag', 30, 30), theme(2, 'old', 10, 10), theme(3, 'steady', 30, 30)];
  const night2 = [theme(0, 'model merging', 40, 12), theme(1, 'rag', 31, 1), theme(3, 'steady', 36, 6), theme(4, 'agents', 13, 1)];
  const trends = themeTrends([
    { night: '2026-11-01', themes: night1, quality: { silhouette: 0.2 } },
    { night: '2026-11-02', themes: night2, quality: { silhouette: 0.21 } },
  ], night1);

  it('classifies tonight’s themes by their gains against the share of last night’s papers they held', () => {
    expect(trends.newPapers).toBe(20);
    expect(trends.tonight).toEqual([
      { id: 0, label: 'model merging', size: 40, previous: 30, gained: 12, expected: 6, status: 'growing', was: 'merging' },
      { id: 3, label: 'steady', size: 36, previous: 30, gained: 6, expected: 6, status: 'steady', was: null },
      { id: 1, label: 'rag', size: 31, previous: 30, gained: 1, expected: 6, status: 'fading', was: null },
      { id: 4, label: 'agents', size: 13, previous: null, gained: 1, expected: null, status: 'new', was: null },
    ]);
  });

  it('lists last night’s themes that ended', () => {
    expect(trends.ended).toEqual([{ id: 2, label: 'old', size: 10 }]);
  });

  it('has one row per theme and night with its size and gain, named by the theme’s latest label', () => {
    expect(trends.nights).toEqual(['2026-11-01', '2026-11-02']);
    expect(trends.series.filter((r) => r.themeId === 0)).toEqual([
      { night: '2026-11-01', themeId: 0, label: 'model merging', papers: 30, gained: 30 },
      { night: '2026-11-02', themeId: 0, label: 'model merging', papers: 40, gained: 12 },
    ]);
    expect(trends.series).toHaveLength(8);
  });

  it('keeps each label a theme had under its id, with the night it first had it', () => {
    const three = themeTrends([
      { night: '2026-11-20', themes: [theme(10, 'business processes', 5), theme(11, 'robots', 5)] },
      { night: '2026-11-21', themes: [theme(10, 'business processes', 5), theme(11, 'robots', 5)] },
      { night: '2026-11-22', themes: [theme(10, 'software, development', 5), theme(11, 'robots', 5)] },
      { night: '2026-11-25', themes: [theme(10, 'software, detector', 5), theme(11, 'robots', 5)] },
    ], [theme(10, 'software, development', 5), theme(11, 'robots', 5)]);
    expect(three.labelHistory).toEqual([{ id: 10, labels: [
      { night: '2026-11-20', label: 'business processes' },
      { night: '2026-11-22', label: 'software, development' },
      { night: '2026-11-25', label: 'software, detector' },
    ] }]);
    expect(three.tonight.find((t) => t.id === 10)?.was).toBe('software, development');
    // Nights without gains recorded: none new, every continuing theme steady.
    expect(three.newPapers).toBe(0);
    expect(three.tonight.map((t) => t.status)).toEqual(['steady', 'steady']);
  });

  it('passes the nights’ quality figures to the quality warnings', () => {
    expect(trends.qualityWarnings).toEqual([]);
    const falling = themeTrends(['2026-11-01', '2026-11-02', '2026-11-03'].map((night, i) =>
      ({ night, themes: [theme(0, 'a', 5)], quality: { silhouette: [0.119, 0.081, 0.069][i], npmi: 0.1 } })), [theme(0, 'a', 5)]);
    expect(falling.qualityWarnings.map((w) => [w.metric, w.rule])).toEqual([['silhouette', 'falling']]);
  });
});
