import { describe, expect, it } from 'vitest';
import { median, ratio, round, spread, stageSeconds } from '../../bench/stats.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('ignores non-finite values and is NaN when nothing is left', () => {
    expect(median([NaN, 5, Infinity, 1])).toBe(3);
    expect(median([])).toBeNaN();
    expect(median([NaN])).toBeNaN();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(0, 2)).toBe(0);
  });

  it('is null when a side is missing, not finite, or the divisor is not positive', () => {
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(2, undefined)).toBeNull();
    expect(ratio(NaN, 2)).toBeNull();
    expect(ratio(2, 0)).toBeNull();
    expect(ratio(2, -1)).toBeNull();
  });
});

describe('spread', () => {
  it('gives min, max and range of the finite values', () => {
    expect(spread([0.61, 0.6, 0.63, NaN])).toEqual({ min: 0.6, max: 0.63, range: 0.63 - 0.6 });
    expect(spread([2])).toEqual({ min: 2, max: 2, range: 0 });
    expect(spread([NaN])).toBeNull();
  });
});

describe('stageSeconds', () => {
  const stages = [
    { stage: 'tokenize', wall_s: 1.5 },
    { stage: 'vectorize', wall_s: 0.25 },
  ];

  it('sums the named stages', () => {
    expect(stageSeconds(stages, ['tokenize', 'vectorize'])).toBe(1.75);
    expect(stageSeconds(stages, ['vectorize'])).toBe(0.25);
  });

  it('is NaN when a named stage is missing, not a partial sum', () => {
    expect(stageSeconds(stages, ['tokenize', 'embed'])).toBeNaN();
  });
});

describe('round', () => {
  it('rounds to the given decimals and leaves non-finite values alone', () => {
    expect(round(1.23456, 3)).toBe(1.235);
    expect(round(NaN, 3)).toBeNaN();
  });
});
