import { IngestError } from './ingestErrors.js';

/** One invalid UTF-8 sequence: where it is (1-based line and column) and its bytes. */
export interface InvalidBytes {
  line: number;
  column: number;
  bytes: string;
}

/** Decoded text; `invalid` lists the bad UTF-8 sequences, each standing in the text as {@link invalidMarker}. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  invalid: InvalidBytes[];
}

/**
 * An invalid sequence in decoded text: U+FDD0 <index into `invalid`> U+FDD1. U+FDD0 and
 * U+FDD1 are Unicode noncharacters, reserved for a program's internal use; digits between
 * them keep any format's syntax (JSON, CSV, seed page) intact, so the record holding the
 * bytes is found after parsing and reported, instead of the bytes silently becoming U+FFFD.
 */
export const INVALID_MARKER = /\uFDD0(\d+)\uFDD1/g;
const invalidMarker = (index: number) => `\uFDD0${index}\uFDD1`;

/** Bytes looked at to recognise UTF-16 without a byte order mark. */
const SNIFF_BYTES = 1024;

/**
 * UTF-16 without a byte order mark, as some spreadsheet exports write it: text files hold
 * mostly ASCII, so in UTF-16LE nearly every odd byte is 0 and the even ones are not (in
 * UTF-8 text, NUL bytes do not occur).
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= 0.9 * pairs && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= 0.9 * pairs && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** The UTF-16 byte order of a byte order mark at the start, if there is one. */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Whether the bytes are UTF-16 (by a byte order mark, or without one by their zeros). */
export function looksUtf16(bytes: Uint8Array): boolean {
  return (utf16Bom(bytes) ?? bomlessUtf16(bytes)) !== undefined;
}

/**
 * Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none
 * (the WHATWG decoder's rules: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  let need: number;
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) low = 0xa0;
    if (b === 0xed) high = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) low = 0x90;
    if (b === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || c < low || c > high) return 0;
    low = 0x80;
    high = 0xbf;
  }
  return need + 1;
}

/** UTF-8 with each invalid run of bytes replaced by its marker (the slow path: only files that have some). */
function decodeMarkingInvalid(bytes: Uint8Array): DecodedText {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  const invalid: InvalidBytes[] = [];
  let line = 1;
  let column = 1;
  let validStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      // Lines end as the parsers split them (splitLines): at \n, \r\n or a lone \r.
      if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
        line++;
        column = 1;
      } else column++;
      i += length;
      continue;
    }
    const start = i;
    while (i < bytes.length && validSequenceLength(bytes, i) === 0) i++;
    parts.push(decoder.decode(bytes.subarray(validStart, start)), invalidMarker(invalid.length));
    const hex = Array.from(bytes.subarray(start, Math.min(i, start + 4)), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
    invalid.push({ line, column, bytes: hex.join(' ') + (i - start > 4 ? ' ...' : '') });
    column++;
    validStart = i;
  }
  parts.push(decoder.decode(bytes.subarray(validStart)));
  return { text: parts.join(''), encoding: 'utf-8', invalid };
}

/**
 * Decodes a file's bytes: UTF-16 (either byte order) when a byte order mark or the byte
 * pattern says so, else UTF-8. A UTF-8 byte order mark is dropped. Invalid UTF-8 is never
 * replaced by U+FFFD: each bad run is listed, with its line and column, and marked in the
 * text (see INVALID_MARKER). Invalid UTF-16 refuses the file, naming the encoding.
 */
export function decodeText(path: string, bytes: Uint8Array): DecodedText {
  const utf16 = utf16Bom(bytes) ?? bomlessUtf16(bytes);
  if (utf16 !== undefined) {
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: utf16, invalid: [] };
    } catch {
      throw new IngestError(path, `invalid ${utf16.toUpperCase()} data (an odd number of bytes or an unpaired surrogate)`);
    }
  }
  return decodeUtf8(bytes);
}

/**
 * UTF-8 only, with invalid runs marked as decodeText marks them: for the pieces of a file
 * already known to be UTF-8 (a piece may start with bytes that look like UTF-16).
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', invalid: [] };
  } catch {
    return decodeMarkingInvalid(bytes);
  }
}

/** Markers written back as the bytes they stand for (`\xFC`), for messages that quote text. */
export function showInvalidMarkers(text: string, invalid: readonly InvalidBytes[]): string {
  return text.replace(INVALID_MARKER, (_, index: string) => invalid[Number(index)].bytes.replace(/0x/g, '\\x').replace(/ /g, ''));
}
