/**
 * Labels a user gives: by theme id ("3": "Model merging") or by a top term ("monte carlo
 * tree search": "MCTS"). A key made of digits is a theme id; any other key is a term,
 * matched (case-insensitively) against each theme's top terms, and pins the theme where it
 * ranks highest (ties: the lower theme id). A pin by id wins over a pin by term.
 */
export interface LabelPins {
  byTheme: Record<string, string>;
  byTerm: Record<string, string>;
}

/** The pinned label of each theme, or null; `topTerms[c]` are theme c's top terms, best first. */
export function pinnedLabels(pins: LabelPins | undefined, topTerms: readonly (readonly string[])[]): (string | null)[] {
  const out: (string | null)[] = topTerms.map(() => null);
  if (pins === undefined) return out;
  for (const [term, label] of Object.entries(pins.byTerm)) {
    const wanted = term.toLowerCase();
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    topTerms.forEach((terms, c) => {
      const rank = terms.findIndex((t) => t.toLowerCase() === wanted);
      if (rank >= 0 && rank < bestRank && out[c] === null) {
        best = c;
        bestRank = rank;
      }
    });
    if (best >= 0) out[best] = label;
  }
  for (const [id, label] of Object.entries(pins.byTheme)) {
    const c = Number(id);
    if (c < out.length) out[c] = label;
  }
  return out;
}
