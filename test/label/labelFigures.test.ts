import { describe, expect, it } from 'vitest';
import { isWordPair, labelFigures } from '../../src/label/labelFigures.js';
import type { LabelMatch } from '../../src/label/labelQuery.js';

/** Words that spread evenly over the themes, as termEvenness finds "model" and "results". */
const GENERIC = new Set(['model', 'data', 'results', 'performance']);
const isGeneric = (word: string) => GENERIC.has(word);
const match = (f1: number): LabelMatch => ({ precision: f1, recall: f1, f1 });

describe('isWordPair', () => {
  it('is true for two single words side by side, joined by ", " or " · "', () => {
    expect(isWordPair('model, data')).toBe(true);
    expect(isWordPair('knots · braids')).toBe(true);
  });

  it('is false for one word, one phrase, or a pair with a phrase in it', () => {
    for (const label of ['knots', 'knot invariants', 'mixture of experts', 'knot invariants · braids', 'pruning, neural network']) {
      expect(isWordPair(label), label).toBe(false);
    }
  });
});

describe('labelFigures', () => {
  const labels = ['knot invariants', 'Model', 'model, data', 'sensor networks · energy harvesting', 'results of performance'];
  const figures = labelFigures(labels, [0.6, 0.2, 0.1, 0.8, 0.3].map(match), isGeneric);

  it('gives the mean label F1 over the themes', () => {
    expect(figures.labelF1).toBeCloseTo((0.6 + 0.2 + 0.1 + 0.8 + 0.3) / 5, 12);
  });

  it('counts as generic a label made only of generic words, whatever its case, "of" not counted', () => {
    // "Model", "model, data" and "results of performance": 3 of 5.
    expect(figures.genericLabels).toBeCloseTo(3 / 5, 12);
    expect(labelFigures(['model merging', 'data selection'], [match(1), match(1)], isGeneric).genericLabels).toBe(0);
  });

  it('gives the share of labels that are two single words', () => {
    expect(figures.wordPairLabels).toBeCloseTo(1 / 5, 12);
  });

  it('is all zeros with no themes', () => {
    expect(labelFigures([], [], isGeneric)).toEqual({ labelF1: 0, genericLabels: 0, wordPairLabels: 0 });
  });
});
