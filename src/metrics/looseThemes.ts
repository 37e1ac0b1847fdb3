/**
 * When a theme is weak enough to be flagged (never hidden: k-means still keeps it). Both
 * of its figures must be low, since either alone has honest exceptions: a broad theme can
 * overlap its neighbours (silhouette below 0) and still be about one thing, and a theme of
 * many small subjects can be well separated while its top terms seldom meet (low NPMI).
 */
export const LOOSE_THEME_RULE = { silhouetteBelow: 0, npmiBelow: 0.05 } as const;

export interface LooseThemeRule {
  silhouetteBelow: number;
  npmiBelow: number;
}

/**
 * A theme is loose when
 *
 *   silhouette < rule.silhouetteBelow  and  npmi < rule.npmiBelow
 *
 * (strictly below: a figure exactly at its threshold is not low). A figure that is not a
 * number (a run of one theme has no silhouette) never makes a theme loose.
 */
export function isLooseTheme(
  quality: { silhouette: number; npmi: number },
  rule: LooseThemeRule = LOOSE_THEME_RULE,
): boolean {
  return quality.silhouette < rule.silhouetteBelow && quality.npmi < rule.npmiBelow;
}

/** The rule as run.json states it. */
export function looseThemeRuleRecord(rule: LooseThemeRule = LOOSE_THEME_RULE): { silhouette_below: number; npmi_below: number } {
  return { silhouette_below: rule.silhouetteBelow, npmi_below: rule.npmiBelow };
}
