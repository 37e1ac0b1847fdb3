import type { KCandidate } from './chooseK.js';

/** Where the chosen k sits in the range searched, when that is where the curve may go on. */
export interface KRangeEdge {
  /** 'top': k is the largest k searched; 'bottom': the smallest, and above 2. */
  edge: 'top' | 'bottom';
  /** One sentence for the log, the report and run.json. */
  note: string;
  /** A wider `--k-range` to try; null when the corpus allows no wider range. */
  suggestedRange: [number, number] | null;
}

/**
 * Whether the chosen k lies at an edge of the range the user asked to search, where the
 * criterion might have gone on improving past the range: k = kMax (the silhouette still
 * rising) or k = kMin > 2 (highest at the bottom). An edge of a narrower window searched
 * for another reason (the nightly job looks near last night's k) is not the user's range
 * and is not reported. The suggested range doubles kMax, up to `kLimit` (papers - 1), or
 * lowers kMin to 2.
 *
 * `range` is the user's range as used (already lowered to the corpus); `curve` every k
 * searched, in increasing k.
 */
export function kRangeEdge(curve: readonly KCandidate[], chosen: number, range: readonly [number, number], kLimit: number): KRangeEdge | null {
  if (curve.length < 2) return null;
  const searchedMin = curve[0].k;
  const searchedMax = curve[curve.length - 1].k;
  const searched = `${range[0]}-${range[1]}`;
  if (chosen === searchedMax && searchedMax === range[1]) {
    const wider = Math.min(kLimit, 2 * range[1]);
    const suggestedRange: [number, number] | null = wider > range[1] ? [range[0], wider] : null;
    const advice = suggestedRange === null
      ? `k cannot go above ${kLimit} (papers - 1)`
      : `try --k-range ${suggestedRange[0]}-${suggestedRange[1]}`;
    return { edge: 'top', note: `silhouette still rising at k = ${chosen}, the top of the k range ${searched}: ${advice}`, suggestedRange };
  }
  if (chosen === searchedMin && searchedMin === range[0] && range[0] > 2) {
    const suggestedRange: [number, number] = [2, range[1]];
    return {
      edge: 'bottom',
      note: `silhouette highest at k = ${chosen}, the bottom of the k range ${searched}: try --k-range ${suggestedRange[0]}-${suggestedRange[1]}`,
      suggestedRange,
    };
  }
  return null;
}
