import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { fitThemes } from '../../pipeline/fitThemes.js';
import { normaliseOptions } from '../../pipeline/options.js';
import { isWordPair } from '../../src/label/labelFigures.js';
import { labelMatches, labelQuery, termColumns } from '../../src/label/labelQuery.js';

/**
 * 48 short abstracts written for this test, 12 on each of four themes whose right name is
 * known: each paper's `label`. Ten of each twelve write the name out (the others only an
 * acronym or nearby words), and all four share generic words ("model", "analysis",
 * "framework", "performance", "method", "results").
 */
const CORPUS = fileURLToPath(new URL('../fixtures/labels/four-themes.jsonl', import.meta.url));
const KNOWN = ['monte carlo tree search', 'bose-einstein condensate', 'wireless sensor network', 'knot invariant'];

describe('labels of a hand-made corpus of four known themes (stages 2-6, k = 4)', async () => {
  const { papers } = await ingest({ path: CORPUS }, { strict: true });
  const options = normaliseOptions({ input: CORPUS, k: 4, seed: 42, cacheDir: false, quiet: true });
  const { clusters, labelled, vectors } = await fitThemes(papers, options, [], () => {});
  const gold = Int32Array.from(papers, (paper) => KNOWN.indexOf(paper.label!));
  /** The known theme most of a cluster's papers belong to. */
  const knownOf = (cluster: number) => {
    const votes = new Array<number>(KNOWN.length).fill(0);
    clusters.labels.forEach((c, i) => { if (c === cluster) votes[gold[i]]++; });
    return votes.indexOf(Math.max(...votes));
  };

  it('reads 48 papers, 12 per known theme, and finds the four themes', () => {
    expect(papers).toHaveLength(48);
    expect(KNOWN.map((_, t) => gold.filter((g) => g === t).length)).toEqual([12, 12, 12, 12]);
    expect(labelled.themes.map((theme) => knownOf(theme.id)).sort()).toEqual([0, 1, 2, 3]);
    const agreeing = papers.filter((_, i) => knownOf(clusters.labels[i]) === gold[i]).length;
    expect(agreeing).toBeGreaterThanOrEqual(46);
  });

  it('names each theme by its known phrase, in full ("monte carlo tree search", not "carlo tree search")', () => {
    for (const theme of labelled.themes) {
      expect(theme.label.toLowerCase(), `theme ${theme.id}`).toContain(KNOWN[knownOf(theme.id)]);
    }
  });

  it('gives headings as the abstracts write the names ("Monte Carlo tree search", "Bose-Einstein condensate")', () => {
    const headings = labelled.themes.map((theme) => theme.heading ?? theme.label);
    expect(headings.some((h) => h.startsWith('Monte Carlo tree search'))).toBe(true);
    expect(headings.some((h) => h.startsWith('Bose-Einstein condensate'))).toBe(true);
  });

  it('has labels that find their themes: mean label F1 at least 0.8, also against the known themes', () => {
    expect(labelled.labelQuality.labelF1).toBeGreaterThanOrEqual(0.8);
    const columns = termColumns(vectors.model.vocabulary, vectors.model.displayForms);
    const knownMatches = labelMatches(vectors.counts, gold, KNOWN.map((_, t) => {
      const theme = labelled.themes.find((candidate) => knownOf(candidate.id) === t)!;
      return labelQuery(theme.label, columns);
    }));
    expect(knownMatches.reduce((s, m) => s + m.f1, 0) / KNOWN.length).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps the generic words as terms of every theme, so they could have been labels', () => {
    const columns = termColumns(vectors.model.vocabulary, vectors.model.displayForms);
    for (const word of ['model', 'analysis']) {
      const j = columns.get(word)!;
      expect(j, word).toBeDefined();
      const themesUsing = new Set<number>();
      for (let r = 0; r < vectors.counts.rows; r++) {
        for (let p = vectors.counts.indptr[r]; p < vectors.counts.indptr[r + 1]; p++) if (vectors.counts.indices[p] === j) themesUsing.add(gold[r]);
      }
      expect(themesUsing.size, word).toBe(4);
    }
  });

  it('has no generic label and no label of two single words', () => {
    expect(labelled.labelQuality.genericLabels).toBe(0);
    expect(labelled.labelQuality.wordPairLabels).toBe(0);
    for (const theme of labelled.themes) {
      expect(theme.label).not.toMatch(/\b(model|analysis|framework|performance)\b/);
      expect(isWordPair(theme.label), theme.label).toBe(false);
    }
  });
});
