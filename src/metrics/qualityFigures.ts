import type { Paper } from '../types.js';
import { adjustedRandIndex } from './ari.js';
import { normalizedMutualInfo } from './nmi.js';
import { homogeneityCompletenessVMeasure } from './vMeasure.js';

/**
 * The quality figures of a run: always the silhouette; when every paper carries a gold
 * `label`, also V-measure (with homogeneity and completeness), NMI and ARI against it.
 * Rounded to 6 decimals so that run.json and the report read the same on every machine.
 */
export function qualityFigures(silhouette: number, papers: readonly Paper[], labels: Int32Array): Record<string, number> {
  const figures: Record<string, number> = { silhouette: round6(silhouette) };
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
