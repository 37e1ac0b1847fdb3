import { format } from 'd3';
import type { RunSummary, Theme } from '../types.js';
import { TREND_RULE } from '../nightly/themeTrends.js';
import { escapeHtml } from './escapeHtml.js';
import { jsonForScript, readBrowserBuild } from './inlineScript.js';
import { pageHead } from './pageHead.js';
import { PAGE_SCRIPT, type PageConfig } from './pageScript.js';
import { MAP_DRAW_LIMIT } from './mapSample.js';
import { themeViewParts } from './themeViews.js';
import { kCurveSpec, MAP_LABEL_FONT, MAP_LABELS_DATA, SEARCH_SIGNAL, themeColor, themeNames, themeMapSpec, themeSizesSpec, topTermsSpec, trendsSpec, undrawnPapers } from './specs.js';

/**
 * The run's HTML report: one self-contained page that opens from file:// on a machine with
 * no network. Vega, Vega-Lite and vega-embed are inlined, the chart specs travel as JSON
 * blocks, and the theme table is rendered here so it is readable even with scripts off.
 *
 * Same summary in, byte-identical page out (no timestamps, no generated ids), so reports
 * can be diffed and cached. Every string that came from the input goes through
 * {@link escapeHtml} (HTML) or {@link jsonForScript} (JSON blocks).
 */
