import { transformSvd } from '../linalg/randomizedSvd.js';
import { DEFAULT_MAP_PARAMS } from '../map/mapLayout.js';
import { placeWithinThemes } from '../map/placeWithinThemes.js';
import { LOOSE_FIT_SHARE } from '../metrics/looseFits.js';
import { normalizeRows } from '../reduce/normalizeRows.js';
import type { CsrMatrix } from '../types.js';
import type { ThemeModel } from './themeModel.js';

/** Where each new paper goes: its theme (index into model.themes), score, loose-fit flag and map position. */
export interface VectorAssignment {
  themes: Int32Array;
  scores: Float64Array;
  looseFit: Uint8Array;
  x: Float64Array;
  y: Float64Array;
}


/**
 * Assigns TF-IDF rows (n x V, unit rows, weighted by the model's idf) to the model's themes:
 *
 *   theme(r) = argmax_c  tfidf_r · C_c        (C: the themes' unit TF-IDF centres; ties: lower c)
 *   z_r      = unit((tfidf_r − μ) Vᵀᵀ)        (the SVD projection, as the fit's reduced rows)
 *   score(r) = cos(z_r, m_theme)              (m: the themes' reduced centres)
 *   loose(r) = median_theme > 0 and score(r) < 0.5 · median_theme
 *   (a row without any of the model's terms: score 0, a loose fit)
 *
 * and places each on the map at the similarity-weighted mean of its 10 nearest fitted map
 * papers of its theme (of all fitted papers when the theme has fewer than 3). O(nnz·k) for
 * the themes, O(nnz·d) for the projection.
 */
export function assignVectors(model: ThemeModel, tfidf: CsrMatrix): VectorAssignment {
  const k = model.themes.ids.length;
  const V = model.tfidf.vocabulary.length;
  if (tfidf.cols !== V) throw new RangeError(`assignVectors: ${tfidf.cols} columns, the model has ${V} terms`);
  const n = tfidf.rows;
  const themes = new Int32Array(n);
  const similarity = new Float64Array(k);
  // The centres term-major (V x k): a stored entry reads its term's k weights in a row.
  const centresByTerm = new Float64Array(V * k);
  for (let c = 0; c < k; c++) for (let j = 0; j < V; j++) centresByTerm[j * k + c] = model.themes.tfidfCentres[c * V + j];
  for (let r = 0; r < n; r++) {
    similarity.fill(0);
    for (let p = tfidf.indptr[r]; p < tfidf.indptr[r + 1]; p++) {
      const base = tfidf.indices[p] * k;
      const w = tfidf.values[p];
      for (let c = 0; c < k; c++) similarity[c] += w * centresByTerm[base + c];
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (similarity[c] > similarity[best]) best = c;
    themes[r] = best;
  }
  const reduced = normalizeRows(transformSvd(model.svd, tfidf));
  const d = reduced.cols;
  const scores = new Float64Array(n);
  const looseFit = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const c = themes[r];
    let dot = 0;
    let xx = 0;
    let cc = 0;
    for (let j = 0; j < d; j++) {
      const x = reduced.data[r * d + j];
      const m = model.themes.reducedCentres[c * d + j];
      dot += x * m;
      xx += x * x;
      cc += m * m;
    }
    // A paper with none of the model's terms fits no theme (centred, its projection is −μV, not 0).
    const empty = tfidf.indptr[r + 1] === tfidf.indptr[r];
    scores[r] = !empty && xx > 0 && cc > 0 ? dot / Math.sqrt(xx * cc) : 0;
    const median = model.themes.medianScores[c];
    looseFit[r] = empty || (median > 0 && scores[r] < LOOSE_FIT_SHARE * median) ? 1 : 0;
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const mapRows = { rows: model.map.themes.length, cols: d, data: model.map.rows };
  placeWithinThemes({ rows: mapRows, positions: model.map.positions, themes: model.map.themes }, reduced, Array.from({ length: n }, (_, r) => r), (r) => themes[r], DEFAULT_MAP_PARAMS.placeNeighbours, x, y);
  return { themes, scores, looseFit, x, y };
}
