import type { CsrMatrix } from '../types.js';
import { rowMatches, type LabelQuery } from './labelQuery.js';

/**
 * A theme's representative papers, best first: members its label finds (the label as a
 * query), tight fits before loose fits (see looseFits: a paper far from the centre only
 * represents the theme when too few others do), each group ranked by how well its papers
 * fit the theme, in the reduced space and in words:
 *
 *   fit(d) = cosine(d, centre) * (sum of the theme's top-term weights d mentions
 *                                 / sum of all its top-term weights)
 *
 * so a paper that sits near the centre but shares none of the theme's words (an off-topic
 * paper the clustering took in) does not represent it. When the label finds no member
 * (a pinned label in other words than the papers'), all members are ranked. Ties: the
 * earlier paper.
 *
 * `members` are row indices of `counts` (papers x vocabulary); `scores[i]` is paper i's
 * cosine to its theme centre and `looseFit[i]` 1 when it is a loose fit; `topColumns` and
 * `topWeights` the theme's top terms.
 */
export function representativePapers(
  members: readonly number[],
  scores: Float64Array,
  looseFit: Uint8Array,
  counts: CsrMatrix,
  query: LabelQuery,
  topColumns: readonly number[],
  topWeights: readonly number[],
  count: number,
): number[] {
  const weightOf = new Float64Array(counts.cols);
  let totalWeight = 0;
  topColumns.forEach((column, i) => {
    weightOf[column] = topWeights[i];
    totalWeight += topWeights[i];
  });
  const fit = (r: number) => {
    let mentioned = 0;
    for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) mentioned += weightOf[counts.indices[p]];
    return Math.max(0, scores[r]) * (totalWeight > 0 ? mentioned / totalWeight : 1);
  };
  const found = members.filter((r) => rowMatches(counts, r, query));
  const pool = found.length > 0 ? found : [...members];
  const fits = new Map(pool.map((r) => [r, fit(r)] as const));
  return pool.sort((a, b) => looseFit[a] - looseFit[b] || fits.get(b)! - fits.get(a)! || a - b).slice(0, count);
}
