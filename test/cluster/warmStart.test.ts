import { describe, expect, it } from 'vitest';
import { warmStart } from '../../src/cluster/warmStart.js';

const X = { rows: 5, cols: 2, data: Float64Array.from([0, 0, 0, 2, 10, 10, 10, 12, 50, 50]) };
const ids = ['a', 'b', 'c', 'd', 'e'];

describe('warmStart', () => {
  it('puts a centre at the mean of each previous theme’s papers, largest theme first', () => {
    const previous = new Map([['a', 5], ['b', 5], ['c', 2], ['d', 2], ['e', 2]]);
    const { centres, labels } = warmStart(X, ids, previous, 2);
    expect([...centres.data]).toEqual([70 / 3, 72 / 3, 0, 1]);
    expect([...labels]).toEqual([1, 1, 0, 0, 0]);
  });

  it('adds the papers farthest from every centre when k exceeds last night’s themes', () => {
    const previous = new Map([['a', 0], ['b', 0]]);
    const { centres, labels } = warmStart(X, ids, previous, 3);
    expect([...centres.data]).toEqual([0, 1, 50, 50, 10, 12]);
    // A new centre holds its own paper; papers of no kept theme go to their nearest centre.
    expect([...labels]).toEqual([0, 0, 2, 2, 1]);
    expect(new Set(labels).size).toBe(3);
  });

  it('starts no cluster empty, even when the farthest paper belonged to a kept theme', () => {
    const previous = new Map([['a', 0], ['b', 0], ['c', 0], ['d', 0], ['e', 0]]);
    const { labels } = warmStart(X, ids, previous, 2);
    expect(new Set(labels)).toEqual(new Set([0, 1]));
  });

  it('ignores previous papers that are gone tonight', () => {
    const previous = new Map([['zz', 9], ['a', 1]]);
    expect([...warmStart(X, ids, previous, 1).centres.data]).toEqual([0, 0]);
  });
});
