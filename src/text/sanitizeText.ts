/**
 * Characters that never belong in a paper's text and are harmful where the text goes:
 * C0 controls other than white space (NUL, ESC starting terminal escape sequences, BEL...),
 * DEL, C1 controls (U+0080-U+009F, CSI among them), and the bidi embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069) that can make a title display reversed or
 * reorder the text after it ("Trojan Source"). The marks LRM/RLM (U+200E/U+200F) stay:
 * they set the direction of neighbouring punctuation only, reorder nothing after them,
 * and right-to-left titles need them.
 */
export const CONTROL_CHARACTER_CLASS = '\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL_CHARACTERS = new RegExp(`[${CONTROL_CHARACTER_CLASS}]`, 'g');
const HAS_CONTROL_CHARACTER = new RegExp(CONTROL_CHARACTERS.source);
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Whether `text` holds any character {@link removeControlCharacters} removes. */
export function hasControlCharacters(text: string): boolean {
  return HAS_CONTROL_CHARACTER.test(text);
}

/** The text without control and bidi control characters (see CONTROL_CHARACTERS); white space is kept. */
export function removeControlCharacters(text: string): string {
  return hasControlCharacters(text) ? text.replace(CONTROL_CHARACTERS, '') : text;
}

/** The text without bidi embeddings, overrides and isolates (for output built from any source). */
export function removeBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Control characters (and tab, line breaks) written as JSON-style escapes (`\u001b`), for
 * messages that quote input: the snippet stays readable and nothing in it acts on a terminal.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
