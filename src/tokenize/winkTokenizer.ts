import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { stripMarkup } from './stripMarkup.js';
import { hashOfSpan, scanWords } from './splitWords.js';
import { SpanTable } from './spanTable.js';
import type { EncodedBatch } from './encodedBatch.js';
import { ADJACENT, BREAK, CONNECTOR, CONNECTOR_WORD, type TokenizedDoc } from './tokenizedDoc.js';

export interface TokenizerParams {
  /** Extra words to drop (academic boilerplate), matched against lemma and surface form. */
  extraStopWords: readonly string[];
  /** Shortest word kept, in characters. */
  minWordLength: number;
}

export type Tokenize = (text: string) => TokenizedDoc;

/**
 * Word types already known to be kept, with their lemmas (parallel lists; a fitted model's
 * words): a tokenizer given them asks wink only about other words. They must come from a
 * tokenizer with the same rules (TokenizerParams), which would describe each the same.
 */
export interface KnownWords {
  surfaces: readonly string[];
  lemmas: readonly string[];
}

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
export const TOKENIZER_VERSION = 'split-words-wink-lemmas-5';

/**
 * Longest word that can be a feature, in characters (a hyphenated compound counts whole).
 * The longest word of the 36,000-abstract benchmark has 55 (a five-part compound); longer
 * runs are glued-together text, encodings or hostile input, never a readable theme term.
 * They are dropped before wink sees them: its tokenizer takes time in the square of a
 * word's length.
 */
export const MAX_WORD_LENGTH = 64;

/** What a word type does in a document: kept as a feature word, dropped (breaks a phrase), or the connector "of". */
const KEPT = 0;
const DROPPED = 1;
const CONNECTS = 2;

/**
 * The word types a tokenizer has met, each looked at once: its lemma and whether it is
 * kept. wink looks at each type once (see describeWordType): on the 36,000-abstract
 * benchmark that is ~100,000 look-ups instead of ~6 million tokens through wink's own
 * tokenizer.
 *
 * Kept: words that are not wink stop words nor in `extraStopWords` (by surface or lemma),
 * and have at least `minWordLength` characters. Anything dropped breaks a phrase, except
 * a lone "of" between two kept words (CONNECTOR).
 */
class WordTypes {
  /** Surface forms by type, found by content (a word seen before costs no string). */
  private readonly table = new SpanTable();
  readonly surfaces = this.table.strings;
  readonly lemmas: string[] = [];
  private readonly kinds: number[] = [];
  private readonly extra: Set<string>;

  constructor(private readonly params: TokenizerParams, known?: KnownWords) {
    this.extra = new Set(params.extraStopWords.map((w) => w.toLowerCase()));
    if (known === undefined) return;
    if (known.surfaces.length !== known.lemmas.length) {
      throw new RangeError(`known words: ${known.surfaces.length} surfaces but ${known.lemmas.length} lemmas`);
    }
    known.surfaces.forEach((surface, i) => {
      const hash = hashOfSpan(surface, 0, surface.length);
      if (this.table.find(surface, 0, surface.length, hash) >= 0) return;
      this.table.add(surface, hash);
      this.lemmas.push(known.lemmas[i]);
      this.kinds.push(KEPT);
    });
  }

  /** The type of the word text[start, end) (hash = hashOfSpan of it), made on first sight. */
  private typeOfSpan(text: string, start: number, end: number, hash: number): number {
    const type = this.table.find(text, start, end, hash);
    if (type >= 0) return type;
    const surface = start === 0 && end === text.length ? text : text.slice(start, end);
    this.describe(surface);
    return this.table.add(surface, hash);
  }

  private typeOfString(surface: string): number {
    return this.typeOfSpan(surface, 0, surface.length, hashOfSpan(surface, 0, surface.length));
  }

  /** The lemma (wink) of a new type and what it does in a document. */
  private describe(surface: string): void {
    let kind = KEPT;
    let lemma = surface;
    if (surface === CONNECTOR_WORD) kind = CONNECTS;
    else if (surface.length < this.params.minWordLength || surface.length > MAX_WORD_LENGTH || this.extra.has(surface)) kind = DROPPED;
    else {
      // wink is loaded on the first word it must describe (a tokenizer of known words may never need it).
      const word = describeWordType(winkInstance(), surface);
      lemma = word.lemma;
      if (word.isStopWord || this.extra.has(lemma)) kind = DROPPED;
    }
    this.lemmas.push(lemma);
    this.kinds.push(kind);
  }

