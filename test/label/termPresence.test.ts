import { describe, expect, it } from 'vitest';
import { termEvenness, termPresence } from '../../src/label/termPresence.js';
import { csrFromDense } from '../../src/linalg/csr.js';

describe('termPresence', () => {
  it('counts a paper fully from fullMentions occurrences and in proportion below', () => {
    // Columns "knot", "model"; papers 0-1 in theme 0, paper 2 in theme 1.
    const counts = csrFromDense([[1, 2], [3, 0], [0, 1]]);
    const presence = termPresence(counts, Int32Array.of(0, 0, 1), 2, 2);
    // Theme 0: knot 1/2 + 1, model 1; theme 1: knot 0, model 1/2.
    expect(Array.from(presence)).toEqual([1.5, 1, 0, 0.5]);
  });
});

describe('termEvenness: how evenly a term spreads over the themes, from its presence', () => {
  // Themes of 2 and 4 papers. Rows: theme 0 then theme 1, columns: even, only-0, skewed, absent.
  const sizes = [2, 4];
  const presence = Float32Array.of(
    1, 2, 1, 0,
    2, 0, 1, 0,
  );
  const evenness = termEvenness(presence, sizes, 4);

  it('is 1 for a term every theme mentions at the same rate, whatever the theme sizes', () => {
    // Rates 1/2 and 2/4.
    expect(evenness[0]).toBeCloseTo(1, 12);
  });

  it('is 0 for a term one theme alone mentions, and for a term no theme mentions', () => {
    expect(evenness[1]).toBe(0);
    expect(evenness[3]).toBe(0);
  });

  it('is the entropy of the size-normalised rates over ln k', () => {
    // Rates 1/2 and 1/4: q = 2/3, 1/3.
    const q = [2 / 3, 1 / 3];
    expect(evenness[2]).toBeCloseTo(-(q[0] * Math.log(q[0]) + q[1] * Math.log(q[1])) / Math.log(2), 12);
  });

  it('is 0 for every term with one theme', () => {
    expect(Array.from(termEvenness(Float32Array.of(3, 1), [4], 2))).toEqual([0, 0]);
  });
});
