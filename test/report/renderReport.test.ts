import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readBrowserBuild } from '../../src/report/inlineScript.js';
import { CANVAS_THRESHOLD, mapRenderer, renderReport } from '../../src/report/renderReport.js';
import { themeColor } from '../../src/report/specs.js';
import { isLooseTheme } from '../../src/metrics/looseThemes.js';
import type { RunSummary, ThemeTrends } from '../../src/types.js';
import {
  IMG_INJECTION,
  LABEL_INJECTION,
  SCRIPT_INJECTION,
  summary,
} from '../fixtures/report/summary.js';

const html = renderReport(summary);

/** Text of the `<script type="application/json" id=...>` block, exactly as written. */
function jsonBlock(page: string, id: string): string {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(page);
  if (!match) throw new Error(`no JSON block ${id}`);
  return match[1];
}

/** The page with every script body removed: what the HTML parser treats as markup. */
function markupOnly(page: string): string {
  return page.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>');
}

function withPapers(count: number): RunSummary {
  const papers = Array.from({ length: count }, (_, i) => ({ id: `q${i}`, title: `Paper ${i}`, abstract: '' }));
  return {
    ...summary,
    papers,
    assignments: papers.map((p, i) => ({ paperId: p.id, themeId: i % 4, score: 0.5, x: i, y: -i })),
  };
}

