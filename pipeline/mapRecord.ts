import { DEFAULT_MAP_PARAMS } from '../src/map/mapLayout.js';
import { SILHOUETTE_SAMPLE, TRUST_SAMPLE, type MapOutput } from './6-map.js';
import { round } from './stageRecord.js';

/**
 * run.json's `map`: the layout, its parameters and how well it shows the themes (its time
 * is the `map` stage's, under `stages`, which keeps this record the same from run to run).
 */
export function mapRecord(mapped: MapOutput) {
  const { layout, figures } = mapped;
  const figure = (value: number) => (Number.isFinite(value) ? round(value, 4) : null);
  return {
    layout: layout.layout,
    ...(layout.layout === 'umap'
      ? {
        umap: {
          fitted_rows: layout.fitted?.length ?? null,
          n_neighbors: layout.nNeighbors,
          min_dist: DEFAULT_MAP_PARAMS.minDist,
          epochs: DEFAULT_MAP_PARAMS.epochs,
          metric: 'cosine (exact neighbours)',
          start: 'PCA of the fitted rows',
          others_placed_by: `similarity-weighted mean of the ${DEFAULT_MAP_PARAMS.placeNeighbours} nearest fitted rows of the same theme`,
        },
      }
      : {}),
    ...(layout.fallback === null ? {} : { fallback: layout.fallback }),
    silhouette_by_theme: figure(figures.silhouette),
    ...(figures.fittedSilhouette === null ? {} : { silhouette_by_theme_fitted_rows: figure(figures.fittedSilhouette) }),
    trustworthiness: figure(figures.trustworthiness),
    figures_on: {
      rows: 'random, seeded',
      silhouette_rows: Math.min(layout.x.length, SILHOUETTE_SAMPLE),
      ...(layout.fitted === null ? {} : { fitted_silhouette_rows: Math.min(layout.fitted.length, SILHOUETTE_SAMPLE) }),
      trustworthiness_rows: Math.min(layout.x.length, TRUST_SAMPLE), trustworthiness_neighbours: figures.trustNeighbours },
    ...(figures.pca === null ? {} : { pca_for_comparison: { silhouette_by_theme: figure(figures.pca.silhouette), trustworthiness: figure(figures.pca.trustworthiness) } }),
  };
}
