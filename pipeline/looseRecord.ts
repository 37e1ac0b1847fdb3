import { looseFitRuleRecord } from '../src/metrics/looseFits.js';
import { looseThemeRuleRecord } from '../src/metrics/looseThemes.js';
import type { Assignment, Theme } from '../src/types.js';

/** run.json's `loose` block: how many themes are loose and papers loose fits, and the rules that said so. */
export interface LooseRecord {
  themes: number;
  papers: number;
  theme_rule: ReturnType<typeof looseThemeRuleRecord>;
  fit_rule: ReturnType<typeof looseFitRuleRecord>;
}

/** The `loose` block of run.json, counted from the flags the label stage set. */
export function looseRecord(themes: readonly Theme[], assignments: readonly Assignment[]): LooseRecord {
  return {
    themes: themes.filter((t) => t.loose === true).length,
    papers: assignments.filter((a) => a.looseFit === true).length,
    theme_rule: looseThemeRuleRecord(),
    fit_rule: looseFitRuleRecord(),
  };
}

/** A theme's entry in run.json's `themes`: id, label, size, its quality figures, whether it is loose and whether its label is pinned. */
export function themeRecord(theme: Theme): Record<string, unknown> {
  return { id: theme.id, label: theme.label, size: theme.size, ...theme.quality, loose: theme.loose === true, ...(theme.pinned === true ? { pinned: true } : {}) };
}
