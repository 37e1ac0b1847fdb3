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

  it('ends a tag before the next "<": a stray "<" starts no tag that swallows the text up to a later ">"', () => {
    expect(words('a <b and c <i>d</i>')).toEqual(['a', '<b', 'and', 'c', 'd']);
  });
});
