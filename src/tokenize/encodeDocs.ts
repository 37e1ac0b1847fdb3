import type { TokenizedDoc } from './tokenizedDoc.js';

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

export function encodeDocs(docs: readonly TokenizedDoc[]): EncodedCorpus {
  const surfaceIds = new Map<string, number>();
  const lemmaIds = new Map<string, number>();
  const surfaces: string[] = [];
  const lemmas: string[] = [];
  const lemmaOf: number[] = [];
  const tokens: Int32Array[] = [];
  const gaps: Uint8Array[] = [];
  for (const doc of docs) {
    const ids = new Int32Array(doc.surfaces.length);
    for (let i = 0; i < ids.length; i++) {
      const surface = doc.surfaces[i];
      let id = surfaceIds.get(surface);
      if (id === undefined) {
        id = surfaces.length;
        surfaceIds.set(surface, id);
        surfaces.push(surface);
        const lemma = doc.lemmas[i];
        let lemmaId = lemmaIds.get(lemma);
        if (lemmaId === undefined) {
          lemmaId = lemmas.length;
          lemmaIds.set(lemma, lemmaId);
          lemmas.push(lemma);
        }
        lemmaOf.push(lemmaId);
      }
      ids[i] = id;
    }
    tokens.push(ids);
    gaps.push(Uint8Array.from(doc.gaps));
  }
  return { surfaces, lemmas, lemmaOfSurface: Int32Array.from(lemmaOf), tokens, gaps };
}
