/**
 * Share of its theme's median score below which a paper is a loose fit: it sits much
 * farther from the theme's centre than the theme's typical paper.
 */
export const LOOSE_FIT_SHARE = 0.5;

/**
 * Which papers fit their theme loosely. With s(i) paper i's score (cosine similarity of
 * its reduced vector to its theme centre) and m(c) the median score of theme c's papers:
 *
 *   loose(i) = s(i) < share * m(label(i))
 *
 * Strictly below, so a paper exactly at the threshold is not loose, and the paper of a
 * theme of one (s = m > 0) never is. The median (the mean of the middle two for an even
 * count) is robust to the loose fits themselves. Centres are means of their members, so a
 * theme's mean score is positive and its median, in practice, too; a theme whose median is
not positive flags none (half of it would otherwise fall below half its median). Labels are any theme
 * ids (nightly ids need not be 0..k-1). Returns 1 for a loose fit, else 0, per paper.
 */
export function looseFits(scores: Float64Array, labels: Int32Array, share: number = LOOSE_FIT_SHARE): Uint8Array {
  if (scores.length !== labels.length) {
    throw new Error(`looseFits: ${scores.length} scores but ${labels.length} labels`);
  }
  const medians = themeMedians(scores, labels);
  const flags = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const m = medians.get(labels[i])!;
    // A theme whose typical paper does not point towards its centre has no "typical fit" to fall short of.
    flags[i] = m > 0 && scores[i] < share * m ? 1 : 0;
  }
  return flags;
}

/** Median score of each theme, by theme id. */
export function themeMedians(scores: Float64Array, labels: Int32Array): Map<number, number> {
  const byTheme = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const list = byTheme.get(label);
    if (list === undefined) byTheme.set(label, [scores[i]]);
    else list.push(scores[i]);
  });
  const medians = new Map<number, number>();
  for (const [label, list] of byTheme) medians.set(label, median(Float64Array.from(list).sort()));
  return medians;
}

/** Median of sorted values (at least one). */
function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The rule as run.json states it. */
export function looseFitRuleRecord(share: number = LOOSE_FIT_SHARE): { score_below_share_of_theme_median: number } {
  return { score_below_share_of_theme_median: share };
}
