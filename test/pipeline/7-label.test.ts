import { project2d } from '../../src/reduce/project2d.js';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { tokenize } from '../../pipeline/2-tokenize.js';
import { vectorize } from '../../pipeline/3-vectorize.js';
import { defaultDims, reduce } from '../../pipeline/4-reduce.js';
import { cluster } from '../../pipeline/5-cluster.js';
import { DEFAULT_LABEL_PARAMS, label } from '../../pipeline/7-label.js';
import { defaultOptions } from '../../pipeline/options.js';
import { readWordList } from '../../pipeline/runPipeline.js';
import { npmiCoherence } from '../../src/metrics/npmi.js';
import { silhouetteCosine } from '../../src/metrics/silhouette.js';
import { createRandom } from '../../src/random/seededRandom.js';
import { noTokenCache } from '../../src/tokenize/tokenCache.js';

/** Stages 1-5 on the bundled seed corpus with the default options (uncentred unless asked), then stage 7 (label) with the PCA map. */
async function labelSeed(k: number, center = false) {
  const options = defaultOptions();
  const { papers } = await ingest({ path: options.input }, { strict: false });
  const tokens = await tokenize({ papers }, {
    boilerplate: readWordList(options.stopwordsFile), phraseMinDf: 2, titleWeight: 2, lemmas: true, workers: 1, cache: noTokenCache(),
  });
  const vectors = vectorize({ features: tokens.features }, { minDf: 2, maxDf: 0.5, maxFeatures: null, sublinearTf: true, smoothIdf: true });
  const reduced = reduce({ tfidf: vectors.tfidf }, { dims: defaultDims(papers.length, vectors.tfidf.cols), center, seed: 42 });
  const clusters = cluster({ vectors: reduced.vectors }, { k, kRange: [2, 12], nInit: 20, seed: 42 });
  const output = label({
    papers, counts: vectors.counts, vectorizer: vectors.model, vectors: reduced.vectors, map: project2d(reduced.vectors),
    labels: clusters.labels, centres: clusters.centres, k: clusters.k,
  }, { ...DEFAULT_LABEL_PARAMS, fullMentions: 2 });
  return { papers, vectors, reduced, clusters, output };
}

describe('label (stage 6) on the seed corpus', async () => {
  const { papers, vectors, reduced, clusters, output } = await labelSeed(10);

  it('labels every theme with up to 10 top terms and 5 representatives from the theme', () => {
    expect(output.themes).toHaveLength(10);
    for (const theme of output.themes) {
      expect(theme.topTerms.length).toBeGreaterThan(0);
      expect(theme.topTerms.length).toBeLessThanOrEqual(10);
      expect(theme.label.length).toBeGreaterThan(0);
      for (const id of theme.representativeIds) {
        expect(clusters.labels[papers.findIndex((p) => p.id === id)]).toBe(theme.id);
      }
    }
  });

  it('gives per-theme silhouettes whose size-weighted mean is the run silhouette', () => {
    const weighted = output.themes.reduce((s, t) => s + t.size * t.quality!.silhouette, 0) / papers.length;
    expect(weighted).toBeCloseTo(silhouetteCosine(reduced.vectors, clusters.labels), 5);
  });

  it('finds top terms far more coherent (NPMI) than random sets of as many terms', () => {
    const random = createRandom(1);
    const sizes = output.themes.map((t) => t.topTerms.length);
    const randomSets = Array.from({ length: 50 }, (_, i) => {
      const size = sizes[i % sizes.length];
      const columns = new Set<number>();
      while (columns.size < size) columns.add(Math.floor(random() * vectors.tfidf.cols));
      return [...columns];
    });
    const baseline = npmiCoherence(vectors.counts, randomSets).mean;
    expect(output.coherence.npmi).toBeGreaterThan(baseline + 0.3);
    expect(output.coherence.npmi).toBeCloseTo(
      output.themes.reduce((s, t) => s + t.quality!.npmi, 0) / output.themes.length, 5);
  });

  it('reports a topic diversity that matches the share of distinct top terms', () => {
    const all = output.themes.flatMap((t) => t.topTerms.map((w) => w.term));
    expect(output.coherence.diversity).toBeCloseTo(new Set(all).size / all.length, 5);
    for (const theme of output.themes) {
      const others = new Set(output.themes.filter((t) => t !== theme).flatMap((t) => t.topTerms.map((w) => w.term)));
      const unique = theme.topTerms.filter((w) => !others.has(w.term)).length / theme.topTerms.length;
      expect(theme.quality!.uniqueTerms).toBeCloseTo(unique, 5);
    }
  });
});

