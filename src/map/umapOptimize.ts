import type { Random } from '../random/seededRandom.js';
import type { FuzzyGraph } from './fuzzyGraph.js';

export interface UmapOptimizeParams {
  epochs: number;
  /** The curve 1 / (1 + a·d^(2b)) of umapCurve. */
  a: number;
  b: number;
  /** Negative samples per positive one. */
  negativeRate: number;
  /** Weight of the repulsion (UMAP's gamma). */
  repulsion: number;
  random: Random;
}

/** Gradient components are clipped to ±CLIP, as in the reference UMAP. */
const CLIP = 4;

/**
 * UMAP's layout optimisation in two dimensions: stochastic gradient descent on the fuzzy
 * cross-entropy between `graph` and the layout, changing `embedding` (m×2, row-major) in
 * place. Each epoch n of N, with learning rate α = 1 − n/N:
 *
 *   every edge (i, j) due this epoch (edge weight w samples it w / max w as often as the
 *   heaviest edge) pulls i and j together by  −2ab·d^(2(b−1)) / (1 + a·d^(2b)) · (y_i − y_j),
 *   then pushes i away from `negativeRate` points l drawn uniformly by
 *   2γb / ((0.001 + d²)(1 + a·d^(2b))) · (y_i − y_l),
 *
 * d² the squared distance, each component clipped to ±4. Edges lighter than max w / N are
 * never sampled. The order (edges as sorted in the graph, draws from `random`) is fixed,
 * so the same graph, start and seed give the same layout bit for bit.
 */
export function umapOptimize(graph: FuzzyGraph, embedding: Float64Array, params: UmapOptimizeParams): void {
  const { epochs, a, b, negativeRate, repulsion, random } = params;
  const m = graph.points;
  let heaviest = 0;
  for (const w of graph.weights) heaviest = Math.max(heaviest, w);
  const kept: number[] = [];
  graph.weights.forEach((w, e) => {
    if (w >= heaviest / epochs) kept.push(e);
  });
  const count = kept.length;
  const head = Int32Array.from(kept, (e) => graph.rows[e]);
  const tail = Int32Array.from(kept, (e) => graph.cols[e]);
  const perSample = Float64Array.from(kept, (e) => heaviest / graph.weights[e]);
  const perNegative = perSample.map((p) => p / negativeRate);
  const nextSample = Float64Array.from(perSample);
  const nextNegative = Float64Array.from(perNegative);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = 1 - epoch / epochs;
    for (let e = 0; e < count; e++) {
      if (nextSample[e] > epoch) continue;
      const i = head[e];
      const j = tail[e];
      let dx = embedding[2 * i] - embedding[2 * j];
      let dy = embedding[2 * i + 1] - embedding[2 * j + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const p = powPositive(d2, b);
        const coefficient = (-2 * a * b * (p / d2)) / (a * p + 1);
        const gx = clip(coefficient * dx) * alpha;
        const gy = clip(coefficient * dy) * alpha;
        embedding[2 * i] += gx;
        embedding[2 * i + 1] += gy;
        embedding[2 * j] -= gx;
        embedding[2 * j + 1] -= gy;
      }
      nextSample[e] += perSample[e];
      const negatives = Math.floor((epoch - nextNegative[e]) / perNegative[e]);
      for (let s = 0; s < negatives; s++) {
        const l = Math.floor(random() * m);
        if (l === i) continue;
        dx = embedding[2 * i] - embedding[2 * l];
        dy = embedding[2 * i + 1] - embedding[2 * l + 1];
        d2 = dx * dx + dy * dy;
        // A sample on the very spot pushes nowhere in particular: no move (as umap-learn).
        if (d2 > 0) {
          const coefficient = (2 * repulsion * b) / ((0.001 + d2) * (a * powPositive(d2, b) + 1));
          embedding[2 * i] += clip(coefficient * dx) * alpha;
          embedding[2 * i + 1] += clip(coefficient * dy) * alpha;
        }
      }
      nextNegative[e] += negatives * perNegative[e];
    }
  }
}

/**
 * x^b for x > 0 as exp(b·ln x): about half the time of Math.pow with a fractional exponent
 * in V8, and the optimisation makes one per update.
 */
function powPositive(x: number, b: number): number {
  return Math.exp(b * Math.log(x));
}

function clip(value: number): number {
  return value > CLIP ? CLIP : value < -CLIP ? -CLIP : value;
}
