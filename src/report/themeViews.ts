import type { TopLevelSpec } from 'vega-lite';
import type { RunSummary, ThemeMerge, ThemeViews } from '../types.js';
import { escapeHtml } from './escapeHtml.js';
import type { PageConfig } from './pageScript.js';
import { themeColor, themeNames } from './specs.js';

/**
 * The report's theme-level views (issue 15), drawn from `summary.themeViews` (computed by
 * the pipeline; nothing here but layout):
 *
 * - the intertopic map: one circle per theme, its area proportional to its papers, placed by
 *   classical MDS of the cosine distances between the theme centroids;
 * - the similarity heatmap: cosine similarity of every pair of centroids, rows and columns
 *   in the dendrogram's leaf order, so related themes form blocks;
 * - the tree: the average-linkage dendrogram as rules, leaves labelled with the theme
 *   headings, each merge a point whose tooltip gives its label.
 *
 * Colours follow the theme ids (themeColor), as in every other chart.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const THEME_VIEW_SPEC_IDS = { intertopic: 'spec-intertopic', similarity: 'spec-similarity', tree: 'spec-tree' } as const;

/** Area of the largest theme's circle in the intertopic map, in square pixels. */
const MAX_CIRCLE_AREA = 3600;
/** Side of the intertopic map (square, so that distances read the same in x and y). */
const MAP_SIDE = 440;
/** Pixels per heatmap cell and per tree leaf. */
const CELL = 20;
const LEAF_BAND = 22;
/** The intertopic map's label data (placed by the page script), font size and width limit. */
const INTERTOPIC_LABELS_DATA = 'intertopic_labels';
const INTERTOPIC_LABEL_SIZE = 11;
const INTERTOPIC_LABEL_LIMIT = 180;
/** Width of the tree's drawing (the leaf headings come on its left). */
const TREE_WIDTH = 420;

/** What renderReport adds for the views: charts to embed, the section, and the spec blocks. */
export interface ThemeViewParts {
  charts: PageConfig['charts'];
  /** Labels the page script places without overlaps (the intertopic map's). */
  labelSets: PageConfig['labelSets'];
  html: string;
  specs: Array<[string, TopLevelSpec]>;
}

/** Nothing when the run has no theme views (more themes than the pipeline draws, or a hand-made summary). */
export function themeViewParts(summary: RunSummary): ThemeViewParts {
  const views = summary.themeViews;
  if (views === undefined || views.merges.length === 0) return { charts: [], labelSets: [], html: '', specs: [] };
  const ids = THEME_VIEW_SPEC_IDS;
  return {
    charts: [
      { name: 'intertopic', target: '#intertopic', specId: ids.intertopic, renderer: 'svg' },
      { name: 'similarity', target: '#similarity', specId: ids.similarity, renderer: 'svg' },
      { name: 'tree', target: '#tree', specId: ids.tree, renderer: 'svg' },
    ],
    labelSets: [{ chart: 'intertopic', data: INTERTOPIC_LABELS_DATA, font: `${INTERTOPIC_LABEL_SIZE}px sans-serif`, limit: INTERTOPIC_LABEL_LIMIT, zoom: null }],
    html: themeViewsHtml(summary, views),
    specs: [[ids.intertopic, intertopicSpec(summary)], [ids.similarity, similaritySpec(summary)], [ids.tree, treeSpec(summary)]],
  };
}

/** Theme names (as every chart shows them) with a name for any id a summary may lack. */
function namer(summary: RunSummary): (id: number) => string {
  const names = themeNames(summary.themes);
  return (id) => names.get(id) ?? `Theme ${id}`;
}

function colorScale(ids: readonly number[], name: (id: number) => string) {
  const sorted = [...ids].sort((a, b) => a - b);
  return { domain: sorted.map(name), range: sorted.map(themeColor) };
}

