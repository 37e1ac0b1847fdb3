import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { OutputError } from '../../src/io/outputError.js';
import type { RunSummary } from '../../src/types.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'paper-themes-run-'));

/**
 * Groups of the bundled seed corpus, by the papers' 1-based position on the page. The issue
 * names five on Bayesian optimization, four on model merging and five on data selection;
 * "Model soups" (59) merges fine-tuned models by weight averaging and is counted with the
 * merging papers, so that group has five and must keep at least four together.
 */
const SEED_GROUPS = {
  'bayesian optimization': [17, 22, 23, 27, 37],
  'model merging': [35, 46, 49, 52, 59],
  'data selection': [18, 41, 47, 57, 64],
};

async function seedRun(seed: number) {
  return runPipeline(normaliseOptions({ out: tmp(), seed, cacheDir: false }));
}

/** Why a run misses the expectation, or null when each group has its own, named theme. */
function seedGroupsProblem(summary: RunSummary): string | null {
  const themeOf = summary.assignments.map((a) => a.themeId);
  const claimed = new Set<number>();
  for (const [name, positions] of Object.entries(SEED_GROUPS)) {
    const counts = new Map<number, number>();
    for (const p of positions) counts.set(themeOf[p - 1], (counts.get(themeOf[p - 1]) ?? 0) + 1);
    const [themeId, members] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const theme = summary.themes[themeId];
    if (members / positions.length < 0.8) return `${name}: only ${members}/${positions.length} in "${theme.label}"`;
    if (!theme.label.includes(name)) return `${name}: its theme is labelled "${theme.label}"`;
    if (claimed.has(themeId)) return `${name}: shares theme "${theme.label}" with another group`;
    claimed.add(themeId);
  }
  return null;
}

/**
 * The loose flags of a finished run, checked three ways: run.json's `loose` block counts
 * what themes.csv and assignments.csv flag, every theme's flag follows the rule from its
 * own figures, and every paper's from the scores column (median per theme, by hand).
 * Returns the counts.
 */
function looseFlagsOf(out: string): { themes: number; papers: number } {
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  const themes = csvParse(readFileSync(join(out, 'themes.csv'), 'utf8'));
  const papers = csvParse(readFileSync(join(out, 'assignments.csv'), 'utf8'));
  expect(themes.columns.slice(-2)).toEqual(['loose', 'parent']);
  expect(papers.columns.at(-1)).toBe('loose_fit');
  expect(run.loose).toEqual({
    themes: themes.filter((t) => t.loose === 'true').length,
    papers: papers.filter((p) => p.loose_fit === 'true').length,
    theme_rule: { silhouette_below: 0, npmi_below: 0.05 },
    fit_rule: { score_below_share_of_theme_median: 0.5 },
  });
  for (const theme of run.themes) {
    expect(theme.loose).toBe(theme.silhouette < 0 && theme.npmi < 0.05);
    expect(themes.find((t) => Number(t.theme_id) === theme.id)!.loose).toBe(String(theme.loose));
  }
  const scoresOf = new Map<string, number[]>();
  for (const p of papers) scoresOf.set(p.theme_id, [...(scoresOf.get(p.theme_id) ?? []), Number(p.score)]);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  for (const p of papers) expect(p.loose_fit).toBe(String(Number(p.score) < 0.5 * median(scoresOf.get(p.theme_id)!)));
  return { themes: run.loose.themes, papers: run.loose.papers };
}

