import { ADJACENT, BREAK } from './tokenizedDoc.js';

/** One word of a text, lower-case, with what stood before it (ADJACENT or BREAK). */
export interface SplitWord {
  surface: string;
  gap: typeof ADJACENT | typeof BREAK;
}

/**
 * One token: a word (starts with a letter; letters, marks and digits; hyphen-joined parts
 * that also start with a letter; an apostrophe part such as a possessive), or a run that
 * starts with a digit ("3x", "2019", "1.5": not a word), or any other single visible
 * character (punctuation, symbols: they break a phrase).
 */
const TOKEN = /(\p{L}[\p{L}\p{M}\p{N}]*(?:[-\u2010\u2011]\p{L}[\p{L}\p{M}\p{N}]*)*(?:['\u2019][\p{L}\p{M}\p{N}]+)*['\u2019]?)|\p{N}[\p{L}\p{M}\p{N}.,]*|\S/gu;

/** A trailing possessive ("zipf's", "models'"): dropped, so "zipf's law" and "zipf law" agree. */
const POSSESSIVE = /['\u2019]s?$/;

/** Characters that make a word need canonical(): apostrophes and Unicode hyphens. */
const UNUSUAL = /['\u2019\u2010\u2011]/;

/**
 * Splits a text into words, the first half of tokenizing (the second, lemmas and stop
 * words, is per word type: see createWinkTokenizer). A plain scan, about 10 times faster
 * than wink-nlp's tokenizer on abstracts and independent of anything seen before, so the
 * same text always gives the same words.
 *
 * - Text is NFKC-normalised (ligatures, full-width letters) and lower-cased.
 * - Words linked by a hyphen without spaces form one word ("fine-tuning",
 *   "state-of-the-art"); a spaced dash is punctuation. Splitting compounds into adjacent
 *   words was measured too: V-measure +0.004 on the 36,000-abstract benchmark (mean of 4
 *   seeds), but on the bundled corpus "fine" and "tuning" then pull the model-merging
 *   papers apart into a "fine tuning" theme, so compounds stay whole.
 * - A word's gap is ADJACENT when only white space separates it from the previous word,
 *   else BREAK (punctuation, a number, a symbol, or the start of the text).
 */
export function splitWords(text: string): SplitWord[] {
  const words: SplitWord[] = [];
  forEachWord(text, (surface, gap) => words.push({ surface, gap }));
  return words;
}

/** {@link splitWords} without the array: calls `visit` with each word and its gap, in order. */
export function forEachWord(text: string, visit: (surface: string, gap: SplitWord['gap']) => void): void {
  let gap: SplitWord['gap'] = BREAK;
  const lower = text.normalize('NFKC').toLowerCase();
  const token = new RegExp(TOKEN);
  for (let match = token.exec(lower); match !== null; match = token.exec(lower)) {
    const word = match[1];
    if (word === undefined) {
      gap = BREAK;
      continue;
    }
    visit(UNUSUAL.test(word) ? canonical(word) : word, gap);
    gap = ADJACENT;
  }
}

/** Receives the words of {@link scanWords}: as a span of the (lower-cased) text, or as a string. */
export interface WordVisitor {
  /** The word text.slice(start, end), whose {@link hashOfSpan} is `hash`. */
  span(text: string, start: number, end: number, hash: number, gap: SplitWord['gap']): void;
  /** A word given as a string (it needed canonical(), or the text is not ASCII). */
  word(surface: string, gap: SplitWord['gap']): void;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** 32-bit FNV-1a hash of text[start, end) by UTF-16 code units; the same for a span and for its slice. */
export function hashOfSpan(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isLetterOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * The words of {@link splitWords}, without making a string for each: on ASCII text (most
 * abstracts) a hand-written scan of the same grammar hands each word over as a span of the
 * lower-cased text, which a table keyed by content (see WordTypes) can look up without
 * allocating. Text with any other character takes the regular-expression scan. The two
 * give the same words and gaps (tested on the bundled corpora and on edge cases).
 */
export function scanWords(text: string, visitor: WordVisitor): void {
  if (NON_ASCII.test(text)) {
    forEachWord(text, (surface, gap) => visitor.word(surface, gap));
    return;
  }
  // ASCII: NFKC changes nothing, letters are a-z once lower-cased, \p{M} is empty.
  const s = text.toLowerCase();
  const n = s.length;
  let gap: SplitWord['gap'] = BREAK;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
    } else if (isLetter(c)) {
      // [a-z][a-z0-9]* (-[a-z][a-z0-9]*)* ('[a-z0-9]+)* '?
      const start = i++;
      while (i < n && isLetterOrDigit(s.charCodeAt(i))) i++;
      while (i + 1 < n && s.charCodeAt(i) === 45 && isLetter(s.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isLetterOrDigit(s.charCodeAt(i))) i++;
      }
      let apostrophe = false;
      while (i + 1 < n && s.charCodeAt(i) === 39 && isLetterOrDigit(s.charCodeAt(i + 1))) {
        apostrophe = true;
        i += 2;
        while (i < n && isLetterOrDigit(s.charCodeAt(i))) i++;
      }
      if (i < n && s.charCodeAt(i) === 39) {
        apostrophe = true;
        i++;
      }
      if (apostrophe) visitor.word(canonical(s.slice(start, i)), gap);
      else visitor.span(s, start, i, hashOfSpan(s, start, i), gap);
      gap = ADJACENT;
    } else if (c >= 48 && c <= 57) {
      // A run that starts with a digit: [0-9][a-z0-9.,]*, not a word.
      i++;
      for (let d = s.charCodeAt(i); i < n && (isLetterOrDigit(d) || d === 46 || d === 44); d = s.charCodeAt(++i));
      gap = BREAK;
    } else {
      i++;
      gap = BREAK;
    }
  }
}

function canonical(word: string): string {
  return word.replace(POSSESSIVE, '').replace(/[\u2010\u2011]/g, '-');
}