function sizeOf(summary: RunSummary): Map<number, number> {
  return new Map(summary.themes.map((t) => [t.id, t.size]));
}

/** Rounded for the inlined data (the pipeline rounds already; the layout adds midpoints). */
function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/**
 * Intertopic map: circle c at the MDS position of theme c, area = MAX_CIRCLE_AREA x papers /
 * the largest theme's papers (a linear size scale from 0), labelled with its heading. Both
 * axes span the same range, on a square, so that distances on the page are comparable in
 * every direction.
 */
export function intertopicSpec(summary: RunSummary): TopLevelSpec {
  const views = summary.themeViews!;
  const name = namer(summary);
  const sizes = sizeOf(summary);
  const values = views.positions.map((p) => ({ theme: name(p.themeId), id: p.themeId, papers: sizes.get(p.themeId) ?? 0, x: p.x, y: p.y }));
  const largest = Math.max(1, ...values.map((v) => v.papers));
  const xs = values.map((v) => v.x);
  const ys = values.map((v) => v.y);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-3);
  // A fifth of the span of room on each side for the circles and their labels.
  const half = round4(span * 0.7);
  const domain = (vs: number[]) => {
    const mid = (Math.max(...vs) + Math.min(...vs)) / 2;
    return [round4(mid - half), round4(mid + half)];
  };
  const hidden = { title: null, labels: false, ticks: false, grid: false, domain: false } as const;
  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: domain(xs) }, axis: hidden };
  const y = { field: 'y', type: 'quantitative' as const, scale: { domain: domain(ys) }, axis: hidden };
  const tooltip = [
    { field: 'theme', type: 'nominal', title: 'Theme' },
    { field: 'id', type: 'quantitative', title: 'Id' },
    { field: 'papers', type: 'quantitative', title: 'Papers' },
  ] as const;
  return {
    $schema: SCHEMA,
    description: 'One circle per theme, its area proportional to its papers, placed by the similarity of the theme centroids (classical MDS of cosine distances).',
    width: MAP_SIDE,
    height: MAP_SIDE,
    data: { values },
    layer: [
      {
        mark: { type: 'circle', opacity: 0.55, stroke: '#1f2328', strokeWidth: 0.5 },
        encoding: {
          x, y,
          size: { field: 'papers', type: 'quantitative', scale: { type: 'linear', domain: [0, largest], range: [0, MAX_CIRCLE_AREA] }, legend: null },
          color: { field: 'theme', type: 'nominal', scale: colorScale(views.leafOrder, name), legend: null },
          tooltip: [...tooltip],
        },
      },
      // Largest theme first; the page script shows those that overlap no other (`shown`) at (lx, ly).
      {
        data: {
          name: INTERTOPIC_LABELS_DATA,
          values: [...values].sort((a, b) => b.papers - a.papers || a.id - b.id)
            .map((v) => ({ theme: v.theme, label: v.theme, id: v.id, papers: v.papers, size: v.papers, x: v.x, y: v.y, lx: v.x, ly: v.y, shown: true })),
        },
        mark: { type: 'text', fontSize: INTERTOPIC_LABEL_SIZE, baseline: 'middle', limit: INTERTOPIC_LABEL_LIMIT },
        encoding: {
          x: { ...x, field: 'lx' }, y: { ...y, field: 'ly' },
          text: { field: 'label', type: 'nominal' },
          opacity: { condition: { test: 'datum.shown', value: 1 }, value: 0 },
          tooltip: [...tooltip],
        },
      },
    ],
  };
}

/**
 * Cosine similarity of the theme centroids, one cell per pair (k x k), rows and columns in
 * the dendrogram's leaf order. Rows are named by heading, columns by id (`#3`); the
 * tooltip gives both themes' names and the value.
 */
