import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as csvParse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { tokenize } from '../../pipeline/2-tokenize.js';
import { vectorize } from '../../pipeline/3-vectorize.js';
import { defaultDims, reduce } from '../../pipeline/4-reduce.js';
import { cluster } from '../../pipeline/5-cluster.js';
import { DEFAULT_LABEL_PARAMS, label } from '../../pipeline/7-label.js';
import { defaultOptions, normaliseOptions } from '../../pipeline/options.js';
import { readWordList, runPipeline } from '../../pipeline/runPipeline.js';
import { hierarchyRecord, MAX_VIEW_THEMES, themeStructure, themeViews, withThemeIds } from '../../pipeline/themeViews.js';
import { twoNights } from '../fixtures/nightly/twoNights.js';
import { project2d } from '../../src/reduce/project2d.js';
import { noTokenCache } from '../../src/tokenize/tokenCache.js';
import type { ThemeViews } from '../../src/types.js';

type Row = Record<string, string>;

/**
 * What every theme hierarchy must satisfy, whatever the ids: k - 1 merges numbered past the
 * largest theme id; every theme and every merge but the root has exactly one parent; a
 * merge's themes are its children's, its papers the sum of its themes' sizes (by id, so a
 * wrong id mapping shows), its distance at least its children's.
 */
function expectConsistent(views: ThemeViews, sizes: ReadonlyMap<number, number>): void {
  const ids = [...sizes.keys()].sort((a, b) => a - b);
  const k = ids.length;
  expect([...views.leafOrder].sort((a, b) => a - b)).toEqual(ids);
  expect(views.merges).toHaveLength(k - 1);
  const first = Math.max(...ids) + 1;
  expect(views.merges.map((m) => m.node)).toEqual(Array.from({ length: k - 1 }, (_, m) => first + m));
  const byNode = new Map(views.merges.map((m) => [m.node, m]));
  const themesOf = (n: number) => (byNode.has(n) ? byNode.get(n)!.themes : [n]);
  const heightOf = (n: number) => byNode.get(n)?.distance ?? 0;
  const parents = new Map<number, number>();
  for (const m of views.merges) {
    for (const child of [m.left, m.right]) {
      expect(parents.has(child), `node ${child} has two parents`).toBe(false);
      parents.set(child, m.node);
      expect(m.distance).toBeGreaterThanOrEqual(heightOf(child));
    }
    expect(m.themes).toEqual([...themesOf(m.left), ...themesOf(m.right)].sort((a, b) => a - b));
    expect(m.size).toBe(m.themes.reduce((s, id) => s + sizes.get(id)!, 0));
    expect(m.label.length).toBeGreaterThan(0);
    expect(m.heading.toLowerCase()).toBe(m.label.toLowerCase());
  }
  for (const id of ids) expect(parents.has(id), `theme ${id} has no parent`).toBe(true);
  const root = views.merges[k - 2];
  expect(parents.has(root.node)).toBe(false);
  expect(root.themes).toEqual(ids);
  expect(parents.size).toBe(2 * k - 2);
  // The heatmap: k x k in leaf order, symmetric, 1 on the diagonal.
  expect(views.similarity).toHaveLength(k);
  views.similarity.forEach((row, i) => {
    expect(row).toHaveLength(k);
    expect(row[i]).toBe(1);
    row.forEach((v, j) => expect(v).toBe(views.similarity[j][i]));
  });
  expect(views.positions.map((p) => p.themeId).sort((a, b) => a - b)).toEqual(ids);
}

/** hierarchy.csv and themes.csv's parent say the same as run.json's hierarchy. */
function expectCsvsAgree(hierarchy: Row[], themes: Row[], views: ThemeViews): void {
  expect(hierarchy.map((r) => Number(r.node))).toEqual(views.merges.map((m) => m.node));
  const parentOf = new Map<number, number>();
  for (const m of views.merges) for (const child of [m.left, m.right]) parentOf.set(child, m.node);
  hierarchy.forEach((row, i) => {
    const m = views.merges[i];
    expect([Number(row.left), Number(row.right), Number(row.size), row.label]).toEqual([m.left, m.right, m.size, m.label]);
    expect(Number(row.distance)).toBeCloseTo(m.distance, 6);
    expect(row.parent).toBe(parentOf.has(m.node) ? String(parentOf.get(m.node)) : '');
    expect(row.themes).toBe(m.themes.join('; '));
  });
  // Exactly one root; a merge's size is the sum of its children's (themes by themes.csv).
  expect(hierarchy.filter((r) => r.parent === '')).toHaveLength(1);
  const sizeOf = new Map<number, number>([...themes.map((t) => [Number(t.theme_id), Number(t.size)] as const), ...hierarchy.map((r) => [Number(r.node), Number(r.size)] as const)]);
  for (const row of hierarchy) expect(Number(row.size)).toBe(sizeOf.get(Number(row.left))! + sizeOf.get(Number(row.right))!);
  expect(Number(hierarchy[hierarchy.length - 1].size)).toBe(themes.reduce((s, t) => s + Number(t.size), 0));
  for (const theme of themes) {
    expect(theme.parent, `theme ${theme.theme_id}`).not.toBe('');
    expect(Number(theme.parent)).toBe(parentOf.get(Number(theme.theme_id)));
  }
}

