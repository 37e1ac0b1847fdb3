/**
 * Contingency table of two labellings and the information quantities every
 * external clustering metric is built from (natural logarithms, as scikit-learn).
 */

/** A labelling: gold labels as strings or numbers, predicted labels as an Int32Array. */
export type Labels = ArrayLike<string | number>;

/**
 * counts[i·clusters + j] = number of items with class i (gold) and cluster j (predicted).
 * Class and cluster ids are assigned in order of first appearance; every metric here is
 * invariant to that order. Labels are compared by value and type (1 ≠ "1").
 */
export interface Contingency {
  classes: number;
  clusters: number;
  /** classes×clusters row-major counts. */
  counts: Float64Array;
  /** Row sums aᵢ (class sizes). */
  classSizes: Float64Array;
  /** Column sums bⱼ (cluster sizes). */
  clusterSizes: Float64Array;
  /** Number of items N. */
  n: number;
}

function encode(labels: Labels): { ids: Int32Array; count: number } {
  const index = new Map<string | number, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    let id = index.get(label);
    if (id === undefined) {
      id = index.size;
      index.set(label, id);
    }
    ids[i] = id;
  }
  return { ids, count: index.size };
}

/** Builds the contingency table; both labellings must have the same length. */
export function contingencyTable(gold: Labels, predicted: Labels): Contingency {
  if (gold.length !== predicted.length) {
    throw new RangeError(`labellings differ in length: ${gold.length} vs ${predicted.length}`);
  }
  const g = encode(gold);
  const p = encode(predicted);
  const counts = new Float64Array(g.count * p.count);
  const classSizes = new Float64Array(g.count);
  const clusterSizes = new Float64Array(p.count);
  for (let i = 0; i < g.ids.length; i++) {
    counts[g.ids[i] * p.count + p.ids[i]]++;
    classSizes[g.ids[i]]++;
    clusterSizes[p.ids[i]]++;
  }
  return { classes: g.count, clusters: p.count, counts, classSizes, clusterSizes, n: gold.length };
}

/**
 * Shannon entropy H = −Σ (s/N) ln(s/N) of a partition given its part sizes (N = Σ s).
 * 0 for a single part; 1 for an empty partition (scikit-learn's convention).
 */
export function entropyOfSizes(sizes: Float64Array): number {
  let n = 0;
  let parts = 0;
  for (const s of sizes) {
    n += s;
    if (s > 0) parts++;
  }
  if (n === 0) return 1;
  if (parts === 1) return 0;
  const logN = Math.log(n);
  let h = 0;
  for (const s of sizes) if (s > 0) h -= (s / n) * (Math.log(s) - logN);
  return h;
}

/**
 * Mutual information I(C; K) = Σᵢⱼ (nᵢⱼ/N) ln(N·nᵢⱼ / (aᵢ bⱼ)) over the non-zero cells, as
 * scikit-learn's `mutual_info_score`: 0 when either labelling has a single part; terms
 * with |term| < machine ε are zeroed and the total is clipped at 0.
 */
export function mutualInformation(table: Contingency): number {
  const { classes, clusters, counts, classSizes, clusterSizes, n } = table;
  if (classes <= 1 || clusters <= 1) return 0;
  const logN = Math.log(n);
  let mi = 0;
  for (let i = 0; i < classes; i++) {
    for (let j = 0; j < clusters; j++) {
      const nij = counts[i * clusters + j];
      if (nij === 0) continue;
      const p = nij / n;
      const term = p * (Math.log(nij) - logN) + p * (-Math.log(classSizes[i] * clusterSizes[j]) + 2 * logN);
      if (Math.abs(term) >= Number.EPSILON) mi += term;
    }
  }
  return Math.max(0, mi);
}