describe('runPipeline on the bundled seed corpus', () => {
  // scikit-learn's TfidfVectorizer(1-2-grams) + KMeans(k=8) splits model merging and mixes
  // data selection with feature selection on this corpus; the defaults must do better.
  it('puts at least 80 percent of each known group in its own, correctly named theme', async () => {
    const { summary } = await seedRun(42);
    expect(summary.papers).toHaveLength(70);
    expect(seedGroupsProblem(summary)).toBeNull();
  });

  // Not only for one lucky seed: the borderline papers (a fine-tuning study that merges
  // models, model soups) may move with the seed, the groups must hold for nearly all.
  it('keeps the groups for at least 7 of 8 other seeds', async () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const problem = seedGroupsProblem((await seedRun(seed)).summary);
      if (problem) problems.push(`seed ${seed}: ${problem}`);
    }
    expect(problems.length, problems.join('; ')).toBeLessThanOrEqual(1);
  });

  it('writes byte-identical CSVs and report for the same input and seed, tokens cache cold or warm', async () => {
    const [a, b, cacheDir] = [tmp(), tmp(), tmp()];
    const cold = await runPipeline(normaliseOptions({ out: a, seed: 7, cacheDir }));
    const warm = await runPipeline(normaliseOptions({ out: b, seed: 7, cacheDir }));
    expect((cold.record.tokens_cache as { hits: number }).hits).toBe(0);
    expect((warm.record.tokens_cache as { hits: number }).hits).toBe(70);
    for (const file of ['assignments.csv', 'themes.csv', 'index.html']) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
  });

  // The seed groups are not asserted here: with BM25 weights "model merging" keeps only 3
  // of its 5 papers together at seed 42 (BM25 is measured on the benchmark, not on 70 papers).
  it('with BM25 weights: other themes than tf-idf, byte-identical outputs per seed, k1 and b in run.json', async () => {
    const [a, b, plain] = [tmp(), tmp(), tmp()];
    const options = { seed: 42, cacheDir: false, weighting: 'bm25', bm25K1: '1.2', bm25B: '0.5' } as const;
    const first = await runPipeline(normaliseOptions({ ...options, out: a }));
    await runPipeline(normaliseOptions({ ...options, out: b }));
    await runPipeline(normaliseOptions({ seed: 42, cacheDir: false, out: plain }));
    for (const file of ['assignments.csv', 'themes.csv', 'index.html']) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
    expect(readFileSync(join(a, 'assignments.csv')).equals(readFileSync(join(plain, 'assignments.csv')))).toBe(false);
    expect(first.summary.themes.reduce((n, t) => n + t.size, 0)).toBe(70);
    for (const theme of first.summary.themes) expect(theme.label.trim()).not.toBe('');
    const run = JSON.parse(readFileSync(join(a, 'run.json'), 'utf8'));
    expect(run.parameters).toMatchObject({ weighting: 'bm25', bm25_k1: 1.2, bm25_b: 0.5 });
  });

  it('records parameters, library versions, per-stage time and memory, and quality in run.json', async () => {
    const out = tmp();
    const { summary } = await runPipeline(normaliseOptions({ out, cacheDir: false }));
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'ingest', 'tokenize', 'vectorize', 'reduce', 'cluster', 'map', 'label', 'report',
    ]);
    // The UMAP map shows the themes as regions, far better than the linear projection.
    expect(run.parameters.map).toBe('umap');
    expect(run.map.layout).toBe('umap');
    expect(run.map.umap.fitted_rows).toBe(70);
    expect(run.stages.find((s: { stage: string }) => s.stage === 'map').wall_s).toBeGreaterThan(0);
    expect(run.map.silhouette_by_theme).toBeGreaterThan(0.2);
    expect(run.map.silhouette_by_theme).toBeGreaterThan(run.map.pca_for_comparison.silhouette_by_theme + 0.2);
    expect(run.map.trustworthiness).toBeGreaterThanOrEqual(run.map.pca_for_comparison.trustworthiness);
    for (const stage of run.stages) {
      expect(stage.wall_s).toBeGreaterThanOrEqual(0);
      expect(stage.rss_peak_mib).toBeGreaterThan(10);
    }
    expect(run.libraries['wink-nlp']).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.parameters.seed).toBe(42);
    expect(run.parameters.weighting).toBe('tfidf');
    expect(run.parameters.bm25_k1).toBeUndefined();
    expect(run.quality.silhouette).toBeGreaterThan(0);
    expect(run.quality.silhouette).toBeLessThanOrEqual(1);
    expect(run.quality.v_measure).toBeUndefined();
    // Compared with random terms in the label stage's test; here: present and in range.
    expect(run.quality.npmi).toBeGreaterThan(-1);
    expect(run.quality.npmi).toBeLessThan(1);
    expect(run.quality.topic_diversity).toBeGreaterThan(0.5);
    expect(run.quality.topic_diversity).toBeLessThanOrEqual(1);
    for (const theme of run.themes) {
      expect(theme.npmi).toBeGreaterThanOrEqual(-1);
      expect(theme.silhouette).toBeGreaterThanOrEqual(-1);
      expect(theme.uniqueTerms).toBeGreaterThanOrEqual(0);
    }
    const meanNpmi = run.themes.reduce((s: number, t: { npmi: number }) => s + t.npmi, 0) / run.themes.length;
    expect(run.quality.npmi).toBeCloseTo(meanNpmi, 5);
    expect(run.clustering.k_selection.curve.length).toBeGreaterThan(5);
    // The refinement's rounds and moves: a round per entry, the last one why it stopped.
    const refinement = run.clustering.refinement;
    expect(refinement.moves_per_round.length).toBe(refinement.rounds);
    expect(refinement.rounds).toBeGreaterThanOrEqual(1);
    expect(refinement.stopped_by).toBe('no paper moved');
    expect(refinement.moves_per_round.at(-1)).toBe(0);
    expect(refinement.moved).toBeLessThanOrEqual(refinement.moves_per_round.reduce((s: number, m: number) => s + m, 0));
    expect(run.reduction.explained_variance_ratio_total).toBeGreaterThan(0);
    expect(run.themes.reduce((n: number, t: { size: number }) => n + t.size, 0)).toBe(70);
    expect(summary.themes.map((t) => t.size)).toEqual([...summary.themes.map((t) => t.size)].sort((x, y) => y - x));
    const loose = looseFlagsOf(out);
    // Flagged, never dropped: every paper keeps its theme, and few fit it loosely.
    expect(loose.papers).toBeLessThan(70 * 0.1);
    expect(loose.themes).toBeLessThan(run.themes.length);
  });

  it('warns, and says in run.json and the report, when --k auto stops at the top of its range', async () => {
    // On the bundled corpus the silhouette climbs all through the default range 2-12.
    const out = tmp();
    const warnings: string[] = [];
    const { record } = await runPipeline(normaliseOptions({ out, cacheDir: false }), () => {}, (line) => warnings.push(line));
    const selection = (record.clustering as { k: number; k_selection: Record<string, unknown> & { curve: Array<{ k: number; silhouette: number }> } });
    const curve = selection.k_selection.curve;
    expect(selection.k).toBe(12);
    expect(curve.at(-1)!.k).toBe(12);
    expect(curve.at(-1)!.silhouette).toBe(Math.max(...curve.map((c) => c.silhouette)));
    const note = 'silhouette still rising at k = 12, the top of the k range 2-12: try --k-range 2-24';
    expect(selection.k_selection).toMatchObject({ chosen: 12, best: 12, searched_range: [2, 12], edge: 'top', edge_note: note, suggested_range: [2, 24] });
    expect(warnings).toContain(`--k auto: ${note}`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`<p class="note" id="k-edge">Note: ${note}.</p>`);

    // With the suggested range the best k lies inside it: no warning, no note.
    const wider = tmp();
    const quiet: string[] = [];
    const again = await runPipeline(normaliseOptions({ out: wider, cacheDir: false, kRange: [2, 24] }), () => {}, (line) => quiet.push(line));
    const widerSelection = (again.record.clustering as { k: number; k_selection: { edge: unknown; edge_note: unknown } });
    expect(widerSelection.k).toBeGreaterThan(12);
    expect(widerSelection.k).toBeLessThan(24);
    expect(widerSelection.k_selection.edge).toBeNull();
    expect(widerSelection.k_selection.edge_note).toBeNull();
    expect(quiet.filter((line) => line.includes('--k auto'))).toEqual([]);
    expect(readFileSync(join(wider, 'index.html'), 'utf8')).not.toContain('id="k-edge"');
  });

  it('merges themes with --merge: the merged theme keeps the smaller id and the union of the papers, the others keep theirs', async () => {
    const plain = await runPipeline(normaliseOptions({ out: tmp(), cacheDir: false, k: 8 }));
    const out = tmp();
    const merged = await runPipeline(normaliseOptions({ out, cacheDir: false, k: 8, merges: ['3,7', '2,3'] }));
    const themeOf = (run: typeof plain) => new Map(run.summary.assignments.map((a) => [a.paperId, a.themeId]));
    const before = themeOf(plain);
    const after = themeOf(merged);
    for (const [paper, theme] of before) expect(after.get(paper)).toBe([3, 7].includes(theme) ? 2 : theme);
    expect(merged.summary.themes.map((t) => t.id).sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6]);
    const size = (run: typeof plain, id: number) => run.summary.themes.find((t) => t.id === id)?.size ?? 0;
    expect(size(merged, 2)).toBe(size(plain, 2) + size(plain, 3) + size(plain, 7));
    const csv = readFileSync(join(out, 'themes.csv'), 'utf8').trimEnd().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]));
    expect(csv).toEqual([0, 1, 2, 4, 5, 6]);
    expect(merged.record.merged).toEqual([{ id: 2, themes: [2, 3, 7] }]);
    // The report says what was joined, under which id.
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/<p class="note" id="merged">Merged: #2, #3 and #7 as #2 \(/);
    expect((merged.record.parameters as Record<string, unknown>).merge).toBe('3+7; 2+3');
    // The tree, its CSV and the hierarchy name the kept ids.
    const leaves = readFileSync(join(out, 'hierarchy.csv'), 'utf8');
    expect(leaves).not.toMatch(/(^|[,; ])7(;|,|\r)/m);
  });

  it('warns that a --labels pin on a theme merged into another is not used', async () => {
    const dir = tmp();
    const pins = join(dir, 'labels.json');
    writeFileSync(pins, JSON.stringify({ 7: 'Pinned seven' }));
    const warnings: string[] = [];
    const run = await runPipeline(normaliseOptions({ out: join(dir, 'out'), cacheDir: false, k: 8, merges: ['3,7'], labelsFile: pins }), () => {}, (line) => warnings.push(line));
    expect(warnings).toContain('--labels: theme 7 was merged into 3, so its pin "Pinned seven" is not used (pin 3 to label the merged theme)');
    expect(run.summary.themes.map((t) => t.label)).not.toContain('Pinned seven');
  });

  it('reduces to N themes by the theme tree with --reduce-to, and warns when there are no more than N', async () => {
    const plain = await runPipeline(normaliseOptions({ out: tmp(), cacheDir: false, k: 8 }));
    const reduced = await runPipeline(normaliseOptions({ out: tmp(), cacheDir: false, k: 8, reduceTo: 5 }));
    expect(reduced.summary.themes).toHaveLength(5);
    const ids = new Set(reduced.summary.themes.map((t) => t.id));
    // Every theme of the plain run lies whole in one theme of the reduced run, which keeps its smallest id.
    for (const theme of plain.summary.themes) {
      const papers = plain.summary.assignments.filter((a) => a.themeId === theme.id).map((a) => a.paperId);
      const targets = new Set(papers.map((p) => reduced.summary.assignments.find((a) => a.paperId === p)!.themeId));
      expect(targets.size).toBe(1);
      const [target] = targets;
      expect(ids.has(target)).toBe(true);
      expect(target).toBeLessThanOrEqual(theme.id);
    }
    const warnings: string[] = [];
    const auto = await runPipeline(normaliseOptions({ out: tmp(), cacheDir: false, reduceTo: 30 }), () => {}, (line) => warnings.push(line));
    expect(warnings.some((w) => /--reduce-to 30: the run has \d+ themes, so none is merged/.test(w))).toBe(true);
    expect(auto.record.merged).toBeUndefined();
  });

  it('draws the exact PCA map with --map pca, and says so in run.json', async () => {
    const out = tmp();
    const { summary, record } = await runPipeline(normaliseOptions({ out, cacheDir: false, map: 'pca' }));
    const map = record.map as { layout: string; umap?: unknown; pca_for_comparison?: unknown; silhouette_by_theme: number };
    expect(map.layout).toBe('pca');
    expect(map.umap).toBeUndefined();
    expect(map.pca_for_comparison).toBeUndefined();
    const umap = await runPipeline(normaliseOptions({ out: tmp(), cacheDir: false }));
    // Same themes, other positions; the UMAP map separates them better.
    expect(umap.summary.assignments.map((a) => a.themeId)).toEqual(summary.assignments.map((a) => a.themeId));
    expect(umap.summary.assignments.map((a) => a.x)).not.toEqual(summary.assignments.map((a) => a.x));
    expect((umap.record.map as { silhouette_by_theme: number }).silhouette_by_theme).toBeGreaterThan(map.silhouette_by_theme);
  });

  it('writes the CSV headers the exports promise, one row per paper and per theme, loose flags as run.json counts them', async () => {
    const out = tmp();
    const { summary } = await runPipeline(normaliseOptions({ out, k: 5, cacheDir: false }));
    const assignments = readFileSync(join(out, 'assignments.csv'), 'utf8').trimEnd().split('\r\n');
    const themes = readFileSync(join(out, 'themes.csv'), 'utf8').trimEnd().split('\r\n');
    expect(assignments[0].startsWith('paper_id,title,theme_id,theme_label,score')).toBe(true);
    expect(themes[0].startsWith('theme_id,theme_label,size,silhouette,npmi,unique_terms,label_precision,label_recall,label_f1,top_terms')).toBe(true);
    expect(summary.themes).toHaveLength(5);
    expect(themes).toHaveLength(1 + 5);
    // Abstract-free rows: a title never spans lines in this corpus.
    expect(assignments).toHaveLength(1 + 70);
    // Five broad themes of 70 papers take in some papers far from their centres.
    expect(looseFlagsOf(out).papers).toBeGreaterThan(0);
  });
});

