import type { DenseMatrix } from '../types.js';

/** Eigen-decomposition S = V · diag(values) · Vᵀ of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues λ₀ ≥ λ₁ ≥ … (length n). */
  values: Float64Array;
  /** n×n orthogonal matrix; COLUMN j is the unit eigenvector of values[j]. */
  vectors: DenseMatrix;
}

const MAX_SWEEPS = 100;

/**
 * Flips the sign of each column of V so that its largest-|component| entry (first such
 * index on ties) is positive: eigenvectors are only defined up to sign, and downstream
 * results (SVD components, 2-D maps) must not flip between runs.
 */
function fixSigns(v: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let arg = 0;
    let best = -1;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(v[i * n + j]);
      if (a > best) {
        best = a;
        arg = i;
      }
    }
    if (v[arg * n + j] < 0) for (let i = 0; i < n; i++) v[i * n + j] = -v[i * n + j];
  }
}

/**
 * Eigenvalues and eigenvectors of a small symmetric n×n matrix by the cyclic Jacobi
 * method (Golub & Van Loan §8.5). Each sweep visits every pair p < q and applies the plane
 * rotation J(p, q, φ) with t = tan φ the smaller root of t² + 2θt − 1 = 0,
 * θ = (a_qq − a_pp) / (2 a_pq), which zeroes a_pq: A ← JᵀAJ, V ← VJ. The off-diagonal
 * mass Σ_{p≠q} a_pq² decreases monotonically (quadratically near the end); sweeps stop
 * when it is ≤ (ε‖A‖_F)². O(n³) per sweep, typically < 10 sweeps: meant for the l×l Gram
 * matrices of randomized SVD (l ≲ 200), where Jacobi's high relative accuracy pays off.
 *
 * Only the symmetric part (S + Sᵀ)/2 of the input is used. Eigenvalues are sorted
 * descending (stable on ties); eigenvector signs follow {@link fixSigns}.
 */
export function symmetricEigen(S: DenseMatrix): SymmetricEigen {
  const n = S.rows;
  if (S.cols !== n) throw new RangeError(`symmetricEigen: matrix is ${S.rows}×${S.cols}, not square`);
  const a = new Float64Array(n * n);
  let frob2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = 0.5 * (S.data[i * n + j] + S.data[j * n + i]);
      a[i * n + j] = x;
      frob2 += x * x;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const threshold = Number.EPSILON * Number.EPSILON * frob2;

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] * a[p * n + q];
    if (off <= threshold) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← A·J (columns p, q)
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        // A ← Jᵀ·A (rows p, q)
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        // V ← V·J
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => a[j * n + j] - a[i * n + i] || i - j,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  fixSigns(vectors, n);
  return { values, vectors: { rows: n, cols: n, data: vectors } };
}
