import { describe, expect, it } from 'vitest';
import { themeLabel } from '../../src/label/themeLabel.js';

const t = (...terms: string[]) => terms.map((term, i) => ({ term, weight: 1 - i / 10 }));

describe('themeLabel', () => {
  it('is the top term when it is a phrase', () => {
    expect(themeLabel(t('model merging', 'pruning'))).toBe('model merging');
  });
  it('joins two single words', () => {
    expect(themeLabel(t('pruning', 'network'))).toBe('pruning, network');
  });
  it('never exceeds three words', () => {
    expect(themeLabel(t('pruning', 'large language model'))).toBe('pruning');
    expect(themeLabel(t('pruning', 'language model'))).toBe('pruning, language model');
  });
  it('says so when a theme has no terms', () => {
    expect(themeLabel([])).toBe('(no terms)');
  });
});

describe('themeLabel with a phrase just below the top word', () => {
  it('prefers the phrase that contains the top word', () => {
    expect(themeLabel(t('data', 'data selection', 'pruning'))).toBe('data selection');
    expect(themeLabel(t('merging', 'weights', 'model merging'))).toBe('model merging');
  });
  it('ignores phrases that do not contain it', () => {
    expect(themeLabel(t('pruning', 'language model'))).toBe('pruning, language model');
  });
});
