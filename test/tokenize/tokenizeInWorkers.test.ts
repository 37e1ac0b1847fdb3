import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StartedTokenizers, tokenizeInWorkers } from '../../src/tokenize/tokenizeInWorkers.js';
import { CorpusEncoder, encodeDocs } from '../../src/tokenize/encodeDocs.js';
import { createWinkTokenizer } from '../../src/tokenize/winkTokenizer.js';
import { parseJsonLines } from '../../src/ingest/parseJsonLines.js';
import { parseSeedPage } from '../../src/ingest/parseSeedPage.js';

const seed = parseSeedPage(readFileSync(new URL('../../data/corpus/hf-trending-mar12.txt', import.meta.url), 'utf8'), 'seed').papers;
const arxiv = parseJsonLines(readFileSync(new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url), 'utf8'), 'arxiv').papers;
const texts = [...seed, ...arxiv].map((p) => `${p.title}. ${p.abstract}`);
const params = { extraStopWords: ['propose', 'paper'], minWordLength: 2 };

describe('tokenizeInWorkers', () => {
  it('gives exactly the single-threaded result, in input order, with two workers', async () => {
    const single = await tokenizeInWorkers(texts, params, { workers: 1, batchSize: 7 });
    const parallel = await tokenizeInWorkers(texts, params, { workers: 2, batchSize: 7 });
    expect(parallel.length).toBe(texts.length);
    expect(parallel.docs()).toEqual(single.docs());
    expect(single.docs()).toEqual(texts.map(createWinkTokenizer(params)));
  });

  it('gives the workers the known words, whose lemmas they use instead of asking wink', async () => {
    const knownWords = { surfaces: ['models'], lemmas: ['model-from-the-fit'] };
    const started = new StartedTokenizers(1, params);
    for (const workers of [1, 2]) {
      const fresh = await tokenizeInWorkers(texts, params, { workers, batchSize: 7, knownWords, started });
      const want = texts.map(createWinkTokenizer(params, knownWords));
      expect(fresh.docs()).toEqual(want);
      expect(want.some((doc) => doc.lemmas.includes('model-from-the-fit'))).toBe(true);
    }
    await started.stop();
  });

  it('encodes a corpus exactly as encoding its documents as strings would', async () => {
    const docs = texts.map(createWinkTokenizer(params));
    for (const workers of [1, 2]) {
      const fresh = await tokenizeInWorkers(texts, params, { workers, batchSize: 5 });
      const encoder = new CorpusEncoder();
      for (let i = 0; i < fresh.length; i++) fresh.addTo(encoder, i);
      expect(encoder.finish()).toEqual(encodeDocs(docs));
    }
  });

  it('interleaves fresh documents with documents given as strings (the tokens cache) in corpus order', async () => {
    const docs = texts.map(createWinkTokenizer(params));
    const freshIndices = docs.map((_, i) => i).filter((i) => i % 3 !== 0);
    const fresh = await tokenizeInWorkers(freshIndices.map((i) => texts[i]), params, { workers: 2, batchSize: 4 });
    for (const lemmas of [true, false]) {
      const encoder = new CorpusEncoder(lemmas);
      let next = 0;
      docs.forEach((doc, i) => (i % 3 === 0 ? encoder.addDoc(doc) : fresh.addTo(encoder, next++)));
      expect(encoder.finish()).toEqual(encodeDocs(docs, lemmas));
    }
  });

  it('takes workers started ahead when they were made for the same rules, with the same result', async () => {
    const want = texts.slice(0, 40).map(createWinkTokenizer(params));
    const started = new StartedTokenizers(2, params);
    const fresh = await tokenizeInWorkers(texts.slice(0, 40), params, { workers: 2, batchSize: 7, started });
    expect(fresh.docs()).toEqual(want);
    // Taken: nothing left to give.
    expect(started.take(2, params)).toEqual([]);
    // Started for other rules: not used, and the result follows the rules asked for.
    const other = new StartedTokenizers(2, { ...params, extraStopWords: ['model'] });
    const again = await tokenizeInWorkers(texts.slice(0, 40), params, { workers: 2, batchSize: 7, started: other });
    expect(again.docs()).toEqual(want);
    await other.stop();
  });

  it('reports progress up to the number of documents', async () => {
    const seen: number[] = [];
    await tokenizeInWorkers(texts.slice(0, 30), params, { workers: 2, batchSize: 10, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([10, 20, 30]);
  });
});

describe('tokenizeInWorkers batches', () => {
  it('hands every batch, with its start index and its documents, to onBatch as soon as it is done', async () => {
    const tokenize = createWinkTokenizer(params);
    for (const workers of [1, 2]) {
      const seen: [number, number][] = [];
      const fresh = await tokenizeInWorkers(texts.slice(0, 25), params, {
        workers, batchSize: 10, onBatch: (start, docs) => {
          const batch = docs();
          expect(batch).toEqual(texts.slice(start, start + batch.length).map(tokenize));
          seen.push([start, batch.length]);
        },
      });
      expect(seen.sort((a, b) => a[0] - b[0])).toEqual([[0, 10], [10, 10], [20, 5]]);
      expect(fresh.length).toBe(25);
    }
  });
});
