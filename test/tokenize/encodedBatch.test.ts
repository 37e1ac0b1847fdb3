import { describe, expect, it } from 'vitest';
import { BatchDecoder, BatchEncoder } from '../../src/tokenize/encodedBatch.js';

const docs = [
  { lemmas: ['model', 'merge'], surfaces: ['models', 'merging'], gaps: [2, 0] },
  { lemmas: [], surfaces: [], gaps: [] },
  { lemmas: ['mixture', 'expert', 'model'], surfaces: ['mixture', 'experts', 'models'], gaps: [2, 1, 2] },
];

describe('BatchEncoder and BatchDecoder', () => {
  it('round-trip documents, including empty ones, across batches', () => {
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const first = encoder.encode(docs.slice(0, 2));
    const second = encoder.encode(docs.slice(2));
    decoder.learn(first);
    decoder.learn(second);
    expect([...decoder.decode(first), ...decoder.decode(second)]).toEqual(docs);
  });

  it('sends each word type once: a later batch lists only the types new to the worker', () => {
    const encoder = new BatchEncoder();
    encoder.encode(docs.slice(0, 1));
    const second = encoder.encode(docs.slice(2));
    expect(second.newSurfaces).toEqual(['mixture', 'experts']);
    expect(second.newLemmas).toEqual(['mixture', 'expert']);
    expect(Array.from(second.ids)).toEqual([2, 3, 0]);
    expect(Array.from(second.lengths)).toEqual([3]);
  });
});
