import type { DenseMatrix } from '../types.js';

/** Where tonight's clustering starts: k centres, and a cluster for every paper. */
export interface WarmStart {
  centres: DenseMatrix;
  /**
   * A paper of a kept previous theme is in that theme's cluster; any other paper (new
   * tonight, or of a theme beyond the k kept) is in the cluster of its nearest centre.
   */
  labels: Int32Array;
}

/**
 * Tonight's starting point from last night's themes: the mean of tonight's vectors of each
 * previous theme's papers (largest themes first, as many as k). When last night had fewer
 * themes than k, the remaining centres are the papers farthest from every centre so far
 * (maximin), so the new themes start where the old ones fit worst. Deterministic: ties go
 * to the lowest index.
 */
export function warmStart(
  X: DenseMatrix,
  paperIds: readonly string[],
  previous: ReadonlyMap<string, number>,
  k: number,
): WarmStart {
  const d = X.cols;
  const sums = new Map<number, { sum: Float64Array; count: number }>();
  paperIds.forEach((id, i) => {
    const theme = previous.get(id);
    if (theme === undefined) return;
    let entry = sums.get(theme);
    if (entry === undefined) sums.set(theme, (entry = { sum: new Float64Array(d), count: 0 }));
    for (let t = 0; t < d; t++) entry.sum[t] += X.data[i * d + t];
    entry.count++;
  });
  const themes = [...sums.entries()].sort((a, b) => b[1].count - a[1].count || a[0] - b[0]).slice(0, k);
  const centres = new Float64Array(k * d);
  themes.forEach(([, { sum, count }], c) => {
    for (let t = 0; t < d; t++) centres[c * d + t] = sum[t] / count;
  });
  // Maximin for the rest: squared distance of each point to its nearest centre so far.
  const nearest = new Float64Array(X.rows).fill(Infinity);
  const update = (c: number) => {
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = X.data[i * d + t] - centres[c * d + t];
        s += diff * diff;
      }
      if (s < nearest[i]) nearest[i] = s;
    }
  };
  for (let c = 0; c < themes.length; c++) update(c);
  const farthest: Array<[number, number]> = [];
  for (let c = themes.length; c < k; c++) {
    let far = 0;
    if (c > 0) for (let i = 1; i < X.rows; i++) if (nearest[i] > nearest[far]) far = i;
    centres.set(X.data.subarray(far * d, (far + 1) * d), c * d);
    update(c);
    farthest.push([far, c]);
  }
  const centreOf = new Map(themes.map(([theme], c) => [theme, c]));
  const labels = new Int32Array(X.rows);
  paperIds.forEach((id, i) => {
    const kept = centreOf.get(previous.get(id) ?? -1);
    if (kept !== undefined) {
      labels[i] = kept;
      return;
    }
    let best = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = X.data[i * d + t] - centres[c * d + t];
        s += diff * diff;
      }
      if (s < best) {
        best = s;
        labels[i] = c;
      }
    }
  });
  // A new centre starts with its own paper, so no cluster starts empty.
  for (const [paper, c] of farthest) labels[paper] = c;
  return { centres: { rows: k, cols: d, data: centres }, labels };
}
