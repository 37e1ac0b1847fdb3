/**
 * Agglomerative clustering with AVERAGE linkage (UPGMA), in the form of scipy's
 * `linkage(..., method='average')`: k leaves 0..k-1, merges numbered k..2k-2 in the order
 * they are made. Merge m (row m) joins nodes `left[m] < right[m]` at `distance[m]` into
 * node k + m holding `size[m]` leaves.
 *
 * The distance between two clusters A and B is the mean of the leaf distances across them,
 *
 *   d(A, B) = (1 / (|A| |B|)) sum_{a in A} sum_{b in B} D[a, b],
 *
 * kept up to date by the Lance-Williams update when A and B merge into A u B:
 *
 *   d(A u B, C) = (|A| d(A, C) + |B| d(B, C)) / (|A| + |B|).
 *
 * Each step merges the pair at the smallest distance; ties go to the pair whose lower node
 * number is lowest, then whose higher node number is lowest, so the result never depends
 * on the order of a scan. Average linkage is monotone: distance[m] never decreases with m.
 * O(k^3) time (a full scan per step), O(k^2) memory: meant for k up to a few hundred themes.
 */
export interface Linkage {
  /** Number of leaves. */
  k: number;
  /** Lower node number of each merge (k - 1 entries). */
  left: Int32Array;
  /** Higher node number of each merge. */
  right: Int32Array;
  /** Average-linkage distance at which the two nodes merge. */
  distance: Float64Array;
  /** Leaves under the merged node. */
  size: Int32Array;
}

/**
 * The average-linkage hierarchy of `k` items from their k x k distance matrix (row-major,
 * symmetric; only the upper triangle is read).
 */
export function averageLinkage(distances: Float64Array, k: number): Linkage {
  if (k < 1) throw new RangeError('averageLinkage: at least one leaf is needed');
  if (distances.length !== k * k) throw new RangeError(`averageLinkage: ${distances.length} values are not ${k} x ${k}`);
  // Slot i holds one active cluster: its node number and leaf count. A merge keeps the
  // cluster in the lower slot and retires the higher one.
  const D = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) D[i * k + j] = D[j * k + i] = distances[i * k + j];
  const node = Int32Array.from({ length: k }, (_, i) => i);
  const count = new Int32Array(k).fill(1);
  const active = new Uint8Array(k).fill(1);
  const merges = k - 1;
  const left = new Int32Array(merges);
  const right = new Int32Array(merges);
  const distance = new Float64Array(merges);
  const size = new Int32Array(merges);
  for (let m = 0; m < merges; m++) {
    let bestI = -1;
    let bestJ = -1;
    let best = Number.POSITIVE_INFINITY;
    let bestLow = 0;
    let bestHigh = 0;
    for (let i = 0; i < k; i++) {
      if (!active[i]) continue;
      for (let j = i + 1; j < k; j++) {
        if (!active[j]) continue;
        const dij = D[i * k + j];
        const low = Math.min(node[i], node[j]);
        const high = Math.max(node[i], node[j]);
        if (dij < best || (dij === best && (low < bestLow || (low === bestLow && high < bestHigh)))) {
          best = dij;
          bestI = i;
          bestJ = j;
          bestLow = low;
          bestHigh = high;
        }
      }
    }
    const ni = count[bestI];
    const nj = count[bestJ];
    left[m] = bestLow;
    right[m] = bestHigh;
    distance[m] = best;
    size[m] = ni + nj;
    for (let c = 0; c < k; c++) {
      if (!active[c] || c === bestI || c === bestJ) continue;
      const merged = (ni * D[bestI * k + c] + nj * D[bestJ * k + c]) / (ni + nj);
      D[bestI * k + c] = D[c * k + bestI] = merged;
    }
    active[bestJ] = 0;
    node[bestI] = k + m;
    count[bestI] = ni + nj;
  }
  return { k, left, right, distance, size };
}
