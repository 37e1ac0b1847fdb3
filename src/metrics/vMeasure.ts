import { contingencyTable, entropyOfSizes, mutualInformation, type Labels } from './contingency.js';

export interface HomogeneityCompleteness {
  /** 1 − H(C|K)/H(C) = I(C;K)/H(C): each cluster holds a single class. */
  homogeneity: number;
  /** 1 − H(K|C)/H(K) = I(C;K)/H(K): each class sits in a single cluster. */
  completeness: number;
  /** (1+β)·h·c / (β·h + c): their weighted harmonic mean. */
  vMeasure: number;
}

/**
 * Homogeneity, completeness and V-measure (Rosenberg & Hirschberg 2007), as scikit-learn's
 * `homogeneity_completeness_v_measure(labels_true, labels_pred, beta=1.0)`.
 * A zero entropy denominator gives 1 (a single class is trivially homogeneous, a single
 * cluster trivially complete); v = 0 when h + c = 0; all three are 1 for empty input.
 * β > 1 weights completeness more, β < 1 homogeneity.
 */
export function homogeneityCompletenessVMeasure(
  gold: Labels,
  predicted: Labels,
  beta = 1,
): HomogeneityCompleteness {
  const table = contingencyTable(gold, predicted);
  if (table.n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hC = entropyOfSizes(table.classSizes);
  const hK = entropyOfSizes(table.clusterSizes);
  const mi = mutualInformation(table);
  const homogeneity = hC ? mi / hC : 1;
  const completeness = hK ? mi / hK : 1;
  const vMeasure =
    homogeneity + completeness === 0
      ? 0
      : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

/** V-measure alone (β = 1 by default); equals NMI with arithmetic normalisation. */
export function vMeasureScore(gold: Labels, predicted: Labels, beta = 1): number {
  return homogeneityCompletenessVMeasure(gold, predicted, beta).vMeasure;
}
