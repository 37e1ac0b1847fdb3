/**
 * JavaScript's `\s` (tab to carriage return, space, U+00A0, U+1680, U+2000-U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF) together with the control characters of
 * sanitizeText.ts (C0, DEL, C1, bidi overrides U+202A-U+202E and isolates U+2066-U+2069),
 * written as ranges: with both in one class a single pass does both jobs, as fast on the
 * benchmark's abstracts as `/\s{2,}|[^\S ]/` alone (a separate scan for control
 * characters cost 15% more).
 */
const SPACE_OR_CONTROL = '\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028-\\u202f\\u205f\\u2066-\\u2069\\u3000\\ufeff';
const NOT_A_PLAIN_SPACE = '\\u0000-\\u001f\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028-\\u202f\\u205f\\u2066-\\u2069\\u3000\\ufeff';
const COLLAPSIBLE = new RegExp(`[${SPACE_OR_CONTROL}]{2,}|[${NOT_A_PLAIN_SPACE}]`, 'g');
const WHITE_SPACE = /\s/;

/** A run with white space in it becomes one space; a run of control characters only goes. */
const replacement = (run: string) => (WHITE_SPACE.test(run) ? ' ' : '');

/**
 * Every run of white space (line breaks of hard-wrapped titles and abstracts, tabs,
 * non-breaking spaces) as one space, ends trimmed, and control characters (NUL, terminal
 * escapes, C1, bidi overrides: see sanitizeText.ts) removed: every parser and source
 * builds its titles and abstracts with this, so none of them reaches the CSV, the report
 * or a terminal. A control character inside a word goes without splitting it (mis-decoded
 * text such as "Schro<U+0088>dinger" in the benchmark), one beside white space goes with it.
 * Only what is not already a single space is replaced, so a clean abstract is scanned and
 * not rebuilt: on the 36,000-abstract benchmark the plain `/\s+/g` form was a quarter of
 * the ingest stage.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(COLLAPSIBLE, replacement).trim();
}
