import type { CsrMatrix, DenseMatrix } from '../types.js';
import { createRandom, gaussian } from '../random/seededRandom.js';
import {
  csrColumnMeans,
  csrColumnVariances,
  csrTimesDense,
  csrTransposeTimesDense,
} from './csr.js';
import { orthonormalizeColumns } from './orthonormalize.js';
import { symmetricEigen } from './symmetricEigen.js';

/** Parameters of {@link fitRandomizedSvd}; plain data. */
export interface RandomizedSvdParams {
  /** Number k of singular triplets wanted (clamped to min(n, m)). */
  components: number;
  /** Extra random directions p sampled beyond k (default 10). */
  oversamples?: number;
  /** Number q of power (subspace) iterations (default 4). */
  powerIterations?: number;
  /** Centre the columns implicitly first: PCA (true) instead of LSA / TruncatedSVD (false, default). */
  center?: boolean;
  seed: number;
}

/**
 * A fitted truncated SVD (Ã ≈ U Σ Vᵀ with Ã = A − 1μᵀ when centred, else Ã = A); plain,
 * serialisable data. U is not stored: it belongs to the training rows, and
 * `transformSvd(model, A)` = ÃV = UΣ recovers the scaled version of it.
 */
export interface SvdModel {
  /** Vᵀ, k×m row-major: row i is the i-th right singular vector (unit norm). */
  components: Float64Array;
  /** σ₀ ≥ σ₁ ≥ … ≥ σ_{k−1} ≥ 0, length k. */
  singularValues: Float64Array;
  /** μ (length m) subtracted before projecting, or null when not centred. */
  columnMeans: Float64Array | null;
  /** Variance over the training rows of each projected column (ÃV)[:, i], length k. */
  explainedVariance: Float64Array;
  /** explainedVariance / totalVariance, length k (all 0 when totalVariance is 0). */
  explainedVarianceRatio: Float64Array;
  /** Σ_j var(A[:, j]) over the training rows: the total variance of the data. */
  totalVariance: number;
}

/** λ ≤ this × λ₀ counts as a zero eigenvalue of BBᵀ (σ ≤ 1e-6 σ₀ is at noise level there). */
const ZERO_EIGENVALUE = 1e-12;

function gaussianMatrix(rows: number, cols: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = gaussian(random);
  return { rows, cols, data };
}

/** Population variance (ddof 0) of each column of a dense matrix. */
function columnVariances(X: DenseMatrix): Float64Array {
  const { rows: n, cols: k, data } = X;
  const mean = new Float64Array(k);
  const out = new Float64Array(k);
  if (n === 0) return out;
  for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) mean[j] += data[r * k + j];
  for (let j = 0; j < k; j++) mean[j] /= n;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      const d = data[r * k + j] - mean[j];
      out[j] += d * d;
    }
  }
  for (let j = 0; j < k; j++) out[j] /= n;
  return out;
}

/** Flips each row of Vᵀ (k×m) so that its largest-|loading| entry (first on ties) is positive. */
function fixComponentSigns(vt: Float64Array, k: number, m: number): void {
  for (let i = 0; i < k; i++) {
    let arg = 0;
    let best = -1;
    for (let j = 0; j < m; j++) {
      const a = Math.abs(vt[i * m + j]);
      if (a > best) {
        best = a;
        arg = j;
      }
    }
    if (vt[i * m + arg] < 0) for (let j = 0; j < m; j++) vt[i * m + j] = -vt[i * m + j];
  }
}

/**
 * Range finder (Halko, Martinsson & Tropp 2011, Alg. 4.4; scikit-learn's
 * `randomized_range_finder` with QR normalisation): an n×l orthonormal Q whose span
 * approximates the dominant left singular subspace of Ã:
 *   Ω ~ N(0,1)^{m×l};  Q ← orth(ÃΩ);  q times { Z ← orth(ÃᵀQ); Q ← orth(ÃZ) }.
 * Re-orthonormalising after every product keeps the small singular directions from being
 * swamped in floating point (the power iterations raise the spectrum to the power 2q+1).
 */
function rangeFinder(
  A: CsrMatrix,
  means: Float64Array | null,
  l: number,
  powerIterations: number,
  seed: number,
): DenseMatrix {
  const omega = gaussianMatrix(A.cols, l, seed);
  let Q = orthonormalizeColumns(csrTimesDense(A, omega, means));
  for (let it = 0; it < powerIterations; it++) {
    const Z = orthonormalizeColumns(csrTransposeTimesDense(A, Q, means));
    Q = orthonormalizeColumns(csrTimesDense(A, Z, means));
  }
  return Q;
}

