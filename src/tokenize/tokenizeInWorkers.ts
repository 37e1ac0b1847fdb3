import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../projectRoot.js';
import type { TokenizedDoc } from './tokenizedDoc.js';
import { createWinkTokenizer, type TokenizerParams } from './winkTokenizer.js';

export interface ParallelParams {
  /** Worker threads; 1 tokenizes on the calling thread. */
  workers: number;
  /** Texts per message: small enough to balance the workers, large enough to amortise messaging. */
  batchSize: number;
  /** Progress callback: documents done so far. */
  onProgress?: (done: number) => void;
  /** Hears each finished batch: the index of its first text and its documents (any order of batches). */
  onBatch?: (start: number, docs: TokenizedDoc[]) => void;
}

export interface TokenizeRequest {
  batch: number;
  texts: string[];
}

/**
 * Tokenized documents packed for a cheap transfer between threads: one string per document
 * for surfaces and one for lemmas (words never contain a space), and all gaps in one array.
 */
export interface PackedDocs {
  surfaces: string[];
  lemmas: string[];
  lengths: Int32Array;
  gaps: Uint8Array;
}

export function packDocs(docs: readonly TokenizedDoc[]): PackedDocs {
  const lengths = Int32Array.from(docs, (d) => d.lemmas.length);
  const gaps = new Uint8Array(lengths.reduce((a, b) => a + b, 0));
  let p = 0;
  for (const doc of docs) for (const gap of doc.gaps) gaps[p++] = gap;
  return { surfaces: docs.map((d) => d.surfaces.join(' ')), lemmas: docs.map((d) => d.lemmas.join(' ')), lengths, gaps };
}

export function unpackDocs(packed: PackedDocs): TokenizedDoc[] {
  let p = 0;
  return packed.surfaces.map((surfaces, i) => {
    const length = packed.lengths[i];
    const doc = {
      surfaces: length === 0 ? [] : surfaces.split(' '),
      lemmas: length === 0 ? [] : packed.lemmas[i].split(' '),
      gaps: Array.from(packed.gaps.subarray(p, p + length)),
    };
    p += length;
    return doc;
  });
}

/** Default worker count: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Tokenizes texts on worker threads, one wink model per worker, batches handed out as
 * workers free up. The result is identical to tokenizing on one thread, in input order:
 * tokenization is per document and lemmas are per word type (see createWinkTokenizer).
 */
export async function tokenizeInWorkers(
  texts: readonly string[],
  tokenizer: TokenizerParams,
  params: ParallelParams,
): Promise<TokenizedDoc[]> {
  const batches: string[][] = [];
  for (let start = 0; start < texts.length; start += params.batchSize) batches.push(texts.slice(start, start + params.batchSize));
  const workers = Math.min(params.workers, batches.length);
  if (workers <= 1) {
    const tokenize = createWinkTokenizer(tokenizer);
    const docs: TokenizedDoc[] = [];
    batches.forEach((batch, b) => {
      const done = batch.map(tokenize);
      docs.push(...done);
      params.onBatch?.(b * params.batchSize, done);
      params.onProgress?.(docs.length);
    });
    return docs;
  }
  const results = new Array<TokenizedDoc[]>(batches.length);
  let next = 0;
  let done = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= batches.length) return resolve();
        const batch = next++;
        worker.postMessage({ batch, texts: batches[batch] } satisfies TokenizeRequest);
      };
      worker.on('message', (message: { batch: number; packed: PackedDocs }) => {
        results[message.batch] = unpackDocs(message.packed);
        params.onBatch?.(message.batch * params.batchSize, results[message.batch]);
        done += batches[message.batch].length;
        params.onProgress?.(done);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`tokenize worker stopped with exit code ${code}`));
      });
      send();
    });
  const pool = Array.from({ length: workers }, () => new Worker(workerScript(), { workerData: tokenizer }));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results.flat();
}

/**
 * The compiled worker script. Workers cannot load TypeScript, so code running from the
 * sources (the tests), or from a build without the worker beside it (the benchmarks'
 * dist-bench/), uses the build in dist/, which `npm test` and `npm ci` make first.
 */
function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const sibling = new URL('./tokenizeWorker.js', import.meta.url);
  if (here.endsWith('.js') && existsSync(fileURLToPath(sibling))) return sibling;
  const built = projectPath('dist', 'src', 'tokenize', 'tokenizeWorker.js');
  if (!existsSync(built)) throw new Error(`tokenize workers need the build: run \`npx tsc -p .\` (missing ${built})`);
  return pathToFileURL(built);
}
