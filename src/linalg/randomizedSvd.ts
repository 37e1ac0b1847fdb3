import type { CsrMatrix, DenseMatrix } from '../types.js';
import { createRandom, gaussian } from '../random/seededRandom.js';
import {
  csrColumnMeans,
  csrColumnVariances,
  csrTranspose,
  columnSums,
  meanShift,
} from './csr.js';
import { gramBlocks, sumGramPartials } from './dense.js';
import { defaultThreads } from './threadedWork.js';
import { orthonormalizeColumns, orthonormalizeColumnsFast, type TallKernels } from './orthonormalize.js';
import { WasmLinalg } from './wasmKernels.js';
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
  /**
   * Threads (the calling one included) for the sparse products and the tall dense passes;
   * the result is the same for any value. Default: up to 4, as the machine has cores,
   * when nnz·(k + p) ≥ 5·10⁷ (e.g. 2.7M stored entries, 110 columns), else 1.
   */
  threads?: number;
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

/**
 * An m×l matrix of independent N(0, 1) draws from createRandom(seed), row-major (one
 * Box–Muller draw per entry: the stream, hence every result, is the same as before the
 * kernels were rewritten).
 */
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

/**
 * Flips each column of V (m×k, row-major) so that its largest-|loading| entry (first on
 * ties) is positive.
 */
function fixComponentSigns(v: Float64Array, m: number, k: number): void {
  const best = new Float64Array(k).fill(-1);
  const sign = new Float64Array(k);
  for (let r = 0; r < m; r++) {
    const base = r * k;
    for (let i = 0; i < k; i++) {
      const a = Math.abs(v[base + i]);
      if (a > best[i]) {
        best[i] = a;
        sign[i] = v[base + i] < 0 ? -1 : 1;
      }
    }
  }
  for (let r = 0; r < m; r++) {
    const base = r * k;
    for (let i = 0; i < k; i++) if (sign[i] < 0) v[base + i] = -v[base + i];
  }
}

/**
 * The linear operator Ã = A − 1μᵀ (or A) and the tall dense passes, as used by the fit:
 * the WebAssembly SIMD kernels (wasmKernels.ts) on a shared WebAssembly memory, over
 * row ranges on one or more threads (the same result for any count, tested).
 */
interface Engine extends TallKernels {
  /** Ã·B (n×l) for B m×l. */
  times(B: DenseMatrix): DenseMatrix;
  /** Ãᵀ·B (m×l) for B n×l. */
  transposeTimes(B: DenseMatrix): DenseMatrix;
  /** The tall matrix resident in the kernels' memory. */
  adopt(M: DenseMatrix): DenseMatrix;
  /** Gives back the memory of a tall matrix that is no longer used. */
  release(M: DenseMatrix): void;
}

/**
 * The WebAssembly engine: every tall matrix stays resident in the kernels' memory from one
 * product to the next, and the mean corrections run there too; only their small vectors
 * (μᵀB, 1ᵀB) are summed in JavaScript, as csr.ts does.
 */
function wasmEngine(wasm: WasmLinalg, A: CsrMatrix, means: Float64Array | null): Engine {
  const pinnedA = wasm.pin(A);
  const pinnedAt = wasm.pin(csrTranspose(A));
  return {
    times: (B) => {
      const product = wasm.times(pinnedA, B);
      if (means) wasm.subtractOuter(product, null, meanShift(B, means));
      return product;
    },
    transposeTimes: (B) => {
      const product = wasm.times(pinnedAt, B);
      if (means) wasm.subtractOuter(product, means, columnSums(B));
      return product;
    },
    gram: (X) => sumGramPartials(wasm.gramPartials(X, gramBlocks(X.rows)), X.cols),
    timesSmall: (X, w, k, upper) => wasm.timesSmall(X, w, k, upper),
    adopt: (M) => wasm.adopt(M),
    release: (M) => wasm.free(M),
  };
}

