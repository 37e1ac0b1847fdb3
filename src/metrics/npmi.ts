import type { CsrMatrix } from '../types.js';

export interface Coherence {
  /** NPMI of each theme's top terms, in the order given; NaN for a theme with < 2 terms. */
  perTheme: number[];
  /** Mean over the themes with a defined value (NaN when none has). */
  mean: number;
}

/**
 * NPMI topic coherence (Bouma 2009), as the C_NPMI measure of Röder et al. 2015 with the
 * boolean-document reference: the corpus's own papers are the documents.
 *
 *   P(w)       = D(w) / N            D(w): papers containing term w, N: papers
 *   P(wi, wj)  = D(wi, wj) / N       D(wi, wj): papers containing both
 *   NPMI(wi, wj) = ln( P(wi, wj) / (P(wi) P(wj)) ) / −ln P(wi, wj)
 *
 * NPMI is in [−1, 1]: −1 for terms never in the same paper (the limit as D(wi, wj) → 0,
 * used instead of an epsilon), 0 for independent terms, 1 for terms always together. A
 * theme's coherence is the mean NPMI over all pairs i < j of its top terms (10 in a run).
 *
 * `docs` is the papers x terms count matrix (a term is "in" a paper when its count > 0);
 * `topColumns` lists each theme's top terms as column indices of it.
 */
export function npmiCoherence(docs: CsrMatrix, topColumns: readonly (readonly number[])[]): Coherence {
  const N = docs.rows;
  const wanted = new Map<number, number>();
  for (const columns of topColumns) {
    for (const column of columns) {
      if (!Number.isInteger(column) || column < 0 || column >= docs.cols) {
        throw new RangeError(`npmiCoherence: column ${column} is outside 0..${docs.cols - 1}`);
      }
      if (!wanted.has(column)) wanted.set(column, wanted.size);
    }
  }
  // Papers containing each wanted term, ascending (rows are visited in order).
  const postings: number[][] = Array.from({ length: wanted.size }, () => []);
  for (let r = 0; r < N; r++) {
    for (let p = docs.indptr[r]; p < docs.indptr[r + 1]; p++) {
      const slot = wanted.get(docs.indices[p]);
      if (slot !== undefined && docs.values[p] > 0) postings[slot].push(r);
    }
  }
  const perTheme = topColumns.map((columns) => {
    if (columns.length < 2) return Number.NaN;
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < columns.length; i++) {
      for (let j = i + 1; j < columns.length; j++) {
        const a = postings[wanted.get(columns[i])!];
        const b = postings[wanted.get(columns[j])!];
        sum += npmi(a.length, b.length, intersectionSize(a, b), N);
        pairs++;
      }
    }
    return sum / pairs;
  });
  const defined = perTheme.filter((v) => !Number.isNaN(v));
  const mean = defined.length === 0 ? Number.NaN : defined.reduce((s, v) => s + v, 0) / defined.length;
  return { perTheme, mean };
}

/** NPMI from document counts; see npmiCoherence for the conventions at −1 and 1. */
export function npmi(dfA: number, dfB: number, dfBoth: number, papers: number): number {
  if (dfBoth === 0) return -1;
  const pBoth = dfBoth / papers;
  if (pBoth === 1) return 1;
  return Math.log(pBoth / ((dfA / papers) * (dfB / papers))) / -Math.log(pBoth);
}

/** Size of the intersection of two ascending lists. */
function intersectionSize(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      count++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return count;
}
