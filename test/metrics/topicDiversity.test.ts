import { describe, expect, it } from 'vitest';
import { topicDiversity } from '../../src/metrics/topicDiversity.js';

describe('topicDiversity', () => {
  it('is the share of distinct terms among all themes’ top terms', () => {
    // 5 distinct of 6: "y" is in both themes.
    const { overall, perTheme } = topicDiversity([['x', 'y', 'z'], ['y', 'w', 'v']]);
    expect(overall).toBeCloseTo(5 / 6, 12);
    expect(perTheme).toEqual([2 / 3, 2 / 3]);
  });

  it('is 1 when no two themes share a term and 1/themes when all share the same terms', () => {
    expect(topicDiversity([[1, 2], [3, 4], [5, 6]]).overall).toBe(1);
    const same = topicDiversity([[1, 2], [1, 2], [1, 2]]);
    expect(same.overall).toBeCloseTo(1 / 3, 12);
    expect(same.perTheme).toEqual([0, 0, 0]);
  });

  it('is undefined without terms', () => {
    expect(topicDiversity([]).overall).toBeNaN();
    expect(topicDiversity([[]]).perTheme[0]).toBeNaN();
  });
});
