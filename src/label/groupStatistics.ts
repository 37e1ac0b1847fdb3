import { classTfidfRow } from './classTfidf.js';
import { classEvenness } from './termPresence.js';

/** The themes' term statistics, computed once, that every group's are taken from. */
export interface ThemeTermStatistics {
  /** classTermCounts of the k themes (k x V, row-major). */
  counts: Float64Array;
  /** termPresence of the k themes (k x V, row-major). */
  presence: Float32Array;
  /** Papers of each theme. */
  sizes: readonly number[];
  /** Count of each term over all themes: f(t) of classTfidf, the same for every partition. */
  termTotals: Float64Array;
}

/** A group's rows (length V) as its class of the partition (group, other themes) has them. */
export interface GroupStatistics {
  counts: Float64Array;
  /** The group's row of classTfidf over the partition. */
  weights: Float64Array;
  presence: Float32Array;
  /** Papers of the group. */
  size: number;
  /** Classes of the partition: the group and the k - |G| other themes. */
  classes: number;
  /** termEvenness of a term over the partition. */
  evenness: (column: number) => number;
}

/**
 * The term statistics of a group G of themes (a merge of the theme hierarchy) labelled as
 * one theme among the others: the partition whose class 0 is G and whose classes 1.. are
 * the other themes in id order, as classTermCounts, classTfidf, termPresence and
 * termEvenness give it, from the themes' statistics and without a k x V matrix per group:
 *
 *   counts(G, t)   = sum over c in G of counts(c, t)
 *   presence(G, t) = sum over c in G of presence(c, t)     (Float32, c ascending)
 *   W(t, G)        = counts(G, t) / sum_t counts(G, t) * ln(1 + A / f(t)),
 *   A              = sum_t f(t) / (k - |G| + 1)
 *   evenness(t)    = classEvenness of (presence(G, t), presence(c, t) for c not in G)
 *
 * f(t) does not depend on the partition. Counts are whole numbers (countTerms), so their
 * sums are exact in any order and W is what classTfidf computes for the partition's k x V
 * matrix, to the bit; presence is summed in the order that matrix had it. Only row G is
 * computed, in O(|G| V); evenness costs O(k) per term, asked only of label candidates
 * (candidateColumns), where termEvenness of the partition would cost O(k V) logarithms.
 */
export function groupStatistics(themes: ThemeTermStatistics, group: readonly number[]): GroupStatistics {
  const k = themes.sizes.length;
  const V = themes.termTotals.length;
  const inGroup = new Uint8Array(k);
  for (const c of group) inGroup[c] = 1;
  const counts = new Float64Array(V);
  const presence = new Float32Array(V);
  let size = 0;
  for (let c = 0; c < k; c++) {
    if (!inGroup[c]) continue;
    size += themes.sizes[c];
    const from = c * V;
    for (let t = 0; t < V; t++) {
      counts[t] += themes.counts[from + t];
      presence[t] += themes.presence[from + t];
    }
  }
  let groupTotal = 0;
  let grandTotal = 0;
  for (let t = 0; t < V; t++) {
    groupTotal += counts[t];
    grandTotal += themes.termTotals[t];
  }
  // The partition's classes in order, and the themes in classes 1..: the group's class first.
  const others: number[] = [];
  for (let c = 0; c < k; c++) if (!inGroup[c]) others.push(c);
  const classes = others.length + 1;
  const weights = classTfidfRow(counts, groupTotal, themes.termTotals, grandTotal / classes, new Float64Array(V));
  const classSizes = Float64Array.from([size, ...others.map((c) => themes.sizes[c])]);
  const column = new Float64Array(classes);
  const evenness = (t: number) => {
    column[0] = presence[t];
    for (let i = 0; i < others.length; i++) column[i + 1] = themes.presence[others[i] * V + t];
    return classEvenness(column, classSizes);
  };
  return { counts, weights, presence, size, classes, evenness };
}
