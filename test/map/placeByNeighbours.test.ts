import { describe, expect, it } from 'vitest';
import { placeByNeighbours } from '../../src/map/placeByNeighbours.js';

describe('placeByNeighbours', () => {
  it('puts each point at the similarity-weighted mean of its neighbours’ positions', () => {
    const positions = Float64Array.from([0, 0, 10, 0, 0, 10]);
    // Point 0: neighbours 0 (w 3) and 1 (w 1) -> x = 10/4; point 1: neighbours 2 and 1, equal weights.
    const placed = placeByNeighbours({ count: 2, indices: Int32Array.from([0, 1, 2, 1]), dots: Float64Array.from([0.75, 0.25, 0.5, 0.5]) }, positions);
    expect(Array.from(placed)).toEqual([2.5, 0, 5, 5]);
  });

  it('still counts a neighbour with a non-positive similarity a little, so the mean is defined', () => {
    const positions = Float64Array.from([4, 8, -4, 0]);
    const placed = placeByNeighbours({ count: 2, indices: Int32Array.from([0, 1]), dots: Float64Array.from([-0.2, -0.9]) }, positions);
    expect(Array.from(placed)).toEqual([0, 4]);
  });
});
