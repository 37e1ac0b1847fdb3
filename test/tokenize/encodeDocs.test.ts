import { describe, expect, it } from 'vitest';
import { CorpusEncoder, encodeDocs } from '../../src/tokenize/encodeDocs.js';
import { entryToLine, textKey } from '../../src/tokenize/tokenCache.js';
import type { TokenizedDoc } from '../../src/tokenize/tokenizedDoc.js';

const docs: TokenizedDoc[] = [
  { surfaces: ['models', 'merging', 'models'], lemmas: ['model', 'merge', 'model'], gaps: [2, 0, 1] },
  { surfaces: [], lemmas: [], gaps: [] },
  { surfaces: ['merged', 'model', 'fine-tuned'], lemmas: ['merge', 'model', 'fine-tune'], gaps: [2, 0, 2] },
  { surfaces: ['merging'], lemmas: ['merge'], gaps: [2] },
];

describe('CorpusEncoder', () => {
  it('encodes tokens-cache lines exactly as the parsed documents, mixed in any way, with and without lemmas', () => {
    for (const lemmas of [true, false]) {
      const want = encodeDocs(docs, lemmas);
      for (const asLine of [[true, true, true, true], [false, true, false, true], [true, false, true, false]]) {
        const encoder = new CorpusEncoder(lemmas);
        docs.forEach((doc, i) => (asLine[i] ? encoder.addLine(entryToLine(textKey(String(i)), doc)) : encoder.addDoc(doc)));
        expect(encoder.finish()).toEqual(want);
      }
    }
  });

  it('numbers surface forms by first appearance and maps each to its lemma', () => {
    const encoded = encodeDocs(docs);
    expect(encoded.surfaces).toEqual(['models', 'merging', 'merged', 'model', 'fine-tuned']);
    expect(encoded.lemmas).toEqual(['model', 'merge', 'fine-tune']);
    expect(Array.from(encoded.lemmaOfSurface)).toEqual([0, 1, 1, 0, 2]);
    expect(Array.from(encoded.tokens[0])).toEqual([0, 1, 0]);
    expect(Array.from(encoded.gaps[2])).toEqual([2, 0, 2]);
  });
});
