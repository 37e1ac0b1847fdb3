import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { tokenize } from '../../pipeline/2-tokenize.js';
import { vectorize } from '../../pipeline/3-vectorize.js';
import { defaultDims, reduce } from '../../pipeline/4-reduce.js';
import { cluster } from '../../pipeline/5-cluster.js';
import { DEFAULT_LABEL_PARAMS, label } from '../../pipeline/6-label.js';
import { defaultOptions } from '../../pipeline/options.js';
import { readWordList } from '../../pipeline/runPipeline.js';
import { npmiCoherence } from '../../src/metrics/npmi.js';
import { silhouetteCosine } from '../../src/metrics/silhouette.js';
import { createRandom } from '../../src/random/seededRandom.js';
import { noTokenCache } from '../../src/tokenize/tokenCache.js';

/** Stages 1-5 on the bundled seed corpus with the default options, then stage 6. */
async function labelSeed(k: number) {
  const options = defaultOptions();
  const { papers } = await ingest({ path: options.input }, { strict: false });
  const tokens = await tokenize({ papers }, {
    boilerplate: readWordList(options.stopwordsFile), phraseMinDf: 2, titleWeight: 2, lemmas: true, workers: 1, cache: noTokenCache(),
  });
  const vectors = vectorize({ features: tokens.features }, { minDf: 2, maxDf: 0.5, maxFeatures: null, sublinearTf: true, smoothIdf: true });
  const reduced = reduce({ tfidf: vectors.tfidf }, { dims: defaultDims(papers.length, vectors.tfidf.cols), center: false, seed: 42 });
  const clusters = cluster({ vectors: reduced.vectors }, { k, kRange: [2, 12], nInit: 20, seed: 42 });
  const output = label({
    papers, counts: vectors.counts, vectorizer: vectors.model, vectors: reduced.vectors, map: reduced.map,
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
