import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { themeColors } from '../../src/report/colors.js';
import {
  kCurveSpec,
  LOOSE_FIT_OPACITY,
  SEARCH_SIGNAL,
  TOP_TERMS_SHOWN,
  themeMapSpec,
  themeNames,
  themeSizesSpec,
  topTermsSpec,
  trendsSpec,
  undrawnPapers,
} from '../../src/report/specs.js';
import { paperUrl } from '../../src/report/paperUrl.js';
import type { RunSummary } from '../../src/types.js';
import { IMG_INJECTION, LABEL_INJECTION, summary } from '../fixtures/report/summary.js';

/** Compiles with a logger that records every warning and error instead of printing it. */
function compileStrict(spec: TopLevelSpec) {
  const messages: string[] = [];
  let level = 0;
  const logger = {
    level(next?: number) {
      if (next === undefined) return level;
      level = next;
      return logger;
    },
    error: (...args: unknown[]) => (messages.push(`error: ${args.join(' ')}`), logger),
    warn: (...args: unknown[]) => (messages.push(`warn: ${args.join(' ')}`), logger),
    info: () => logger,
    debug: () => logger,
  };
  const compiled = compile(spec, { logger: logger as never });
  return { vgSpec: compiled.spec, messages };
}

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
}

/** Items of data-driven marks (role "mark") of one type; axes and legends are not counted. */
function countMarks(root: SceneNode, marktype: string): number {
  let count = 0;
  const walk = (node: SceneNode) => {
    if (node.marktype === marktype && node.role === 'mark') count += node.items?.length ?? 0;
    for (const item of node.items ?? []) walk(item);
  };
  walk(root);
  return count;
}

/** Opacity of every point of the map, in data order, after the view has run. */
function pointOpacities(view: vega.View): number[] {
  const out: number[] = [];
  const walk = (node: SceneNode & { opacity?: number }) => {
    if (node.marktype === 'symbol' && node.role === 'mark') for (const item of node.items ?? []) out.push((item as { opacity?: number }).opacity ?? 1);
    for (const item of node.items ?? []) walk(item);
  };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root);
  return out;
}

