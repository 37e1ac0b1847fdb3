/**
 * A hash table from pairs of non-negative 32-bit integers (a, b) to dense slots 0, 1, 2, …
 * in order of first insertion, on typed arrays (open addressing, linear probing).
 *
 * Why not a Map keyed by a·2^26 + b: such keys are not small integers, so V8 boxes every
 * one as a heap number and hashes it as a double; counting the ~5 million word pairs of
 * the 36,000-abstract benchmark spent most of its time there.
 */
export class PairTable {
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  /** Slot + 1 at each hash position (0: empty). */
  private positions = new Int32Array(2048);
  private mask = 2047;
  /** Number of pairs (slots) so far. */
  size = 0;

  /** The slot of (a, b), added as slot `size` if new. */
  slotOf(a: number, b: number): number {
    let p = hashPair(a, b) & this.mask;
    for (;;) {
      const entry = this.positions[p];
      if (entry === 0) break;
      const slot = entry - 1;
      if (this.firsts[slot] === a && this.seconds[slot] === b) return slot;
      p = (p + 1) & this.mask;
    }
    const slot = this.size++;
    if (slot === this.firsts.length) this.growSlots();
    this.firsts[slot] = a;
    this.seconds[slot] = b;
    this.positions[p] = slot + 1;
    if (2 * this.size > this.mask) this.rehash();
    return slot;
  }

  /** The slot of (a, b), or −1 when absent. */
  find(a: number, b: number): number {
    let p = hashPair(a, b) & this.mask;
    for (;;) {
      const entry = this.positions[p];
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.firsts[slot] === a && this.seconds[slot] === b) return slot;
      p = (p + 1) & this.mask;
    }
  }

  first(slot: number): number {
    return this.firsts[slot];
  }

  second(slot: number): number {
    return this.seconds[slot];
  }

  private growSlots(): void {
    const firsts = new Int32Array(2 * this.firsts.length);
    firsts.set(this.firsts);
    this.firsts = firsts;
    const seconds = new Int32Array(2 * this.seconds.length);
    seconds.set(this.seconds);
    this.seconds = seconds;
  }

  /** Doubles the positions (kept at most half full). */
  private rehash(): void {
    const size = 2 * this.positions.length;
    this.positions = new Int32Array(size);
    this.mask = size - 1;
    for (let slot = 0; slot < this.size; slot++) {
      let p = hashPair(this.firsts[slot], this.seconds[slot]) & this.mask;
      while (this.positions[p] !== 0) p = (p + 1) & this.mask;
      this.positions[p] = slot + 1;
    }
  }
}

/** A 32-bit mix of the pair (multiply-xorshift), so consecutive ids spread over the table. */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x5bd1e995, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
