import { describe, expect, it } from 'vitest';
import { SpanTable } from '../../src/tokenize/spanTable.js';
import { hashOfSpan } from '../../src/tokenize/splitWords.js';

describe('SpanTable', () => {
  it('numbers strings in order of addition and finds them by a span of another text', () => {
    const table = new SpanTable();
    expect(table.idOf('model')).toBe(0);
    expect(table.idOf('merging')).toBe(1);
    expect(table.idOf('model')).toBe(0);
    const text = 'a model merging recipe';
    expect(table.find(text, 2, 7, hashOfSpan(text, 2, 7))).toBe(0);
    expect(table.find(text, 8, 15, hashOfSpan(text, 8, 15))).toBe(1);
    // A prefix of a known word, and an unknown word, are absent.
    expect(table.find(text, 2, 6, hashOfSpan(text, 2, 6))).toBe(-1);
    expect(table.find(text, 16, 22, hashOfSpan(text, 16, 22))).toBe(-1);
    expect(table.strings).toEqual(['model', 'merging']);
  });

  it('keeps every string findable as it grows (20,000 strings)', () => {
    const table = new SpanTable();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    expect(words.map((w) => table.idOf(w))).toEqual(words.map((_, i) => i));
    expect(words.map((w) => table.find(w, 0, w.length, hashOfSpan(w, 0, w.length)))).toEqual(words.map((_, i) => i));
  });
});
