import type { LabelMatch } from './labelQuery.js';
import { labelParts } from './labelQuery.js';

/** The run's label-quality figures (see labelFigures). */
export interface LabelFigures {
  /** Mean over the themes of the label's F1 as a query for its theme's papers. */
  labelF1: number;
  /** Share of labels made only of generic words (words that spread evenly over the themes). */
  genericLabels: number;
  /** Share of labels that are two single words side by side ("model, data"). */
  wordPairLabels: number;
}

/** A label of exactly two parts, each a single word. */
export function isWordPair(label: string): boolean {
  const parts = labelParts(label);
  return parts.length === 2 && parts.every((part) => !/\s/.test(part));
}

/**
 * Run-level label quality from each theme's label and its query match. `isGeneric(word)`
 * says whether a word spreads evenly over the themes (termEvenness at or above the
 * threshold); "of" is not counted.
 */
export function labelFigures(labels: readonly string[], matches: readonly LabelMatch[], isGeneric: (word: string) => boolean): LabelFigures {
  const n = labels.length;
  if (n === 0) return { labelF1: 0, genericLabels: 0, wordPairLabels: 0 };
  const generic = labels.filter((label) => {
    const words = labelParts(label.toLowerCase()).flatMap((part) => part.split(/\s+/)).filter((w) => w !== 'of');
    return words.length > 0 && words.every(isGeneric);
  }).length;
  return {
    labelF1: matches.reduce((s, m) => s + m.f1, 0) / n,
    genericLabels: generic / n,
    wordPairLabels: labels.filter(isWordPair).length / n,
  };
}
