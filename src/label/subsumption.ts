import type { TermRelations } from './topTerms.js';

/**
 * For each term, the longer phrase it stands for, or -1: the phrase containing it (as a run
 * of its words, or as X or Y of "X of Y") with the most occurrences, when that phrase has
 * at least `share` of the term's own occurrences, i.e. the term occurs almost only inside
 * it ("carlo tree search" and "monte carlo tree" -> "monte carlo tree search"). Followed
 * to the end: the result is never itself subsumed.
 *
 * `totals[t]` is the number of occurrences of term t in the corpus; `relations` gives
 * each phrase's parts (termRelations).
 */
export function subsumingPhrases(totals: ArrayLike<number>, relations: TermRelations, share: number): Int32Array {
  const V = totals.length;
  const widest = new Int32Array(V).fill(-1);
  for (let p = 0; p < V; p++) {
    const parts = relations.parts[p];
    if (parts === null || totals[p] === 0) continue;
    for (const q of parts) {
      const best = widest[q];
      if (best < 0 || totals[p] > totals[best] || (totals[p] === totals[best] && p < best)) widest[q] = p;
    }
  }
  const into = new Int32Array(V).fill(-1);
  for (let q = 0; q < V; q++) {
    const p = widest[q];
    if (p >= 0 && totals[q] > 0 && totals[p] >= share * totals[q]) into[q] = p;
  }
  // A chain q -> p -> r ends at r; each step is strictly longer, so at most 3 steps.
  const resolved = new Int32Array(V);
  for (let q = 0; q < V; q++) {
    let t = q;
    while (into[t] >= 0) t = into[t];
    resolved[q] = t === q ? -1 : t;
  }
  return resolved;
}
