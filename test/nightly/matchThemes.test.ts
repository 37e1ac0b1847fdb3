import { describe, expect, it } from 'vitest';
import { matchThemes } from '../../src/nightly/matchThemes.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describe('matchThemes', () => {
  it('gives each cluster the id of the theme whose papers it holds, whatever the cluster order', () => {
    const previous = new Map([['a', 7], ['b', 7], ['c', 7], ['d', 3], ['e', 3], ['f', 3]]);
    const tonight = Int32Array.from([1, 1, 1, 0, 0, 0]);
    const match = matchThemes(ids.slice(0, 6), tonight, 2, previous, 8, 0.3);
    expect(match.ids).toEqual([3, 7]);
    expect(match.ended).toEqual([]);
    expect(match.overlap).toEqual([1, 1]);
  });

  it('gives a new id to a cluster that continues nothing, and ends the themes left over', () => {
    const previous = new Map([['a', 0], ['b', 0], ['c', 1], ['d', 1]]);
    // a, b stay together; c, d split into two new clusters with newcomers.
    const tonight = Int32Array.from([0, 0, 1, 2, 1, 2, 2, 1]);
    const match = matchThemes(ids, tonight, 3, previous, 5, 0.6); // each half of theme 1 overlaps it by 0.5
    expect(match.ids[0]).toBe(0);
    expect(match.ids.slice(1).sort()).toEqual([5, 6]);
    expect(match.ended).toEqual([1]);
  });

  it('counts only papers clustered both nights: newcomers do not dilute a continuation', () => {
    const previous = new Map([['a', 4], ['b', 4]]);
    const tonight = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(matchThemes(ids, tonight, 1, previous, 5, 0.9).ids).toEqual([4]);
  });

  it('starts at nextId when there was no previous night', () => {
    expect(matchThemes(ids.slice(0, 3), Int32Array.from([0, 1, 1]), 2, new Map(), 0, 0.3)).toEqual({ ids: [0, 1], ended: [], overlap: [0, 0] });
  });
});
