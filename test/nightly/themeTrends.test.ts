import { describe, expect, it } from 'vitest';
import { themeTrends } from '../../src/nightly/themeTrends.js';
import type { Theme } from '../../src/types.js';

const theme = (id: number, label: string, size: number): Theme => ({ id, label, size, topTerms: [], representativeIds: [] });

describe('themeTrends', () => {
  const night1 = [theme(0, 'merging', 10), theme(1, 'rag', 10), theme(2, 'old', 5), theme(3, 'steady', 20)];
  const night2 = [theme(0, 'model merging', 12), theme(1, 'rag', 8), theme(3, 'steady', 21), theme(4, 'agents', 6)];
  const trends = themeTrends([{ night: '2026-11-01', themes: night1 }, { night: '2026-11-02', themes: night2 }], night1);

  it('classifies tonight’s themes as new, growing, fading or steady against last night', () => {
    expect(trends.tonight).toEqual([
      { id: 3, label: 'steady', size: 21, previous: 20, status: 'steady' },
      { id: 0, label: 'model merging', size: 12, previous: 10, status: 'growing' },
      { id: 1, label: 'rag', size: 8, previous: 10, status: 'fading' },
      { id: 4, label: 'agents', size: 6, previous: null, status: 'new' },
    ]);
  });

  it('lists last night’s themes that ended', () => {
    expect(trends.ended).toEqual([{ id: 2, label: 'old', size: 5 }]);
  });

  it('has one row per theme and night, named by the theme’s latest label', () => {
    expect(trends.nights).toEqual(['2026-11-01', '2026-11-02']);
    expect(trends.series.filter((r) => r.themeId === 0)).toEqual([
      { night: '2026-11-01', themeId: 0, label: 'model merging', papers: 10 },
      { night: '2026-11-02', themeId: 0, label: 'model merging', papers: 12 },
    ]);
    expect(trends.series).toHaveLength(8);
  });
});
