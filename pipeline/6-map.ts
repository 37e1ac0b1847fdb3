import { mapLayout, type MapLayout, type MapLayoutParams } from '../src/map/mapLayout.js';
import { mapSilhouette } from '../src/metrics/mapSilhouette.js';
import { trustworthinessOfMaps } from '../src/metrics/trustworthiness.js';
import { deriveSeed } from '../src/random/seededRandom.js';
import { sampleIndices } from '../src/random/sampleIndices.js';
import { project2d } from '../src/reduce/project2d.js';
import type { DenseMatrix } from '../src/types.js';

/** How well a map shows the themes and keeps neighbours: run.json's `map` figures. */
export interface MapFigures {
  /** Silhouette of the 2-D positions grouped by theme (Euclidean), on SILHOUETTE_SAMPLE random rows. */
  silhouette: number;
  /** UMAP: the same over the rows UMAP was fitted on only (the others are placed within their theme); null for PCA. */
  fittedSilhouette: number | null;
  /** Trustworthiness with `trustNeighbours` neighbours, on TRUST_SAMPLE rows (NaN below 5 papers). */
  trustworthiness: number;
  /** Neighbours of the trustworthiness: TRUST_NEIGHBOURS, fewer for a small corpus (k < rows / 2). */
  trustNeighbours: number;
  /** The same two for the exact PCA map of the same vectors, for comparison (null when the map is the PCA). */
  pca: { silhouette: number; trustworthiness: number } | null;
}

export interface MapOutput {
  layout: MapLayout;
  figures: MapFigures;
}

/** Rows the map's silhouette is computed on, evenly spaced (O(n²)). */
export const SILHOUETTE_SAMPLE = 1000;
/** Rows and neighbours of the trustworthiness figure. */
export const TRUST_SAMPLE = 1000;
export const TRUST_NEIGHBOURS = 10;

/**
 * Stage 6, map. In: the reduced vectors (unit rows) and the themes. Out: each paper's 2-D
 * position for the report (src/map/mapLayout.ts) and how well the map shows the themes:
 * the silhouette of the positions by theme and the trustworthiness of the neighbourhoods,
 * beside the same figures of the linear PCA map.
 */
export function map(input: { vectors: DenseMatrix; labels: Int32Array; k: number }, params: MapLayoutParams): MapOutput {
  const layout = mapLayout(input.vectors, input.labels, params);
  const n = input.vectors.rows;
  // Random rows, not evenly spaced ones: those would include UMAP's own (evenly spaced) rows.
  const silhouetteRows = sampleIndices(n, Math.min(n, SILHOUETTE_SAMPLE), deriveSeed(params.seed, 1));
  const trustRows = sampleIndices(n, Math.min(n, TRUST_SAMPLE), deriveSeed(params.seed, 2));
  // k < rows / 2, as scikit-learn requires: 10 neighbours, fewer for a corpus under 22 papers.
  const trustNeighbours = Math.min(TRUST_NEIGHBOURS, Math.ceil(trustRows.length / 2) - 1);
  const canTrust = trustNeighbours >= 1;
  const baseline = layout.layout === 'pca' ? null : project2d(input.vectors);
  const maps = baseline === null ? [layout] : [layout, baseline];
  const trust = canTrust ? trustworthinessOfMaps(input.vectors, maps, trustRows, trustNeighbours) : maps.map(() => NaN);
  const silhouettes = maps.map((m) => mapSilhouette(m.x, m.y, input.labels, input.k, silhouetteRows));
  return {
    layout,
    figures: {
      silhouette: silhouettes[0],
      fittedSilhouette: layout.fitted === null ? null : mapSilhouette(layout.x, layout.y, input.labels, input.k, someOf(layout.fitted, SILHOUETTE_SAMPLE)),
      trustworthiness: trust[0],
      trustNeighbours,
      pca: baseline === null ? null : { silhouette: silhouettes[1], trustworthiness: trust[1] },
    },
  };
}

/** At most `size` of `rows`, evenly spaced. */
function someOf(rows: Int32Array, size: number): Int32Array {
  if (rows.length <= size) return rows;
  return Int32Array.from({ length: size }, (_, i) => rows[Math.floor((i * rows.length) / size)]);
}
