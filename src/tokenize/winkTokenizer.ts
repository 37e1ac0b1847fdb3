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
 * Documents go through an empty pipe (tokenization only, ~3.5x faster than the default
 * pipe, ../shared/notes/measured.md): phrases need no sentence splitter because the
 * punctuation that ends a sentence already breaks a phrase. Lemmas come from a second
 * instance with `['sbd', 'pos']`, once per word type (see lemmatiseWordType).
 *
 * Kept: tokens of type `word` that contain a letter, are not wink stop words nor in
 * `extraStopWords`, and have at least `minWordLength` characters.
 */
export function createWinkTokenizer(params: TokenizerParams): Tokenize {
  const nlp = winkNLP(model, []);
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
    const tokens = doc.tokens();
    const words = joinHyphenated(
      tokens.out(its.normal) as string[],
      tokens.out(its.type) as string[],
      tokens.out(its.precedingSpaces) as string[],
      tokens.out(its.stopWordFlag) as unknown as boolean[],
    );
    let gap = BREAK;
    for (const { surface, isWord, isStopWord } of words) {
      if (!isWord) { gap = BREAK; continue; }
      if (surface === CONNECTOR_WORD) { gap = gap === ADJACENT && lemmas.length > 0 ? CONNECTOR : BREAK; continue; }
      if (isStopWord || surface.length < params.minWordLength || extra.has(surface)) { gap = BREAK; continue; }
      const lemma = lemmaOf(surface);
      if (extra.has(lemma)) { gap = BREAK; continue; }
      lemmas.push(lemma);
      surfaces.push(surface);
      gaps.push(lemmas.length === 1 ? BREAK : gap);
      gap = ADJACENT;
    }
    return { lemmas, surfaces, gaps };
  };
}

/**
 * wink's lemma for a word depends on the part of speech it was tagged with in context
 * ("merging" is a verb in one sentence, a noun in the next), which would split one word into
 * two features. Lemmatising each word type on its own makes the lemma a function of the word
 * alone: the same in every document, every worker and every night, and cacheable per type.
 * A hyphenated compound is lemmatised on its last part ("fine-tuned" -> "fine-tune").
 */
function lemmatiseWordType(nlp: ReturnType<typeof winkNLP>, surface: string): string {
  const hyphen = surface.lastIndexOf('-');
  if (hyphen > 0) return surface.slice(0, hyphen + 1) + lemmatiseWordType(nlp, surface.slice(hyphen + 1));
  const tokens = nlp.readDoc(surface).tokens();
  if (tokens.length() !== 1) return surface;
  const lemma = (tokens.out(nlp.its.lemma as never) as unknown as string[])[0];
  return (lemma ?? surface).toLowerCase();
}

interface Word {
  surface: string;
  /** A word token with at least one letter. */
  isWord: boolean;
  isStopWord: boolean;
}

/**
 * wink splits some hyphenated compounds ("fine-tuning" -> fine, -, tuning) and keeps others
 * ("multi-fidelity"); joining words linked by a hyphen without spaces makes every compound
 * one word, so "fine-tuning" is one feature and "fine" alone is not a spurious one.
 */
export function joinHyphenated(normals: string[], types: string[], spaces: string[], stops: boolean[]): Word[] {
  const words: Word[] = [];
  const isWordAt = (i: number) => types[i] === 'word' && /[a-z]/.test(normals[i]);
  for (let i = 0; i < normals.length; i++) {
    if (!isWordAt(i)) {
      words.push({ surface: normals[i], isWord: false, isStopWord: false });
      continue;
    }
    let surface = normals[i];
    let joined = false;
    while (i + 2 < normals.length && normals[i + 1] === '-' && spaces[i + 1] === '' && spaces[i + 2] === '' && isWordAt(i + 2)) {
      surface += `-${normals[i + 2]}`;
      i += 2;
      joined = true;
    }
    words.push({ surface, isWord: true, isStopWord: !joined && stops[i] });
  }
  return words;
}
