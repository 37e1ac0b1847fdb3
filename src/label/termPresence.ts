import type { CsrMatrix } from '../types.js';

/**
 * How many papers of each class mention each term, counting a paper fully when the term is
 * in its title or recurs (at least `fullMentions` occurrences: the title is counted
 * title-weight times), and in proportion below that, so a passing mention in one abstract
 * counts for less. Dense k x V, row-major `out[c * V + t]`; Float32 (sums of papers).
 *
 *   presence(c, t) = sum over papers d of class c of min(1, count(d, t) / fullMentions)
 */
export function termPresence(counts: CsrMatrix, labels: Int32Array, k: number, fullMentions: number): Float32Array {
  const V = counts.cols;
  const out = new Float32Array(k * V);
  const full = Math.max(1, fullMentions);
  for (let r = 0; r < counts.rows; r++) {
    const base = labels[r] * V;
    for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) out[base + counts.indices[p]] += Math.min(1, counts.values[p] / full);
  }
  return out;
}

/**
 * How evenly each term spreads over the classes, in [0, 1]: the entropy of its
 * size-normalised presence rates over the k classes, divided by ln k. 1 means every theme
 * mentions it equally often ("model", "results"); 0 means one theme alone does. This is
 * how generic terms are found from the corpus itself, with no hand-kept list.
 *
 *   rate(c, t) = presence(c, t) / size(c),  q(c) = rate(c, t) / sum_c rate(c, t)
 *   evenness(t) = -sum_c q(c) ln q(c) / ln k
 */
export function termEvenness(presence: Float32Array, sizes: readonly number[], vocabularySize: number): Float64Array {
  const k = sizes.length;
  const V = vocabularySize;
  const evenness = new Float64Array(V);
  if (k < 2) return evenness;
  const column = new Float64Array(k);
  for (let t = 0; t < V; t++) {
    for (let c = 0; c < k; c++) column[c] = presence[c * V + t];
    evenness[t] = classEvenness(column, sizes);
  }
  return evenness;
}

/**
 * termEvenness of one term from its presence in each of the k classes (`presence[c]`, in
 * class order) and the classes' sizes: the formula above for a single t. 0 when k < 2 or
 * no class mentions the term. For a partition that is not the themes' own (a merge of the
 * theme hierarchy against the other themes, see groupStatistics) only the few terms that
 * are label candidates need it.
 */
export function classEvenness(presence: ArrayLike<number>, sizes: ArrayLike<number>): number {
  const k = sizes.length;
  if (k < 2) return 0;
  let total = 0;
  for (let c = 0; c < k; c++) if (sizes[c] > 0) total += presence[c] / sizes[c];
  if (total === 0) return 0;
  let entropy = 0;
  for (let c = 0; c < k; c++) {
    if (sizes[c] === 0) continue;
    const q = presence[c] / sizes[c] / total;
    if (q > 0) entropy -= q * Math.log(q);
  }
  return entropy / Math.log(k);
}
