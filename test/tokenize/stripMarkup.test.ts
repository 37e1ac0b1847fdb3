import { describe, expect, it } from 'vitest';
import { stripMarkup } from '../../src/tokenize/stripMarkup.js';

const words = (text: string) => stripMarkup(text).split(/\s+/).filter(Boolean);

describe('stripMarkup', () => {
  it('keeps the words of LaTeX math and drops its syntax', () => {
    expect(words('in $\\mathcal{O}(n \\log n)$ time')).toEqual(['in', 'mathcal', 'O', '(n', 'log', 'n)', 'time']);
    expect(words('$$x^2_i$$ and \\(\\hbar\\omega\\)')).toEqual(['x', '2', 'i', 'and', '(', 'hbar', 'omega', ')']);
  });

  it('separates a command from the word it is glued to', () => {
    expect(words('\\alpha-stable \\textbf{laws}')).toEqual(['alpha', '-stable', 'textbf', 'laws']);
  });

  it('drops HTML tags and URLs', () => {
    expect(words('See <a href="x">our <i>code</i></a> at https://github.com/x/y.')).toEqual(['See', 'our', 'code', 'at']);
  });

  it('removes the same tags as one scan of the whole text would, whatever follows the last ">"', () => {
    const tag = /<\/?[a-zA-Z][^>]*>/g;
    for (const text of ['a <b and c <i>d</i> <e', '<a<a<a', 'x > y <p>z', '<b>bold</b><i', 'a<b', '<i>a</i>']) {
      expect(stripMarkup(text)).toBe(stripMarkup(text.replace(tag, ' ')));
    }
    expect(stripMarkup('<a'.repeat(50_000))).toBe('<a'.repeat(50_000));
  });
});