describe('renderReport', () => {
  it('is a complete UTF-8 HTML document with a viewport for narrow windows', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('inlines the vega, vega-lite and vega-embed browser builds, in load order', () => {
    const positions = (['vega', 'vega-lite', 'vega-embed'] as const).map((pkg) => {
      const at = html.indexOf(`<script>${readBrowserBuild(pkg)}</script>`);
      expect(at, pkg).toBeGreaterThan(-1);
      return at;
    });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('loads nothing from the network: no script src, no stylesheet links, no remote src/href', () => {
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/<script\b[^>]*\ssrc\s*=/i);
    expect(markup).not.toMatch(/<link\b/i);
    expect(markup).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(markup).not.toMatch(/@import|url\(/i);
  });

  it('forbids network access with a Content-Security-Policy', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });

  it('closes every script element it opens (inlined code cannot end one early)', () => {
    const opens = html.match(/<script\b/gi)?.length ?? 0;
    const closes = html.match(/<\/script>/gi)?.length ?? 0;
    expect(opens).toBe(9);
    expect(closes).toBe(opens);
  });

  it('embeds the four specs as JSON blocks that parse back to the specs', () => {
    for (const id of ['spec-map', 'spec-sizes', 'spec-terms', 'spec-k']) {
      const spec = JSON.parse(jsonBlock(html, id)) as { $schema: string; data?: { values: unknown[] }; layer?: Array<{ data: { values: unknown[] } }> };
      expect(spec.$schema).toMatch(/vega-lite/);
      expect((spec.data ?? spec.layer![0].data).values.length).toBeGreaterThan(0);
    }
  });

  it('tells the page script which charts to embed, with SVG for a small map', () => {
    const config = JSON.parse(jsonBlock(html, 'report-config')) as { charts: Array<{ name: string; target: string; specId: string; renderer: string }> };
    expect(config.charts).toEqual([
      { name: 'map', target: '#map', specId: 'spec-map', renderer: 'svg' },
      { name: 'sizes', target: '#sizes', specId: 'spec-sizes', renderer: 'svg' },
      { name: 'terms', target: '#terms', specId: 'spec-terms', renderer: 'svg' },
      { name: 'k', target: '#k-curve', specId: 'spec-k', renderer: 'svg' },
    ]);
    for (const id of ['map', 'sizes', 'terms', 'k-curve']) expect(html).toContain(`<div id="${id}"`);
  });

  it(`switches the map to canvas above ${CANVAS_THRESHOLD} papers`, () => {
    expect(mapRenderer(CANVAS_THRESHOLD)).toBe('svg');
    expect(mapRenderer(CANVAS_THRESHOLD + 1)).toBe('canvas');
    const config = JSON.parse(jsonBlock(renderReport(withPapers(CANVAS_THRESHOLD + 1)), 'report-config')) as { charts: Array<{ renderer: string }> };
    expect(config.charts[0].renderer).toBe('canvas');
  });

  it('says how k was chosen, and adds a note only when k sits at an edge of the range', () => {
    expect(html).toContain('<p class="hint">k = 4, chosen by highest mean cosine silhouette.</p>');
    expect(html).not.toContain('id="k-edge"');
    const note = 'silhouette still rising at k = 6, the top of the k range 2-6: try --k-range 2-12';
    const atEdge = renderReport({
      ...summary,
      kSelection: { ...summary.kSelection!, chosen: 6, edge: { edge: 'top', note, suggestedRange: [2, 12] } },
    });
    expect(atEdge).toContain(`<p class="note" id="k-edge">Note: ${note}.</p>`);
  });

  it('has no k chart when k was given', () => {
    const page = renderReport({ ...summary, kSelection: undefined });
    expect(page).not.toContain('id="k-curve"');
    expect(page).not.toContain('id="spec-k"');
  });

  it('has a labelled search box with a live status line', () => {
    expect(html).toContain('<label for="search">');
    expect(html).toContain('<input type="search" id="search"');
    expect(html).toContain('<p id="search-status" class="hint" role="status" aria-live="polite"></p>');
  });

  it('makes the themes table sortable by id, label, size and terms, sorted by id at first', () => {
    expect(html).toContain('<table class="cards" data-sortable>');
    expect(html).toContain('<th data-type="number" aria-sort="ascending"><button type="button">Id</button></th>');
    expect(html).toContain('<th data-type="text"><button type="button">Label</button></th>');
    expect(html).toContain('<th data-type="number"><button type="button">Size</button></th>');
  });

  it('shows corpus name, date, counts, parameters and quality figures in the header', () => {
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).toContain('<h1>arxiv-cs-cl &lt;2024-03&gt; &amp; friends</h1>');
    expect(header).toContain('Mar 12 · 40 papers · 4 themes');
    expect(header).toContain('<dt>k</dt><dd>4</dd>');
    expect(header).toContain('<dt>bigrams</dt><dd>true</dd>');
    expect(header).toContain('<dt>stopwords</dt><dd>english</dd>');
    expect(header).toContain('<dt>silhouette</dt><dd>0.187</dd>');
    expect(header).toContain('<dt>inertia</dt><dd>1,234.568</dd>');
  });

  it('formats negative and missing quality figures readably', () => {
    const page = renderReport({ ...summary, quality: { silhouette: -0.04321, ari: Number.NaN } });
    expect(page).toContain('<dt>silhouette</dt><dd>−0.043</dd>');
    expect(page).toContain('<dt>ari</dt><dd>n/a</dd>');
  });

  it('renders one table row per theme with swatch, id, label, size, terms and three titles', () => {
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    const rows: string[] = body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('<span class="swatch" style="background:#4e79a7"></span>');
    expect(rows[0]).toContain('<td class="heading" data-label="Label">model merging</td><td class="num" data-label="Size" data-value="13">13</td>');
    expect(rows[0]).toContain('<td data-label="Top terms">model merging, task vectors, weight averaging');
    expect(rows[0].match(/<li>/g) ?? []).toHaveLength(3);
    expect(rows[3]).toContain('<td class="num" data-label="Id" data-value="3">3</td><td class="heading" data-label="Label">&lt;b&gt;x&lt;/b&gt;</td>');
    // Every cell but the colour names its field, for the cards of a narrow window.
    expect(rows[0].match(/data-label="([^"]*)"/g)).toEqual(['Id', 'Label', 'Size', 'Silhouette', 'NPMI', 'Label F1', 'Top terms', 'Representative papers'].map((l) => `data-label="${l}"`));
  });

  it('shows a theme’s heading in place of its label, and its label F1 as a sortable column', () => {
    const themes = summary.themes.map((t, i) => (i === 0
      ? { ...t, heading: 'Model merging', quality: { silhouette: 0.2, npmi: 0.1, uniqueTerms: 1, labelF1: 0.8125 } }
      : t));
    const page = renderReport({ ...summary, themes });
    const body = page.slice(page.indexOf('<tbody>'), page.indexOf('</tbody>'));
    const first = (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [])[0];
    expect(first).toContain('<td class="heading" data-label="Label">Model merging</td>');
    expect(first).toContain('0.813');
    expect(page).toContain('Label F1');
    expect(jsonBlock(page, 'spec-map')).toContain('Model merging');
  });

  it('marks a loose theme with a badge after its heading, in the table and the papers list, and no other theme', () => {
    const weak = { silhouette: -0.12, npmi: 0.01, uniqueTerms: 0.5, labelF1: 0.2 };
    expect(isLooseTheme(weak)).toBe(true);
    const themes = summary.themes.map((t) => (t.id === 2 ? { ...t, heading: 'Diffusion models', quality: weak, loose: isLooseTheme(weak) } : { ...t, loose: false }));
    const page = renderReport({ ...summary, themes });
    const body = page.slice(page.indexOf('<tbody>'), page.indexOf('</tbody>'));
    const rows = body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    const badge = '<span class="badge loose" title="Silhouette and NPMI both low: a weak theme">loose</span>';
    expect(rows[2]).toContain(`<td class="heading" data-label="Label">Diffusion models ${badge}</td>`);
    expect(rows.filter((row) => row.includes('badge loose'))).toHaveLength(1);
    const lists = page.slice(page.indexOf('<h2>Papers by theme</h2>'));
    expect(lists).toContain(`Diffusion models ${badge} <span class="theme-name">(#2,`);
    expect(lists.match(/badge loose/g)).toHaveLength(1);
    expect(renderReport(summary)).not.toContain('badge loose');
  });

  it('says in the header how many themes are loose and papers loose fits, even when none are', () => {
    const header = (page: string) => page.slice(page.indexOf('<header>'), page.indexOf('</header>'));
    expect(header(html)).toContain('4 themes · <span class="loose-facts">0 loose themes, 0 loose fits</span>');
    const themes = summary.themes.map((t) => (t.id === 3 ? { ...t, loose: true } : t));
    const assignments = summary.assignments.map((a, i) => (i < 3 ? { ...a, looseFit: true } : a));
    expect(header(renderReport({ ...summary, themes, assignments }))).toContain('<span class="loose-facts">1 loose theme, 3 loose fits</span>');
    const one = summary.assignments.map((a, i) => (i === 5 ? { ...a, looseFit: true } : a));
    expect(header(renderReport({ ...summary, assignments: one }))).toContain('0 loose themes, 1 loose fit</span>');
  });

  it('uses the chart colours for the table swatches', () => {
    const map = JSON.parse(jsonBlock(html, 'spec-map')) as { encoding: { color: { scale: { range: string[] } } } };
    const table = html.slice(html.indexOf('<table class="cards" data-sortable>'), html.indexOf('</table>', html.indexOf('<table class="cards" data-sortable>')));
    const swatches = [...table.matchAll(/class="swatch" style="background:(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(swatches).toEqual(map.encoding.color.scale.range);
  });

  it('colours a theme by its id, so a theme keeps its colour when other themes come and go', () => {
    const renumbered = { ...summary, themes: summary.themes.map((t) => ({ ...t, id: t.id + 5 })), assignments: summary.assignments.map((a) => ({ ...a, themeId: a.themeId + 5 })) };
    const map = JSON.parse(jsonBlock(renderReport(renumbered), 'spec-map')) as { encoding: { color: { scale: { range: string[] } } } };
    expect(map.encoding.color.scale.range).toEqual([5, 6, 7, 8].map(themeColor));
  });

  it('has a collapsible, initially empty paper list per theme, named like the charts', () => {
    const lists = [...html.matchAll(/<details class="theme-papers" data-theme="([^"]*)">/g)].map((m) => m[1]);
    expect(lists).toEqual(summary.themes.map((t) => t.label.replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    expect(html).toContain('<ol class="results"></ol></details>');
  });

  it('shows no nightly section without trends', () => {
    expect(html).not.toContain('id="tonight"');
    expect(html).not.toContain('id="spec-trends"');
  });
});

describe('renderReport for a nightly run', () => {
  const trends: ThemeTrends = {
    nights: ['2026-11-20', '2026-11-21'],
    series: summary.themes.flatMap((t) => [
      { night: '2026-11-20', themeId: t.id, label: t.label, papers: t.size - 1, gained: t.size - 1 },
      { night: '2026-11-21', themeId: t.id, label: t.label, papers: t.size, gained: 1 },
    ]).concat([{ night: '2026-11-20', themeId: 9, label: 'gone <i>', papers: 4, gained: 4 }]),
    newPapers: summary.themes.length,
    tonight: summary.themes.map((t, i) => ({
      id: t.id, label: t.label, size: t.size, previous: i === 0 ? null : t.size - 1, gained: 1, expected: i === 0 ? null : 0.25,
      status: i === 0 ? 'new' : 'steady', was: i === 1 ? 'old <b>label</b>' : null,
    })),
    ended: [{ id: 9, label: 'gone <i>', size: 4 }],
    labelHistory: [{ id: summary.themes[1].id, labels: [{ night: '2026-11-20', label: 'old <b>label</b>' }, { night: '2026-11-21', label: summary.themes[1].label }] }],
    qualityWarnings: [],
  };
  const page = renderReport({ ...summary, trends });
  const tonightOf = (html: string) => html.slice(html.indexOf('<section class="card" id="tonight">'), html.indexOf('</section>', html.indexOf('id="tonight"')));

  it('says what changed tonight, with status badges, gains, the ended themes and the rule, all escaped', () => {
    const tonight = tonightOf(page);
    expect(tonight).toContain('<h2>Tonight (2026-11-21)</h2>');
    expect(tonight).toContain('<span class="badge new">new</span>');
    expect(tonight.match(/<tr>/g)).toHaveLength(1 + summary.themes.length);
    expect(tonight).toContain('<th>New</th><th>Expected</th><th>Papers</th><th>Last night</th>');
    expect(tonight).toContain(`<td class="num" data-label="New">1</td><td class="num" data-label="Expected">0.3</td><td class="num" data-label="Papers">${summary.themes[1].size}</td>`);
    expect(tonight).toContain('Ended tonight: gone &lt;i&gt; (#9, 4 papers last night).');
    expect(tonight).toContain(`${summary.themes.length} new papers tonight`);
    expect(tonight).toContain('Growing: at least 2 new papers and at least 1.5\u00d7 expected; fading: expected at least 2 and at most 0.5\u00d7 it; otherwise steady.');
    expect(tonight).not.toContain('quality-warning');
  });

  it('shows a changed label’s old one in the table and every label in the label history, escaped', () => {
    const tonight = tonightOf(page);
    expect(tonight).toContain('<span class="theme-name was">(was: old &lt;b&gt;label&lt;/b&gt;)</span>');
    expect(tonight.match(/\(was: /g)).toHaveLength(1);
    expect(tonight).toContain('<h2>Label history</h2>');
    expect(tonight).toContain(`#${summary.themes[1].id}: old &lt;b&gt;label&lt;/b&gt; <span class="theme-name">(2026-11-20)</span> -&gt; ${summary.themes[1].label} <span class="theme-name">(2026-11-21)</span></li>`);
    const none = tonightOf(renderReport({ ...summary, trends: { ...trends, labelHistory: [] } }));
    expect(none).not.toContain('Label history');
  });

  it('warns in Tonight when theme quality is falling, escaped', () => {
    const warned = tonightOf(renderReport({ ...summary, trends: { ...trends, qualityWarnings: [
      { metric: 'silhouette', rule: 'falling', values: [], note: 'silhouette fell <for> the second night running' },
    ] } }));
    expect(warned).toContain('<p class="note quality-warning" data-metric="silhouette">Theme quality is falling: silhouette fell &lt;for&gt; the second night running.</p>');
  });

  it('marks a loose theme tonight with the same badge, and no other', () => {
    const looseTheme = summary.themes[1];
    const themes = summary.themes.map((t) => ({ ...t, loose: t.id === looseTheme.id }));
    const marked = renderReport({ ...summary, themes, trends });
    const tonight = tonightOf(marked);
    expect(tonight.match(/badge loose/g)).toHaveLength(1);
    expect(tonight).toContain(`<td class="num" data-label="Id">${looseTheme.id}</td><td class="heading" data-label="Label">${looseTheme.label} <span class="badge loose"`);
    expect(page).not.toContain('badge loose');
  });

  it('charts the papers each theme gained per night, the ended theme included', () => {
    const spec = JSON.parse(jsonBlock(page, 'spec-trends')) as { data: { values: Array<{ theme: string }> }; encoding: { color: { scale: { domain: string[]; range: string[] } } } };
    // Tonight's row per theme: the first night, when every paper was new, is left out, and said so.
    expect(spec.data.values).toHaveLength(summary.themes.length);
    const firstNight = summary.themes.reduce((s, t) => s + t.size - 1, 0) + 4;
    expect(page).toContain(`The first night, 2026-11-20, when all ${firstNight} papers were new, is left out.`);
    expect(spec.encoding.color.scale.domain).toContain('gone <i> (#9, ended)');
    expect(spec.encoding.color.scale.range[spec.encoding.color.scale.domain.length - 1]).toBe(themeColor(9));
    const config = JSON.parse(jsonBlock(page, 'report-config')) as { charts: Array<{ name: string }> };
    expect(config.charts.map((c) => c.name)).toContain('trends');
  });
});

describe('renderReport scripts, run as a browser would run them', () => {
  /** Runs the three inlined builds in order in a bare global scope (no DOM, no modules). */
  function runBuilds(page: string) {
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const scope: Record<string, unknown> = {
      console, setTimeout, clearTimeout, setInterval, clearInterval, URL, TextEncoder, TextDecoder, Intl,
      structuredClone, navigator: { userAgent: 'node' },
    };
    scope.self = scope;
    scope.window = scope;
    vm.createContext(scope);
    for (const build of scripts.slice(0, 3)) vm.runInContext(build, scope);
    return { scripts, globals: { vega: scope.vega, vegaLite: scope.vegaLite, vegaEmbed: scope.vegaEmbed } };
  }

  it('has the three builds plus the page script, and the builds define their globals', () => {
    const { scripts, globals } = runBuilds(html);
    expect(scripts).toHaveLength(4);
    expect(typeof (globals.vega as { parse: unknown }).parse).toBe('function');
    expect(typeof (globals.vegaLite as { compile: unknown }).compile).toBe('function');
    expect(typeof globals.vegaEmbed).toBe('function');
    expect(() => new vm.Script(scripts[3])).not.toThrow();
  });

  it('hands the inlined Vega-Lite a map spec it compiles', () => {
    const { globals } = runBuilds(html);
    const { compile } = globals.vegaLite as { compile: (s: unknown) => { spec: { marks: unknown[] } } };
    expect(compile(JSON.parse(jsonBlock(html, 'spec-map'))).spec.marks.length).toBeGreaterThan(0);
  });
});

describe('renderReport with hostile text', () => {
  it('never writes the injected markup literally', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</script><script>alert');
    expect(html).not.toContain(LABEL_INJECTION);
  });

  it('shows hostile titles and labels as escaped text in the table', () => {
    expect(html).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(html).toContain('<li>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('keeps the original titles and labels in the JSON blocks (JSON.parse of the raw block)', () => {
    const map = JSON.parse(jsonBlock(html, 'spec-map')) as { data: { values: Array<{ title: string; theme: string }> } };
    const titles = map.data.values.map((v) => v.title);
    expect(titles).toContain(IMG_INJECTION);
    expect(titles).toContain(SCRIPT_INJECTION);
    expect(titles).toEqual(summary.papers.map((p) => p.title));
    expect(map.data.values.map((v) => v.theme)).toContain(LABEL_INJECTION);
  });

  it('escapes hostile parameter names and values and the corpus name', () => {
    const page = renderReport({
      ...summary,
      corpusName: '<script>x()</script>',
      parameters: { '<i>key</i>': '"><svg onload=alert(1)>' },
    });
    const markup = markupOnly(page);
    expect(markup).not.toContain('<i>key');
    expect(markup).not.toContain('<svg onload');
    expect(markup).not.toContain('<script>x()');
    expect(page).toContain('<title>Themes: &lt;script&gt;x()&lt;/script&gt;</title>');
    expect(page).toContain('<dt>&lt;i&gt;key&lt;/i&gt;</dt><dd>&quot;&gt;&lt;svg onload=alert(1)&gt;</dd>');
  });
});

describe('renderReport determinism', () => {
  it('produces byte-identical HTML for the same summary', () => {
    expect(renderReport(summary)).toBe(html);
  });

  it('produces byte-identical HTML for an equal copy of the summary', () => {
    expect(renderReport(structuredClone(summary))).toBe(html);
  });

  it('does not change when rendered at a different time', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(renderReport(summary)).toBe(html);
  });
});
