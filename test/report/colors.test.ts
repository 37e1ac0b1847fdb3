import { schemeTableau10 } from 'd3';
import { describe, expect, it } from 'vitest';
import { themeColors } from '../../src/report/colors.js';

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

  it('rejects impossible counts', () => {
    expect(() => themeColors(-1)).toThrow(RangeError);
    expect(() => themeColors(2.5)).toThrow(RangeError);
  });
});
