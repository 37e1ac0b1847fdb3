import { describe, expect, it } from 'vitest';
import { isLooseTheme, LOOSE_THEME_RULE, looseThemeRuleRecord } from '../../src/metrics/looseThemes.js';

describe('isLooseTheme', () => {
  it('flags a theme only when both its silhouette and its NPMI are low', () => {
    expect(isLooseTheme({ silhouette: -0.1, npmi: 0.01 })).toBe(true);
    // One low figure alone is not enough.
    expect(isLooseTheme({ silhouette: -0.1, npmi: 0.3 })).toBe(false);
    expect(isLooseTheme({ silhouette: 0.2, npmi: -0.2 })).toBe(false);
    expect(isLooseTheme({ silhouette: 0.2, npmi: 0.3 })).toBe(false);
  });

  it('does not count a figure exactly at its threshold as low', () => {
    expect(LOOSE_THEME_RULE).toEqual({ silhouetteBelow: 0, npmiBelow: 0.05 });
    expect(isLooseTheme({ silhouette: 0, npmi: 0 })).toBe(false);
    expect(isLooseTheme({ silhouette: -0.5, npmi: 0.05 })).toBe(false);
    expect(isLooseTheme({ silhouette: -1e-9, npmi: 0.05 - 1e-9 })).toBe(true);
  });

  it('never flags a theme whose figure is not a number (one theme, no silhouette)', () => {
    expect(isLooseTheme({ silhouette: Number.NaN, npmi: -1 })).toBe(false);
    expect(isLooseTheme({ silhouette: -1, npmi: Number.NaN })).toBe(false);
  });

  it('follows the rule it is given and states it for run.json', () => {
    expect(isLooseTheme({ silhouette: 0.05, npmi: 0.1 }, { silhouetteBelow: 0.1, npmiBelow: 0.2 })).toBe(true);
    expect(looseThemeRuleRecord()).toEqual({ silhouette_below: 0, npmi_below: 0.05 });
  });
});