export function renderReport(summary: RunSummary, options: { mapDrawLimit?: number } = {}): string {
  const drawLimit = options.mapDrawLimit ?? MAP_DRAW_LIMIT;
  const themes = [...summary.themes].sort((a, b) => a.id - b.id);
  const colors = themes.map((t) => themeColor(t.id));
  const kCurve = kCurveSpec(summary);
  const trends = trendsSpec(summary);
  const views = themeViewParts(summary);
  const undrawn = undrawnPapers(summary, drawLimit);
  const config: PageConfig = {
    charts: [
      { name: 'map', target: '#map', specId: SPEC_IDS.map, renderer: mapRenderer(summary.papers.length) },
      { name: 'sizes', target: '#sizes', specId: SPEC_IDS.sizes, renderer: 'svg' },
      { name: 'terms', target: '#terms', specId: SPEC_IDS.terms, renderer: 'svg' },
      ...(kCurve === undefined ? [] : [{ name: 'k', target: '#k-curve', specId: SPEC_IDS.k, renderer: 'svg' as const }]),
      ...(trends === undefined ? [] : [{ name: 'trends', target: '#trends', specId: SPEC_IDS.trends, renderer: 'svg' as const }]),
      ...views.charts,
    ],
    papersSpecId: SPEC_IDS.map,
    undrawnPapersId: undrawn === null ? null : UNDRAWN_ID,
    searchSignal: SEARCH_SIGNAL,
    searchListLimit: SEARCH_LIST_LIMIT,
    labelSets: [
      { chart: 'map', data: MAP_LABELS_DATA, font: `bold ${MAP_LABEL_FONT.size}px ${MAP_LABEL_FONT.family}`, limit: MAP_LABEL_FONT.limit, zoom: 'zoom' },
      ...views.labelSets,
    ],
  };
  return [
    // The CSP forbids every network fetch; scripts and styles may only be the inline ones.
    ...pageHead({ title: `Themes: ${summary.corpusName}`, csp: CSP, style: STYLE }),
    headerHtml(summary),
    '<main>',
    tonightHtml(summary, trends !== undefined),
    chartsHtml(kCurve !== undefined ? summary.kSelection : undefined, summary.parameters.map === undefined ? undefined : String(summary.parameters.map),
      undrawn === null ? null : summary.papers.length - undrawn.papers.length),
    views.html,
    themesTableHtml(themes, colors, titlesById(summary), mergedNote(summary)),
    papersByThemeHtml(themes, colors),
    '</main>',
    specBlock(SPEC_IDS.map, themeMapSpec(summary, drawLimit)),
    specBlock(SPEC_IDS.sizes, themeSizesSpec(summary)),
    specBlock(SPEC_IDS.terms, topTermsSpec(summary)),
    ...(kCurve === undefined ? [] : [specBlock(SPEC_IDS.k, kCurve)]),
    ...(trends === undefined ? [] : [specBlock(SPEC_IDS.trends, trends)]),
    ...views.specs.map(([id, spec]) => specBlock(id, spec)),
    ...(undrawn === null ? [] : [specBlock(UNDRAWN_ID, undrawn)]),
    specBlock(CONFIG_ID, config),
    `<script>${readBrowserBuild('vega')}</script>`,
    `<script>${readBrowserBuild('vega-lite')}</script>`,
    `<script>${readBrowserBuild('vega-embed')}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Above this many points SVG gets sluggish to pan and zoom; canvas stays smooth. */
export const CANVAS_THRESHOLD = 2000;

export function mapRenderer(paperCount: number): 'canvas' | 'svg' {
  return paperCount > CANVAS_THRESHOLD ? 'canvas' : 'svg';
}

const SPEC_IDS = { map: 'spec-map', sizes: 'spec-sizes', terms: 'spec-terms', k: 'spec-k', trends: 'spec-trends' } as const;
const CONFIG_ID = 'report-config';
const UNDRAWN_ID = 'papers-undrawn';

/** Matching titles listed under the search box; the map shows all of them. */
export const SEARCH_LIST_LIMIT = 100;

/** Vega compiles its expressions with Function(), hence 'unsafe-eval'. */
const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
].join('; ');

const formatQuality = format(',.3f');
const formatCount = format(',d');
const formatExpected = format(',.1f');

function headerHtml(summary: RunSummary): string {
  const facts = [
    summary.corpusDate === undefined ? undefined : escapeHtml(summary.corpusDate),
    `${formatCount(summary.papers.length)} papers`,
    `${formatCount(summary.themes.length)} themes`,
    looseFacts(summary),
  ].filter((fact): fact is string => fact !== undefined);
  return [
    '<header>',
    `<h1>${escapeHtml(summary.corpusName)}</h1>`,
    `<p class="facts">${facts.join(' · ')}</p>`,
    '<div class="figures">',
    definitionList('Parameters', Object.entries(summary.parameters), (v) => escapeHtml(String(v))),
    definitionList('Quality', Object.entries(summary.quality), (v) =>
      Number.isFinite(v) ? formatQuality(v) : 'n/a',
    ),
    '</div>',
    '</header>',
  ].join('\n');
}

/**
 * How many themes are loose and papers loose fits, said even when none are, so a reader
 * knows the report looked.
 */
function looseFacts(summary: RunSummary): string {
  const themes = summary.themes.filter((t) => t.loose === true).length;
  const papers = summary.assignments.filter((a) => a.looseFit === true).length;
  const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;
  return `<span class="loose-facts">${plural(themes, 'loose theme')}, ${plural(papers, 'loose fit')}</span>`;
}

/** Keys are untrusted too (parameter names come from run configuration). */
function definitionList<V>(title: string, entries: Array<[string, V]>, show: (v: V) => string): string {
  if (entries.length === 0) return '';
  const items = entries
    .map(([key, value]) => `<div><dt>${escapeHtml(key)}</dt><dd>${show(value)}</dd></div>`)
    .join('');
  return `<section><h2>${escapeHtml(title)}</h2><dl>${items}</dl></section>`;
}

/** What the map's positions mean, by layout (run.json's `parameters.map`). */
function mapLayoutHint(layout: string | undefined): string {
  return layout === 'pca'
    ? 'Papers placed by the exact linear projection (PCA) of their vectors: distances are faithful, but themes overlap.'
    : 'Papers placed by UMAP: similar papers lie close together and each theme forms a region, labelled at its centre (labels that would overlap appear as you zoom in); distances between regions are only roughly to scale.';
}

function chartsHtml(kSelection: RunSummary['kSelection'], summaryMapLayout: string | undefined, drawnPapers: number | null): string {
  return [
    '<section class="card">',
    '<h2>Theme map</h2>',
    `<p class="hint">${escapeHtml(mapLayoutHint(summaryMapLayout))} Scroll to zoom, drag to pan, double-click to reset. Click a legend entry to highlight one theme (shift-click for several). Click a point to open its paper in a new tab when it has a link. Faded points are loose fits: papers much farther from their theme\u2019s centre than its typical paper (score below half the theme\u2019s median); k-means still assigns them.</p>`,
    ...(drawnPapers === null ? [] : [`<p class="hint" id="map-sample">The map draws ${formatCount(drawnPapers)} of the papers, each theme in proportion to its size; the search and the lists by theme cover all of them.</p>`]),
    '<div class="search">',
    '<label for="search">Find papers by title words</label>',
    '<input type="search" id="search" placeholder="e.g. model merging" autocomplete="off" spellcheck="false">',
    '<p id="search-status" class="hint" role="status" aria-live="polite"></p>',
    '<ol id="search-results" class="results"></ol>',
    '</div>',
    '<div id="map" class="chart"></div>',
    '</section>',
    '<section class="card"><h2>Theme sizes</h2><div id="sizes" class="chart"></div></section>',
    '<section class="card"><h2>Top terms</h2><div id="terms" class="chart scroll"></div></section>',
    ...(kSelection === undefined ? [] : [
      '<section class="card">',
      '<h2>Choice of k</h2>',
      `<p class="hint">k = ${kSelection.chosen}, ${escapeHtml(kSelection.reason)}.</p>`,
      ...(kSelection.edge === undefined ? [] : [`<p class="note" id="k-edge">Note: ${escapeHtml(kSelection.edge.note)}.</p>`]),
      '<div id="k-curve" class="chart"></div>',
      '</section>',
    ]),
    '<noscript><p class="hint">The charts need JavaScript; the table below has the same themes.</p></noscript>',
  ].join('\n');
}

/** Which themes were joined, under which id ("Merged: #3 and #7 as #3"), or nothing. */
function mergedNote(summary: RunSummary): string {
  const merged = (summary.merged ?? []).filter((m) => m.themes.length > 1);
  if (merged.length === 0) return '';
  const names = themeNames(summary.themes);
  const items = merged.map((m) => {
    const joined = m.themes.map((id) => `#${id}`);
    const list = joined.length === 2 ? joined.join(' and ') : `${joined.slice(0, -1).join(', ')} and ${joined[joined.length - 1]}`;
    return `${list} as #${m.id} (${escapeHtml(names.get(m.id) ?? `Theme ${m.id}`)})`;
  });
  return `<p class="note" id="merged">Merged: ${items.join('; ')}. The other themes keep their ids.</p>`;
}

