import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { stripMarkup } from './stripMarkup.js';
import { splitWords } from './splitWords.js';
import { ADJACENT, BREAK, CONNECTOR, CONNECTOR_WORD, type TokenizedDoc } from './tokenizedDoc.js';

export interface TokenizerParams {
  /** Extra words to drop (academic boilerplate), matched against lemma and surface form. */
  extraStopWords: readonly string[];
  /** Shortest word kept, in characters. */
  minWordLength: number;
}

export type Tokenize = (text: string) => TokenizedDoc;

type Wink = ReturnType<typeof winkNLP>;
let lemmaInstance: Wink | undefined;

/**
 * The process's wink instance, made once. This is deliberate process-wide state: every
 * `winkNLP(model)` call appends to the shared model object (its loader concatenates into
 * it), so making instances per run grows memory until a later run fails with "Invalid
 * string length". It is used one word type at a time (see describeWordType), so what wink
 * learns across calls does not change our output.
 */
function winkInstance(): Wink {
  lemmaInstance ??= winkNLP(model, ['sbd', 'pos']);
  return lemmaInstance;
}

/** Version of the tokenization rules; part of any cache key for tokens. */
export const TOKENIZER_VERSION = 'split-words-wink-lemmas-4';

/**
 * Tokenizer: words from splitWords, lemmas and stop words from wink-nlp with the English
 * lite model, the only place that knows wink. wink looks at each word type once (see
 * describeWordType): on the 36,000-abstract benchmark that is ~100,000 look-ups instead of
 * ~6 million tokens through wink's own tokenizer, which took 19 of the 45 s of a cold run.
 *
 * Kept: words that are not wink stop words nor in `extraStopWords` (by surface or lemma),
 * and have at least `minWordLength` characters. Anything dropped breaks a phrase, except
 * a lone "of" between two kept words (CONNECTOR).
 */
export function createWinkTokenizer(params: TokenizerParams): Tokenize {
  const nlp = winkInstance();
  const extra = new Set(params.extraStopWords.map((w) => w.toLowerCase()));
  const wordCache = new Map<string, WordType>();
  const wordOf = (surface: string): WordType => {
    let word = wordCache.get(surface);
    if (word === undefined) {
      word = describeWordType(nlp, surface);
      wordCache.set(surface, word);
    }
    return word;
  };

  return (text: string): TokenizedDoc => {
    const lemmas: string[] = [];
    const surfaces: string[] = [];
    const gaps: number[] = [];
    let gap = BREAK;
    for (const word of splitWords(stripMarkup(text))) {
      const surface = word.surface;
      if (word.gap === BREAK) gap = BREAK;
      if (surface === CONNECTOR_WORD) { gap = gap === ADJACENT && lemmas.length > 0 ? CONNECTOR : BREAK; continue; }
      if (surface.length < params.minWordLength || extra.has(surface)) { gap = BREAK; continue; }
      const { lemma, isStopWord } = wordOf(surface);
      if (isStopWord || extra.has(lemma)) { gap = BREAK; continue; }
      lemmas.push(lemma);
      surfaces.push(surface);
      gaps.push(lemmas.length === 1 ? BREAK : gap);
      gap = ADJACENT;
    }
    return { lemmas, surfaces, gaps };
  };
}

interface WordType {
  lemma: string;
  isStopWord: boolean;
}

/**
 * The lemma and stop-word flag of a word type. wink's lemma for a word depends on the part
 * of speech it was tagged with in context ("merging" is a verb in one sentence, a noun in
 * the next), which would split one word into two features. Lemmatising each
 * word type on its own makes the lemma a function of the word alone: the same in every
 * document, every worker and every night, and cacheable per type. A hyphenated compound is
 * lemmatised on its last part ("fine-tuned" -> "fine-tune").
 */
function describeWordType(nlp: Wink, surface: string): WordType {
  const hyphen = surface.lastIndexOf('-');
  if (hyphen > 0) {
    const last = describeWordType(nlp, surface.slice(hyphen + 1));
    return { lemma: surface.slice(0, hyphen + 1) + last.lemma, isStopWord: false };
  }
  const tokens = nlp.readDoc(surface).tokens();
  const stopWordFlags = tokens.out(nlp.its.stopWordFlag) as unknown as boolean[];
  // wink splits a contraction ("don't" -> do, n't): a stop word when all its parts are.
  if (tokens.length() !== 1) return { lemma: surface, isStopWord: stopWordFlags.every(Boolean) };
  const lemma = (tokens.out(nlp.its.lemma as never) as unknown as string[])[0];
  return { lemma: (lemma ?? surface).toLowerCase(), isStopWord: stopWordFlags[0] };
}