export function similaritySpec(summary: RunSummary): TopLevelSpec {
  const views = summary.themeViews!;
  const name = namer(summary);
  const order = views.leafOrder;
  const values = order.flatMap((a, i) => order.map((b, j) => ({
    row: name(a), column: `#${b}`, column_theme: name(b), similarity: views.similarity[i][j],
  })));
  return {
    $schema: SCHEMA,
    description: 'Cosine similarity between the theme centroids, in the order of the theme tree.',
    width: CELL * order.length,
    height: CELL * order.length,
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: order.map(name), axis: { title: null, labelLimit: 220 } },
      x: { field: 'column', type: 'nominal', sort: order.map((id) => `#${id}`), axis: { title: null, labelAngle: 0, orient: 'top' } },
      color: {
        field: 'similarity', type: 'quantitative', title: 'Cosine similarity',
        scale: { scheme: 'blueorange', domain: [-1, 1] },
      },
      tooltip: [
        { field: 'row', type: 'nominal', title: 'Theme' },
        { field: 'column_theme', type: 'nominal', title: 'and theme' },
        { field: 'similarity', type: 'quantitative', title: 'Cosine similarity', format: '.3f' },
      ],
    },
  };
}

/** Where each node of the tree is drawn: leaves one band apart in leaf order, a merge halfway between its children. */
export function treeLayout(views: ThemeViews): { y: Map<number, number>; height: Map<number, number>; base: number } {
  const y = new Map<number, number>();
  const height = new Map<number, number>();
  const distances = views.merges.map((m) => m.distance);
  const low = Math.min(...distances);
  const high = Math.max(...distances);
  // Leaves sit a little left of the lowest merge (on the axis, at its start), so the short
  // distances between close themes are not squeezed against a distant zero.
  const base = round4(Math.max(0, low - Math.max(0.15 * (high - low), 0.02)));
  views.leafOrder.forEach((id, i) => {
    y.set(id, i);
    height.set(id, base);
  });
  for (const m of views.merges) {
    y.set(m.node, round4((y.get(m.left)! + y.get(m.right)!) / 2));
    height.set(m.node, m.distance);
  }
  return { y, height, base };
}

/**
 * The dendrogram: for each merge a vertical rule at its distance between its children and a
 * horizontal rule from each child to it; a point per merge (tooltip: label, distance,
 * papers, themes); each leaf a coloured square and its theme heading.
 */
export function treeSpec(summary: RunSummary): TopLevelSpec {
  const views = summary.themeViews!;
  const name = namer(summary);
  const sizes = sizeOf(summary);
  const { y, height, base } = treeLayout(views);
  const rules = views.merges.flatMap((m) => [
    { x: m.distance, x2: m.distance, y: y.get(m.left)!, y2: y.get(m.right)! },
    ...[m.left, m.right].map((child) => ({ x: height.get(child)!, x2: m.distance, y: y.get(child)!, y2: y.get(child)! })),
  ]);
  const merges = views.merges.map((m) => ({
    x: m.distance, y: y.get(m.node)!, label: m.heading, node: m.node, distance: m.distance, papers: m.size,
    themes: m.themes.map(name).join('; '),
  }));
  const leaves = views.leafOrder.map((id) => ({ x: base, y: y.get(id)!, theme: name(id), id, papers: sizes.get(id) ?? 0 }));
  const last = views.leafOrder.length - 1;
  const xAxis = {
    field: 'x', type: 'quantitative' as const, title: 'Cosine distance (average linkage)',
    axis: { format: '.2f', labelSeparation: 6 },
    scale: { domain: [base, Math.max(...views.merges.map((m) => m.distance))], nice: false, zero: false },
  };
  const yAxis = { field: 'y', type: 'quantitative' as const, axis: null, scale: { domain: [-0.5, last + 0.5], reverse: true, nice: false, zero: false } };
  return {
    $schema: SCHEMA,
    description: 'The theme tree: average-linkage clustering of the theme centroids by cosine distance.',
    width: TREE_WIDTH,
    height: LEAF_BAND * views.leafOrder.length,
    layer: [
      {
        data: { values: rules },
        mark: { type: 'rule', color: '#59636e', strokeWidth: 1.5 },
        encoding: { x: xAxis, x2: { field: 'x2' }, y: yAxis, y2: { field: 'y2' } },
      },
      {
        data: { values: merges },
        mark: { type: 'point', filled: true, size: 40, color: '#1f2328', cursor: 'help' },
        encoding: {
          x: xAxis, y: yAxis,
          tooltip: [
            { field: 'label', type: 'nominal', title: 'Merge' },
            { field: 'node', type: 'quantitative', title: 'Node' },
            { field: 'distance', type: 'quantitative', title: 'Distance', format: '.3f' },
            { field: 'papers', type: 'quantitative', title: 'Papers' },
            { field: 'themes', type: 'nominal', title: 'Themes' },
          ],
        },
      },
      {
        data: { values: leaves },
        mark: { type: 'square', size: 90, opacity: 1 },
        encoding: {
          x: xAxis, y: yAxis,
          color: { field: 'theme', type: 'nominal', scale: colorScale(views.leafOrder, name), legend: null },
          tooltip: [
            { field: 'theme', type: 'nominal', title: 'Theme' },
            { field: 'papers', type: 'quantitative', title: 'Papers' },
          ],
        },
      },
      {
        data: { values: leaves },
        mark: { type: 'text', align: 'right', baseline: 'middle', dx: -10, fontSize: 12, limit: 240 },
        encoding: { x: xAxis, y: yAxis, text: { field: 'theme', type: 'nominal' } },
      },
    ],
  };
}

