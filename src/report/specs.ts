import type { TopLevelSpec } from 'vega-lite';
import type { RunSummary, Theme } from '../types.js';
import { themeColors } from './colors.js';
import { mapLabelAnchors } from './mapLabels.js';
import { MAP_DRAW_LIMIT, mapSample } from './mapSample.js';
import { paperUrl } from './paperUrl.js';

/**
 * Vega-Lite specifications for the report's three charts, built from a RunSummary. Each
 * spec carries its own data inline (`values`, only the fields the chart reads) so the
 * report needs no data files and no network.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** How many top terms per theme the small multiples show; more is unreadable. */
export const TOP_TERMS_SHOWN = 10;

/** Pixel height per theme in the sizes chart. */
const BAR_BAND = 24;

/**
 * Name shown for each theme in legends and axes, in theme-id order. Charts colour by this
 * name, so two themes that happen to share a label get a `(#id)` suffix: otherwise they
 * would merge into one legend entry and one colour.
 */
export function themeNames(themes: readonly Theme[]): Map<number, string> {
  const ordered = [...themes].sort((a, b) => a.id - b.id);
  const base = (t: Theme) => {
    const name = t.heading ?? t.label;
    return name.trim() === '' ? `Theme ${t.id}` : name;
  };
  const counts = new Map<string, number>();
  for (const t of ordered) counts.set(base(t), (counts.get(base(t)) ?? 0) + 1);
  return new Map(
    ordered.map((t) => [t.id, counts.get(base(t))! > 1 ? `${base(t)} (#${t.id})` : base(t)]),
  );
}

/**
 * A theme's colour follows its id (not its position), so a theme keeps its colour from
 * night to night once the nightly job keeps its id.
 */
export function themeColor(id: number): string {
  return themeColors(id + 1)[id];
}

/** Explicit domain and range so every chart maps a theme to the colour of the table swatch. */
function colorScale(summary: RunSummary): { domain: string[]; range: string[] } {
  const names = themeNames(summary.themes);
  return { domain: [...names.values()], range: [...names.keys()].map(themeColor) };
}

/**
 * Rounds for the inlined data: the tooltip shows 3 decimals of a score and the map is a few
 * hundred pixels wide, so more digits only make a 36,000-paper page slower to open.
 */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** Display name for a theme id; ids absent from `themes` still get a stable name. */
function nameOf(names: Map<number, string>, themeId: number): string {
  return names.get(themeId) ?? `Theme ${themeId}`;
}

/**
 * Name of the map's search signal: a regular expression source (empty = no search) that the
 * page's search box sets with `view.signal(...)`. Points whose title it does not match fade.
 */
export const SEARCH_SIGNAL = 'search';

/**
 * Vega expression: true when the datum's title matches the search pattern. The page builds
 * the pattern from escaped words, so it is always a valid regular expression.
 */
const MATCHES_SEARCH = `${SEARCH_SIGNAL} === '' || test(regexp(${SEARCH_SIGNAL}, 'i'), datum.title)`;

/** Opacity of a loose fit's point in the map: visible, but behind the tight fits (0.85). */
export const LOOSE_FIT_OPACITY = 0.3;

/**
 * The 2-D theme map: one point per paper, and each theme's heading at its anchor
 * (mapLabels.ts) in two text layers, a white halo under dark text, which the page script
 * shows or hides so that no two overlap (their `shown` field). Scroll/drag zooms and pans (interval selection
 * bound to the scales); clicking a legend entry highlights that theme by fading the others
 * (point selection bound to the legend), which is how a reader isolates one theme in a
 * crowded map. The search box fades the papers whose titles do not match, and a click on a
 * point opens the paper's page in a new tab when one is known (`url` is only present then,
 * which keeps the inlined data small for corpora without links; the page script handles
 * the click, not a Vega `href`, which navigates the report's own tab and follows
 * double-clicks). Loose fits (`loose_fit`, present and
 * true only for them) are drawn faded, at {@link LOOSE_FIT_OPACITY}.
 */