async function renderHeadless(spec: TopLevelSpec) {
  const { vgSpec } = compileStrict(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  const svg = await view.toSVG();
  view.finalize();
  return { root, svg };
}

/** kCurveSpec returns undefined without a k selection; the fixture has one. */
const kCurveOf = (s: RunSummary): TopLevelSpec => kCurveSpec(s)!;
const builders = { themeMapSpec, themeSizesSpec, topTermsSpec, kCurveSpec: kCurveOf } as const;



describe.each(Object.entries(builders))('%s', (_, build) => {
  it('compiles with Vega-Lite without errors or warnings', () => {
    const { vgSpec, messages } = compileStrict(build(summary));
    expect(messages).toEqual([]);
    expect(vgSpec.marks?.length).toBeGreaterThan(0);
  });

  it('validates against the Vega-Lite JSON schema', () => {
    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('vega-lite/vega-lite-schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false });
    const valid = ajv.validate(schema, build(summary));
    expect(valid, ajv.errorsText()).toBe(true);
  });

  it('inlines its data as values holding only the fields the chart reads', () => {
    const spec = build(summary) as { data?: { values: Record<string, unknown>[] }; layer?: Array<{ data: { values: Record<string, unknown>[] } }> };
    const rows = spec.data?.values ?? spec.layer!.flatMap((layer) => layer.data.values);
    const keys = new Set(rows.flatMap((row) => Object.keys(row)));
    expect([...keys].sort()).toEqual(
      {
        themeMapSpec: ['score', 'theme', 'title', 'url', 'x', 'y'],
        themeSizesSpec: ['size', 'theme'],
        topTermsSpec: ['term', 'theme', 'weight'],
        kCurveOf: ['k', 'silhouette'],
      }[build.name as 'themeMapSpec' | 'themeSizesSpec' | 'topTermsSpec' | 'kCurveOf'],
    );
  });

  it('is serialisable as JSON without loss', () => {
    const spec = build(summary);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('themeMapSpec', () => {
  it('renders headless with one symbol per paper', async () => {
    const { root, svg } = await renderHeadless(themeMapSpec(summary));
    expect(countMarks(root, 'symbol')).toBe(summary.papers.length);
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(summary.papers.length);
  });

  it('colours by theme label with the shared explicit domain and range', () => {
    const spec = themeMapSpec(summary) as any;
    expect(spec.encoding.color.field).toBe('theme');
    expect(spec.encoding.color.scale).toEqual({
      domain: summary.themes.map((t) => t.label),
      range: themeColors(4),
    });
  });

  it('binds an interval selection to the scales (zoom and pan)', () => {
    const params = (themeMapSpec(summary) as any).layer[0].params;
    expect(params).toContainEqual({ name: 'zoom', select: 'interval', bind: 'scales' });
  });

  it('highlights a theme on legend click through opacity', () => {
    const spec = themeMapSpec(summary) as any;
    expect(spec.layer[0].params).toContainEqual({
      name: 'pick',
      select: { type: 'point', fields: ['theme'] },
      bind: 'legend',
    });
    for (const condition of spec.encoding.opacity.condition) {
      expect(condition.test.and[0]).toEqual({ param: 'pick' });
      expect(spec.encoding.opacity.value).toBeLessThan(condition.value);
    }
  });

  it('fades papers whose titles do not match the search signal', async () => {
    const spec = themeMapSpec(summary) as any;
    expect(spec.params).toContainEqual({ name: SEARCH_SIGNAL, value: '' });
    const { vgSpec } = compileStrict(spec);
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    await view.runAsync();
    const opacities = () => {
      const out: number[] = [];
      const walk = (node: SceneNode & { opacity?: number }) => {
        if ((node as any).marktype === 'symbol' && node.role === 'mark') for (const item of node.items ?? []) out.push((item as any).opacity);
        for (const item of node.items ?? []) walk(item);
      };
      walk((view.scenegraph() as unknown as { root: SceneNode }).root);
      return out;
    };
    const before = opacities();
    expect(new Set(before).size).toBe(1);
    await view.signal(SEARCH_SIGNAL, '(?=[\\s\\S]*merging)').runAsync();
    const after = opacities();
    const merging = summary.papers.filter((p) => /merging/i.test(p.title)).length;
    expect(after.filter((o) => o === before[0])).toHaveLength(merging);
    expect(after.filter((o) => o < before[0])).toHaveLength(summary.papers.length - merging);
    view.finalize();
  });

  it('draws loose fits faded, by the loose_fit field that only they carry, and the others as before', async () => {
    const loose = new Set([0, 20]);
    const withLoose: RunSummary = { ...summary, assignments: summary.assignments.map((a, i) => (loose.has(i) ? { ...a, looseFit: true } : { ...a, looseFit: false })) };
    const spec = themeMapSpec(withLoose) as any;
    const values = spec.data.values as Array<{ loose_fit?: boolean }>;
    expect(values.map((v, i) => [i, v.loose_fit]).filter(([, flag]) => flag !== undefined)).toEqual([[0, true], [20, true]]);
    expect(spec.encoding.opacity.condition[0].test.and).toContain('!datum.loose_fit');
    const { vgSpec, messages } = compileStrict(spec);
    expect(messages).toEqual([]);
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    await view.runAsync();
    const opacities = pointOpacities(view);
    expect(LOOSE_FIT_OPACITY).toBe(0.3);
    opacities.forEach((o, i) => expect(o).toBe(loose.has(i) ? 0.3 : 0.85));
    // A search that misses a loose fit fades it further, like any other paper.
    await view.signal(SEARCH_SIGNAL, '(?=[\\s\\S]*merging)').runAsync();
    const searched = pointOpacities(view);
    expect(summary.papers[20].title).not.toMatch(/merging/i);
    expect(searched[20]).toBeLessThan(0.3);
    expect(searched[0]).toBe(/merging/i.test(summary.papers[0].title) ? 0.3 : searched[20]);
    view.finalize();
    // Without loose fits every point is as before.
    const plain = new vega.View(vega.parse(compileStrict(themeMapSpec(summary)).vgSpec), { renderer: 'none' });
    await plain.runAsync();
    expect(new Set(pointOpacities(plain))).toEqual(new Set([0.85]));
    plain.finalize();
  });

  it('links a point to its paper only when a safe url is known, for the page script to open (no Vega href)', () => {
    const spec = themeMapSpec(summary) as any;
    expect(spec.encoding.href).toBeUndefined();
    const values = spec.data.values as Array<{ url?: string }>;
    summary.papers.forEach((paper, i) => expect(values[i].url).toBe(paper.url));
    const hostile = themeMapSpec({ ...summary, papers: summary.papers.map((p) => ({ ...p, url: 'javascript:alert(1)' })) }) as any;
    expect(hostile.data.values.every((v: { url?: string }) => v.url === undefined)).toBe(true);
  });

  it('labels each theme once, at one of its own papers, largest theme first, and never gives a label a tooltip', async () => {
    const spec = themeMapSpec(summary) as any;
    const [halo, text] = spec.layer.slice(1);
    expect(halo.data).toEqual(text.data);
    const labels = text.data.values as Array<{ theme: string; label: string; x: number; y: number; size: number; shown: boolean }>;
    expect(labels.map((l) => l.theme).sort()).toEqual(summary.themes.map((t) => t.label).sort());
    expect(labels.map((l) => l.size)).toEqual([...labels.map((l) => l.size)].sort((a, b) => b - a));
    const points = spec.data.values as Array<{ theme: string; x: number; y: number }>;
    for (const label of labels) expect(points.some((p) => p.theme === label.theme && p.x === label.x && p.y === label.y)).toBe(true);
    expect(text.encoding.tooltip).toBeNull();
    // Drawn: one text per theme in each of the two text layers.
    const { root } = await renderHeadless(spec);
    expect(countMarks(root, 'text')).toBe(2 * summary.themes.length);
  });

  it('shows title, theme and score in the tooltip', () => {
    const fields = (themeMapSpec(summary) as any).encoding.tooltip.map((t: { field: string }) => t.field);
    expect(fields).toEqual(['title', 'theme', 'score']);
  });

  it('carries each paper at its map position with its theme label', () => {
    const values = (themeMapSpec(summary) as any).data.values;
    expect(values).toHaveLength(summary.papers.length);
    const i = summary.papers.findIndex((p) => p.title === IMG_INJECTION);
    expect(values[i]).toEqual({
      url: summary.papers[i].url,
      title: IMG_INJECTION,
      theme: summary.themes[summary.assignments[i].themeId].label,
      score: Math.round(summary.assignments[i].score * 1e3) / 1e3,
      x: Math.round(summary.assignments[i].x * 1e5) / 1e5,
      y: Math.round(summary.assignments[i].y * 1e5) / 1e5,
    });
  });
});

describe('themeSizesSpec', () => {
  it('renders headless with one bar per theme', async () => {
    const { root } = await renderHeadless(themeSizesSpec(summary));
    expect(countMarks(root, 'rect')).toBe(summary.themes.length);
  });

  it('lists the themes in id order with their sizes', () => {
    const values = (themeSizesSpec(summary) as any).data.values;
    expect(values).toEqual(summary.themes.map((t) => ({ theme: t.label, size: t.size })));
  });
});

describe('topTermsSpec', () => {
  it('renders headless with one bar per (theme, term) in one panel per theme', async () => {
    const { root, svg } = await renderHeadless(topTermsSpec(summary));
    const terms = summary.themes.reduce((n, t) => n + Math.min(t.topTerms.length, TOP_TERMS_SHOWN), 0);
    expect(countMarks(root, 'rect')).toBe(terms);
    const panelTitles = [...svg.matchAll(/aria-label="Title text '([^']*)'"/g)].map((m) => m[1]);
    expect(panelTitles).toEqual(
      summary.themes.map((t) => t.label.replace(/</g, '&lt;').replace(/>/g, '&gt;')),
    );
  });

  it('facets by theme, in id order, with an independent y scale', () => {
    const spec = topTermsSpec(summary) as any;
    expect(spec.facet.field).toBe('theme');
    expect(spec.facet.sort).toEqual(summary.themes.map((t) => t.label));
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    expect(spec.spec.encoding.y.field).toBe('term');
    expect(spec.spec.encoding.x.field).toBe('weight');
  });

  it(`shows at most ${TOP_TERMS_SHOWN} terms per theme`, () => {
    const many: RunSummary = {
      ...summary,
      themes: summary.themes.map((t) => ({
        ...t,
        topTerms: Array.from({ length: 25 }, (_, i) => ({ term: `term ${i}`, weight: 1 / (i + 1) })),
      })),
    };
    expect((topTermsSpec(many) as any).data.values).toHaveLength(TOP_TERMS_SHOWN * many.themes.length);
  });
});

describe('themeNames', () => {
  it('uses the label as is when labels are unique', () => {
    expect([...themeNames(summary.themes).values()]).toContain(LABEL_INJECTION);
  });

  it('disambiguates duplicate labels, so two themes never share a legend entry or colour', () => {
    const themes = [
      { id: 1, label: 'vision', size: 2, topTerms: [], representativeIds: [] },
      { id: 0, label: 'vision', size: 3, topTerms: [], representativeIds: [] },
      { id: 2, label: '  ', size: 1, topTerms: [], representativeIds: [] },
    ];
    expect([...themeNames(themes).entries()]).toEqual([
      [0, 'vision (#0)'],
      [1, 'vision (#1)'],
      [2, 'Theme 2'],
    ]);
  });

  it('keeps a map with duplicate labels drawable: one legend entry and one colour per theme', async () => {
    const dup: RunSummary = {
      ...summary,
      themes: summary.themes.map((t) => ({ ...t, label: 'same' })),
    };
    const spec = themeMapSpec(dup) as any;
    expect(new Set(spec.encoding.color.scale.domain).size).toBe(4);
    const { root } = await renderHeadless(spec);
    expect(countMarks(root, 'symbol')).toBe(summary.papers.length);
  });
});

describe('kCurveSpec', () => {
  it('draws one point per k tried, a rule at the chosen k and a ring on its point', async () => {
    const { root } = await renderHeadless(kCurveSpec(summary)!);
    // One symbol per k, plus the ring.
    expect(countMarks(root, 'symbol')).toBe(summary.kSelection!.curve.length + 1);
    expect(countMarks(root, 'rule')).toBe(1);
    const layers = (kCurveSpec(summary) as any).layer;
    expect(layers[1].data.values).toEqual([{ k: summary.kSelection!.chosen }]);
    expect(layers[2].data.values).toEqual([{ k: 4, silhouette: 0.187 }]);
  });

  it('puts the ring on the kept k, not on the highest point, when they differ', () => {
    const kept = { ...summary, kSelection: { ...summary.kSelection!, chosen: 2, reason: "last night's k, kept" } };
    const layers = (kCurveSpec(kept) as any).layer;
    expect(layers[1].data.values).toEqual([{ k: 2 }]);
    expect(layers[2].data.values).toEqual([{ k: 2, silhouette: 0.121 }]);
  });

  it('is absent when k was given', () => {
    expect(kCurveSpec({ ...summary, kSelection: undefined })).toBeUndefined();
  });
});

describe('trendsSpec', () => {
  const nights = ['2026-11-20', '2026-11-21', '2026-11-22'];
  const trends = {
    nights,
    series: summary.themes.flatMap((t) => nights.map((night, i) => ({ night, themeId: t.id, label: t.label, papers: t.size + i, gained: i === 0 ? t.size : 1 })))
      .concat([{ night: '2026-11-19', themeId: 99, label: 'unrecorded', papers: 3, gained: null as unknown as number }]),
    tonight: [],
    ended: [],
    newPapers: summary.themes.length,
    labelHistory: [],
    qualityWarnings: [],
  };
  const spec = trendsSpec({ ...summary, trends })!;

  it('compiles without warnings and validates against the Vega-Lite schema', () => {
    expect(compileStrict(spec).messages).toEqual([]);
    const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false });
    expect(ajv.validate(schema, spec), ajv.errorsText()).toBe(true);
  });

  it('draws one bar per theme and night of the papers it gained, stacked in theme id order, none for the first night or a night without gains', async () => {
    const { root } = await renderHeadless(spec);
    expect(countMarks(root, 'rect')).toBe(summary.themes.length * 2);
    const values = (spec.data as { values: Array<{ night: string; id: number; gained: number; papers: number }> }).values;
    expect(values.filter((v) => v.night === '2026-11-22').map((v) => v.gained)).toEqual(summary.themes.map(() => 1));
    expect(values.find((v) => v.night === '2026-11-22' && v.id === summary.themes[0].id)?.papers).toBe(summary.themes[0].size + 2);
    expect(values.some((v) => v.night === '2026-11-19' || v.night === '2026-11-20')).toBe(false);
    expect(JSON.stringify((spec as { encoding: unknown }).encoding)).toContain('"order":{"field":"id","type":"quantitative"}');
  });

  it('is absent with fewer than two nights', () => {
    expect(trendsSpec(summary)).toBeUndefined();
    expect(trendsSpec({ ...summary, trends: { ...trends, nights: ['2026-11-20'] } })).toBeUndefined();
  });
});

describe('undrawnPapers', () => {
  const papers = Array.from({ length: 300 }, (_, i) => ({
    id: i % 3 === 0 ? `2401.${String(10000 + i)}` : `q${i}`,
    title: `Paper ${i}`,
    abstract: '',
    ...(i % 3 === 1 ? { url: `https://example.org/papers/${i}` } : {}),
  }));
  const large: RunSummary = {
    ...summary,
    papers,
    assignments: papers.map((p, i) => ({ paperId: p.id, themeId: summary.themes[i % summary.themes.length].id, score: 0.5, x: i, y: -i })),
  };
  const undrawn = undrawnPapers(large, 100)!;

  it('lists every paper the map does not draw, with its link rebuilt from a shared prefix', () => {
    expect(undrawn.papers).toHaveLength(200);
    for (const row of undrawn.papers) {
      const paper = papers.find((p) => p.title === row[0])!;
      const url = row[3] === null ? undefined : undrawn.urlPrefixes[row[3][0]] + row[3][1];
      expect(url).toBe(paperUrl(paper));
    }
  });

  it('writes each link prefix once, not once per paper', () => {
    const text = JSON.stringify(undrawn);
    expect(text.split('https://arxiv.org/abs/').length - 1).toBe(1);
    expect(text.split('https://example.org/papers/').length - 1).toBe(1);
  });
});
