import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/text/collapseWhitespace.js';

describe('collapseWhitespace', () => {
  it('turns every run of white space into one space and trims the ends', () => {
    expect(collapseWhitespace('  Model\n  merging\tat\u00a0scale \r\n')).toBe('Model merging at scale');
    expect(collapseWhitespace('a \n b\n\nc')).toBe('a b c');
  });

  it('leaves text with single spaces as it is', () => {
    const text = 'We study data selection for language models.';
    expect(collapseWhitespace(text)).toBe(text);
  });

  it('agrees with replacing every white-space run, on every mix of spaces, tabs and line breaks', () => {
    const pieces = ['a', ' ', '  ', '\n', '\t', ' \n ', '\u00a0', 'b'];
    for (const x of pieces) for (const y of pieces) for (const z of pieces) {
      const text = `${x}w${y}v${z}`;
      expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });
});
