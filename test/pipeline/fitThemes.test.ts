import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { fitThemes } from '../../pipeline/fitThemes.js';
import { normaliseOptions, type RawOptions } from '../../pipeline/options.js';
import type { StageRecord } from '../../pipeline/stageRecord.js';

async function fitSeed(raw: RawOptions) {
  const options = normaliseOptions({ cacheDir: false, k: 8, nInit: 5, ...raw });
  const { papers } = await ingest({ path: options.input }, { strict: false });
  const stages: StageRecord[] = [];
  const fitted = await fitThemes(papers, options, stages, () => {});
  return { papers, stages, fitted, vocabulary: fitted.vectors.model.vocabulary };
}

describe('fitThemes on the seed corpus', async () => {
  const standard = await fitSeed({});

  it('runs tokenize, vectorize, reduce, cluster, map and label, in that order, timing each', () => {
    expect(standard.stages.map((s) => s.stage)).toEqual(['tokenize', 'vectorize', 'reduce', 'cluster', 'map', 'label']);
    expect(standard.fitted.labelled.themes).toHaveLength(8);
    expect(standard.fitted.labelled.assignments).toHaveLength(standard.papers.length);
  });

  it('identifies words by lemma by default: "networks" counts as "network"', () => {
    expect(standard.vocabulary).toContain('network');
    expect(standard.vocabulary).not.toContain('networks');
    expect(standard.vocabulary).not.toContain('algorithms');
    expect(standard.vocabulary.some((term) => term.includes(' '))).toBe(true);
    expect(standard.fitted.parameters).toMatchObject({ lemmas: true, phrase_min_df: 2 });
  });

  it('keeps words as written with lemmas off', async () => {
    const { vocabulary, fitted } = await fitSeed({ lemmas: false });
    expect(vocabulary).toContain('network');
    expect(vocabulary).toContain('networks');
    expect(vocabulary).toContain('algorithms');
    expect(fitted.parameters.lemmas).toBe(false);
  });

  it('has single words only with phrases off', async () => {
    const { vocabulary, fitted } = await fitSeed({ phrases: false });
    expect(vocabulary.filter((term) => term.includes(' '))).toEqual([]);
    expect(vocabulary.length).toBeGreaterThan(100);
    expect(fitted.parameters.phrase_min_df).toBe('off');
  });
});
