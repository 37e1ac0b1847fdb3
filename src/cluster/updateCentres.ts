import type { DenseMatrix } from '../types.js';

// The M-step of k-means: each centre the mean of its points, sums kept in point order;
// empty clusters re-seeded as scikit-learn does.

/**
 * Running per-cluster sums and counts for the M-step. `accounted[i]` is the cluster whose sum
 * currently includes x_i (−1 before the first M-step).
 */
export interface CentreSums {
  sums: Float64Array;
  counts: Int32Array;
  accounted: Int32Array;
  steps: number;
}

export function createCentreSums(n: number, k: number, d: number): CentreSums {
  return {
    sums: new Float64Array(k * d),
    counts: new Int32Array(k),
    accounted: new Int32Array(n).fill(-1),
    steps: 0,
  };
}

/**
 * M-step: centres = means of their points. The sums are kept up to date incrementally:
 * only the points whose label changed since the previous M-step are moved (subtracted from
 * the old sum, added to the new one, in point order), so that once labels settle an M-step
 * costs O(changes · d + k · d) instead of O(n · d); every 10th step
 * (the first included) recomputes them from scratch. The schedule depends on the step count
 * only, so any two runs that see the same labels (Lloyd and Hamerly) get bit-identical centres.
 *
 * Empty clusters are re-seeded as scikit-learn does: the points farthest from their (old)
 * centre, in decreasing distance (ties → lower index), each moved into one empty cluster (in
 * cluster-index order) and removed from its old cluster's sum. A point that is alone in its
 * cluster is skipped (moving it would only empty another cluster); with k ≤ n enough
 * movable points always exist. Deterministic. `labels` are updated for moved points; the
 * distances (clipped squared distance of each point to its centre) are requested from
 * `distancesOf` only then.
 */
export function updateCentres(
  X: DenseMatrix,
  previousCentres: Float64Array,
  labels: Int32Array,
  distancesOf: () => Float64Array,
  k: number,
  acc: CentreSums,
): Float64Array {
  const { rows: n, cols: d, data } = X;
  const { sums, counts, accounted } = acc;
  if (acc.steps % 10 === 0) {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const base = i * d;
      const cBase = c * d;
      for (let t = 0; t < d; t++) sums[cBase + t] += data[base + t];
    }
    accounted.set(labels);
  } else {
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      const from = accounted[i];
      if (c === from) continue;
      counts[from]--;
      counts[c]++;
      const base = i * d;
      const fBase = from * d;
      const cBase = c * d;
      for (let t = 0; t < d; t++) {
        sums[fBase + t] -= data[base + t];
        sums[cBase + t] += data[base + t];
      }
      accounted[i] = c;
    }
  }
  acc.steps++;
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length > 0) {
    const distances = distancesOf();
    const byDistance = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => distances[b] - distances[a] || a - b,
    );
    let next = 0;
    for (const target of empty) {
      while (next < n && counts[labels[byDistance[next]]] <= 1) next++;
      if (next === n) break;
      const i = byDistance[next++];
      const from = labels[i];
      for (let t = 0; t < d; t++) {
        sums[from * d + t] -= data[i * d + t];
        sums[target * d + t] = data[i * d + t];
      }
      counts[from]--;
      counts[target] = 1;
      labels[i] = target;
      accounted[i] = target;
    }
  }
  const centres = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const count = counts[c];
    for (let t = 0; t < d; t++) {
      // Unreachable for k ≤ n (there are always enough points to move); kept as a guard.
      centres[c * d + t] = count > 0 ? sums[c * d + t] / count : previousCentres[c * d + t];
    }
  }
  return centres;
}
