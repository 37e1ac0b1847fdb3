import { describe, expect, it } from 'vitest';
import { removeControlCharacters, removeBidiControls } from '../../src/text/sanitizeText.js';
import { collapseWhitespace } from '../../src/text/collapseWhitespace.js';

describe('removeControlCharacters', () => {
  it('removes NUL, terminal escapes, other C0 controls, DEL and C1 controls', () => {
    expect(removeControlCharacters('a\u0000b\u001b[31mred\u001b[0m\u0007\u007f\u0085\u009bc')).toBe('ab[31mred[0mc');
  });

  it('keeps tab, line breaks and every printable character', () => {
    const text = 'Détection\t— 検出 ✓\nline\r\n\u00a0العربية';
    expect(removeControlCharacters(text)).toBe(text);
  });

  it('removes bidi embeddings, overrides and isolates, and keeps the marks LRM and RLM', () => {
    expect(removeControlCharacters('a\u202ecod.exe\u202c \u2066x\u2069 \u200e\u200f')).toBe('acod.exe x \u200e\u200f');
  });
});

describe('removeBidiControls', () => {
  it('removes U+202A-U+202E and U+2066-U+2069 only', () => {
    expect(removeBidiControls('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069ok\u0000')).toBe('ok\u0000');
  });
});

describe('collapseWhitespace on text with control characters', () => {
  it('removes them, so every parser and source gets clean text', () => {
    expect(collapseWhitespace(' Model\u0000\u001b[2J  merging\u202e ')).toBe('Model[2J merging');
    expect(collapseWhitespace('Schro\u0088dinger \u009b\u0085x')).toBe('Schrodinger x');
  });

  it('collapses the spaces around a control character into one', () => {
    expect(collapseWhitespace('a \u0007 b')).toBe('a b');
  });
});

describe('collapseWhitespace, character by character', () => {
  it('replaces the white space of \\s by a space, removes the control characters, and keeps every other character', () => {
    const control = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      const expected = /\s/.test(ch) ? 'a b' : control.test(ch) ? 'ab' : `a${ch}b`;
      if (collapseWhitespace(`a${ch}b`) !== expected) expect(`U+${code.toString(16)} -> ${collapseWhitespace(`a${ch}b`)}`).toBe(expected);
    }
  });
});
