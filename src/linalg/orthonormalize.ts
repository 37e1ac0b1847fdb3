import type { DenseMatrix } from '../types.js';
import { cholesky, gram, invertUpper, timesSmall } from './dense.js';

/**
 * Columns whose residual after orthogonalisation is at most this fraction of their
 * original norm are treated as linearly dependent on the earlier columns ("collapsed").
 */
const COLLAPSE_TOLERANCE = 1e-10;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** v ← v − Σ_j (q_jᵀv) q_j over the accepted columns, in order (one MGS pass). */
function subtractProjections(v: Float64Array, basis: readonly Float64Array[]): void {
  for (const q of basis) {
    const c = dot(q, v);
    if (c === 0) continue;
    for (let i = 0; i < v.length; i++) v[i] -= c * q[i];
  }
}

/** Two MGS passes ("twice is enough", Giraud et al. 2005): orthogonal to machine precision. */
function orthogonalise(v: Float64Array, basis: readonly Float64Array[]): void {
  subtractProjections(v, basis);
  subtractProjections(v, basis);
}

/**
 * Replacement for a collapsed column: the coordinate vector e_i whose row i of the basis
 * has the smallest squared norm Σ_j q_j[i]² (ties → lowest i), orthogonalised against the
 * basis. Its residual has squared norm 1 − Σ_j q_j[i]², and since the c accepted columns
 * have Σ_i Σ_j q_j[i]² = c < n, the smallest row norm is < 1: the residual never vanishes.
 */
function replacementColumn(n: number, basis: readonly Float64Array[]): Float64Array {
  let best = 0;
  let bestWeight = Infinity;
  for (let i = 0; i < n; i++) {
    let w = 0;
    for (const q of basis) w += q[i] * q[i];
    if (w < bestWeight) {
      bestWeight = w;
      best = i;
    }
  }
  const v = new Float64Array(n);
  v[best] = 1;
  orthogonalise(v, basis);
  return v;
}

/**
 * Q of a thin QR decomposition of M (n×l, l ≤ n): an n×l matrix with orthonormal columns
 * (QᵀQ = I) spanning the same space as M's columns whenever M has full column rank.
 * Column j of Q is column j of M minus its projections on Q's columns 0..j−1, normalised
 * (modified Gram–Schmidt, each column orthogonalised twice for stability), so the
 * implicit R has a positive diagonal and Q is unique.
 *
 * Collapsed columns (residual ≤ 1e-10 × original norm, including zero columns) are
 * REPLACED, not dropped: the output always has l columns, so callers (randomized SVD)
 * keep fixed shapes. The replacement is the deterministic coordinate vector described in
 * {@link replacementColumn}; it lies outside span(M) and contributes nothing to M's range.
 */
export function orthonormalizeColumns(M: DenseMatrix): DenseMatrix {
  const n = M.rows;
  const l = M.cols;
  if (l > n) throw new RangeError(`orthonormalizeColumns: ${l} columns cannot be orthonormal in R^${n}`);
  const basis: Float64Array[] = [];
  for (let j = 0; j < l; j++) {
    // Column-major working copy: contiguous vectors for the inner products.
    let v: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = M.data[i * l + j];
    const original = Math.sqrt(dot(v, v));
    orthogonalise(v, basis);
    let norm = Math.sqrt(dot(v, v));
    if (!(norm > COLLAPSE_TOLERANCE * original) || original === 0) {
      v = replacementColumn(n, basis);
      norm = Math.sqrt(dot(v, v));
    }
    for (let i = 0; i < n; i++) v[i] /= norm;
    basis.push(v);
  }
  const out = new Float64Array(n * l);
  for (let j = 0; j < l; j++) {
    const q = basis[j];
    for (let i = 0; i < n; i++) out[i * l + j] = q[i];
  }
  return { rows: n, cols: l, data: out };
}

/**
 * A Cholesky-QR pass is refused (and the caller falls back to Gram–Schmidt) when a column's
 * residual against the previous columns is at most 1e-6 of its norm: the Gram matrix is then
 * too ill-conditioned (κ(M) ≳ 1e6) for its Cholesky factor to be trusted.
 */
const CHOLESKY_TOLERANCE = 1e-12; // on squared norms

/**
 * One Cholesky-QR pass: G = MᵀM = RᵀR, Q = M R⁻¹ (both tall-side passes run along rows,
 * with the l×l factors in cache). Null when G is not safely positive definite.
 */
/** The two tall passes of a Cholesky-QR pass: XᵀX and X·W (W l×k, optionally upper triangular). */
export interface TallKernels {
  gram(X: DenseMatrix): Float64Array;
  timesSmall(X: DenseMatrix, w: Float64Array, k: number, upperTriangular: boolean): DenseMatrix;
  /** Gives back the memory of an intermediate result of timesSmall (kernels that manage their own). */
  release?(X: DenseMatrix): void;
}

function choleskyQrPass(M: DenseMatrix, kernels: TallKernels): DenseMatrix | null {
  const l = M.cols;
  const r = cholesky(kernels.gram(M), l, CHOLESKY_TOLERANCE);
  if (r === null) return null;
  return kernels.timesSmall(M, invertUpper(r, l), l, true);
}

/**
 * Same contract as {@link orthonormalizeColumns} (Q of the thin QR of M, positive R
 * diagonal, collapsed columns replaced), computed by Cholesky QR for speed: `passes` times
 * G = QᵀQ = RᵀR, Q ← Q R⁻¹. Each pass costs about n·l² multiply-adds in two row-major
 * sweeps, against 4·n·l² column-strided ones for twice-applied Gram–Schmidt.
 *
 * Accuracy: one pass leaves ‖QᵀQ − I‖ ≈ ε·κ(M)², enough for a well-conditioned basis
 * inside power iterations; two passes ("CholeskyQR2", Fukaya et al. 2014) are orthonormal
 * to machine precision for κ(M) up to ~1e6. Q is the same matrix Gram–Schmidt gives, up to
 * rounding (the thin QR with positive R diagonal is unique). When M is rank-deficient or too
 * ill-conditioned (a Cholesky pivot ≤ 1e-12 × its column's squared norm), the result comes
 * from {@link orthonormalizeColumns} instead, with its deterministic column replacement.
 * `kernels`: the two tall passes, by default the JavaScript loops of dense.ts (the SVD gives
 * its WebAssembly ones); the result is the same either way.
 */
export function orthonormalizeColumnsFast(
  M: DenseMatrix,
  passes: 1 | 2 = 2,
  kernels: TallKernels = { gram, timesSmall },
): DenseMatrix {
  if (M.cols > M.rows) {
    throw new RangeError(`orthonormalizeColumns: ${M.cols} columns cannot be orthonormal in R^${M.rows}`);
  }
  let Q: DenseMatrix | null = M;
  for (let p = 0; p < passes && Q !== null; p++) {
    const next: DenseMatrix | null = choleskyQrPass(Q, kernels);
    if (Q !== M) kernels.release?.(Q);
    Q = next;
  }
  if (Q !== null) return Q;
  return orthonormalizeColumns(M);
}