/** Work (stored entries × sketch columns) from which the products use several threads. */
const PARALLEL_WORK = 5e7;

/**
 * Range finder (Halko, Martinsson & Tropp 2011, Alg. 4.3 with re-orthonormalisation, as
 * scikit-learn's `randomized_range_finder`): an n×l orthonormal Q whose span approximates
 * the dominant left singular subspace of Ã:
 *   Ω ~ N(0,1)^{m×l};  Q ← orth(ÃΩ);  q times { Q ← orth(Ã(ÃᵀQ)) }.
 * Only the n-side basis is re-orthonormalised (subspace iteration on ÃÃᵀ): ÃᵀQ is used as
 * it comes, since one application of Ãᵀ to an orthonormal Q widens the spread of column
 * norms by σ₀/σ_l only, harmless in double precision, and normalising the m-side (m up to
 * ~200k) costs as much as a sparse product. Intermediate bases need to be well conditioned,
 * not exactly orthonormal: one Cholesky-QR pass; the final Q gets two (orthonormal to
 * machine precision). Rank-deficient cases fall back to Gram–Schmidt (see
 * {@link orthonormalizeColumnsFast}).
 */
function rangeFinder(engine: Engine, m: number, l: number, powerIterations: number, seed: number, onIteration?: IterationProgress): DenseMatrix {
  const omega = engine.adopt(gaussianMatrix(m, l, seed));
  /** orth(M), M given back unless it is the result. */
  const orth = (M: DenseMatrix, passes: 1 | 2) => {
    const Q = orthonormalizeColumnsFast(M, passes, engine);
    if (Q !== M) engine.release(M);
    return Q;
  };
  const Y = engine.times(omega);
  engine.release(omega);
  let Q = orth(Y, powerIterations === 0 ? 2 : 1);
  for (let it = 0; it < powerIterations; it++) {
    const Z = engine.transposeTimes(Q);
    engine.release(Q);
    const AZ = engine.times(Z);
    engine.release(Z);
    Q = orth(AZ, it === powerIterations - 1 ? 2 : 1);
    onIteration?.(it + 1, powerIterations);
  }
  return Q;
}

/** Told after each power iteration (`done` of `total`), for progress lines; the fit does not depend on it. */
export type IterationProgress = (done: number, total: number) => void;

/** A fitted model together with the training rows' projection ÃV (= UΣ), n×k. */
export interface SvdFit {
  model: SvdModel;
  transformed: DenseMatrix;
}

/** Below this many rows (or columns) the decomposition is computed exactly (l = min(n, m)). */
export const EXACT_BELOW = 300;

