import type { Assignment } from '../types.js';

/**
 * Above this many papers the map draws a sample of this many; search and the lists by theme
 * still cover every paper. Vega's drawing time grows with the points, and the page would
 * carry every point's fields (open times: docs/performance.md).
 */
export const MAP_DRAW_LIMIT = 40000;

/**
 * Which papers the map draws: all of them up to `limit`; above it, each theme's papers in
 * proportion to its size (ceil(size · limit / n), at least one), evenly spaced in paper
 * order, so every theme keeps its region and its share. `true` at the index of a drawn
 * paper. Deterministic: no random draw.
 */
export function mapSample(assignments: readonly Assignment[], limit: number = MAP_DRAW_LIMIT): boolean[] {
  const n = assignments.length;
  if (n <= limit) return assignments.map(() => true);
  const members = new Map<number, number[]>();
  assignments.forEach((a, i) => {
    const list = members.get(a.themeId);
    if (list === undefined) members.set(a.themeId, [i]);
    else list.push(i);
  });
  const drawn = assignments.map(() => false);
  for (const rows of members.values()) {
    const keep = Math.max(1, Math.ceil((rows.length * limit) / n));
    for (let j = 0; j < keep; j++) drawn[rows[Math.floor((j * rows.length) / keep)]] = true;
  }
  return drawn;
}
