import { contingencyTable, entropyOfSizes, mutualInformation, type Labels } from './contingency.js';

/**
 * Normalised mutual information with arithmetic-mean normalisation,
 *   NMI = I(C; K) / ((H(C) + H(K)) / 2),
 * as scikit-learn's `normalized_mutual_info_score(labels_true, labels_pred)` (default
 * average_method="arithmetic"). In [0, 1]; 1 iff the partitions are identical up to
 * renaming. Special cases follow scikit-learn: 1 when both labellings have a single part
 * (or no items), 0 when the mutual information is 0.
 */
export function normalizedMutualInfo(gold: Labels, predicted: Labels): number {
  const table = contingencyTable(gold, predicted);
  if (table.classes === table.clusters && table.classes <= 1) return 1;
  const mi = mutualInformation(table);
  if (mi === 0) return 0;
  const normaliser = (entropyOfSizes(table.classSizes) + entropyOfSizes(table.clusterSizes)) / 2;
  return mi / normaliser;
}
