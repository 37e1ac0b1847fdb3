import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { shareBatches } from '../threads/shareBatches.js';
import { StartedWorkers } from '../threads/startedWorkers.js';
import { workerScript } from '../threads/workerScript.js';
import type { CorpusEncoder } from './encodeDocs.js';
import { BatchDecoder, type EncodedBatch } from './encodedBatch.js';
import type { TokenizedDoc } from './tokenizedDoc.js';
import { createEncodingTokenizer, type KnownWords, type TokenizerParams } from './winkTokenizer.js';

export interface ParallelParams {
  /** Worker threads; 1 tokenizes on the calling thread. */
  workers: number;
  /** Texts per message: small enough to balance the workers, large enough to amortise messaging. */
  batchSize: number;
  /** Progress callback: documents done so far. */
  onProgress?: (done: number) => void;
  /**
   * Hears each finished batch: the index of its first text and a function that gives its
   * documents as strings (any order of batches; decoding costs only when called).
   */
  onBatch?: (start: number, docs: () => TokenizedDoc[]) => void;
  /** Workers started ahead (see StartedTokenizers), used instead of starting new ones. */
  started?: StartedTokenizers;
  /** Words known to be kept, with their lemmas (a fitted model's): wink is asked only about others. */
  knownWords?: KnownWords;
}

/** What a tokenize worker is started with (tokenizeWorker.ts). */
export interface TokenizeWorkerData {
  tokenizer: TokenizerParams;
  knownWords?: KnownWords;
}

/**
 * Tokenize workers started before their texts are known, so that each loads its wink
 * model while the caller does something else, e.g. reads the corpus.
 * tokenizeInWorkers takes them; whatever it does not take is stopped by `stop`.
 */
export class StartedTokenizers {
  private readonly workers: StartedWorkers;

  constructor(count: number, readonly tokenizer: TokenizerParams) {
    this.workers = new StartedWorkers(count, tokenizeWorkerScript(), { tokenizer } satisfies TokenizeWorkerData);
  }

  /**
   * Up to `count` of the workers when they were started with these rules and no known
   * words are wanted (else none); stops the rest.
   */
  take(count: number, tokenizer: TokenizerParams, knownWords?: KnownWords): Worker[] {
    return this.workers.take(count, knownWords === undefined && JSON.stringify(tokenizer) === JSON.stringify(this.tokenizer));
  }

  /** Stops the workers not taken. */
  stop(): Promise<void> {
    return this.workers.stop();
  }
}

export interface TokenizeRequest {
  batch: number;
  texts: string[];
}

export interface TokenizeReply {
  batch: number;
  encoded: EncodedBatch;
}

/** The tokenized texts, kept encoded as the workers sent them (see EncodedBatch). */
export class FreshTokens {
  private readonly starts: Int32Array[];

  constructor(
    private readonly batches: readonly { encoded: EncodedBatch; decoder: BatchDecoder }[],
    private readonly batchSize: number,
    readonly length: number,
  ) {
    this.starts = batches.map(({ encoded }) => {
      const starts = new Int32Array(encoded.lengths.length);
      for (let j = 1; j < starts.length; j++) starts[j] = starts[j - 1] + encoded.lengths[j - 1];
      return starts;
    });
  }

  /** Adds document `index` (of the texts given) to `encoder`. */
  addTo(encoder: CorpusEncoder, index: number): void {
    const b = Math.floor(index / this.batchSize);
    const { encoded, decoder } = this.batches[b];
    const j = index - b * this.batchSize;
    encoder.addEncoded(encoded, j, this.starts[b][j], decoder);
  }

  /** Every document as strings. */
  docs(): TokenizedDoc[] {
    return this.batches.flatMap(({ encoded, decoder }) => decoder.decode(encoded));
  }
}

/** Default worker count: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Tokenizes texts on worker threads, one wink model per worker, batches handed out as
 * workers free up. The result is identical to tokenizing on one thread, in input order:
 * tokenization is per document and lemmas are per word type (see createWinkTokenizer).
 * Workers answer with encoded batches (see EncodedBatch); the calling thread only learns
 * each worker's new word types.
 */
export async function tokenizeInWorkers(
  texts: readonly string[],
  tokenizer: TokenizerParams,
  params: ParallelParams,
): Promise<FreshTokens> {
  const batches: string[][] = [];
  for (let start = 0; start < texts.length; start += params.batchSize) batches.push(texts.slice(start, start + params.batchSize));
  const workers = Math.min(params.workers, batches.length);
  const results = new Array<{ encoded: EncodedBatch; decoder: BatchDecoder }>(batches.length);
  let done = 0;
  const receive = (batch: number, encoded: EncodedBatch, decoder: BatchDecoder) => {
    decoder.learn(encoded);
    results[batch] = { encoded, decoder };
    params.onBatch?.(batch * params.batchSize, () => decoder.decode(encoded));
    done += batches[batch].length;
    params.onProgress?.(done);
  };
  if (workers <= 1) {
    await params.started?.stop();
    const encode = createEncodingTokenizer(tokenizer, params.knownWords);
    const decoder = new BatchDecoder();
    batches.forEach((batch, b) => receive(b, encode(batch), decoder));
    return new FreshTokens(results, params.batchSize, texts.length);
  }
  const taken = params.started?.take(workers, tokenizer, params.knownWords) ?? [];
  const workerData: TokenizeWorkerData = { tokenizer, ...(params.knownWords === undefined ? {} : { knownWords: params.knownWords }) };
  const pool = [...taken, ...new StartedWorkers(workers - taken.length, tokenizeWorkerScript(), workerData).take(workers - taken.length, true)];
  // One decoder per worker: it learns that worker's word types in the order it numbered them.
  const decoders = pool.map(() => new BatchDecoder());
  try {
    await shareBatches<TokenizeReply>(pool, batches.length,
      (w, batch) => pool[w].postMessage({ batch, texts: batches[batch] } satisfies TokenizeRequest),
      (w, reply) => receive(reply.batch, reply.encoded, decoders[w]));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return new FreshTokens(results, params.batchSize, texts.length);
}

/** The compiled tokenize worker (see workerScript). */
function tokenizeWorkerScript(): URL {
  return workerScript(import.meta.url, 'tokenizeWorker.js');
}
