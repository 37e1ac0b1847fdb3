import { hashOfSpan } from './splitWords.js';

/**
 * Strings numbered 0, 1, 2, … in order of first addition, found by content: a lookup takes
 * a span of a larger text (text[start, end) with its hashOfSpan), so a string seen before
 * costs no new string. Open addressing on a typed array, at most half full.
 *
 * Why not a Map<string, number>: a Map needs the word as a string of its own, and making
 * and hashing one per token of a corpus (millions) cost more than the rest of the scan.
 */
export class SpanTable {
  /** The strings, by number. */
  readonly strings: string[] = [];
  private readonly hashes: number[] = [];
  /** Number + 1 at each hash position (0: empty). */
  private positions = new Int32Array(1 << 12);

  /** The number of text[start, end) (hash = hashOfSpan of it), or −1 when absent. */
  find(text: string, start: number, end: number, hash: number): number {
    const mask = this.positions.length - 1;
    for (let p = hash & mask; ; p = (p + 1) & mask) {
      const entry = this.positions[p];
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && sameText(this.strings[id], text, start, end)) return id;
    }
  }

  /** Adds a string not yet in the table (its hash from hashOfSpan); returns its number. */
  add(value: string, hash = hashOfSpan(value, 0, value.length)): number {
    const id = this.strings.length;
    this.strings.push(value);
    this.hashes.push(hash);
    if (2 * this.strings.length > this.positions.length) this.rehash();
    else this.place(id);
    return id;
  }

  /** The number of a string, added if new. */
  idOf(value: string): number {
    const hash = hashOfSpan(value, 0, value.length);
    const id = this.find(value, 0, value.length, hash);
    return id >= 0 ? id : this.add(value, hash);
  }

  private place(id: number): void {
    const mask = this.positions.length - 1;
    let p = this.hashes[id] & mask;
    while (this.positions[p] !== 0) p = (p + 1) & mask;
    this.positions[p] = id + 1;
  }

  private rehash(): void {
    this.positions = new Int32Array(2 * this.positions.length);
    for (let id = 0; id < this.strings.length; id++) this.place(id);
  }
}

/** Whether `word` equals text[start, end). */
function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
