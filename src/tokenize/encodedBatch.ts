import type { TokenizedDoc } from './tokenizedDoc.js';

/**
 * Tokenized documents as a worker sends them: word ids local to that worker instead of
 * strings, so a batch crosses threads as three typed arrays plus the word types the worker
 * met for the first time. Strings for every token (millions on a large corpus) are never
 * copied between threads nor split again on the main thread.
 */
export interface EncodedBatch {
  /** Word types new to this worker, in order of their local ids (continuing the previous batch's). */
  newSurfaces: string[];
  /** The lemma of each new word type. */
  newLemmas: string[];
  /** Local surface id of every token of the batch, document after document. */
  ids: Int32Array<ArrayBuffer>;
  /** Tokens per document. */
  lengths: Int32Array<ArrayBuffer>;
  /** Gap before every token (see TokenizedDoc.gaps). */
  gaps: Uint8Array<ArrayBuffer>;
}

/**
 * The receiving side of one encoding tokenizer (createEncodingTokenizer): learns its word
 * types batch by batch, in the order they were sent, and reads documents back.
 */
export class BatchDecoder {
  readonly surfaces: string[] = [];
  readonly lemmas: string[] = [];

  learn(batch: EncodedBatch): void {
    for (const surface of batch.newSurfaces) this.surfaces.push(surface);
    for (const lemma of batch.newLemmas) this.lemmas.push(lemma);
  }

  /** The documents of a learned batch as strings. */
  decode(batch: EncodedBatch): TokenizedDoc[] {
    const docs: TokenizedDoc[] = [];
    let p = 0;
    for (const length of batch.lengths) {
      const ids = batch.ids.subarray(p, p + length);
      docs.push({
        surfaces: Array.from(ids, (id) => this.surfaces[id]),
        lemmas: Array.from(ids, (id) => this.lemmas[id]),
        gaps: Array.from(batch.gaps.subarray(p, p + length)),
      });
      p += length;
    }
    return docs;
  }
}
