import { describe, expect, it } from 'vitest';
import { fuzzyGraph } from '../../src/map/fuzzyGraph.js';
import { nearestByDot } from '../../src/map/nearestByDot.js';
import { plantedClusters } from './plantedClusters.js';

describe('fuzzyGraph', () => {
  const { X } = plantedClusters(3, 20, 10, 0.3, 7);
  const k = 5;
  const neighbours = nearestByDot(X, X, k, true);
  const graph = fuzzyGraph(neighbours);

  it('gives each point weight 1 to its nearest neighbour and sums its directed weights to log2(k + 1)', () => {
    // Rebuild the directed weights from the union: for an edge only one way, w = a.
    for (let i = 0; i < X.rows; i++) {
      const nearest = neighbours.indices[i * k];
      const e = [...graph.rows.keys()].find((e) => graph.rows[e] === i && graph.cols[e] === nearest)!;
      expect(graph.weights[e]).toBeCloseTo(1, 12);
    }
    // Directed weights, recomputed from ρ and the σ the sums pin down, sum to log2(6).
    const sigmaSum = (i: number, sigma: number) => {
      const d = Array.from({ length: k }, (_, j) => 1 - neighbours.dots[i * k + j]);
      return d.reduce((s, dj) => s + Math.exp(-Math.max(0, dj - d[0]) / sigma), 0);
    };
    for (let i = 0; i < 5; i++) {
      let low = 1e-9;
      let high = 100;
      for (let step = 0; step < 100; step++) {
        const mid = (low + high) / 2;
        if (sigmaSum(i, mid) > Math.log2(k + 1)) high = mid;
        else low = mid;
      }
      expect(sigmaSum(i, low)).toBeCloseTo(Math.log2(k + 1), 6);
    }
  });

  it('is symmetric, with weights in (0, 1], sorted by row then column, no self-loops', () => {
    const weightOf = new Map<string, number>();
    for (let e = 0; e < graph.rows.length; e++) {
      expect(graph.rows[e]).not.toBe(graph.cols[e]);
      expect(graph.weights[e]).toBeGreaterThan(0);
      expect(graph.weights[e]).toBeLessThanOrEqual(1);
      if (e > 0) expect(graph.rows[e - 1] * X.rows + graph.cols[e - 1]).toBeLessThan(graph.rows[e] * X.rows + graph.cols[e]);
      weightOf.set(`${graph.rows[e]},${graph.cols[e]}`, graph.weights[e]);
    }
    for (const [key, w] of weightOf) {
      const [i, j] = key.split(',');
      expect(weightOf.get(`${j},${i}`)).toBe(w);
    }
  });

  it('joins a and its transpose by the fuzzy union a + b − ab', () => {
    // Each point's directed weights a_ij, recomputed from ρ and a σ found by bisection.
    const directed = new Map<string, number>();
    for (let i = 0; i < X.rows; i++) {
      const d = Array.from({ length: k }, (_, j) => Math.max(0, 1 - neighbours.dots[i * k + j]));
      const rho = d.find((v) => v > 0) ?? 0;
      const sum = (sigma: number) => d.reduce((s, dj) => s + Math.exp(-Math.max(0, dj - rho) / sigma), 0);
      let low = 1e-12;
      let high = 100;
      for (let step = 0; step < 200; step++) {
        const mid = (low + high) / 2;
        if (sum(mid) > Math.log2(k + 1)) high = mid;
        else low = mid;
      }
      d.forEach((dj, j) => directed.set(`${i},${neighbours.indices[i * k + j]}`, Math.exp(-Math.max(0, dj - rho) / low)));
    }
    for (let e = 0; e < graph.rows.length; e++) {
      const a = directed.get(`${graph.rows[e]},${graph.cols[e]}`) ?? 0;
      const b = directed.get(`${graph.cols[e]},${graph.rows[e]}`) ?? 0;
      expect(graph.weights[e]).toBeCloseTo(a + b - a * b, 5);
    }
    expect(graph.rows.length).toBe(new Set([...directed.keys()].flatMap((key) => [key, key.split(',').reverse().join(',')])).size);
  });
});
