import type { DenseMatrix } from '../types.js';

/**
 * Dense kernels on thin row-major matrices (n×l with n in the tens of thousands, l ≲ 200)
 * and small l×l factors. Every loop runs along rows (the contiguous direction) and the
 * small l×l operand stays in cache; four rows of the tall operand are processed together
 * so that each load/store of the small operand serves four multiply-adds.
 */

/**
 * XᵀX (l×l, symmetric, both triangles filled) of an n×l row-major X. Cost n·l²/2.
 */
export function gram(X: DenseMatrix): Float64Array {
  const { rows: n, cols: l, data: x } = X;
  const g = new Float64Array(l * l);
  let r = 0;
  for (; r + 3 < n; r += 4) {
    const a = r * l;
    const b = a + l;
    const c = b + l;
    const d = c + l;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      const bi = x[b + i];
      const ci = x[c + i];
      const di = x[d + i];
      const gi = i * l;
      for (let j = i; j < l; j++) {
        g[gi + j] += ai * x[a + j] + bi * x[b + j] + ci * x[c + j] + di * x[d + j];
      }
    }
  }
  for (; r < n; r++) {
    const a = r * l;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      if (ai === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j] += ai * x[a + j];
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i];
  return g;
}

/**
 * X·W for X n×l (row-major) and a small W l×k (row-major) → n×k. With `upperTriangular`,
 * W[i, j] = 0 for i > j is assumed and those entries are never read (half the work).
 * Cost n·l·k (half of it when triangular).
 */
export function timesSmall(
  X: DenseMatrix,
  w: Float64Array,
  k: number,
  upperTriangular = false,
): DenseMatrix {
  const { rows: n, cols: l, data: x } = X;
  if (w.length !== l * k) throw new RangeError(`timesSmall: W has ${w.length} entries, expected ${l}×${k}`);
  const out = new Float64Array(n * k);
  let r = 0;
  for (; r + 3 < n; r += 4) {
    const a = r * l;
    const b = a + l;
    const c = b + l;
    const d = c + l;
    const oa = r * k;
    const ob = oa + k;
    const oc = ob + k;
    const od = oc + k;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      const bi = x[b + i];
      const ci = x[c + i];
      const di = x[d + i];
      const wi = i * k;
      for (let j = upperTriangular ? i : 0; j < k; j++) {
        const wij = w[wi + j];
        out[oa + j] += ai * wij;
        out[ob + j] += bi * wij;
        out[oc + j] += ci * wij;
        out[od + j] += di * wij;
      }
    }
  }
  for (; r < n; r++) {
    const a = r * l;
    const oa = r * k;
    for (let i = 0; i < l; i++) {
      const ai = x[a + i];
      if (ai === 0) continue;
      const wi = i * k;
      for (let j = upperTriangular ? i : 0; j < k; j++) out[oa + j] += ai * w[wi + j];
    }
  }
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
