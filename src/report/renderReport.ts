import { format } from 'd3';
import type { RunSummary, Theme } from '../types.js';
import { themeColors } from './colors.js';
import { escapeHtml } from './escapeHtml.js';
import { jsonForScript, readBrowserBuild } from './inlineScript.js';
import { themeMapSpec, themeSizesSpec, topTermsSpec } from './specs.js';

/**
 * The run's HTML report: one self-contained page that opens from file:// on a machine with
 * no network. Vega, Vega-Lite and vega-embed are inlined, the chart specs travel as JSON
 * blocks, and the theme table is rendered here so it is readable even with scripts off.
 *
 * Same summary in, byte-identical page out (no timestamps, no generated ids), so reports
 * can be diffed and cached. Every string that came from the input goes through
 * {@link escapeHtml} (HTML) or {@link jsonForScript} (JSON blocks).
 */
export function renderReport(summary: RunSummary): string {
  const colors = themeColors(summary.themes.length);
  const themes = [...summary.themes].sort((a, b) => a.id - b.id);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Forbids every network fetch; scripts and styles may only be the inline ones. Vega
    // compiles its expressions with Function(), hence 'unsafe-eval'.
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">`,
    `<title>Themes: ${escapeHtml(summary.corpusName)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    headerHtml(summary),
    '<main>',
    chartsHtml(),
    themesTableHtml(themes, colors, titlesById(summary)),
    '</main>',
    specBlock(SPEC_IDS.map, themeMapSpec(summary)),
    specBlock(SPEC_IDS.sizes, themeSizesSpec(summary)),
    specBlock(SPEC_IDS.terms, topTermsSpec(summary)),
    `<script>${readBrowserBuild('vega')}</script>`,
    `<script>${readBrowserBuild('vega-lite')}</script>`,
    `<script>${readBrowserBuild('vega-embed')}</script>`,
    `<script>${embedScript(mapRenderer(summary.papers.length))}</script>`,
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

const SPEC_IDS = { map: 'spec-map', sizes: 'spec-sizes', terms: 'spec-terms' } as const;

const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
].join('; ');

const formatQuality = format(',.3f');
const formatCount = format(',d');

function headerHtml(summary: RunSummary): string {
  const facts = [
    summary.corpusDate === undefined ? undefined : escapeHtml(summary.corpusDate),
    `${formatCount(summary.papers.length)} papers`,
    `${formatCount(summary.themes.length)} themes`,
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

/** Keys are untrusted too (parameter names come from run configuration). */
function definitionList<V>(title: string, entries: Array<[string, V]>, show: (v: V) => string): string {
  if (entries.length === 0) return '';
  const items = entries
    .map(([key, value]) => `<div><dt>${escapeHtml(key)}</dt><dd>${show(value)}</dd></div>`)
    .join('');
  return `<section><h2>${escapeHtml(title)}</h2><dl>${items}</dl></section>`;
}

function chartsHtml(): string {
  return [
    '<section class="card">',
    '<h2>Theme map</h2>',
    '<p class="hint">Scroll to zoom, drag to pan, double-click to reset. Click a legend entry to highlight one theme (shift-click for several).</p>',
    '<div id="map" class="chart"></div>',
    '</section>',
    '<section class="card"><h2>Theme sizes</h2><div id="sizes" class="chart"></div></section>',
    '<section class="card"><h2>Top terms</h2><div id="terms" class="chart scroll"></div></section>',
    '<noscript><p class="hint">The charts need JavaScript; the table below has the same themes.</p></noscript>',
  ].join('\n');
}

function themesTableHtml(themes: Theme[], colors: string[], titles: Map<string, string>): string {
  const rows = themes.map((theme, i) => {
    const terms = theme.topTerms.map((t) => escapeHtml(t.term)).join(', ');
    const reps = theme.representativeIds
      .slice(0, 3)
      .map((id) => `<li>${escapeHtml(titles.get(id) ?? id)}</li>`)
      .join('');
    return [
      '<tr>',
      `<td><span class="swatch" style="background:${escapeHtml(colors[i])}"></span></td>`,
      `<td class="num">${theme.id}</td>`,
      `<td>${escapeHtml(theme.label)}</td>`,
      `<td class="num">${formatCount(theme.size)}</td>`,
      `<td>${terms}</td>`,
      `<td><ol>${reps}</ol></td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section class="card">',
    '<h2>Themes</h2>',
    '<div class="scroll">',
    '<table>',
    '<thead><tr><th><span class="sr">Colour</span></th><th>Id</th><th>Label</th><th>Size</th><th>Top terms</th><th>Representative papers</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

function titlesById(summary: RunSummary): Map<string, string> {
  return new Map(summary.papers.map((p) => [p.id, p.title]));
}

function specBlock(id: string, spec: unknown): string {
  return `<script type="application/json" id="${id}">${jsonForScript(spec)}</script>`;
}

/** Browser side: read each JSON block and hand it to vegaEmbed; show failures in place. */
function embedScript(renderer: 'canvas' | 'svg'): string {
  return `
(function () {
  'use strict';
  function show(target, specId, renderer) {
    var spec = JSON.parse(document.getElementById(specId).textContent);
    vegaEmbed(target, spec, { actions: false, mode: 'vega-lite', renderer: renderer })
      .catch(function (error) {
        document.querySelector(target).textContent =
          'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
      });
  }
  show('#map', ${JSON.stringify(SPEC_IDS.map)}, ${JSON.stringify(renderer)});
  show('#sizes', ${JSON.stringify(SPEC_IDS.sizes)}, 'svg');
  show('#terms', ${JSON.stringify(SPEC_IDS.terms)}, 'svg');
})();
`;
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
@media (max-width: 640px) { header, main { padding: 12px; } body { font-size: 14px; } }
`;