/**
 * Truncated SVD of a sparse n×m matrix by randomized subspace iteration (Halko,
 * Martinsson & Tropp 2011; as scikit-learn's `randomized_svd`).
 *
 * 1. Q (n×l, l = k + p) ← {@link rangeFinder}.
 * 2. B = QᵀÃ (l×m), computed as Bᵀ = ÃᵀQ with the sparse kernel.
 * 3. SVD of the small B through the eigen-decomposition BBᵀ = ŨΛŨᵀ (l×l, Jacobi):
 *    σᵢ = √λᵢ and vᵢ = Bᵀũᵢ / σᵢ. (U = QŨ is not needed; see {@link SvdModel}.)
 *    Directions with λᵢ ≤ 1e-12 λ₀ (the data has rank < k) get σᵢ = 0 and a deterministic
 *    orthonormal completion of V; V is re-orthonormalised, which is a no-op up to
 *    rounding for the well-determined directions.
 *
 * center=true subtracts the column means μ implicitly (csr kernels, A is never densified):
 * that is PCA of the sparse matrix. center=false is LSA (= scikit-learn's TruncatedSVD).
 *
 * Clamping: k is reduced to min(k, n, m) (there are no more singular triplets) and
 * l = min(k + p, n, m) (an orthonormal basis cannot have more vectors than its dimension).
 * With l ≥ rank(Ã) the result is exact up to rounding.
 *
 * Sign convention: each component (row of Vᵀ) has its largest-|loading| entry positive.
 *
 * Explained variance, as TruncatedSVD: explainedVariance[i] = var over the rows of column i
 * of ÃV (= σᵢ²/n when centred); ratio = explainedVariance / Σ_j var(A[:, j]).
 */
export function fitRandomizedSvd(A: CsrMatrix, params: RandomizedSvdParams): SvdModel {
  const { components, oversamples = 10, powerIterations = 4, center = false, seed } = params;
  const n = A.rows;
  const m = A.cols;
  if (n === 0 || m === 0) throw new RangeError(`fitRandomizedSvd: empty ${n}×${m} matrix`);
  if (!Number.isInteger(components) || components < 1) {
    throw new RangeError(`components must be a positive integer, got ${components}`);
  }
  if (!Number.isInteger(oversamples) || oversamples < 0) {
    throw new RangeError(`oversamples must be a non-negative integer, got ${oversamples}`);
  }
  if (!Number.isInteger(powerIterations) || powerIterations < 0) {
    throw new RangeError(`powerIterations must be a non-negative integer, got ${powerIterations}`);
  }
  const k = Math.min(components, n, m);
  const l = Math.min(k + oversamples, n, m);
  const means = center ? csrColumnMeans(A) : null;

  const Q = rangeFinder(A, means, l, powerIterations, seed);
  const Bt = csrTransposeTimesDense(A, Q, means); // m×l = Bᵀ

  // Gram matrix G = B Bᵀ = Btᵀ Bt (l×l).
  const G = new Float64Array(l * l);
  const bt = Bt.data;
  for (let r = 0; r < m; r++) {
    const base = r * l;
    for (let i = 0; i < l; i++) {
      const x = bt[base + i];
      if (x === 0) continue;
      for (let j = i; j < l; j++) G[i * l + j] += x * bt[base + j];
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) G[i * l + j] = G[j * l + i];
  const eig = symmetricEigen({ rows: l, cols: l, data: G });

  // V (m×k): vᵢ = Bᵀũᵢ / σᵢ; zero for null directions (completed by orthonormalisation).
  const singularValues = new Float64Array(k);
  const lambda0 = Math.max(eig.values[0], 0);
  const V = new Float64Array(m * k);
  const u = eig.vectors.data;
  for (let i = 0; i < k; i++) {
    const lambda = eig.values[i];
    if (!(lambda > ZERO_EIGENVALUE * lambda0)) continue;
    const sigma = Math.sqrt(lambda);
    singularValues[i] = sigma;
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let t = 0; t < l; t++) s += bt[r * l + t] * u[t * l + i];
      V[r * k + i] = s / sigma;
    }
  }
  const Vq = orthonormalizeColumns({ rows: m, cols: k, data: V }).data;
  const vt = new Float64Array(k * m);
  for (let r = 0; r < m; r++) for (let i = 0; i < k; i++) vt[i * m + r] = Vq[r * k + i];
  fixComponentSigns(vt, k, m);

  const totalVariance = csrColumnVariances(A).reduce((s, x) => s + x, 0);
  const partial = {
    components: vt,
    singularValues,
    columnMeans: means,
    explainedVariance: new Float64Array(k),
    explainedVarianceRatio: new Float64Array(k),
    totalVariance,
  };
  const explainedVariance = columnVariances(transformSvd(partial, A));
  const explainedVarianceRatio = explainedVariance.map((v) =>
    totalVariance > 0 ? v / totalVariance : 0,
  );
  return { ...partial, explainedVariance, explainedVarianceRatio };
}

/**
 * Projects rows onto the fitted components: (A − 1μᵀ)·V (n×k), or A·V when the model was
 * not centred. A must have the training matrix's m columns. On the training matrix this
 * equals UΣ.
 */
export function transformSvd(
  model: Pick<SvdModel, 'components' | 'singularValues' | 'columnMeans'>,
  A: CsrMatrix,
): DenseMatrix {
  const k = model.singularValues.length;
  const m = model.components.length / k;
  if (A.cols !== m) throw new RangeError(`transformSvd: model has ${m} features, matrix has ${A.cols}`);
  const V = new Float64Array(m * k);
  for (let i = 0; i < k; i++) for (let r = 0; r < m; r++) V[r * k + i] = model.components[i * m + r];
  return csrTimesDense(A, { rows: m, cols: k, data: V }, model.columnMeans);
}