describe('a run with theme views (bundled corpus)', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'paper-themes-views-')), 'report');
  const run = await runPipeline(normaliseOptions({ out, cacheDir: false, runsIndex: false }));
  const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { hierarchy: { merges: ThemeViews['merges']; leaf_order: number[] } };
  const hierarchy = csvParse(readFileSync(join(out, 'hierarchy.csv'), 'utf8'), { columns: true }) as Row[];
  const themes = csvParse(readFileSync(join(out, 'themes.csv'), 'utf8'), { columns: true }) as Row[];
  const views = run.summary.themeViews!;

  it('has a consistent hierarchy in the summary, run.json, hierarchy.csv and themes.csv', () => {
    expectConsistent(views, new Map(run.summary.themes.map((t) => [t.id, t.size])));
    expect(record.hierarchy.merges).toEqual(views.merges);
    expect(record.hierarchy.leaf_order).toEqual(views.leafOrder);
    expect(Object.keys(hierarchy[0])).toEqual(['node', 'parent', 'left', 'right', 'distance', 'size', 'label', 'themes']);
    expect(Object.keys(themes[0]).at(-1)).toBe('parent');
    expectCsvsAgree(hierarchy, themes, views);
  });

  it('joins first the two themes whose centroids are most alike (highest cosine similarity)', () => {
    const order = views.leafOrder;
    let best = { a: -1, b: -1, s: -2 };
    order.forEach((a, i) => order.forEach((b, j) => {
      if (i < j && views.similarity[i][j] > best.s) best = { a: Math.min(a, b), b: Math.max(a, b), s: views.similarity[i][j] };
    }));
    expect([views.merges[0].left, views.merges[0].right]).toEqual([best.a, best.b]);
    expect(views.merges[0].distance).toBeCloseTo(1 - best.s, 4);
  });

  it('writes byte-identical hierarchy.csv, themes.csv and report for the same input and seed', async () => {
    const again = join(mkdtempSync(join(tmpdir(), 'paper-themes-views-again-')), 'report');
    await runPipeline(normaliseOptions({ out: again, cacheDir: false, runsIndex: false }));
    for (const file of ['hierarchy.csv', 'themes.csv', 'index.html']) {
      expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    }
    const recordAgain = JSON.parse(readFileSync(join(again, 'run.json'), 'utf8')) as { hierarchy: unknown };
    expect(JSON.stringify(recordAgain.hierarchy)).toBe(JSON.stringify(record.hierarchy));
  });
});

