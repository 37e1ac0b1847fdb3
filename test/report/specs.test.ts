import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { themeColors } from '../../src/report/colors.js';
import {
  TOP_TERMS_SHOWN,
  themeMapSpec,
  themeNames,
  themeSizesSpec,
  topTermsSpec,
} from '../../src/report/specs.js';
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

async function renderHeadless(spec: TopLevelSpec) {
  const { vgSpec } = compileStrict(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  const svg = await view.toSVG();
  view.finalize();
  return { root, svg };
}

const builders = { themeMapSpec, themeSizesSpec, topTermsSpec } as const;

/** Optional: ajv is not a dependency yet; the schema test runs as soon as it is installed. */
async function loadAjv(): Promise<(new (opts: object) => { validate(s: object, d: unknown): boolean; errorsText(): string }) | undefined> {
  const name = 'ajv';
  try {
    const mod = (await import(/* @vite-ignore */ name)) as { default: { default?: unknown } };
    return (mod.default.default ?? mod.default) as never;
  } catch {
    return undefined;
  }
}
const Ajv = await loadAjv();

describe.each(Object.entries(builders))('%s', (_, build) => {
  it('compiles with Vega-Lite without errors or warnings', () => {
    const { vgSpec, messages } = compileStrict(build(summary));
    expect(messages).toEqual([]);
    expect(vgSpec.marks?.length).toBeGreaterThan(0);
  });

  it.skipIf(!Ajv)('validates against the Vega-Lite JSON schema', () => {
    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('vega-lite/vega-lite-schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const ajv = new Ajv!({ strict: false, allErrors: true, allowUnionTypes: true });
    const valid = ajv.validate(schema, build(summary));
    expect(valid, ajv.errorsText()).toBe(true);
  });

  it('inlines its data as values holding only the fields the chart reads', () => {
    const spec = build(summary) as { data: { values: Record<string, unknown>[] } };
    const keys = new Set(spec.data.values.flatMap((row) => Object.keys(row)));
    expect([...keys].sort()).toEqual(
      {
        themeMapSpec: ['score', 'theme', 'title', 'x', 'y'],
        themeSizesSpec: ['size', 'theme'],
        topTermsSpec: ['term', 'theme', 'weight'],
      }[build.name as keyof typeof builders],
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
    const params = (themeMapSpec(summary) as any).params;
    expect(params).toContainEqual({ name: 'zoom', select: 'interval', bind: 'scales' });
  });

  it('highlights a theme on legend click through opacity', () => {
    const spec = themeMapSpec(summary) as any;
    expect(spec.params).toContainEqual({
      name: 'pick',
      select: { type: 'point', fields: ['theme'] },
      bind: 'legend',
    });
    expect(spec.encoding.opacity.condition.param).toBe('pick');
    expect(spec.encoding.opacity.value).toBeLessThan(spec.encoding.opacity.condition.value);
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
      title: IMG_INJECTION,
      theme: summary.themes[summary.assignments[i].themeId].label,
      score: summary.assignments[i].score,
      x: summary.assignments[i].x,
      y: summary.assignments[i].y,
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
