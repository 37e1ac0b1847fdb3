import type { Theme, ThemeTrends } from '../types.js';

/** Relative change in papers that makes a theme growing (or, negative, fading). */
export const TREND_CHANGE = 0.1;

/**
 * Papers per theme per night, and what each of tonight's themes did since the previous
 * night: `new` (no theme with its id last night), `growing` / `fading` (at least 10% more /
 * fewer papers), else `steady`; plus last night's themes that ended. `nights` holds one
 * entry per night, oldest first, the last being tonight. A theme is named by its latest
 * label everywhere, so a chart has one line per theme id.
 */
export function themeTrends(
  nights: ReadonlyArray<{ night: string; themes: readonly Theme[] }>,
  previous: readonly Theme[],
): ThemeTrends {
  const latestLabel = new Map<number, string>();
  for (const { themes } of nights) for (const t of themes) latestLabel.set(t.id, t.label);
  const series = nights.flatMap(({ night, themes }) =>
    themes.map((t) => ({ night, themeId: t.id, label: latestLabel.get(t.id)!, papers: t.size })));
  const tonight = nights.length === 0 ? [] : nights[nights.length - 1].themes;
  const before = new Map(previous.map((t) => [t.id, t]));
  const current = new Set(tonight.map((t) => t.id));
  return {
    nights: nights.map((n) => n.night),
    series,
    tonight: [...tonight].sort((a, b) => b.size - a.size || a.id - b.id).map((t) => {
      const last = before.get(t.id);
      const change = last === undefined ? null : (t.size - last.size) / last.size;
      const status = change === null ? 'new' : change >= TREND_CHANGE ? 'growing' : change <= -TREND_CHANGE ? 'fading' : 'steady';
      return { id: t.id, label: t.label, size: t.size, previous: last?.size ?? null, status };
    }),
    ended: previous.filter((t) => !current.has(t.id)).map((t) => ({ id: t.id, label: t.label, size: t.size })),
  };
}