/**
 * Truncated SVD of a sparse n×m matrix by randomized subspace iteration (Halko,
 * Martinsson & Tropp 2011; as scikit-learn's `randomized_svd`).
 *
 * 1. Q (n×l, l = k + p) ← {@link rangeFinder}.
 * 2. Z = ÃᵀQ (m×l, = Bᵀ for B = QᵀÃ) with the sparse kernel.
 * 3. SVD of the small B through the eigen-decomposition of BBᵀ = ZᵀZ = ŨΛŨᵀ (l×l, Jacobi;
 *    ZᵀZ is one row-major pass over Z): σᵢ = √λᵢ and V = Z Ũ_k Σ⁻¹ (m×k, one row-major
 *    pass with the l×k factor in cache). V is orthonormal by construction (VᵀV =
 *    Σ⁻¹ŨᵀZᵀZŨΣ⁻¹ = I) up to rounding of order ε·σ₀/σ_{k−1}, so it is NOT re-orthonormalised
 *    on the m side, except when there are null directions: λᵢ ≤ 1e-12 λ₀ (the data has
 *    rank < k) gives σᵢ = 0, vᵢ = 0, and then V is completed deterministically by
 *    {@link orthonormalizeColumns} (a no-op up to rounding on the determined directions).
 *    (U = QŨ is not needed; see {@link SvdModel}.)
 *
 * center=true subtracts the column means μ implicitly (csr kernels, A is never densified):
 * that is PCA of the sparse matrix. center=false is LSA (= scikit-learn's TruncatedSVD).
 *
 * Clamping: k is reduced to min(k, n, m) (there are no more singular triplets) and
 * l = min(k + p, n, m) (an orthonormal basis cannot have more vectors than its dimension).
 * With l ≥ rank(Ã) the result is exact up to rounding, so small matrices
 * (min(n, m) <= EXACT_BELOW) take l = min(n, m): an exact SVD for the cost of a few
 * products. Small corpora have flat spectra, where a randomized subspace is visibly off
 * (70 seed abstracts: the 15th-18th singular values 2-4% low after 4 power iterations).
 *
 * Sign convention: each component (row of Vᵀ) has its largest-|loading| entry positive.
 *
 * Explained variance, as TruncatedSVD: explainedVariance[i] = var over the rows of column i
 * of ÃV (= σᵢ²/n when centred); ratio = explainedVariance / Σ_j var(A[:, j]).
 *
 * Cost: (2q + 3) sparse products with l (or k) dense columns, q + 1 Cholesky-QR passes
 * plus one, each ~n·l², and m·l·(l/2 + k) for ZᵀZ and V; nothing of size m·l is
 * orthonormalised. Returns the model and ÃV (the projection of the training rows, which
 * the explained variance needs anyway), so callers need not call {@link transformSvd}
 * again on the same matrix.
 */
export function fitTransformRandomizedSvd(A: CsrMatrix, params: RandomizedSvdParams, onIteration?: IterationProgress): SvdFit {
  const { components, oversamples = 10, powerIterations = 4, center = false } = params;
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
  const l = Math.min(n, m) <= EXACT_BELOW ? Math.min(n, m) : Math.min(k + oversamples, n, m);
  const means = center ? csrColumnMeans(A) : null;
  if (params.threads !== undefined && (!Number.isInteger(params.threads) || params.threads < 1)) {
    throw new RangeError(`threads must be a positive integer, got ${params.threads}`);
  }
  const threads = params.threads ?? (A.indptr[n] * l >= PARALLEL_WORK ? defaultThreads() : 1);
  const wasm = WasmLinalg.create(threads);
  try {
    return fitWith(wasmEngine(wasm, A, means), A, k, l, means, params, onIteration);
  } finally {
    wasm.release();
  }
}

/** The fit of {@link fitTransformRandomizedSvd} on one engine. */
function fitWith(engine: Engine, A: CsrMatrix, k: number, l: number, means: Float64Array | null, params: RandomizedSvdParams, onIteration?: IterationProgress): SvdFit {
  const { powerIterations = 4, seed } = params;
  const m = A.cols;

  const Q = rangeFinder(engine, m, l, powerIterations, seed, onIteration);
  const Z = engine.transposeTimes(Q); // m×l = Bᵀ
  engine.release(Q);
  const eig = symmetricEigen({ rows: l, cols: l, data: engine.gram(Z) });

  // W = Ũ_k Σ⁻¹ (l×k); a null direction gets a zero column (σᵢ = 0, vᵢ completed below).
  const singularValues = new Float64Array(k);
  const lambda0 = Math.max(eig.values[0], 0);
  const u = eig.vectors.data;
  const w = new Float64Array(l * k);
  let nullDirections = false;
  for (let i = 0; i < k; i++) {
    const lambda = eig.values[i];
    if (!(lambda > ZERO_EIGENVALUE * lambda0)) {
      nullDirections = true;
      continue;
    }
    const sigma = Math.sqrt(lambda);
    singularValues[i] = sigma;
    for (let t = 0; t < l; t++) w[t * k + i] = u[t * l + i] / sigma;
  }
  let V = engine.timesSmall(Z, w, k, false); // m×k
  engine.release(Z);
  if (nullDirections) {
    const completed = engine.adopt(orthonormalizeColumns(V));
    engine.release(V);
    V = completed;
  }
  fixComponentSigns(V.data, m, k);

  const vt = new Float64Array(k * m);
  const vd = V.data;
  for (let r = 0; r < m; r++) for (let i = 0; i < k; i++) vt[i * m + r] = vd[r * k + i];

  const product = engine.times(V);
  // A plain array of its own for the caller (not shared, not the engine's memory).
  const transformed = product.data.buffer instanceof SharedArrayBuffer ? { ...product, data: product.data.slice() } : product;
  engine.release(V);
  engine.release(product);
  const totalVariance = csrColumnVariances(A).reduce((s, x) => s + x, 0);
  const explainedVariance = columnVariances(transformed);
  const explainedVarianceRatio = explainedVariance.map((v) =>
    totalVariance > 0 ? v / totalVariance : 0,
  );
  const model: SvdModel = {
    components: vt,
    singularValues,
    columnMeans: means,
    explainedVariance,
    explainedVarianceRatio,
    totalVariance,
  };
  return { model, transformed };
}

