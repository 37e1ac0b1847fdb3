/**
 * Optimal assignment (Hungarian algorithm, Kuhn-Munkres with potentials, O(n² m)): the
 * pairing of rows to columns with the largest total score, each row and column used at
 * most once. `score` is rows x cols, row-major. Returns, for each row, its column or -1.
 * Deterministic: ties resolve to the lowest indices.
 */
export function maximumAssignment(score: Float64Array, rows: number, cols: number): Int32Array {
  // Square cost matrix (padding with 0-score dummies), minimising -score.
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number) => (i < rows && j < cols ? -score[i * cols + j] : 0);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const match = new Int32Array(n + 1); // match[j] = row (1-based) matched to column j
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = match[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const current = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (current < minv[j]) {
          minv[j] = current;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[match[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Int32Array(rows).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = match[j] - 1;
    if (i >= 0 && i < rows && j - 1 < cols) result[i] = j - 1;
  }
  return result;
}
