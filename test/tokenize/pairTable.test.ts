import { describe, expect, it } from 'vitest';
import { PairTable } from '../../src/tokenize/pairTable.js';
import { createRandom } from '../../src/random/seededRandom.js';

describe('PairTable', () => {
  it('gives each new pair the next slot, and the same slot when the pair comes again', () => {
    const table = new PairTable();
    expect(table.slotOf(3, 4)).toBe(0);
    expect(table.slotOf(4, 3)).toBe(1);
    expect(table.slotOf(3, 4)).toBe(0);
    expect(table.size).toBe(2);
    expect([table.first(1), table.second(1)]).toEqual([4, 3]);
  });

  it('finds pairs without adding them, and answers −1 for absent ones', () => {
    const table = new PairTable();
    table.slotOf(0, 0);
    table.slotOf(7, 2 ** 30);
    expect(table.find(7, 2 ** 30)).toBe(1);
    expect(table.find(2 ** 30, 7)).toBe(-1);
    expect(table.size).toBe(2);
  });

  it('agrees with a Map through many growths (200,000 pairs, half of them repeated)', () => {
    const random = createRandom(5);
    const table = new PairTable();
    const reference = new Map<string, number>();
    const slots: number[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      // Small ids, as lemma ids are, so that collisions and clustering are exercised.
      const a = Math.floor(random() * 600);
      const b = Math.floor(random() * 600);
      const key = `${a} ${b}`;
      if (!reference.has(key)) reference.set(key, reference.size);
      slots.push(table.slotOf(a, b));
      expected.push(reference.get(key)!);
    }
    expect(slots).toEqual(expected);
    expect(table.size).toBe(reference.size);
    const found: [number, number, number][] = [];
    const wanted: [number, number, number][] = [];
    for (const [key, slot] of reference) {
      const [a, b] = key.split(' ').map(Number);
      found.push([table.find(a, b), table.first(slot), table.second(slot)]);
      wanted.push([slot, a, b]);
    }
    expect(found).toEqual(wanted);
  });
});
