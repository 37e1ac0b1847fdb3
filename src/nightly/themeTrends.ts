import type { Theme, ThemeTrends } from '../types.js';
import { qualityWarnings } from './qualityTrend.js';

/**
 * When a continuing theme is growing or fading, from tonight's gain g (its share of
 * tonight's new papers) and the gain e its share of last night's papers predicts
 * (e = tonight's new papers x its size last night / all papers last night):
 * growing when g >= 2 and g >= 1.5 e; fading when e >= 2 and g <= 0.5 e; else steady.
 * The floors of 2 papers keep one or two papers of a small night from making a trend.
 */
export const TREND_RULE = { growRatio: 1.5, growMin: 2, fadeRatio: 0.5, fadeMinExpected: 2 } as const;

/** One night's themes, each with the papers it gained that night (undefined or null: not recorded). */
export interface NightThemes {
  night: string;
  themes: ReadonlyArray<Theme & { gained?: number | null }>;
  /** The run's quality figures (run.json's `quality`), for the quality warnings. */
  quality?: Readonly<Record<string, number>>;
}

/** The status of a continuing theme by {@link TREND_RULE}. */
export function trendStatus(gained: number, expected: number): 'growing' | 'fading' | 'steady' {
  if (gained >= TREND_RULE.growMin && gained >= TREND_RULE.growRatio * expected) return 'growing';
  if (expected >= TREND_RULE.fadeMinExpected && gained <= TREND_RULE.fadeRatio * expected) return 'fading';
  return 'steady';
}

/**
 * Papers and gains per theme per night, and what each of tonight's themes did: `new` (no
 * theme with its id last night), else growing, fading or steady by {@link TREND_RULE};
 * last night's themes that ended; the label history of every theme whose label changed
 * under its id; and the quality warnings (src/nightly/qualityTrend.ts). `nights` holds one
 * entry per night, oldest first, the last being tonight. A theme is named by its latest
 * label in the series, so a chart has one mark series per theme id.
 */
export function themeTrends(nights: readonly NightThemes[], previous: readonly Theme[]): ThemeTrends {
  const latestLabel = new Map<number, string>();
  const labels = new Map<number, Array<{ night: string; label: string }>>();
  for (const { night, themes } of nights) {
    for (const t of themes) {
      latestLabel.set(t.id, t.label);
      const seen = labels.get(t.id);
      if (seen === undefined) labels.set(t.id, [{ night, label: t.label }]);
      else if (seen[seen.length - 1].label !== t.label) seen.push({ night, label: t.label });
    }
  }
  const series = nights.flatMap(({ night, themes }) =>
    themes.map((t) => ({ night, themeId: t.id, label: latestLabel.get(t.id)!, papers: t.size, gained: t.gained ?? null })));
  const tonight = nights.length === 0 ? [] : nights[nights.length - 1].themes;
  const newPapers = tonight.reduce((s, t) => s + (t.gained ?? 0), 0);
  const before = new Map(previous.map((t) => [t.id, t]));
  const previousTotal = previous.reduce((s, t) => s + t.size, 0);
  const current = new Set(tonight.map((t) => t.id));
  return {
    nights: nights.map((n) => n.night),
    series,
    newPapers,
    tonight: [...tonight].sort((a, b) => b.size - a.size || a.id - b.id).map((t) => {
      const last = before.get(t.id);
      const gained = t.gained ?? 0;
      if (last === undefined) return { id: t.id, label: t.label, size: t.size, previous: null, gained, expected: null, status: 'new' as const, was: null };
      const expected = previousTotal > 0 ? (newPapers * last.size) / previousTotal : 0;
      return {
        id: t.id, label: t.label, size: t.size, previous: last.size, gained, expected: Math.round(expected * 100) / 100,
        status: trendStatus(gained, expected), was: last.label === t.label ? null : last.label,
      };
    }),
    ended: previous.filter((t) => !current.has(t.id)).map((t) => ({ id: t.id, label: t.label, size: t.size })),
    labelHistory: [...labels].filter(([, l]) => l.length > 1).sort(([a], [b]) => a - b).map(([id, l]) => ({ id, labels: l })),
    qualityWarnings: qualityWarnings(nights.map((n) => ({ night: n.night, quality: n.quality }))),
  };
}