/** The fitted model of {@link fitTransformRandomizedSvd} (see there). */
export function fitRandomizedSvd(A: CsrMatrix, params: RandomizedSvdParams): SvdModel {
  return fitTransformRandomizedSvd(A, params).model;
}

/**
 * Projects rows onto the fitted components: (A − 1μᵀ)·V (n×k), or A·V when the model was
 * not centred. A must have the training matrix's m columns. On the training matrix this
 * equals UΣ. Computed on the WebAssembly kernels, on `threads` threads (default: as the
 * fit chooses them, by the work), with the bits of the plain product
 * `csrTimesDense(A, V, μ)` for any thread count.
 */
export function transformSvd(
  model: Pick<SvdModel, 'components' | 'singularValues' | 'columnMeans'>,
  A: CsrMatrix,
  threads?: number,
): DenseMatrix {
  const projector = svdProjector(model, threads ?? projectionThreads(A, model.singularValues.length));
  try {
    return projector.project(A);
  } finally {
    projector.release();
  }
}

/** The threads transformSvd projects A onto k components with by default: 1 unless the work is large. */
export function projectionThreads(A: CsrMatrix, k: number): number {
  return A.indptr[A.rows] * k >= PARALLEL_WORK ? defaultThreads() : 1;
}

/** {@link transformSvd} for many matrices, with V resident in the kernels' memory until `release`. */
export interface SvdProjector {
  /** (A − 1μᵀ)·V, or A·V, for A with the model's m columns. */
  project(A: CsrMatrix): DenseMatrix;
  /** Hands the kernels' memory on; `project` must not be called afterwards. */
  release(): void;
}

/**
 * An {@link SvdProjector} on `threads` threads: V (m×k, the components term-major) is laid
 * out in the kernels' memory once, then each call projects one matrix.
 */
export function svdProjector(model: Pick<SvdModel, 'components' | 'singularValues' | 'columnMeans'>, threads = 1): SvdProjector {
  const k = model.singularValues.length;
  const m = model.components.length / k;
  const wasm = WasmLinalg.create(threads);
  // V laid out term-major straight into the kernels' memory: no second copy of it.
  const B = wasm.resident(m, k);
  for (let i = 0; i < k; i++) for (let r = 0; r < m; r++) B.data[r * k + i] = model.components[i * m + r];
  const shift = model.columnMeans ? meanShift(B, model.columnMeans) : null;
  return {
    project(A) {
      if (A.cols !== m) throw new RangeError(`transformSvd: model has ${m} features, matrix has ${A.cols}`);
      const pinned = wasm.pin(A);
      const product = wasm.times(pinned, B);
      if (shift !== null) wasm.subtractOuter(product, null, shift);
      // The product lives in the kernels' memory, which is reused: a copy.
      const result = { rows: product.rows, cols: product.cols, data: product.data.slice() };
      wasm.free(product);
      wasm.unpin(pinned);
      return result;
    },
    release: () => wasm.release(),
  };
}
