/** Longest derived title, ellipsis included: about one line of a table or a report row. */
export const DERIVED_TITLE_MAX_CHARS = 90;

const ELLIPSIS = '…';

/**
 * The heading a structured abstract (medicine, mostly) opens with: "BACKGROUND:",
 * "Objective." and the like say nothing about the paper.
 */
const OPENING_HEADING = /^(?:background|objectives?|purpose|aims?|introduction|context|importance|rationale|summary|abstract)\s*[:.]\s+/i;

/**
 * The end of the first sentence: `.`, `!` or `?` followed by a space and a capital, a digit
 * or an opening quote/bracket. Lower-case after the stop means an abbreviation ("e.g. in",
 * "vs. placebo"); no space means a decimal point ("1.5 mg").
 */
const SENTENCE_END = /[.!?](?=\s+["'(\[\p{Lu}\p{N}])/u;

/**
 * A display title for a paper that has none: the first sentence of its abstract (its
 * structured-abstract heading skipped, its full stop dropped), shortened to at most
 * DERIVED_TITLE_MAX_CHARS at a word boundary with an ellipsis. Callers mark the paper
 * `titleDerived`, so nobody mistakes it for the author's title.
 */
export function titleFromAbstract(abstract: string): string {
  const text = abstract.trim().replace(OPENING_HEADING, '');
  const end = SENTENCE_END.exec(text);
  let sentence = end === null ? text : text.slice(0, end.index + 1);
  if (sentence.endsWith('.')) sentence = sentence.slice(0, -1).trimEnd();
  return shorten(sentence === '' ? abstract.trim() : sentence);
}

/** `text`, or its longest prefix ending at a word boundary that fits with an ellipsis. */
function shorten(text: string): string {
  if (text.length <= DERIVED_TITLE_MAX_CHARS) return text;
  const room = DERIVED_TITLE_MAX_CHARS - ELLIPSIS.length;
  const space = text.lastIndexOf(' ', room);
  let cut = space > 0 ? text.slice(0, space) : text.slice(0, room);
  // A cut inside a surrogate pair would leave half a character.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:]+$/, '')}${ELLIPSIS}`;
}
