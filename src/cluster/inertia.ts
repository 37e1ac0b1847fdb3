import type { DenseMatrix } from '../types.js';

// The inertia of a k-means model and the mean feature variance its tolerance is scaled by.

/** Σ_i ‖x_i − c_{label(i)}‖² by direct differences (no cancellation). */
export function computeInertia(X: DenseMatrix, centres: Float64Array, labels: Int32Array): number {
  const { rows: n, cols: d, data } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const cBase = labels[i] * d;
    for (let t = 0; t < d; t++) {
      const diff = data[base + t] - centres[cBase + t];
      total += diff * diff;
    }
  }
  return total;
}

/** Mean over features of the per-feature population variance of X. */
export function meanFeatureVariance(X: DenseMatrix): number {
  const { rows: n, cols: d, data } = X;
  if (d === 0) return 0;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const diff = data[i * d + t] - mean;
      v += diff * diff;
    }
    total += v / n;
  }
  return total / d;
}
