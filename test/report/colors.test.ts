import { lab, schemeTableau10 } from 'd3';
import { describe, expect, it } from 'vitest';
import { contrastWithWhite, MIN_CONTRAST_WITH_WHITE, themeColors } from '../../src/report/colors.js';

/** CIELAB distance (ΔE76) between two colours. */
function deltaE(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

describe('themeColors', () => {
  it('returns exactly one colour per theme', () => {
    expect(themeColors(0)).toEqual([]);
    expect(themeColors(4)).toHaveLength(4);
    expect(themeColors(57)).toHaveLength(57);
  });

  it('starts with Tableau 10, in order', () => {
    expect(themeColors(10)).toEqual([...schemeTableau10]);
    expect(themeColors(3)).toEqual(schemeTableau10.slice(0, 3));
  });

  it('gives distinct colours well beyond ten themes', () => {
    for (const n of [11, 22, 23, 60]) {
      expect(new Set(themeColors(n)).size).toBe(n);
    }
  });

  it('returns six-digit hex colours usable in CSS and Vega', () => {
    for (const c of themeColors(40)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('is deterministic and prefix-stable: theme i keeps its colour as k grows', () => {
    expect(themeColors(30)).toEqual(themeColors(30));
    expect(themeColors(30).slice(0, 12)).toEqual(themeColors(12));
  });

  it('has no colour near white, which would vanish on the page (no #ffff99)', () => {
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 12);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 12);
    expect(contrastWithWhite('#ffff99')).toBeLessThan(MIN_CONTRAST_WITH_WHITE);
    for (const c of themeColors(80)) expect(contrastWithWhite(c), c).toBeGreaterThanOrEqual(MIN_CONTRAST_WITH_WHITE);
  });

  it('keeps 30 themes clearly apart (every pair at least 20 ΔE) and 60 at least 15', () => {
    const minDistance = (colours: string[]) => Math.min(...colours.flatMap((a, i) => colours.slice(0, i).map((b) => deltaE(a, b))));
    expect(minDistance(themeColors(30))).toBeGreaterThanOrEqual(20);
    expect(minDistance(themeColors(60))).toBeGreaterThanOrEqual(15);
  });

  it('rejects impossible counts', () => {
    expect(() => themeColors(-1)).toThrow(RangeError);
    expect(() => themeColors(2.5)).toThrow(RangeError);
  });
});
