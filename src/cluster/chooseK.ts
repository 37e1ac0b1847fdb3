import type { DenseMatrix } from '../types.js';

export interface KCandidate {
  k: number;
  silhouette: number;
  inertia: number;
}

export interface KChoice<Fit> {
  k: number;
  fit: Fit;
  curve: KCandidate[];
  criterion: string;
}

export const K_CRITERION = 'highest mean cosine silhouette over the k range (ties: the smaller k)';

/**
 * Chooses k by the mean cosine silhouette of the clustering found for each k in
 * [kMin, kMax] (kMax clamped to n - 1, kMin to kMax, never below 2): the k whose themes
 * are, on average, closest to their own members and farthest from the next theme. `fit` and `silhouette` are injected so that
 * this rule stays independent of the k-means implementation.
 */
export function chooseK<Fit extends { labels: Int32Array; inertia: number }>(
  X: DenseMatrix,
  range: readonly [number, number],
  fit: (k: number) => Fit,
  silhouette: (labels: Int32Array) => number,
  /** Hears each k as soon as it is scored (progress on a long search). */
  onCandidate?: (candidate: KCandidate) => void,
): KChoice<Fit> {
  const kMax = Math.min(range[1], X.rows - 1);
  const kMin = Math.max(2, Math.min(range[0], kMax));
  let best: { k: number; fit: Fit; silhouette: number } | null = null;
  const curve: KCandidate[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const result = fit(k);
    const score = silhouette(result.labels);
    const candidate = { k, silhouette: score, inertia: result.inertia };
    curve.push(candidate);
    onCandidate?.(candidate);
    if (best === null || score > best.silhouette) best = { k, fit: result, silhouette: score };
  }
  if (best === null) throw new Error(`chooseK: empty k range ${range[0]}-${range[1]} for ${X.rows} papers`);
  return { k: best.k, fit: best.fit, curve, criterion: K_CRITERION };
}
