import { maximumAssignment } from './hungarian.js';

export interface ThemeMatch {
  /** Stable id for each of tonight's clusters (index = cluster). */
  ids: number[];
  /** Previous ids that found no partner tonight: those themes ended. */
  ended: number[];
  /** For each cluster, the Jaccard overlap with the theme it continues (0 for new ones). */
  overlap: number[];
}

/**
 * Gives tonight's clusters the ids of last night's themes they continue. Two themes are the
 * same when they share papers: the score of a pair is the Jaccard overlap of their members
 * among the papers clustered both nights, and an optimal assignment (Hungarian) pairs them
 * so that the total overlap is largest. A pair below `threshold` is not a continuation: the
 * cluster gets a new id (from `nextId` on) and the old theme is recorded as ended.
 *
 * `tonight[i]` is paper `paperIds[i]`'s cluster (0..k-1); `previous` maps paper ids to last
 * night's theme ids.
 */
export function matchThemes(
  paperIds: readonly string[],
  tonight: Int32Array,
  k: number,
  previous: ReadonlyMap<string, number>,
  nextId: number,
  threshold: number,
): ThemeMatch {
  const previousIds = [...new Set(previous.values())].sort((a, b) => a - b);
  const column = new Map(previousIds.map((id, j) => [id, j]));
  const m = previousIds.length;
  const both = new Float64Array(k * m);
  const tonightSize = new Float64Array(k);
  const previousSize = new Float64Array(m);
  paperIds.forEach((id, i) => {
    const before = previous.get(id);
    if (before === undefined) return; // new paper: it cannot show a continuation
    const j = column.get(before)!;
    tonightSize[tonight[i]]++;
    previousSize[j]++;
    both[tonight[i] * m + j]++;
  });
  const jaccard = new Float64Array(k * m);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < m; j++) {
      const shared = both[c * m + j];
      const union = tonightSize[c] + previousSize[j] - shared;
      jaccard[c * m + j] = union > 0 ? shared / union : 0;
    }
  }
  const pairs = m === 0 ? new Int32Array(k).fill(-1) : maximumAssignment(jaccard, k, m);
  const ids: number[] = [];
  const overlap: number[] = [];
  const continued = new Set<number>();
  let fresh = nextId;
  for (let c = 0; c < k; c++) {
    const j = pairs[c];
    if (j >= 0 && jaccard[c * m + j] >= threshold) {
      ids.push(previousIds[j]);
      overlap.push(jaccard[c * m + j]);
      continued.add(previousIds[j]);
    } else {
      ids.push(fresh++);
      overlap.push(0);
    }
  }
  return { ids, ended: previousIds.filter((id) => !continued.has(id)), overlap };
}
