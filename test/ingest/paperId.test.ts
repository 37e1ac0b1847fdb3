import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { paperIdFromTitle } from '../../src/ingest/paperId.js';

describe('paperIdFromTitle', () => {
  it('is t- followed by the first 12 hex chars of sha256 of the normalised title', () => {
    const expected = createHash('sha256').update('graph neural networks').digest('hex').slice(0, 12);
    expect(paperIdFromTitle('Graph Neural Networks')).toBe(`t-${expected}`);
    expect(paperIdFromTitle('Graph Neural Networks')).toMatch(/^t-[0-9a-f]{12}$/);
  });

  it('derives the same id from titles differing only in case and punctuation', () => {
    expect(paperIdFromTitle('Graph Neural Networks: A Survey')).toBe(paperIdFromTitle('graph neural networks -- a survey?'));
  });

  it('is stable across calls (no randomness, no state)', () => {
    expect(paperIdFromTitle('Same Title')).toBe(paperIdFromTitle('Same Title'));
  });

  it('derives different ids from different titles', () => {
    expect(paperIdFromTitle('Model Merging')).not.toBe(paperIdFromTitle('Model Pruning'));
  });

  it('keeps titles that normalise to nothing distinct by hashing the raw title', () => {
    expect(paperIdFromTitle('$x$')).not.toBe(paperIdFromTitle('$y$'));
  });
});