export function themeMapSpec(summary: RunSummary, drawLimit: number = MAP_DRAW_LIMIT): TopLevelSpec {
  const names = themeNames(summary.themes);
  const drawn = mapSample(summary.assignments, drawLimit);
  const values = summary.papers.flatMap((paper, i) => {
    if (!drawn[i]) return [];
    const a = summary.assignments[i];
    const url = paperUrl(paper);
    const point = {
      title: paper.title, theme: nameOf(names, a.themeId), score: roundTo(a.score, 3), x: roundTo(a.x, 5), y: roundTo(a.y, 5),
    };
    const linked = url === undefined ? point : { ...point, url };
    return [a.looseFit === true ? { ...linked, loose_fit: true } : linked];
  });
  const hiddenAxis = { title: null, labels: false, ticks: false, grid: false } as const;
  const labelText = (fill: string, halo: boolean) => ({
    data: { name: MAP_LABELS_DATA, values: mapLabelValues(summary, names) },
    mark: {
      type: 'text' as const, font: MAP_LABEL_FONT.family, fontSize: MAP_LABEL_FONT.size, fontWeight: 'bold' as const,
      align: 'center' as const, baseline: 'middle' as const, limit: MAP_LABEL_FONT.limit, clip: true,
      fill, ...(halo ? { stroke: fill, strokeWidth: 4, strokeJoin: 'round' as const } : {}),
    },
    encoding: {
      // Drawn at (lx, ly): the anchor, or near it where the page script found room.
      x: { field: 'lx', type: 'quantitative' as const },
      y: { field: 'ly', type: 'quantitative' as const },
      text: { field: 'label', type: 'nominal' as const },
      color: { value: fill },
      // Shown when the page script found room for it; faint when another theme is highlighted.
      opacity: {
        condition: [
          { test: { and: [{ param: 'pick' }, 'datum.shown'] }, value: halo ? 0.85 : 1 },
          { test: 'datum.shown', value: halo ? 0.3 : 0.25 },
        ],
        value: 0,
      },
      tooltip: null,
    },
  });
  return {
    $schema: SCHEMA,
    description: 'Papers placed by the 2-D map of their vectors, coloured by theme, with each theme\u2019s label at its centre.',
    width: 'container',
    height: 520,
    data: { values },
    params: [{ name: SEARCH_SIGNAL, value: '' }],
    encoding: {
      // Domains fixed by the points: the labels, which the page script moves, never widen
      // them (a double-click resets the zoom to exactly this view).
      x: { field: 'x', type: 'quantitative', scale: { domain: paddedExtent(values.map((v) => v.x)), zero: false, nice: false }, axis: hiddenAxis },
      y: { field: 'y', type: 'quantitative', scale: { domain: paddedExtent(values.map((v) => v.y)), zero: false, nice: false }, axis: hiddenAxis },
      color: {
        field: 'theme',
        type: 'nominal',
        scale: colorScale(summary),
        // Every theme in the legend (Vega stops at a few dozen otherwise), so each can be highlighted.
        legend: { title: 'Theme (click to highlight)', labelLimit: 260, symbolOpacity: 1, symbolLimit: summary.themes.length },
      },
      opacity: {
        condition: [
          { test: { and: [{ param: 'pick' }, MATCHES_SEARCH, '!datum.loose_fit'] }, value: 0.85 },
          { test: { and: [{ param: 'pick' }, MATCHES_SEARCH] }, value: LOOSE_FIT_OPACITY },
        ],
        value: 0.06,
      },
      tooltip: [
        { field: 'title', type: 'nominal', title: 'Title' },
        { field: 'theme', type: 'nominal', title: 'Theme' },
        { field: 'score', type: 'quantitative', title: 'Score', format: '.3f' },
      ],
    },
    layer: [
      {
        params: [
          { name: 'zoom', select: 'interval', bind: 'scales' },
          { name: 'pick', select: { type: 'point', fields: ['theme'] }, bind: 'legend' },
        ],
        mark: { type: 'point', filled: true, size: 36, cursor: 'pointer', clip: true },
      },
      labelText('#ffffff', true),
      labelText('#1f2328', false),
    ],
  };
}

/** A paper the map does not draw: [title, theme index, score, link as [prefix index, rest] or null, 1 for a loose fit else 0]. */
export type UndrawnPaper = [string, number, number, [number, string] | null, 0 | 1];

/**
 * The papers the map does not draw (mapSample.ts), for search and the lists by theme, in a
 * compact form: theme names once, link prefixes once (up to the last "/": most links
 * share "https://arxiv.org/abs/", 18 characters a paper saved), then one UndrawnPaper
 * each. Null when the map draws every paper.
 */
