import type { BatchDecoder, EncodedBatch } from './encodedBatch.js';
import type { TokenizedDoc } from './tokenizedDoc.js';
import { hashOfSpan } from './splitWords.js';
import { SpanTable } from './spanTable.js';

/**
 * Tokenized documents with every word interned to an integer, so that counting phrases and
 * features works on typed arrays and numeric keys instead of strings.
 *
 * A token is a surface id (`surfaces[id]`, e.g. "merging"); its lemma is
 * `lemmas[lemmaOfSurface[id]]` (e.g. "merge"). Ids are given in order of first
 * appearance, so the encoding is deterministic for a given document order.
 */
export interface EncodedCorpus {
  surfaces: string[];
  lemmas: string[];
  lemmaOfSurface: Int32Array;
  /** Surface ids of each document's words. */
  tokens: Int32Array[];
  /** Gap before each word (see TokenizedDoc.gaps). */
  gaps: Uint8Array[];
}

export function encodeDocs(docs: readonly TokenizedDoc[], lemmas = true): EncodedCorpus {
  const encoder = new CorpusEncoder(lemmas);
  for (const doc of docs) encoder.addDoc(doc);
  return encoder.finish();
}

/**
 * Builds an EncodedCorpus from documents added in corpus order, whether they come as
 * strings (the tokens cache) or as a worker's encoded batch (fresh tokens). Either way the
 * ids are those of first appearance in corpus order: the same for any split of the work.
 * Without lemmas (`useLemmas` false) a word's lemma is its surface form.
 */
export class CorpusEncoder {
  constructor(private readonly useLemmas = true) {}

  /** Surface ids, found by content (a cache line's words are looked up without strings). */
  private readonly surfaceTable = new SpanTable();
  private readonly surfaces = this.surfaceTable.strings;
  private readonly lemmaIds = new Map<string, number>();
  private readonly lemmas: string[] = [];
  private readonly lemmaOf: number[] = [];
  private readonly tokens: Int32Array[] = [];
  private readonly gaps: Uint8Array[] = [];
  /** Per decoder (worker): global id of each of its local ids, -1 until first seen. */
  private readonly remaps = new Map<BatchDecoder, Int32Array>();

  /** The global id of a surface form (with its lemma), given at first appearance. */
  private idOf(surface: string, lemma: string): number {
    const hash = hashOfSpan(surface, 0, surface.length);
    const id = this.surfaceTable.find(surface, 0, surface.length, hash);
    return id >= 0 ? id : this.addSurface(surface, lemma, hash);
  }

  private addSurface(surface: string, lemma: string, hash: number): number {
    if (!this.useLemmas) lemma = surface;
    let lemmaId = this.lemmaIds.get(lemma);
    if (lemmaId === undefined) {
      lemmaId = this.lemmas.length;
      this.lemmaIds.set(lemma, lemmaId);
      this.lemmas.push(lemma);
    }
    this.lemmaOf.push(lemmaId);
    return this.surfaceTable.add(surface, hash);
  }

  /**
   * A document given as a tokens-cache line (entryToLine; checked by isCacheLine): the
   * same ids as addDoc of the parsed document, but a word seen before is looked up by its
   * span of the line, and only new words become strings.
   */
  addLine(line: string): void {
    const t1 = line.indexOf('\t');
    const t2 = line.indexOf('\t', t1 + 1);
    const t3 = line.indexOf('\t', t2 + 1);
    const count = line.length - t3 - 1;
    const ids = new Int32Array(count);
    const gaps = new Uint8Array(count);
    let surface = t1 + 1;
    let lemma = t2 + 1;
    for (let i = 0; i < count; i++) {
      const surfaceEnd = i === count - 1 ? t2 : line.indexOf(' ', surface);
      const lemmaEnd = i === count - 1 ? t3 : line.indexOf(' ', lemma);
      const hash = hashOfSpan(line, surface, surfaceEnd);
      const id = this.surfaceTable.find(line, surface, surfaceEnd, hash);
      ids[i] = id >= 0 ? id : this.addSurface(line.slice(surface, surfaceEnd), line.slice(lemma, lemmaEnd), hash);
      gaps[i] = line.charCodeAt(t3 + 1 + i) - 48;
      surface = surfaceEnd + 1;
      lemma = lemmaEnd + 1;
    }
    this.tokens.push(ids);
    this.gaps.push(gaps);
  }

  addDoc(doc: TokenizedDoc): void {
    const ids = new Int32Array(doc.surfaces.length);
    for (let i = 0; i < ids.length; i++) ids[i] = this.idOf(doc.surfaces[i], doc.lemmas[i]);
    this.tokens.push(ids);
    this.gaps.push(Uint8Array.from(doc.gaps));
  }

  /** Adds document `index` of a batch that `decoder` has learned. */
  addEncoded(batch: EncodedBatch, index: number, offset: number, decoder: BatchDecoder): void {
    let remap = this.remaps.get(decoder);
    if (remap === undefined || remap.length < decoder.surfaces.length) {
      const grown = new Int32Array(decoder.surfaces.length).fill(-1);
      if (remap !== undefined) grown.set(remap);
      this.remaps.set(decoder, (remap = grown));
    }
    const length = batch.lengths[index];
    const ids = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const local = batch.ids[offset + i];
      let id = remap[local];
      if (id < 0) remap[local] = id = this.idOf(decoder.surfaces[local], decoder.lemmas[local]);
      ids[i] = id;
    }
    this.tokens.push(ids);
    this.gaps.push(batch.gaps.slice(offset, offset + length));
  }

  finish(): EncodedCorpus {
    return {
      surfaces: this.surfaces, lemmas: this.lemmas, lemmaOfSurface: Int32Array.from(this.lemmaOf),
      tokens: this.tokens, gaps: this.gaps,
    };
  }
}
