import type { LabelFigures } from '../label/labelFigures.js';
import type { Paper } from '../types.js';
import { adjustedRandIndex } from './ari.js';
import { normalizedMutualInfo } from './nmi.js';
import { homogeneityCompletenessVMeasure } from './vMeasure.js';

/** The label-free figures of a run, computed by the cluster and label stages. */
export interface UnsupervisedFigures {
  /** Mean cosine silhouette (on a seeded sample for large corpora). */
  silhouette: number;
  /** Mean NPMI coherence of the themes' top-10 terms. */
  npmi: number;
  /** Topic diversity of the themes' top-10 terms. */
  topicDiversity: number;
  /** How well the labels name their themes (label F1, generic and word-pair shares). */
  labels?: LabelFigures;
}

/**
 * The quality figures of a run: always silhouette, NPMI and topic diversity; when every
 * paper carries a gold `label`, also V-measure (with homogeneity and completeness), NMI and
 * ARI against it. Rounded to 6 decimals so that run.json and the report read the same on
 * every machine.
 */
export function qualityFigures(unsupervised: UnsupervisedFigures, papers: readonly Paper[], labels: Int32Array): Record<string, number> {
  const figures: Record<string, number> = {
    silhouette: round6(unsupervised.silhouette),
    npmi: round6(unsupervised.npmi),
    topic_diversity: round6(unsupervised.topicDiversity),
  };
  if (unsupervised.labels) {
    figures.label_f1 = round6(unsupervised.labels.labelF1);
    figures.generic_labels = round6(unsupervised.labels.genericLabels);
    figures.word_pair_labels = round6(unsupervised.labels.wordPairLabels);
  }
  const gold = papers.map((paper) => paper.label);
  if (papers.length > 0 && gold.every((label): label is string => typeof label === 'string' && label !== '')) {
    const v = homogeneityCompletenessVMeasure(gold, labels);
    figures.v_measure = round6(v.vMeasure);
    figures.homogeneity = round6(v.homogeneity);
    figures.completeness = round6(v.completeness);
    figures.nmi = round6(normalizedMutualInfo(gold, labels));
    figures.ari = round6(adjustedRandIndex(gold, labels));
  }
  return figures;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