function themesTableHtml(themes: Theme[], colors: string[], titles: Map<string, string>, merged = ''): string {
  const rows = themes.map((theme, i) => {
    const terms = theme.topTerms.map((t) => escapeHtml(t.term)).join(', ');
    const reps = theme.representativeIds
      .slice(0, 3)
      .map((id) => `<li>${escapeHtml(titles.get(id) ?? id)}</li>`)
      .join('');
    return [
      '<tr>',
      `<td class="colour"><span class="swatch" style="background:${escapeHtml(colors[i])}"></span></td>`,
      `<td class="num" data-label="Id" data-value="${theme.id}">${theme.id}</td>`,
      `<td class="heading" data-label="Label">${escapeHtml(theme.heading ?? theme.label)}${looseBadge(theme)}</td>`,
      `<td class="num" data-label="Size" data-value="${theme.size}">${formatCount(theme.size)}</td>`,
      qualityCell('Silhouette', theme.quality?.silhouette),
      qualityCell('NPMI', theme.quality?.npmi),
      qualityCell('Label F1', theme.quality?.labelF1),
      `<td data-label="Top terms">${terms}</td>`,
      `<td data-label="Representative papers"><ol>${reps}</ol></td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section class="card">',
    '<h2>Themes</h2>',
    merged,
    '<div class="scroll">',
    '<p class="hint">Click a column heading to sort by it. Silhouette: how much closer a theme\u2019s papers are to each other than to the next theme (\u22121 to 1). NPMI: how often the theme\u2019s top 10 terms occur in the same papers (\u22121 to 1; above 0 means more often than chance). Label F1: how well the label, searched for in titles and abstracts, finds the theme\u2019s papers and only them (0 to 1). A loose theme has both a silhouette below 0 and an NPMI below 0.05: weak, shown all the same.</p>',
    '<table class="cards" data-sortable>',
    `<thead><tr><th><span class="sr">Colour</span></th>${sortableHeader('Id', 'number', 'ascending')}${sortableHeader('Label', 'text')}` +
      `${sortableHeader('Size', 'number')}${sortableHeader('Silhouette', 'number')}${sortableHeader('NPMI', 'number')}${sortableHeader('Label F1', 'number')}` +
      `${sortableHeader('Top terms', 'text')}<th>Representative papers</th></tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

/**
 * Nightly runs: what changed tonight (each theme new, growing, fading or steady, with the
 * papers it gained tonight, what its share predicted, its size now and last night, and its
 * label last night when that differs), the themes that ended, the quality warnings, the
 * label history, and the gains chart when there are several nights.
 */
function tonightHtml(summary: RunSummary, withChart: boolean): string {
  const trends = summary.trends;
  if (trends === undefined) return '';
  const badge = (status: string) => `<span class="badge ${escapeHtml(status)}">${escapeHtml(status)}</span>`;
  const loose = new Set(summary.themes.filter((t) => t.loose === true).map((t) => t.id));
  const swatch = (id: number) => `<span class="swatch" style="background:${escapeHtml(themeColor(id))}"></span>`;
  const rows = trends.tonight.map((t) => [
    '<tr>',
    `<td class="colour">${swatch(t.id)}</td>`,
    `<td class="num" data-label="Id">${t.id}</td><td class="heading" data-label="Label">${escapeHtml(t.label)}${loose.has(t.id) ? LOOSE_BADGE : ''}` +
      `${t.was === null ? '' : ` <span class="theme-name was">(was: ${escapeHtml(t.was)})</span>`}</td><td data-label="Tonight">${badge(t.status)}</td>`,
    `<td class="num" data-label="New">${formatCount(t.gained)}</td><td class="num" data-label="Expected">${t.expected === null ? '' : formatExpected(t.expected)}</td>`,
    `<td class="num" data-label="Papers">${formatCount(t.size)}</td><td class="num" data-label="Last night">${t.previous === null ? '' : formatCount(t.previous)}</td>`,
    '</tr>',
  ].join(''));
  const ended = trends.ended.length === 0 ? '' : `<p>Ended tonight: ${trends.ended
    .map((t) => `${escapeHtml(t.label)} (#${t.id}, ${formatCount(t.size)} papers last night)`).join('; ')}.</p>`;
  const warnings = trends.qualityWarnings.map((w) =>
    `<p class="note quality-warning" data-metric="${escapeHtml(w.metric)}">Theme quality is falling: ${escapeHtml(w.note)}.</p>`);
  const history = trends.labelHistory.length === 0 ? [] : [
    '<h2>Label history</h2>',
    '<p class="hint">Themes whose label changed under their id, each label with the night it first had it.</p>',
    `<ul id="label-history">${trends.labelHistory.map((h) =>
      `<li>${swatch(h.id)} #${h.id}: ${h.labels.map((l) => `${escapeHtml(l.label)} <span class="theme-name">(${escapeHtml(l.night)})</span>`).join(' -&gt; ')}</li>`).join('')}</ul>`,
  ];
  const firstNight = trends.series.filter((row) => row.night === trends.nights[0]).reduce((s, row) => s + (row.gained ?? row.papers), 0);
  const newPapers = trends.newPapers === 1 ? '1 new paper' : `${formatCount(trends.newPapers)} new papers`;
  return [
    '<section class="card" id="tonight">',
    `<h2>Tonight (${escapeHtml(trends.nights[trends.nights.length - 1] ?? '')})</h2>`,
    ...warnings,
    `<p class="hint">${newPapers} tonight (papers last night\u2019s run had not clustered). A theme keeps its id (and colour) from night to night while it continues. ` +
      'New: the papers it took of tonight\u2019s; expected: what its share of last night\u2019s papers would give. ' +
      `Growing: at least ${TREND_RULE.growMin} new papers and at least ${TREND_RULE.growRatio}\u00d7 expected; ` +
      `fading: expected at least ${TREND_RULE.fadeMinExpected} and at most ${TREND_RULE.fadeRatio}\u00d7 it; otherwise steady.</p>`,
    '<div class="scroll"><table class="cards">',
    '<thead><tr><th><span class="sr">Colour</span></th><th>Id</th><th>Label</th><th>Tonight</th><th>New</th><th>Expected</th><th>Papers</th><th>Last night</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table></div>',
    ended,
    ...history,
    withChart ? [
      '<h2>New papers per theme per night</h2>',
      `<p class="hint">Each bar is a night\u2019s new papers, split by the theme that took them; hover for the theme\u2019s size that night. ` +
        `The first night, ${escapeHtml(trends.nights[0])}, when all ${formatCount(firstNight)} papers were new, is left out.</p>`,
      '<div id="trends" class="chart"></div>',
    ].join('\n') : '',
    '</section>',
  ].join('\n');
}

/**
 * One collapsible list of papers per theme. The lists are filled by the page script from
 * the map's data when opened, so a 36,000-paper report does not carry every title twice.
 */
function papersByThemeHtml(themes: Theme[], colors: string[]): string {
  const names = themeNames(themes);
  const items = themes.map((theme, i) => [
    `<details class="theme-papers" data-theme="${escapeHtml(names.get(theme.id) ?? '')}">`,
    `<summary><span class="swatch" style="background:${escapeHtml(colors[i])}"></span> ${escapeHtml(theme.heading ?? theme.label)}${looseBadge(theme)} <span class="theme-name">(#${theme.id}, ${formatCount(theme.size)} papers)</span></summary>`,
    '<ol class="results"></ol>',
    '</details>',
  ].join(''));
  return [
    '<section class="card">',
    '<h2>Papers by theme</h2>',
    '<p class="hint">Open a theme to list its papers, closest to the theme centre first; titles link to the paper when its page is known.</p>',
    ...items,
    '</section>',
  ].join('\n');
}

/** Follows a loose theme's heading or label wherever themes are listed. */
const LOOSE_BADGE = ' <span class="badge loose" title="Silhouette and NPMI both low: a weak theme">loose</span>';

/** The badge after a loose theme's heading (nothing for other themes). */
function looseBadge(theme: Theme): string {
  return theme.loose === true ? LOOSE_BADGE : '';
}

/**
 * A per-theme quality figure; a missing one sorts last when ascending. `label` names the
 * field in the card a narrow window shows instead of the row.
 */
function qualityCell(label: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return `<td class="num" data-label="${label}" data-value="Infinity">n/a</td>`;
  return `<td class="num" data-label="${label}" data-value="${value}">${formatQuality(value)}</td>`;
}

/** A column heading whose button sorts the table (see the page script). */
function sortableHeader(title: string, type: 'number' | 'text', sort?: 'ascending'): string {
  const ariaSort = sort === undefined ? '' : ` aria-sort="${sort}"`;
  return `<th data-type="${type}"${ariaSort}><button type="button">${escapeHtml(title)}</button></th>`;
}

function titlesById(summary: RunSummary): Map<string, string> {
  return new Map(summary.papers.map((p) => [p.id, p.title]));
}

function specBlock(id: string, spec: unknown): string {
  return `<script type="application/json" id="${id}">${jsonForScript(spec)}</script>`;
}

/** System fonts only: the page must not fetch anything. */
const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #ffffff; --page: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 20px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 0 0 8px; }
.facts, .hint { color: var(--muted); margin: 0 0 12px; }
.note { margin: 0 0 12px; padding: 6px 10px; border-left: 4px solid #9a6700; background: #fff8c5; }
.figures { display: flex; flex-wrap: wrap; gap: 12px 40px; }
dl { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 0; }
dl div { display: flex; gap: 6px; }
dt { color: var(--muted); }
dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
main { display: grid; gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px; min-width: 0; }
.chart { width: 100%; min-width: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { font-weight: 600; white-space: nowrap; }
td.num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
ol { margin: 0; padding-left: 1.2em; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.search { margin: 0 0 8px; }
.search label { display: block; font-weight: 600; margin-bottom: 4px; }
.search input { width: min(100%, 420px); font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; }
.results { max-height: 220px; overflow-y: auto; margin: 0 0 8px; padding-left: 1.6em; }
.results:empty { display: none; }
.results li { overflow-wrap: anywhere; }
.theme-name { color: var(--muted); }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort=ascending] button::after { content: " ▲"; font-size: 0.75em; }
th[aria-sort=descending] button::after { content: " ▼"; font-size: 0.75em; }
a { color: #0b57d0; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 0.85em; background: #eaeef2; }
.badge.new { background: #dafbe1; }
.badge.growing { background: #ddf4ff; }
.badge.fading { background: #fff1e5; }
.badge.loose { background: #fff8c5; }
.loose-fit { color: var(--muted); }
details.theme-papers { margin: 4px 0; }
details.theme-papers summary { cursor: pointer; }
details.theme-papers .results { max-height: 360px; }
@media (max-width: 640px) {
  header, main { padding: 12px; }
  body { font-size: 14px; }
  .card { padding: 12px; }
  th, td { padding: 5px 6px; }
  th { white-space: normal; }
}
/* The themes table (and tonight's) as one card per theme: each cell a labelled line (its
   data-label), the column headings of a sortable table a row of sort buttons above the
   cards (of another, read by screen readers only). Below 860 px, where the themes
   table's nine columns no longer fit (it would scroll sideways). */
@media (max-width: 860px) {
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; }
  table.cards thead tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 14px; margin: 0 0 10px; }
  table.cards[data-sortable] thead tr::before { content: "Sort by"; color: var(--muted); }
  table.cards:not([data-sortable]) thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards thead th { border: 0; padding: 0; }
  table.cards thead th:not([data-type]) { display: none; }
  table.cards tbody tr { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin: 0 0 10px; }
  table.cards td { border: 0; padding: 2px 0; text-align: left; white-space: normal; }
  table.cards td[data-label] { position: relative; padding-left: 8.5em; }
  table.cards td[data-label]::before { content: attr(data-label); position: absolute; left: 0; width: 8em; color: var(--muted); font-weight: normal; overflow-wrap: normal; }
  table.cards td.heading { font-weight: 600; }
  table.cards td.colour { padding: 0 0 6px; }
  table.cards td.colour .swatch { display: block; width: 100%; height: 6px; }
}
`;
