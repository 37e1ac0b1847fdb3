import { describe, expect, it } from 'vitest';
import { BatchDecoder } from '../../src/tokenize/encodedBatch.js';
import { createEncodingTokenizer, createWinkTokenizer } from '../../src/tokenize/winkTokenizer.js';

const params = { extraStopWords: [], minWordLength: 2 };
const texts = ['Models merging.', '', 'Mixture of experts models.'];
const docs = texts.map(createWinkTokenizer(params));

describe('encoded batches (createEncodingTokenizer) and BatchDecoder', () => {
  it('round-trip documents, including empty ones, across batches', () => {
    const encode = createEncodingTokenizer(params);
    const decoder = new BatchDecoder();
    const first = encode(texts.slice(0, 2));
    const second = encode(texts.slice(2));
    decoder.learn(first);
    decoder.learn(second);
    expect([...decoder.decode(first), ...decoder.decode(second)]).toEqual(docs);
  });

  it('sends each word type once: a later batch lists only the types new to the worker', () => {
    const encode = createEncodingTokenizer(params);
    encode(texts.slice(0, 1));
    const second = encode(texts.slice(2));
    expect(second.newSurfaces).toEqual(['mixture', 'experts']);
    expect(second.newLemmas).toEqual(docs[2].lemmas.slice(0, 2));
    expect(Array.from(second.ids)).toEqual([2, 3, 0]);
    expect(Array.from(second.lengths)).toEqual([3]);
  });
});
