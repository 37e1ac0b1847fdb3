import { contingencyTable, type Labels } from './contingency.js';

/**
 * Adjusted Rand index (Hubert & Arabie 1985): the Rand index corrected for chance, so
 * that random labellings score ≈ 0 (possibly negative) and identical partitions 1.
 * Computed as scikit-learn's `adjusted_rand_score` from the pair confusion matrix
 * (ordered pairs of distinct items):
 *   tp = Σ nᵢⱼ² − N,  fp = Σⱼ bⱼ² − Σ nᵢⱼ²,  fn = Σᵢ aᵢ² − Σ nᵢⱼ²,  tn = N² − tp − fp − fn − N
 *   ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)),
 * with ARI = 1 when fp = fn = 0 (full agreement, including empty input).
 */
export function adjustedRandIndex(gold: Labels, predicted: Labels): number {
  const { counts, classSizes, clusterSizes, n } = contingencyTable(gold, predicted);
  let sumSquares = 0;
  for (const c of counts) sumSquares += c * c;
  let classSquares = 0;
  for (const a of classSizes) classSquares += a * a;
  let clusterSquares = 0;
  for (const b of clusterSizes) clusterSquares += b * b;
  const tp = sumSquares - n;
  const fp = clusterSquares - sumSquares;
  const fn = classSquares - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
