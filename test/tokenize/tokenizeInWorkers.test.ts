import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packDocs, tokenizeInWorkers, unpackDocs } from '../../src/tokenize/tokenizeInWorkers.js';
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
    expect(parallel).toHaveLength(texts.length);
    expect(parallel).toEqual(single);
  });

  it('reports progress up to the number of documents', async () => {
    const seen: number[] = [];
    await tokenizeInWorkers(texts.slice(0, 30), params, { workers: 2, batchSize: 10, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([10, 20, 30]);
  });
});

describe('packDocs and unpackDocs', () => {
  it('round-trip documents, including empty ones', () => {
    const docs = [
      { lemmas: ['model', 'merge'], surfaces: ['models', 'merging'], gaps: [2, 0] },
      { lemmas: [], surfaces: [], gaps: [] },
      { lemmas: ['mixture', 'expert'], surfaces: ['mixture', 'experts'], gaps: [2, 1] },
    ];
    expect(unpackDocs(packDocs(docs))).toEqual(docs);
  });
});

describe('tokenizeInWorkers batches', () => {
  it('hands every batch, with its start index, to onBatch as soon as it is done', async () => {
    for (const workers of [1, 2]) {
      const seen: [number, number][] = [];
      const docs = await tokenizeInWorkers(texts.slice(0, 25), params, {
        workers, batchSize: 10, onBatch: (start, batch) => seen.push([start, batch.length]),
      });
      expect(seen.sort((a, b) => a[0] - b[0])).toEqual([[0, 10], [10, 10], [20, 5]]);
      expect(docs).toHaveLength(25);
    }
  });
});
