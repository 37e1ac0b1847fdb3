import { describe, expect, it } from 'vitest';
import { mapLabelAnchors } from '../../src/report/mapLabels.js';
import type { Assignment } from '../../src/types.js';

const at = (themeId: number, x: number, y: number): Assignment => ({ paperId: `${themeId}-${x}-${y}`, themeId, score: 1, x, y });

describe('mapLabelAnchors', () => {
  it('anchors each theme at its paper nearest the median of its positions, largest theme first', () => {
    const anchors = mapLabelAnchors([
      at(0, 0, 0), at(0, 1, 0), at(0, 2, 0), at(0, 100, 0), // median (1.5, 0): papers at 1 and 2 tie, the earlier wins
      at(1, 5, 5), at(1, 6, 6), at(1, 7, 7), at(1, 8, 8), at(1, 9, 9),
    ]);
    expect(anchors).toEqual([
      { themeId: 1, x: 7, y: 7, size: 5 },
      { themeId: 0, x: 1, y: 0, size: 4 },
    ]);
  });

  it('keeps the label on the theme’s own papers when their mean lies outside them (a crescent)', () => {
    const crescent = Array.from({ length: 9 }, (_, i) => {
      const angle = (i / 8) * Math.PI;
      return at(0, Math.cos(angle), Math.sin(angle));
    });
    const [anchor] = mapLabelAnchors(crescent);
    expect(crescent.some((a) => a.x === anchor.x && a.y === anchor.y)).toBe(true);
    expect(Math.hypot(anchor.x, anchor.y)).toBeCloseTo(1, 12);
  });

  it('orders themes of the same size by id', () => {
    expect(mapLabelAnchors([at(3, 0, 0), at(1, 1, 1)]).map((a) => a.themeId)).toEqual([1, 3]);
  });
});