export function undrawnPapers(summary: RunSummary, drawLimit: number = MAP_DRAW_LIMIT): { themes: string[]; urlPrefixes: string[]; papers: UndrawnPaper[] } | null {
  const drawn = mapSample(summary.assignments, drawLimit);
  if (drawn.every(Boolean)) return null;
  const names = themeNames(summary.themes);
  const themes = [...new Set(summary.assignments.map((a) => nameOf(names, a.themeId)))];
  const index = new Map(themes.map((name, i) => [name, i]));
  const urlPrefixes: string[] = [];
  const prefixIndex = new Map<string, number>();
  const link = (url: string | undefined): [number, string] | null => {
    if (url === undefined) return null;
    const cut = url.lastIndexOf('/') + 1;
    const prefix = url.slice(0, cut);
    let at = prefixIndex.get(prefix);
    if (at === undefined) {
      at = urlPrefixes.push(prefix) - 1;
      prefixIndex.set(prefix, at);
    }
    return [at, url.slice(cut)];
  };
  const papers: UndrawnPaper[] = [];
  summary.papers.forEach((paper, i) => {
    if (drawn[i]) return;
    const a = summary.assignments[i];
    papers.push([paper.title, index.get(nameOf(names, a.themeId))!, roundTo(a.score, 3), link(paperUrl(paper)), a.looseFit === true ? 1 : 0]);
  });
  return { themes, urlPrefixes, papers };
}

/** [min, max] of `values` widened by 3% of their span on each side (±1 when they are all equal), rounded as the map's data. */
function paddedExtent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  const pad = hi > lo ? 0.03 * (hi - lo) : 1;
  return [roundTo(lo - pad, 5), roundTo(hi + pad, 5)];
}

/** Name of the map's label data, which the page script replaces to hide overlapping labels. */
export const MAP_LABELS_DATA = 'map_labels';

/** The labels' font; the page script measures the text with the same one. */
export const MAP_LABEL_FONT = { family: 'sans-serif', size: 12, limit: 200 } as const;

/**
 * One label per theme at its anchor (src/report/mapLabels.ts), largest theme first: the
 * heading, and `shown` true until the page script has measured which ones fit without
 * overlapping.
 */
function mapLabelValues(summary: RunSummary, names: Map<number, string>) {
  return mapLabelAnchors(summary.assignments).map((anchor) => {
    return {
      theme: nameOf(names, anchor.themeId),
      // The name every chart shows: the heading, with "(#id)" when two themes share it.
      label: nameOf(names, anchor.themeId),
      x: roundTo(anchor.x, 5),
      y: roundTo(anchor.y, 5),
      size: anchor.size,
      lx: roundTo(anchor.x, 5),
      ly: roundTo(anchor.y, 5),
      shown: true,
    };
  });
}

/**
 * How k was chosen under `--k auto`: silhouette (and inertia) for each k tried, the chosen
 * k marked by a rule. Undefined when k was given, since then there is no curve.
 */
export function kCurveSpec(summary: RunSummary): TopLevelSpec | undefined {
  const selection = summary.kSelection;
  if (selection === undefined || selection.curve.length === 0) return undefined;
  const values = selection.curve.map((c) => ({ k: c.k, silhouette: c.silhouette }));
  const chosenPoint = values.filter((v) => v.k === selection.chosen);
  return {
    $schema: SCHEMA,
    description: `Mean cosine silhouette for each k tried; the chosen k (${selection.chosen}) is marked.`,
    width: 'container',
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'k', type: 'quantitative', title: 'k (themes)', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: false } },
          y: { field: 'silhouette', type: 'quantitative', title: 'Silhouette', scale: { zero: false } },
          tooltip: [
            { field: 'k', type: 'quantitative', title: 'k' },
            { field: 'silhouette', type: 'quantitative', title: 'Silhouette', format: '.4f' },
          ],
        },
      },
      {
        data: { values: [{ k: selection.chosen }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#59636e' },
        encoding: { x: { field: 'k', type: 'quantitative' } },
      },
      // A ring on the chosen k's own point, so the mark sits where the text says k is
      // (also when the nightly job keeps last night's k below the curve's highest point).
      {
        data: { values: chosenPoint },
        mark: { type: 'point', shape: 'circle', size: 180, filled: false, strokeWidth: 2, color: '#1f2328' },
        encoding: {
          x: { field: 'k', type: 'quantitative' },
          y: { field: 'silhouette', type: 'quantitative' },
          tooltip: [
            { field: 'k', type: 'quantitative', title: 'chosen k' },
            { field: 'silhouette', type: 'quantitative', title: 'Silhouette', format: '.4f' },
          ],
        },
      },
    ],
  };
}

