import type { DenseMatrix } from '../types.js';
import { gramRange, timesSmallRange } from './rowKernels.js';

/**
 * Dense kernels on thin row-major matrices (n×l with n in the tens of thousands, l ≲ 200)
 * and small l×l factors. Every loop runs along rows (the contiguous direction) and the
 * small l×l operand stays in cache; four rows of the tall operand are processed together
 * so that each load/store of the small operand serves four multiply-adds.
 */

/**
 * Row boundaries of the fixed blocks whose partial Gram matrices are summed, in block
 * order, by {@link gram}: four blocks of a multiple of 4 rows (the last one shorter),
 * depending on n only, so that the result is the same whether the blocks are computed on
 * one thread or several.
 */
export function gramBlocks(n: number): number[] {
  const size = 4 * Math.ceil(n / 16);
  return [0, 1, 2, 3, 4].map((b) => Math.min(n, b * size));
}

/** Sums the partial upper triangles (in order) and mirrors the result into a full l×l matrix. */
export function sumGramPartials(partials: readonly Float64Array[], l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (const p of partials) for (let i = 0; i < l * l; i++) g[i] += p[i];
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i];
  return g;
}

/**
 * XᵀX (l×l, symmetric, both triangles filled) of an n×l row-major X. Cost n·l²/2, four
 * rows at a time; summed over the fixed row blocks of {@link gramBlocks}, as the
 * WebAssembly kernels sum them on several threads, so both give the same bits.
 */
export function gram(X: DenseMatrix): Float64Array {
  const { rows: n, cols: l, data: x } = X;
  const bounds = gramBlocks(n);
  const partials: Float64Array[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const g = new Float64Array(l * l);
    gramRange(x, l, g, bounds[b], bounds[b + 1]);
    partials.push(g);
  }
  return sumGramPartials(partials, l);
}

/**
 * X·W for X n×l (row-major) and a small W l×k (row-major) → n×k. With `upperTriangular`,
 * W[i, j] = 0 for i > j is assumed and those entries are never read (half the work).
 * Cost n·l·k (half of it when triangular).
 */
export function timesSmall(X: DenseMatrix, w: Float64Array, k: number, upperTriangular = false): DenseMatrix {
  const { rows: n, cols: l, data: x } = X;
  if (w.length !== l * k) throw new RangeError(`timesSmall: W has ${w.length} entries, expected ${l}×${k}`);
  const out = new Float64Array(n * k);
  timesSmallRange(x, l, w, k, upperTriangular, out, 0, n);
  return { rows: n, cols: k, data: out };
}

/**
 * Upper-triangular Cholesky factor R (G = RᵀR, positive diagonal) of a symmetric l×l G,
 * or null when G is not numerically positive definite: a pivot (the squared norm of a
 * column's residual against the previous columns) at most `relativeTolerance` times the
 * column's own squared norm G[j, j], or not finite.
 */
export function cholesky(g: Float64Array, l: number, relativeTolerance: number): Float64Array | null {
  const r = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    let s = g[j * l + j];
    for (let p = 0; p < j; p++) s -= r[p * l + j] * r[p * l + j];
    if (!(s > relativeTolerance * g[j * l + j]) || !Number.isFinite(s)) return null;
    const rjj = Math.sqrt(s);
    r[j * l + j] = rjj;
    for (let i = j + 1; i < l; i++) {
      let t = g[j * l + i];
      for (let p = 0; p < j; p++) t -= r[p * l + j] * r[p * l + i];
      r[j * l + i] = t / rjj;
    }
  }
  return r;
}

/** Inverse of an upper-triangular l×l R with non-zero diagonal (also upper triangular). */
export function invertUpper(r: Float64Array, l: number): Float64Array {
  const inv = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    inv[j * l + j] = 1 / r[j * l + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let p = i + 1; p <= j; p++) s += r[i * l + p] * inv[p * l + j];
      inv[i * l + j] = -s / r[i * l + i];
    }
  }
  return inv;
}

/** The listed rows of X, in the order listed (a row may repeat). */
export function selectRows(X: DenseMatrix, rows: Int32Array): DenseMatrix {
  const d = X.cols;
  const data = new Float64Array(rows.length * d);
  rows.forEach((r, i) => data.set(X.data.subarray(r * d, (r + 1) * d), i * d));
  return { rows: rows.length, cols: d, data };
}

/** The sum of the values, in order. */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