describe('runPipeline on labelled input', () => {
  it('adds V-measure, NMI and ARI against the gold labels', async () => {
    const out = tmp();
    const input = new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url).pathname;
    const { record } = await runPipeline(normaliseOptions({ input, out, k: 3, minDf: 1, cacheDir: false }));
    const quality = record.quality as Record<string, number>;
    for (const name of ['v_measure', 'homogeneity', 'completeness', 'nmi', 'ari']) {
      expect(quality[name], name).toBeTypeOf('number');
      expect(quality[name]).toBeLessThanOrEqual(1);
    }
    expect(quality.v_measure).toBeGreaterThan(0);
  });
});

describe('runPipeline runs index', () => {
  it('refreshes reports/index.html after each run, listing every run folder newest first', async () => {
    const reports = join(tmp(), 'reports');
    const input = new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url).pathname;
    const run = (folder: string) =>
      runPipeline(normaliseOptions({ input, out: join(reports, folder), k: 3, minDf: 1, cacheDir: false }));
    const first = await run('first');
    expect(first.files).toContain(join(reports, 'index.html'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await run('second');
    const index = readFileSync(join(reports, 'index.html'), 'utf8');
    const links = [...index.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['second/index.html', 'first/index.html']);
    expect(index).toContain('arxiv-sample.jsonl');
  });

  it('writes no runs index for an out folder outside a reports folder', async () => {
    const parent = tmp();
    const { files } = await runPipeline(normaliseOptions({ out: join(parent, 'today'), cacheDir: false, k: 4 }));
    expect(files.some((f) => f.endsWith('index.html') && !f.includes('today'))).toBe(false);
  });
});

describe('runPipeline --out', () => {
  const input = new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url).pathname;

  it('creates no folder when the run fails before writing', async () => {
    const parent = tmp();
    await expect(runPipeline(normaliseOptions({ input: join(parent, 'missing.jsonl'), out: join(parent, 'a', 'report'), cacheDir: false })))
      .rejects.toThrow(/missing\.jsonl/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('replaces an earlier report whole, leaving nothing of the swap beside it', async () => {
    const parent = tmp();
    const out = join(parent, 'report');
    mkdirSync(out);
    for (const name of ['assignments.csv', 'themes.csv', 'index.html', 'run.json']) writeFileSync(join(out, name), 'earlier');
    await runPipeline(normaliseOptions({ input, out, k: 3, minDf: 1, cacheDir: false }));
    expect(readdirSync(parent)).toEqual(['report']);
    expect(readdirSync(out).sort()).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'model', 'run.json', 'themes.csv']);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).clustering.k).toBe(3);
  });

  it('refuses, before the work, an --out holding files that are not a report, deleting nothing', async () => {
    const out = tmp();
    writeFileSync(join(out, 'papers.jsonl'), readFileSync(input));
    const run = runPipeline(normaliseOptions({ input: join(out, 'papers.jsonl'), out, cacheDir: false }));
    await expect(run).rejects.toThrow(OutputError);
    await expect(run).rejects.toThrow(/--out: cannot write .*: it holds other files \(papers\.jsonl\)/);
    expect(readdirSync(out)).toEqual(['papers.jsonl']);
  });
});