describe('label (stage 6) flags loose themes and loose fits', async () => {
  const { papers, vectors, reduced, clusters, output } = await labelSeed(5, true);

  it('flags a paper a loose fit exactly when its score is below half its theme\u2019s median, and keeps it assigned', () => {
    const scores = output.assignments.map((a) => a.score);
    for (let c = 0; c < clusters.k; c++) {
      const own = scores.filter((_, i) => clusters.labels[i] === c).sort((a, b) => a - b);
      const mid = own.length >> 1;
      const median = own.length % 2 === 1 ? own[mid] : (own[mid - 1] + own[mid]) / 2;
      output.assignments.forEach((a, i) => {
        if (clusters.labels[i] === c) expect([a.themeId, a.looseFit]).toEqual([c, a.score < median / 2]);
      });
    }
    expect(output.assignments.filter((a) => a.looseFit)).not.toHaveLength(0);
  });

  it('picks a loose fit as a representative only behind every tight member it picks', () => {
    const loose = new Set(output.assignments.filter((a) => a.looseFit).map((a) => a.paperId));
    for (const theme of output.themes) {
      const flags = theme.representativeIds.map((id) => loose.has(id));
      expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
    }
  });

  it('flags a theme loose by its figures, such as a theme of one paper taken from each of the others', async () => {
    expect(output.themes.map((t) => t.loose)).toEqual(output.themes.map((t) => t.quality!.silhouette < 0 && t.quality!.npmi < 0.05));
    // Ten themes, and one more made of the first paper of each: papers that share nothing
    // but being moved, and whose top terms come from different papers.
    const base = await labelSeed(10, true);
    const k = base.clusters.k + 1;
    const labels = Int32Array.from(base.clusters.labels);
    for (let c = 0; c < base.clusters.k; c++) labels[labels.indexOf(c)] = base.clusters.k;
    const mixed = label({
      papers: base.papers, counts: base.vectors.counts, vectorizer: base.vectors.model, vectors: base.reduced.vectors, map: project2d(base.reduced.vectors),
      labels, centres: centresOf(base.reduced.vectors.data, base.reduced.vectors.cols, labels, k), k,
    }, { ...DEFAULT_LABEL_PARAMS, fullMentions: 2 });
    const added = mixed.themes[base.clusters.k];
    expect(added.size).toBe(base.clusters.k);
    expect(added.quality!.silhouette).toBeLessThan(0);
    expect(added.quality!.npmi).toBeLessThan(0.05);
    expect(added.loose).toBe(true);
    expect(mixed.themes.filter((t) => t.loose).map((t) => t.id)).toEqual(
      mixed.themes.filter((t) => t.quality!.silhouette < 0 && t.quality!.npmi < 0.05).map((t) => t.id));
  });
});

/** Mean of each cluster's rows (n x d, row-major). */
function centresOf(data: Float64Array, d: number, labels: Int32Array, k: number): Float64Array {
  const centres = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  labels.forEach((c, i) => {
    sizes[c]++;
    for (let j = 0; j < d; j++) centres[c * d + j] += data[i * d + j];
  });
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centres[c * d + j] /= sizes[c];
  return centres;
}
