import type { DenseMatrix } from '../types.js';

/**
 * Cosine similarity between each row of `X` and the centre of its cluster: how typical a
 * paper is of its theme (1 = at the centre's direction). `centres` is k x d, row-major.
 */
export function centroidScores(X: DenseMatrix, centres: Float64Array, labels: Int32Array): Float64Array {
  const d = X.cols;
  const scores = new Float64Array(X.rows);
  for (let r = 0; r < X.rows; r++) {
    const c = labels[r] * d;
    let dot = 0;
    let xx = 0;
    let cc = 0;
    for (let j = 0; j < d; j++) {
      const x = X.data[r * d + j];
      const m = centres[c + j];
      dot += x * m;
      xx += x * x;
      cc += m * m;
    }
    scores[r] = xx > 0 && cc > 0 ? dot / Math.sqrt(xx * cc) : 0;
  }
  return scores;
}

/**
 * For each cluster, the indices of its `count` members with the highest score, best first
 * (ties: the earlier paper).
 */
export function representatives(scores: Float64Array, labels: Int32Array, k: number, count: number): number[][] {
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((label, i) => members[label].push(i));
  return members.map((list) => list.sort((a, b) => scores[b] - scores[a] || a - b).slice(0, count));
}