describe('merge labels from the label stage', async () => {
  const options = defaultOptions();
  const { papers } = await ingest({ path: options.input }, { strict: false });
  const tokens = await tokenize({ papers }, {
    boilerplate: readWordList(options.stopwordsFile), phraseMinDf: 2, titleWeight: 2, lemmas: true, workers: 1, cache: noTokenCache(),
  });
  const vectors = vectorize({ features: tokens.features }, { minDf: 2, maxDf: 0.5, maxFeatures: null, sublinearTf: true, smoothIdf: true });
  const reduced = reduce({ tfidf: vectors.tfidf }, { dims: defaultDims(papers.length, vectors.tfidf.cols), center: true, seed: 42 });
  const clusters = cluster({ vectors: reduced.vectors }, { k: 8, kRange: [2, 12], nInit: 20, seed: 42 });
  const k = clusters.k;
  const structure = themeStructure(clusters.centres, k, reduced.vectors.cols)!;
  const singles = Array.from({ length: k }, (_, c) => [c]);
  const everything = [Array.from({ length: k }, (_, c) => c)];
  const output = label({
    papers, counts: vectors.counts, vectorizer: vectors.model, vectors: reduced.vectors, map: project2d(reduced.vectors),
    labels: clusters.labels, centres: clusters.centres, k, groups: [...singles, ...everything, ...structure.groups],
  }, { ...DEFAULT_LABEL_PARAMS, fullMentions: 2 });

  it('labels a group of one theme exactly as the theme itself (same rules, same statistics)', () => {
    expect(output.groupLabels.slice(0, k).map((g) => g.label)).toEqual(output.themes.map((t) => t.label));
    expect(output.groupLabels.slice(0, k).map((g) => g.heading)).toEqual(output.themes.map((t) => t.heading));
  });

  it('labels every merge, from the papers of all its themes', () => {
    const merges = output.groupLabels.slice(k + 1);
    expect(merges).toHaveLength(k - 1);
    for (const m of merges) expect(m.label).not.toBe('');
    // The union's label names words its papers use: every part occurs in some member's text.
    structure.groups.forEach((group, m) => {
      const texts = papers.filter((_, i) => group.includes(clusters.labels[i])).map((p) => `${p.title} ${p.abstract}`.toLowerCase());
      const first = merges[m].heading.split(' · ')[0].toLowerCase().split(' ')[0];
      expect(texts.some((t) => t.includes(first.slice(0, 4))), `${merges[m].label} in ${group}`).toBe(true);
    });
  });

  it('builds views whose merge sizes add the themes\u2019 papers, and renames them to stable ids', () => {
    const sizes = output.themes.map((t) => t.size);
    const views = themeViews(structure, sizes, output.groupLabels.slice(k + 1));
    expectConsistent(views, new Map(sizes.map((s, c) => [c, s])));
    // Nightly: cluster c is theme ids[c]; merges are numbered past the largest id.
    const ids = [7, 3, 12, 0, 5, 9, 1, 20].slice(0, k);
    const renamed = withThemeIds(views, ids);
    expectConsistent(renamed, new Map(sizes.map((s, c) => [ids[c], s])));
    expect(renamed.merges[0].node).toBe(21);
    expect(renamed.leafOrder).toEqual(views.leafOrder.map((c) => ids[c]));
    expect(renamed.positions.find((p) => p.themeId === ids[2])).toEqual({ ...views.positions[2], themeId: ids[2] });
    expect(hierarchyRecord(undefined)).toBeNull();
  });

  it('makes no views above MAX_VIEW_THEMES themes or below two', () => {
    expect(themeStructure(new Float64Array((MAX_VIEW_THEMES + 1) * 2).fill(1), MAX_VIEW_THEMES + 1, 2)).toBeNull();
    expect(themeStructure(new Float64Array(2), 1, 2)).toBeNull();
  });
});

describe('a nightly run with theme views', async () => {
  // The second night's Hugging Face papers make a theme grow, so tonight's clusters
  // (numbered by size) no longer carry their ids in order.
  const config = await twoNights('paper-themes-views-nightly-');

  it.each(['2026-11-20', '2026-11-21'])('writes the hierarchy of %s with the night\u2019s theme ids, consistent with its CSVs', (night) => {
    const folder = join(config.reports, night);
    const record = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as {
      themes: Array<{ id: number; size: number }>; hierarchy: { merges: ThemeViews['merges']; leaf_order: number[] };
    };
    const sizes = new Map(record.themes.map((t) => [t.id, t.size]));
    const ids = record.hierarchy.leaf_order;
    const views: ThemeViews = {
      leafOrder: ids, merges: record.hierarchy.merges,
      similarity: ids.map((_, i) => ids.map((__, j) => (i === j ? 1 : 0))), positions: ids.map((id) => ({ themeId: id, x: 0, y: 0 })),
    };
    expectConsistent(views, sizes);
    const hierarchy = csvParse(readFileSync(join(folder, 'hierarchy.csv'), 'utf8'), { columns: true }) as Row[];
    const themes = csvParse(readFileSync(join(folder, 'themes.csv'), 'utf8'), { columns: true }) as Row[];
    expectCsvsAgree(hierarchy, themes, views);
    expect(readFileSync(join(folder, 'index.html'), 'utf8')).toContain('id="spec-tree"');
  });

  it('maps clusters to ids on the second night, where they differ (the test above then checks the mapping)', () => {
    // run.json lists the themes by size, stable from cluster order: cluster c is entry c.
    const record = JSON.parse(readFileSync(join(config.reports, '2026-11-21', 'run.json'), 'utf8')) as { themes: Array<{ id: number }> };
    expect(record.themes.map((t) => t.id)).not.toEqual(record.themes.map((_, c) => c));
  });
});