/** Horizontal bars (long labels stay readable), one per theme, in theme-id order. */
export function themeSizesSpec(summary: RunSummary): TopLevelSpec {
  const names = themeNames(summary.themes);
  const scale = colorScale(summary);
  const values = [...summary.themes]
    .sort((a, b) => a.id - b.id)
    .map((t) => ({ theme: nameOf(names, t.id), size: t.size }));
  return {
    $schema: SCHEMA,
    description: 'Number of papers per theme.',
    width: 'container',
    // An explicit height (one 24 px band per theme) rather than a step: Vega-Lite cannot
    // fit the width to the container while the height is step-based.
    height: BAR_BAND * values.length,
    data: { values },
    // In the config, not the axis, so that the page can shorten the labels in a narrow window.
    config: { axisY: { labelLimit: 240 } },
    mark: { type: 'bar' },
    encoding: {
      y: {
        field: 'theme',
        type: 'nominal',
        sort: scale.domain,
        axis: { title: null },
      },
      x: { field: 'size', type: 'quantitative', title: 'Papers' },
      color: { field: 'theme', type: 'nominal', scale, legend: null },
      tooltip: [
        { field: 'theme', type: 'nominal', title: 'Theme' },
        { field: 'size', type: 'quantitative', title: 'Papers' },
      ],
    },
  };
}

/**
 * Top terms per theme as small multiples: one panel per theme, bars sorted by weight.
 * The y scale is independent because each theme has its own vocabulary; x is shared so
 * weights compare across panels.
 */
export function topTermsSpec(summary: RunSummary): TopLevelSpec {
  const names = themeNames(summary.themes);
  const scale = colorScale(summary);
  const values = [...summary.themes]
    .sort((a, b) => a.id - b.id)
    .flatMap((t) =>
      t.topTerms
        .slice(0, TOP_TERMS_SHOWN)
        .map((w) => ({ theme: nameOf(names, t.id), term: w.term, weight: w.weight })),
    );
  return {
    $schema: SCHEMA,
    description: 'Highest-weighted terms of each theme.',
    data: { values },
    facet: {
      field: 'theme',
      type: 'nominal',
      sort: scale.domain,
      header: { title: null, labelLimit: 240, labelFontWeight: 'bold' },
    },
    columns: 3,
    spec: {
      width: 180,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'term', type: 'nominal', sort: '-x', axis: { title: null, labelLimit: 140 } },
        x: { field: 'weight', type: 'quantitative', title: 'Weight' },
        color: { field: 'theme', type: 'nominal', scale, legend: null },
        tooltip: [
          { field: 'term', type: 'nominal', title: 'Term' },
          { field: 'weight', type: 'quantitative', title: 'Weight', format: '.3f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/**
 * Nightly runs: the papers each theme gained each night (that night's new papers it took),
 * stacked per night, in theme id order, one colour per theme id as everywhere else (themes
 * that have ended keep theirs); the tooltip adds the theme's size that night. The first
 * night is left out (every paper of the store was new then: its bar would dwarf the others),
 * and a night stored without gains has no bars. Undefined without trends or with a single
 * night.
 */
export function trendsSpec(summary: RunSummary): TopLevelSpec | undefined {
  const trends = summary.trends;
  if (trends === undefined || trends.nights.length < 2) return undefined;
  const ids = [...new Set(trends.series.map((row) => row.themeId))].sort((a, b) => a - b);
  const nameOfId = new Map<number, string>();
  const current = themeNames(summary.themes);
  for (const row of trends.series) nameOfId.set(row.themeId, current.get(row.themeId) ?? `${row.label} (#${row.themeId}, ended)`);
  const nights = trends.nights.slice(1);
  const values = trends.series
    .filter((row) => row.gained !== null && row.night !== trends.nights[0])
    .map((row) => ({ night: row.night, id: row.themeId, theme: nameOfId.get(row.themeId)!, gained: row.gained, papers: row.papers }));
  return {
    $schema: SCHEMA,
    description: 'New papers per theme on each night (stacked), with each theme\u2019s size that night in the tooltip.',
    width: 'container',
    // Tall enough for the legend: one 16 px row per theme.
    height: Math.max(320, 16 * ids.length),
    data: { values },
    params: [{ name: 'pickTrend', select: { type: 'point', fields: ['theme'] }, bind: 'legend' }],
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'night', type: 'ordinal', title: 'Night', sort: nights, axis: { labelAngle: -45 } },
      y: { field: 'gained', type: 'quantitative', title: 'New papers', stack: 'zero' },
      order: { field: 'id', type: 'quantitative' },
      color: {
        field: 'theme', type: 'nominal',
        scale: { domain: ids.map((id) => nameOfId.get(id)!), range: ids.map(themeColor) },
        legend: { title: 'Theme (click to highlight)', labelLimit: 260, symbolLimit: ids.length },
      },
      opacity: { condition: { param: 'pickTrend', value: 1 }, value: 0.12 },
      tooltip: [
        { field: 'night', type: 'ordinal', title: 'Night' },
        { field: 'theme', type: 'nominal', title: 'Theme' },
        { field: 'gained', type: 'quantitative', title: 'New papers' },
        { field: 'papers', type: 'quantitative', title: 'Papers that night' },
      ],
    },
  };
}
