import type { Neighbours } from './nearestByDot.js';

/**
 * Positions of points placed among already laid-out ones: each point goes to the mean of
 * its neighbours' positions weighted by similarity, p = Σ_j w_j·p_j / Σ_j w_j with
 * w_j = max(dot_j, 10⁻⁶) (a neighbour with a non-positive similarity still counts a
 * little, so the mean is always defined). `positions` is the laid-out points' m×2
 * embedding; the result is the placed points' q×2, row-major.
 */
export function placeByNeighbours(neighbours: Neighbours, positions: Float64Array): Float64Array {
  const k = neighbours.count;
  const q = neighbours.indices.length / k;
  const out = new Float64Array(2 * q);
  for (let i = 0; i < q; i++) {
    let weights = 0;
    let x = 0;
    let y = 0;
    for (let j = 0; j < k; j++) {
      const neighbour = neighbours.indices[i * k + j];
      const w = Math.max(neighbours.dots[i * k + j], 1e-6);
      weights += w;
      x += w * positions[2 * neighbour];
      y += w * positions[2 * neighbour + 1];
    }
    out[2 * i] = x / weights;
    out[2 * i + 1] = y / weights;
  }
  return out;
}
