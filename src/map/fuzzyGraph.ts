import type { Neighbours } from './nearestByDot.js';

/** A symmetric weighted graph on m points: edge e joins rows[e] -> cols[e] with weight w[e] in (0, 1]. */
export interface FuzzyGraph {
  points: number;
  rows: Int32Array;
  cols: Int32Array;
  weights: Float64Array;
}

/** Binary-search steps for each point's bandwidth σ, and the target's tolerance. */
const SIGMA_STEPS = 64;
const SIGMA_TOLERANCE = 1e-5;
/** σ never falls below this share of the point's mean neighbour distance (as the reference UMAP). */
const MIN_SIGMA_SCALE = 1e-3;

/**
 * UMAP's fuzzy neighbour graph from each point's k nearest others (`neighbours`, cosine
 * distances d = 1 − dot), with local connectivity 1:
 *
 *   ρ_i = the distance to i's nearest neighbour at a non-zero distance,
 *   σ_i such that Σ_j exp(−max(0, d_ij − ρ_i) / σ_i) = log2(k + 1)  (binary search),
 *   a_ij = exp(−max(0, d_ij − ρ_i) / σ_i),
 *   w_ij = a_ij + a_ji − a_ij·a_ji  (the fuzzy union, so the graph is symmetric).
 *
 * The neighbourhood size k + 1 counts the point itself, as UMAP's n_neighbors does. Edges
 * come sorted by (row, col); both directions of each pair are listed.
 */
export function fuzzyGraph(neighbours: Neighbours): FuzzyGraph {
  const k = neighbours.count;
  const m = neighbours.indices.length / k;
  const target = Math.log2(k + 1);
  const directed = new Float64Array(m * k);
  let meanOfAll = 0;
  for (let e = 0; e < m * k; e++) meanOfAll += 1 - neighbours.dots[e];
  meanOfAll /= m * k;
  for (let i = 0; i < m; i++) {
    const base = i * k;
    const distance = (j: number) => Math.max(0, 1 - neighbours.dots[base + j]);
    // ρ: the nearest non-zero distance (an exact duplicate at distance 0 does not count).
    let rho = 0;
    for (let j = 0; j < k; j++) {
      if (distance(j) > 0) {
        rho = distance(j);
        break;
      }
    }
    const sumFor = (sigma: number) => {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(-Math.max(0, distance(j) - rho) / sigma);
      return sum;
    };
    let low = 0;
    let high = Infinity;
    let sigma = 1;
    for (let step = 0; step < SIGMA_STEPS; step++) {
      const sum = sumFor(sigma);
      if (Math.abs(sum - target) < SIGMA_TOLERANCE) break;
      if (sum > target) {
        high = sigma;
        sigma = (low + high) / 2;
      } else {
        low = sigma;
        sigma = high === Infinity ? sigma * 2 : (low + high) / 2;
      }
    }
    let mean = 0;
    for (let j = 0; j < k; j++) mean += distance(j);
    mean /= k;
    sigma = Math.max(sigma, MIN_SIGMA_SCALE * (rho > 0 ? mean : meanOfAll));
    for (let j = 0; j < k; j++) directed[base + j] = Math.exp(-Math.max(0, distance(j) - rho) / sigma);
  }
  // The fuzzy union of a and its transpose, as sorted (row, col) entries.
  const entries = new Map<number, number>();
  const key = (i: number, j: number) => i * m + j;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const other = neighbours.indices[i * k + j];
      if (other === i) continue;
      entries.set(key(i, other), directed[i * k + j]);
    }
  }
  const keys = new Set<number>();
  for (const id of entries.keys()) {
    const i = Math.floor(id / m);
    const j = id - i * m;
    keys.add(id);
    keys.add(key(j, i));
  }
  const sorted = Float64Array.from(keys).sort();
  const rows = new Int32Array(sorted.length);
  const cols = new Int32Array(sorted.length);
  const weights = new Float64Array(sorted.length);
  sorted.forEach((id, e) => {
    const i = Math.floor(id / m);
    const j = id - i * m;
    const a = entries.get(id) ?? 0;
    const b = entries.get(key(j, i)) ?? 0;
    rows[e] = i;
    cols[e] = j;
    weights[e] = a + b - a * b;
  });
  return { points: m, rows, cols, weights };
}
