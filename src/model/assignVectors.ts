import { projectionThreads, svdProjector, type SvdProjector } from '../linalg/randomizedSvd.js';
import { DEFAULT_MAP_PARAMS } from '../map/mapLayout.js';
import { fittedPlacer } from '../map/placeWithinThemes.js';
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
  const assigner = vectorAssigner(model, projectionThreads(tfidf, model.svd.singularValues.length));
  try {
    return assigner.assign(tfidf);
  } finally {
    assigner.release();
  }
}

/** {@link assignVectors} for many matrices, holding kernel memory until `release`. */
export interface VectorAssigner {
  assign(tfidf: CsrMatrix): VectorAssignment;
  /** Hands the kernels' memory on; `assign` must not be called afterwards. */
  release(): void;
}

/**
 * A {@link VectorAssigner}: the centres term-major, the SVD projection (on `threads`
 * threads) and each theme's map neighbours are laid out once.
 */
export function vectorAssigner(model: ThemeModel, threads = 1): VectorAssigner {
  const k = model.themes.ids.length;
  const V = model.tfidf.vocabulary.length;
  // The centres term-major (V x k): a stored entry reads its term's k weights in a row.
  const centresByTerm = new Float64Array(V * k);
  for (let c = 0; c < k; c++) for (let j = 0; j < V; j++) centresByTerm[j * k + c] = model.themes.tfidfCentres[c * V + j];
  const project = svdProjector(model.svd, threads);
  const d = model.svd.singularValues.length;
  const place = fittedPlacer({ rows: { rows: model.map.themes.length, cols: d, data: model.map.rows }, positions: model.map.positions, themes: model.map.themes }, DEFAULT_MAP_PARAMS.placeNeighbours);
  return {
    assign(tfidf) {
      if (tfidf.cols !== V) throw new RangeError(`assignVectors: ${tfidf.cols} columns, the model has ${V} terms`);
      return assignRows(model, tfidf, centresByTerm, project, place);
    },
    release: () => project.release(),
  };
}

function assignRows(
  model: ThemeModel,
  tfidf: CsrMatrix,
  centresByTerm: Float64Array,
  project: SvdProjector,
  place: ReturnType<typeof fittedPlacer>,
): VectorAssignment {
  const k = model.themes.ids.length;
  const n = tfidf.rows;
  const themes = new Int32Array(n);
  const similarity = new Float64Array(k);
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
  const reduced = normalizeRows(project.project(tfidf));
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
  place(reduced, Array.from({ length: n }, (_, r) => r), (r) => themes[r], x, y);
  return { themes, scores, looseFit, x, y };
}
