import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { isDerivedPaperId, paperIdFromAbstract, paperIdFromTitle, paperIdFromTitleAndAbstract } from '../../src/ingest/paperId.js';

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

describe('paperIdFromAbstract', () => {
  it('is a- followed by 12 hex chars of sha256 of the normalised abstract', () => {
    const expected = createHash('sha256').update('we study graphs').digest('hex').slice(0, 12);
    expect(paperIdFromAbstract('We study graphs.')).toBe(`a-${expected}`);
  });

  it('keeps title-less papers with different abstracts distinct', () => {
    expect(paperIdFromAbstract('Background: aspirin lowers risk.')).not.toBe(paperIdFromAbstract('Background: statins lower risk.'));
  });
});

describe('paperIdFromTitleAndAbstract', () => {
  it('starts like the title id, so it still reads as the same title, and differs by abstract', () => {
    const a = paperIdFromTitleAndAbstract('Editorial', 'This issue is about graphs.');
    const b = paperIdFromTitleAndAbstract('Editorial', 'This issue is about proteins.');
    expect(a.startsWith(`${paperIdFromTitle('Editorial')}-`)).toBe(true);
    expect(a).toMatch(/^t-[0-9a-f]{12}-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });
});

describe('isDerivedPaperId', () => {
  it('is true for every id this module derives and false for source ids', () => {
    expect(isDerivedPaperId(paperIdFromTitle('Editorial'))).toBe(true);
    expect(isDerivedPaperId(paperIdFromAbstract('Some abstract.'))).toBe(true);
    expect(isDerivedPaperId(paperIdFromTitleAndAbstract('Editorial', 'Some abstract.'))).toBe(true);
    for (const id of ['1811.00783', 'hep-th/9901001', 'p1', 't-xyz', 'W2741809807']) expect(isDerivedPaperId(id), id).toBe(false);
  });
});
