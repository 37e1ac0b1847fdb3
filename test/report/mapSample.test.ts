import { describe, expect, it } from 'vitest';
import { mapSample } from '../../src/report/mapSample.js';
import type { Assignment } from '../../src/types.js';

const assignments = (themes: number[]): Assignment[] => themes.map((themeId, i) => ({ paperId: `p${i}`, themeId, score: 0.5, x: i, y: 0 }));

describe('mapSample', () => {
  it('draws every paper up to the limit', () => {
    expect(mapSample(assignments([0, 1, 0, 1]), 4)).toEqual([true, true, true, true]);
  });

  it('above it, draws each theme in proportion to its size, evenly spaced in paper order, at least one each', () => {
    // 90 papers of theme 0, 9 of theme 1, 1 of theme 2; a limit of 10.
    const themes = [...Array(90).fill(0), ...Array(9).fill(1), 2];
    const drawn = mapSample(assignments(themes), 10);
    const kept = (theme: number) => themes.filter((t, i) => t === theme && drawn[i]).length;
    expect([kept(0), kept(1), kept(2)]).toEqual([9, 1, 1]);
    // Theme 0's nine: every tenth of its papers, the first included.
    expect(themes.map((_, i) => i).filter((i) => themes[i] === 0 && drawn[i])).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it('draws about the limit however the papers are interleaved', () => {
    const themes = Array.from({ length: 1000 }, (_, i) => (i * 7) % 13);
    const drawn = mapSample(assignments(themes), 100).filter(Boolean).length;
    expect(drawn).toBeGreaterThanOrEqual(100);
    expect(drawn).toBeLessThanOrEqual(100 + 13);
  });
});
