import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { stripMarkup } from './stripMarkup.js';
import { ADJACENT, BREAK, CONNECTOR, CONNECTOR_WORD, type TokenizedDoc } from './tokenizedDoc.js';

export interface TokenizerParams {
  /** Extra words to drop (academic boilerplate), matched against lemma and surface form. */
  extraStopWords: readonly string[];
  /** Shortest word kept, in characters. */
  minWordLength: number;
}

export type Tokenize = (text: string) => TokenizedDoc;

/** Version of the tokenization rules; part of any cache key for tokens. */
export const TOKENIZER_VERSION = 'wink-sbd-pos-lemma-1';

/**
 * Adapter around wink-nlp with the English lite model: the only place that knows wink.
 * Documents go through the pipe `['sbd']` only: sentence boundaries keep phrases inside a
 * sentence; NER, sentiment and negation are not needed and cost 1.4-3.5x
 * (../shared/notes/measured.md). Lemmas come from a second instance with `['sbd', 'pos']`,
 * once per word type (see lemmatiseWordType).
 *
 * Kept: tokens of type `word` that contain a letter, are not wink stop words nor in
 * `extraStopWords`, and have at least `minWordLength` characters.
 */
export function createWinkTokenizer(params: TokenizerParams): Tokenize {
  const nlp = winkNLP(model, ['sbd']);
  const lemmaNlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  const extra = new Set(params.extraStopWords.map((w) => w.toLowerCase()));
  const lemmaCache = new Map<string, string>();
  const lemmaOf = (surface: string): string => {
    let lemma = lemmaCache.get(surface);
    if (lemma === undefined) {
      lemma = lemmatiseWordType(lemmaNlp, surface);
      lemmaCache.set(surface, lemma);
    }
    return lemma;
  };

  return (text: string): TokenizedDoc => {
    const doc = nlp.readDoc(stripMarkup(text));
    const lemmas: string[] = [];
    const surfaces: string[] = [];
    const gaps: number[] = [];
    doc.sentences().each((sentence) => {
      const tokens = sentence.tokens();
      const normals = tokens.out(its.normal) as string[];
      const types = tokens.out(its.type) as string[];
      const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
      let gap = BREAK;
      for (let i = 0; i < normals.length; i++) {
        const surface = normals[i];
        const isWord = types[i] === 'word' && /[a-z]/.test(surface);
        if (!isWord) { gap = BREAK; continue; }
        if (surface === CONNECTOR_WORD) { gap = gap === ADJACENT && lemmas.length > 0 ? CONNECTOR : BREAK; continue; }
        const lemma = lemmaOf(surface);
        if (stops[i] || surface.length < params.minWordLength || extra.has(lemma) || extra.has(surface)) { gap = BREAK; continue; }
        lemmas.push(lemma);
        surfaces.push(surface);
        gaps.push(lemmas.length === 1 ? BREAK : gap);
        gap = ADJACENT;
      }
    });
    return { lemmas, surfaces, gaps };
  };
}

/**
 * wink's lemma for a word depends on the part of speech it was tagged with in context
 * ("merging" is a verb in one sentence, a noun in the next), which would split one word into
 * two features. Lemmatising each word type on its own makes the lemma a function of the word
 * alone: the same in every document, every worker and every night, and cacheable per type.
 * A word wink splits further ("fine-tuning") keeps its surface form.
 */
function lemmatiseWordType(nlp: ReturnType<typeof winkNLP>, surface: string): string {
  const tokens = nlp.readDoc(surface).tokens();
  if (tokens.length() !== 1) return surface;
  const lemma = (tokens.out(nlp.its.lemma as never) as unknown as string[])[0];
  return (lemma ?? surface).toLowerCase();
}
