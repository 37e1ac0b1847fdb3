import { describe, it, expect } from 'vitest';
import { normaliseTitle } from '../../src/ingest/normaliseTitle.js';

describe('normaliseTitle', () => {
  it('lower-cases and turns punctuation into single spaces', () => {
    expect(normaliseTitle('Attention Is All You Need!')).toBe('attention is all you need');
    expect(normaliseTitle("Let's Make Block-Coordinate Descent   Converge: Faster")).toBe(
      'let s make block coordinate descent converge faster',
    );
  });

  it('trims leading and trailing separators', () => {
    expect(normaliseTitle('  "Quoted?"  ')).toBe('quoted');
  });

  it('keeps the content of LaTeX math, so titles differing only there stay different', () => {
    expect(normaliseTitle('MoE$^2$: Fast Inference')).toBe('moe 2 fast inference');
    expect(normaliseTitle('Bounds for $$O(n \\log n)$$ Sorting')).toBe('bounds for o n log n sorting');
    expect(normaliseTitle('Sorting in $O(n^2)$ time')).not.toBe(normaliseTitle('Sorting in $O(n)$ time'));
  });

  it('applies NFKC so ligatures and full-width letters match their plain forms', () => {
    expect(normaliseTitle('ﬁne-tuning')).toBe('fine tuning');
    expect(normaliseTitle('ＧＰＴ４')).toBe('gpt4');
  });

  it('keeps non-Latin letters and digits', () => {
    expect(normaliseTitle('Über 3 Modelle — 日本語')).toBe('über 3 modelle 日本語');
  });

  it('returns an empty string for a title with no letters or digits', () => {
    expect(normaliseTitle(' -- ?! ')).toBe('');
  });
});
