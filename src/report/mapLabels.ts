import type { Assignment } from '../types.js';

/** Where a theme's label sits on the map: at one of its own papers, near the middle of them. */
export interface MapLabelAnchor {
  themeId: number;
  x: number;
  y: number;
  /** Papers in the theme: larger themes win when two labels would overlap. */
  size: number;
}

/**
 * One anchor per theme with papers: the theme's paper nearest to the coordinate-wise
 * median of its positions. The median resists the few papers a layout puts far out, and
 * snapping to a member keeps the label on the theme's own region even when that region is
 * not convex (the mean of a crescent lies outside it). Ties go to the earlier paper.
 * Anchors come largest theme first (then by id), the order labels are placed in.
 */
export function mapLabelAnchors(assignments: readonly Assignment[]): MapLabelAnchor[] {
  const members = new Map<number, number[]>();
  assignments.forEach((a, i) => {
    const list = members.get(a.themeId);
    if (list === undefined) members.set(a.themeId, [i]);
    else list.push(i);
  });
  const anchors: MapLabelAnchor[] = [];
  for (const [themeId, rows] of members) {
    const mx = median(rows.map((i) => assignments[i].x));
    const my = median(rows.map((i) => assignments[i].y));
    let best = rows[0];
    let bestDistance = Infinity;
    for (const i of rows) {
      const distance = Math.hypot(assignments[i].x - mx, assignments[i].y - my);
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    anchors.push({ themeId, x: assignments[best].x, y: assignments[best].y, size: rows.length });
  }
  return anchors.sort((a, b) => b.size - a.size || a.themeId - b.themeId);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