  /**
   * Calls keep(type, gap) for every kept word of `text` in reading order, gap being what
   * stood before it (TokenizedDoc.gaps; BREAK for the first).
   */
  scan(text: string, keep: (type: number, gap: number) => void): void {
    let gap = BREAK;
    let first = true;
    const visit = (type: number, wordGap: number) => {
      if (wordGap === BREAK) gap = BREAK;
      const kind = this.kinds[type];
      if (kind === CONNECTS) {
        gap = gap === ADJACENT && !first ? CONNECTOR : BREAK;
      } else if (kind === DROPPED) {
        gap = BREAK;
      } else {
        keep(type, first ? BREAK : gap);
        first = false;
        gap = ADJACENT;
      }
    };
    scanWords(stripMarkup(text), {
      span: (lower, start, end, hash, wordGap) => visit(this.typeOfSpan(lower, start, end, hash), wordGap),
      word: (surface, wordGap) => visit(this.typeOfString(surface), wordGap),
    });
  }
}


/**
 * Tokenizer: words from splitWords, lemmas and stop words from wink-nlp with the English
 * lite model, the only place that knows wink (see WordTypes for what is kept).
 */
export function createWinkTokenizer(params: TokenizerParams, known?: KnownWords): Tokenize {
  const types = new WordTypes(params, known);
  return (text: string): TokenizedDoc => {
    const doc: TokenizedDoc = { lemmas: [], surfaces: [], gaps: [] };
    types.scan(text, (type, gap) => {
      doc.lemmas.push(types.lemmas[type]);
      doc.surfaces.push(types.surfaces[type]);
      doc.gaps.push(gap);
    });
    return doc;
  };
}

/**
 * The same tokenizer writing batches of documents straight into an EncodedBatch (word ids
 * local to this tokenizer, see encodedBatch.ts): no strings per token, no arrays per
 * document. Decoded, a batch equals createWinkTokenizer's documents (tested). Used by the
 * tokenize workers and by the single-thread path alike.
 */
export function createEncodingTokenizer(params: TokenizerParams, known?: KnownWords): (texts: readonly string[]) => EncodedBatch {
  const types = new WordTypes(params, known);
  /** Local id of each word type, −1 until it is first kept. */
  const localIds: number[] = [];
  let nextId = 0;
  return (texts) => {
    const newSurfaces: string[] = [];
    const newLemmas: string[] = [];
    const lengths = new Int32Array(texts.length);
    let ids = new Int32Array(1024);
    let gaps = new Uint8Array(1024);
    let p = 0;
    const keep = (type: number, gap: number) => {
      let id = localIds[type] ?? -1;
      if (id < 0) {
        while (localIds.length <= type) localIds.push(-1);
        localIds[type] = id = nextId++;
        newSurfaces.push(types.surfaces[type]);
        newLemmas.push(types.lemmas[type]);
      }
      if (p === ids.length) {
        const grownIds = new Int32Array(2 * p);
        grownIds.set(ids);
        ids = grownIds;
        const grownGaps = new Uint8Array(2 * p);
        grownGaps.set(gaps);
        gaps = grownGaps;
      }
      ids[p] = id;
      gaps[p] = gap;
      p++;
    };
    texts.forEach((text, i) => {
      const start = p;
      types.scan(text, keep);
      lengths[i] = p - start;
    });
    return { newSurfaces, newLemmas, ids: ids.slice(0, p), lengths, gaps: gaps.slice(0, p) };
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

/** The part of speech of each word of a phrase (Universal POS tags: NOUN, ADJ, VERB, ...). */
export type TagPhrase = (phrase: string) => string[];

/**
 * A tagger of short phrases, each tagged on its own, out of context: a label candidate is
 * a phrase type, so its tags are a function of its words alone (the same in every theme and
 * run), and a few hundred types per run cost a few milliseconds. A word wink splits
 * ("bose-einstein", "fine-tuning") takes the tag of its last part.
 */
export function createPhraseTagger(): TagPhrase {
  const nlp = winkInstance();
  const known = new Map<string, string[]>();
  return (phrase) => {
    let tags = known.get(phrase);
    if (tags !== undefined) return tags;
    tags = [];
    const tokens = nlp.readDoc(phrase).tokens();
    const spaces = tokens.out(nlp.its.precedingSpaces) as unknown as string[];
    const pos = tokens.out(nlp.its.pos) as unknown as string[];
    for (let i = 0; i < pos.length; i++) {
      if (i > 0 && spaces[i] === '') {
        if (pos[i] !== 'PUNCT') tags[tags.length - 1] = pos[i];
      } else tags.push(pos[i]);
    }
    known.set(phrase, tags);
    return tags;
  };
}
