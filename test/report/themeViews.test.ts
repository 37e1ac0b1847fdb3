import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/renderReport.js';
import { themeColor } from '../../src/report/specs.js';
import { intertopicSpec, similaritySpec, themeViewParts, treeLayout, treeSpec } from '../../src/report/themeViews.js';
import { summary } from '../fixtures/report/summary.js';
import { MERGE_INJECTION, summaryWithViews, themeViewsFixture } from '../fixtures/report/themeViews.js';

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
}

/** Compiles, failing on any Vega-Lite warning, and renders headless: the scene graph. */
async function render(spec: TopLevelSpec): Promise<{ root: SceneNode; messages: string[] }> {
  const messages: string[] = [];
  let level = 0;
  const logger = {
    level(next?: number) { if (next === undefined) return level; level = next; return logger; },
    error: (...args: unknown[]) => (messages.push(`error: ${args.join(' ')}`), logger),
    warn: (...args: unknown[]) => (messages.push(`warn: ${args.join(' ')}`), logger),
    info: () => logger,
    debug: () => logger,
  };
  const view = new vega.View(vega.parse(compile(spec, { logger: logger as never }).spec), { renderer: 'none' });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  view.finalize();
  return { root, messages };
}

/** Items of the data marks of one type (axes and legends not counted). */
function items(root: SceneNode, marktype: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: SceneNode) => {
    if (node.marktype === marktype && node.role === 'mark') out.push(...((node.items ?? []) as unknown as Array<Record<string, unknown>>));
    for (const item of node.items ?? []) walk(item);
  };
  walk(root);
  return out;
}

const k = summaryWithViews.themes.length;
const builders = { intertopicSpec, similaritySpec, treeSpec } as const;

describe.each(Object.entries(builders))('%s', (_, build) => {
  it('compiles without warnings and validates against the Vega-Lite schema', async () => {
    const { messages } = await render(build(summaryWithViews));
    expect(messages).toEqual([]);
    const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false });
    expect(ajv.validate(schema, build(summaryWithViews)), ajv.errorsText()).toBe(true);
  });
});

describe('intertopicSpec', () => {
  it('draws one circle per theme, area proportional to its papers, coloured as everywhere, labelled with its heading', async () => {
    const { root } = await render(intertopicSpec(summaryWithViews));
    const circles = items(root, 'symbol');
    expect(circles).toHaveLength(k);
    const sizeOf = new Map(summaryWithViews.themes.map((t) => [t.label, t.size]));
    const largest = Math.max(...sizeOf.values());
    for (const c of circles) {
      const datum = c.datum as { theme: string; papers: number };
      expect(datum.papers).toBe(sizeOf.get(datum.theme));
      expect(c.size as number).toBeCloseTo((3600 * datum.papers) / largest, 6);
    }
    expect(circles.map((c) => c.fill)).toEqual(summaryWithViews.themes.map((t) => themeColor(t.id)));
    expect(items(root, 'text').map((t) => t.text)).toEqual(summaryWithViews.themes.map((t) => t.label));
  });

  it('places the circles at the MDS positions on equal x and y scales', async () => {
    const { root } = await render(intertopicSpec(summaryWithViews));
    const at = new Map(items(root, 'symbol').map((c) => [(c.datum as { id: number }).id, [c.x as number, c.y as number]]));
    const p = new Map(themeViewsFixture.positions.map((q) => [q.themeId, q]));
    // Pixels per unit are the same along x and y (y grows upwards in data, downwards on screen).
    const sx = (at.get(2)![0] - at.get(0)![0]) / (p.get(2)!.x - p.get(0)!.x);
    const sy = (at.get(3)![1] - at.get(1)![1]) / (p.get(3)!.y - p.get(1)!.y);
    expect(sx).toBeGreaterThan(0);
    expect(-sy).toBeCloseTo(sx, 6);
  });
});

describe('similaritySpec', () => {
  it('draws k x k cells in leaf order with both themes and the value in each datum', async () => {
    const { root } = await render(similaritySpec(summaryWithViews));
    const cells = items(root, 'rect');
    expect(cells).toHaveLength(k * k);
    const first = cells.map((c) => c.datum as { row: string; column_theme: string; similarity: number })
      .find((d) => d.row === 'diffusion models' && d.column_theme === 'model merging')!;
    expect(first.similarity).toBe(-0.1);
    const spec = similaritySpec(summaryWithViews) as { encoding: { y: { sort: string[] }; x: { sort: string[] } } };
    expect(spec.encoding.y.sort).toEqual(['diffusion models', '<b>x</b>', 'model merging', 'retrieval-augmented generation']);
    expect(spec.encoding.x.sort).toEqual(['#2', '#3', '#0', '#1']);
  });
});

describe('treeSpec', () => {
  it('lays leaves out in leaf order and each merge halfway between its children, at its distance', () => {
    const { y, height, base } = treeLayout(themeViewsFixture);
    expect([2, 3, 0, 1].map((id) => y.get(id))).toEqual([0, 1, 2, 3]);
    expect([4, 5, 6].map((n) => y.get(n))).toEqual([0.5, 2.5, 1.5]);
    expect([4, 5, 6].map((n) => height.get(n))).toEqual([0.5, 0.7, 1.05]);
    expect(base).toBeLessThan(0.5);
    expect(height.get(0)).toBe(base);
  });

  it('draws three rules per merge, a point per merge with its label, a heading per leaf', async () => {
    const { root } = await render(treeSpec(summaryWithViews));
    expect(items(root, 'rule')).toHaveLength(3 * (k - 1));
    const symbols = items(root, 'symbol');
    const merges = symbols.filter((s) => (s.datum as { label?: string }).label !== undefined);
    expect(merges.map((m) => (m.datum as { label: string }).label)).toEqual(themeViewsFixture.merges.map((m) => m.heading));
    expect(symbols).toHaveLength(2 * k - 1);
    expect(items(root, 'text').map((t) => t.text)).toEqual(['diffusion models', '<b>x</b>', 'model merging', 'retrieval-augmented generation']);
  });
});

describe('themeViewParts in the report', () => {
  it('adds nothing without theme views', () => {
    expect(themeViewParts(summary)).toEqual({ charts: [], labelSets: [], html: '', specs: [] });
    expect(renderReport(summary)).not.toContain('id="theme-views"');
  });

  it('adds the section, the three charts and their specs, escaping every label', () => {
    const html = renderReport(summaryWithViews);
    for (const id of ['intertopic', 'similarity', 'tree']) {
      expect(html).toContain(`<div id="${id}" class="chart"></div>`);
      expect(html).toContain(`id="spec-${id}"`);
    }
    expect(html).not.toContain(MERGE_INJECTION);
    expect(html).toContain('=HYPERLINK(&quot;x&quot;) · &lt;b&gt;x&lt;/b&gt;');
    // The merges table, root first.
    expect(html.indexOf('<td class="num" data-label="Node">6</td>')).toBeGreaterThan(-1);
    expect(html.indexOf('<td class="num" data-label="Node">6</td>')).toBeLessThan(html.indexOf('<td class="num" data-label="Node">4</td>'));
    expect(renderReport(summaryWithViews)).toBe(html);
  });
});
