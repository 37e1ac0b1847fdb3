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

type Wink = ReturnType<typeof winkNLP>;
let instances: { nlp: Wink; lemmaNlp: Wink } | undefined;

/**
 * The process's wink instances, made once. This is deliberate process-wide state: every
 * `winkNLP(model)` call appends to the shared model object (its loader concatenates into
 * it), so making instances per run grows memory until a later run fails with "Invalid
 * string length". What wink learns across documents does not change our output (see
 * canonicalWords), so sharing the instances keeps results identical.
 */
function winkInstances(): { nlp: Wink; lemmaNlp: Wink } {
  instances ??= { nlp: winkNLP(model, []), lemmaNlp: winkNLP(model, ['sbd', 'pos']) };
  return instances;
}

/** Version of the tokenization rules; part of any cache key for tokens. */
export const TOKENIZER_VERSION = 'wink-canonical-words-2';

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
  const { nlp, lemmaNlp } = winkInstances();
  const its = nlp.its;
  const extra = new Set(params.extraStopWords.map((w) => w.toLowerCase()));
  const wordCache = new Map<string, WordType>();
  const wordOf = (surface: string): WordType => {
    let word = wordCache.get(surface);
    if (word === undefined) {
      word = describeWordType(lemmaNlp, surface);
      wordCache.set(surface, word);
    }
    return word;
  };

  return (text: string): TokenizedDoc => {
    const doc = nlp.readDoc(stripMarkup(text));
    const lemmas: string[] = [];
    const surfaces: string[] = [];
    const gaps: number[] = [];
    const tokens = doc.tokens();
    const words = canonicalWords(
      tokens.out(its.normal) as string[],
      tokens.out(its.type) as string[],
      tokens.out(its.precedingSpaces) as string[],
    );
    let gap = BREAK;
    for (const { surface, isWord } of words) {
      if (!isWord) { gap = BREAK; continue; }
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
 * the next), which would split one word into two features. Lemmatising each word type on its own makes the lemma a function of the word
 * alone: the same in every document, every worker and every night, and cacheable per type.
 * A hyphenated compound is lemmatised on its last part ("fine-tuned" -> "fine-tune").
 */
function describeWordType(nlp: Wink, surface: string): WordType {
  const hyphen = surface.lastIndexOf('-');
  if (hyphen > 0) {
    const last = describeWordType(nlp, surface.slice(hyphen + 1));
    return { lemma: surface.slice(0, hyphen + 1) + last.lemma, isStopWord: false };
  }
  const tokens = nlp.readDoc(surface).tokens();
  if (tokens.length() !== 1) return { lemma: surface, isStopWord: false };
  const lemma = (tokens.out(nlp.its.lemma as never) as unknown as string[])[0];
  const isStopWord = (tokens.out(nlp.its.stopWordFlag) as unknown as boolean[])[0];
  return { lemma: (lemma ?? surface).toLowerCase(), isStopWord };
}

interface Word {
  surface: string;
  /** A word-like token that starts with a letter. */
  isWord: boolean;
}

/** Token types that can hold a word ("usd" may come out as currency, "w.h.p." as an abbreviation). */
const WORD_TYPES = new Set(['word', 'currency', 'abbreviation']);

/** A trailing possessive ("zipf's") or period ("w.h.p."). */
const TRAILING = /(?:['\u2019]s?|\.)+$/;

/**
 * Turns wink's tokens into canonical words, so that a text gives the same words whatever
 * wink has seen before. wink's lexicon grows with every new word a process meets, and a
 * known word may be split differently ("zipf's" vs "zipf" + "'s", "w.h.p." vs "w.h.p"):
 * results would then depend on document order and on how documents are shared between
 * worker threads. Canonical words drop a trailing possessive or period, skip a lone "'s",
 * and must start with a letter ("3x" is not a word either way).
 *
 * Also joins hyphenated compounds: wink splits some ("fine-tuning" -> fine, -, tuning) and
 * keeps others ("multi-fidelity"); joining words linked by a hyphen without spaces makes
 * every compound one word, so "fine-tuning" is one feature and "fine" alone is not.
 */
export function canonicalWords(normals: string[], types: string[], spaces: string[]): Word[] {
  const words: Word[] = [];
  const wordAt = (i: number) => (WORD_TYPES.has(types[i]) ? normals[i].replace(TRAILING, '') : '');
  const isWordAt = (i: number) => /^[a-z]/.test(wordAt(i));
  for (let i = 0; i < normals.length; i++) {
    if (/^['\u2019]s?$/.test(normals[i])) continue;
    if (!isWordAt(i)) {
      words.push({ surface: normals[i], isWord: false });
      continue;
    }
    let surface = wordAt(i);
    while (i + 2 < normals.length && normals[i + 1] === '-' && spaces[i + 1] === '' && spaces[i + 2] === '' && isWordAt(i + 2)) {
      surface += `-${wordAt(i + 2)}`;
      i += 2;
    }
    words.push({ surface, isWord: true });
    // A period kept inside the token ("w.h.p.") ends the phrase as a separate "." would.
    if (normals[i].endsWith('.')) words.push({ surface: '.', isWord: false });
  }
  return words;
}