/** The section: the three charts and, readable with scripts off, the merges as a table. */
function themeViewsHtml(summary: RunSummary, views: ThemeViews): string {
  const name = namer(summary);
  const node = (n: number) => (views.leafOrder.includes(n) ? escapeHtml(name(n)) : `merge ${n}`);
  const rows = [...views.merges].reverse().map((m: ThemeMerge) => [
    '<tr>',
    `<td class="num" data-label="Node">${m.node}</td>`,
    `<td class="heading" data-label="Merge">${escapeHtml(m.heading)}</td>`,
    `<td data-label="Joins">${node(m.left)} + ${node(m.right)}</td>`,
    `<td class="num" data-label="Distance">${m.distance.toFixed(3)}</td>`,
    `<td class="num" data-label="Papers">${m.size}</td>`,
    '</tr>',
  ].join(''));
  return [
    '<section class="card" id="theme-views">',
    '<h2>How the themes relate</h2>',
    '<p class="hint">From the theme centres (the mean of each theme\u2019s reduced paper vectors): their cosine similarity, and an average-linkage clustering of their cosine distances (1 \u2212 similarity).</p>',
    '<h3>Intertopic map</h3>',
    '<p class="hint">One circle per theme, its area proportional to its papers; themes with similar centres are close (classical multidimensional scaling of the distances).</p>',
    '<div class="scroll"><div id="intertopic" class="chart"></div></div>',
    '<h3>Similarity of the themes</h3>',
    '<p class="hint">Cosine similarity of each pair of theme centres, in the order of the tree below; columns are theme ids.</p>',
    '<div class="scroll"><div id="similarity" class="chart"></div></div>',
    '<h3>Theme tree</h3>',
    '<p class="hint">Themes joined by average linkage, closest first; a point marks each merge: point at it for its label, the label of all its papers together.</p>',
    '<div class="scroll"><div id="tree" class="chart"></div></div>',
    '<details><summary>Merges, from the root</summary>',
    // Cards in a narrow window, as the themes table (the data-label names each field).
    '<div class="scroll"><table class="cards">',
    '<thead><tr><th>Node</th><th>Merge</th><th>Joins</th><th>Distance</th><th>Papers</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table></div>',
    '</details>',
    '</section>',
  ].join('\n');
}
