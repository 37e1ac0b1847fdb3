import type { KCandidate } from './chooseK.js';

/** Where the chosen k sits in the range searched, when that is where the curve may go on. */
export interface KRangeEdge {
  /** 'top': the best silhouettes reach the largest k; 'bottom': the smallest, above 2. */
  edge: 'top' | 'bottom';
  /** One sentence for the log, the report and run.json. */
  note: string;
  /** A wider `--k-range` to try; null when the corpus allows no wider range. */
  suggestedRange: [number, number] | null;
}

/**
 * Silhouettes this close to the highest count as level with it: about three standard
 * errors of the mean silhouette of a 3,000-paper sample (≈ 0.0016 on the benchmark).
 */
export const K_PLATEAU_TOLERANCE = 0.005;

/**
 * Whether the best k may lie past an end of the range the user asked to search: the
 * silhouette at kMax (or at kMin > 2) is within `tolerance` of the highest, so the curve
 * is still rising, or level, at that end. On the benchmark the curve is a plateau from
 * about k = 25 to past 30, and the pick within it moves with the seed; the plateau's
 * reaching the end is what matters, not the pick's being the end. An end of a narrower
 * window searched for another reason (the nightly job looks near last night's k) is not
 * the user's range and is not reported. The suggested range doubles kMax, up to `kLimit`
 * (papers - 1), or lowers kMin to 2.
 *
 * `range` is the user's range as used (already lowered to the corpus); `curve` every k
 * searched, in increasing k; `best` the k of highest silhouette.
 */
export function kRangeEdge(
  curve: readonly KCandidate[], best: number, range: readonly [number, number], kLimit: number,
  tolerance = K_PLATEAU_TOLERANCE,
): KRangeEdge | null {
  if (curve.length < 2) return null;
  const top = curve[curve.length - 1];
  const bottom = curve[0];
  const highest = curve.find((c) => c.k === best);
  if (highest === undefined) return null;
  const level = (c: KCandidate) => c.silhouette >= highest.silhouette - tolerance;
  const searched = `${range[0]}-${range[1]}`;
  const plateau = (end: KCandidate, towards: string) => end.k === best
    ? `silhouette ${towards === 'up' ? 'still rising' : 'highest'} at k = ${best}`
    : `silhouette within ${tolerance} of its highest (k = ${best}) ${towards} to k = ${end.k}`;
  if (top.k === range[1] && level(top)) {
    const wider = Math.min(kLimit, 2 * range[1]);
    const suggestedRange: [number, number] | null = wider > range[1] ? [range[0], wider] : null;
    const advice = suggestedRange === null
      ? `k cannot go above ${kLimit} (papers - 1)`
      : `try --k-range ${suggestedRange[0]}-${suggestedRange[1]}`;
    return { edge: 'top', note: `${plateau(top, 'up')}, the top of the k range ${searched}: ${advice}`, suggestedRange };
  }
  if (bottom.k === range[0] && range[0] > 2 && level(bottom)) {
    const suggestedRange: [number, number] = [2, range[1]];
    return {
      edge: 'bottom',
      note: `${plateau(bottom, 'down')}, the bottom of the k range ${searched}: try --k-range ${suggestedRange[0]}-${suggestedRange[1]}`,
      suggestedRange,
    };
  }
  return null;
}
