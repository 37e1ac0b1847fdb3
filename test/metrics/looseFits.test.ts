import { describe, expect, it } from 'vitest';
import { LOOSE_FIT_SHARE, looseFitRuleRecord, looseFits } from '../../src/metrics/looseFits.js';

const fits = (scores: number[], labels: number[], share?: number) =>
  Array.from(looseFits(Float64Array.from(scores), Int32Array.from(labels), share));

describe('looseFits', () => {
  it('flags papers scoring below half their own theme\u2019s median', () => {
    expect(LOOSE_FIT_SHARE).toBe(0.5);
    // Theme 0: median 0.8, threshold 0.4. Theme 1: median 0.3, threshold 0.15.
    // 0.35 is loose in theme 0 but would be a tight fit in theme 1.
    expect(fits([0.9, 0.8, 0.35, 0.3, 0.3, 0.1], [0, 0, 0, 1, 1, 1])).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('takes the mean of the middle two as the median of an even count', () => {
    // Median (0.6 + 0.8) / 2 = 0.7, threshold 0.35.
    expect(fits([1, 0.8, 0.6, 0.34], [2, 2, 2, 2])).toEqual([0, 0, 0, 1]);
    expect(fits([1, 0.8, 0.6, 0.36], [2, 2, 2, 2])).toEqual([0, 0, 0, 0]);
  });

  it('does not flag a paper exactly at the threshold', () => {
    // Median 0.5, threshold exactly 0.25 (all values exact in binary).
    expect(fits([0.75, 0.5, 0.25], [0, 0, 0])).toEqual([0, 0, 0]);
    expect(fits([0.75, 0.5, 0.2499], [0, 0, 0])).toEqual([0, 0, 1]);
  });

  it('never flags the only paper of a theme', () => {
    expect(fits([1, 0.9, 0.95, 0.05], [0, 0, 0, 7])).toEqual([0, 0, 0, 0]);
  });

  it('flags nobody in a theme whose median score is not positive', () => {
    // Median -0.1: half of it (-0.05) lies above the median, which would flag most of the theme.
    const flags = looseFits(Float64Array.of(-0.3, -0.1, 0.2, 0.9, 0.8, 0.1), Int32Array.of(0, 0, 0, 1, 1, 1));
    expect([...flags]).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('works with theme ids that are not 0..k-1, in any order', () => {
    expect(fits([0.1, 0.9, 0.8, 0.7], [41, 41, 41, 3])).toEqual([1, 0, 0, 0]);
  });

  it('returns no flags for no papers, and refuses scores and labels out of step', () => {
    expect(fits([], [])).toEqual([]);
    expect(() => looseFits(new Float64Array(2), new Int32Array(3))).toThrow(/2 scores but 3 labels/);
  });

  it('follows the share it is given and states it for run.json', () => {
    expect(fits([1, 0.8, 0.6], [0, 0, 0], 0.8)).toEqual([0, 0, 1]);
    expect(looseFitRuleRecord()).toEqual({ score_below_share_of_theme_median: 0.5 });
  });
});
