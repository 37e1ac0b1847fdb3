import { describe, expect, it } from 'vitest';
import { refineOnTfidf } from '../../src/cluster/refineOnTfidf.js';
import type { CsrMatrix } from '../../src/types.js';

/** Unit-length rows from dense arrays. */
function csr(rows: number[][]): CsrMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    row.forEach((v, j) => {
      if (v !== 0) {
        indices.push(j);
        values.push(v / norm);
      }
    });
    indptr.push(indices.length);
  }
  return { rows: rows.length, cols: rows[0].length, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

// Two topics over 6 terms: terms 0-2 and terms 3-5.
const docs = csr([
  [3, 1, 0, 0, 0, 0],
  [2, 2, 1, 0, 0, 0],
  [1, 1, 3, 0, 0, 0],
  [0, 0, 0, 3, 1, 0],
  [0, 0, 1, 1, 2, 2],
  [0, 0, 0, 0, 1, 3],
]);

describe('refineOnTfidf', () => {
  it('moves papers put in the wrong cluster to the cluster whose words they share', () => {
    const start = Int32Array.from([0, 0, 1, 1, 1, 1]); // paper 2 is about terms 0-2
    const { labels, moved, iterations } = refineOnTfidf(docs, start, 2);
    expect([...labels]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(moved).toBe(1);
    expect(iterations).toBe(2); // one that moves, one that confirms
  });

  it('reports each round as it ends with the papers it moved (progress)', () => {
    const rounds: Array<[number, number]> = [];
    refineOnTfidf(docs, Int32Array.from([0, 0, 1, 1, 1, 1]), 2, { onRound: (round, moved) => rounds.push([round, moved]) });
    expect(rounds).toEqual([[1, 1], [2, 0]]);
  });

  it('leaves a clustering that is already stable unchanged', () => {
    const start = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const { labels, moved, iterations } = refineOnTfidf(docs, start, 2);
    expect([...labels]).toEqual([...start]);
    expect(moved).toBe(0);
    expect(iterations).toBe(1);
  });

  it('reaches a fixed point: each paper ends at its most similar centre', () => {
    const { labels } = refineOnTfidf(docs, Int32Array.from([1, 0, 1, 0, 1, 0]), 2);
    const again = refineOnTfidf(docs, labels, 2);
    expect(again.moved).toBe(0);
  });

  it('gives the same themes with the WebAssembly kernel as with the JavaScript loops', () => {
    // 300 papers over 40 terms in 4 topics, with shared noise terms, started from a poor split.
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows: number[][] = Array.from({ length: 300 }, (_, i) => Array.from({ length: 40 }, (_, j): number =>
      (Math.floor(j / 10) === i % 4 && random() < 0.5 ? 1 + Math.floor(random() * 3) : 0) + (random() < 0.08 ? 1 : 0)));
    rows.forEach((row, i) => { if (!row.some((v) => v > 0)) row[(i % 4) * 10] = 1; });
    const start = Int32Array.from(rows, (_, i) => (i % 3 === 0 ? Math.floor(random() * 4) : i % 4));
    const wasm = refineOnTfidf(csr(rows), start, 4);
    const js = refineOnTfidf(csr(rows), start, 4, { kernel: 'javascript' });
    expect(wasm.moved).toBeGreaterThan(40);
    expect([...wasm.labels]).toEqual([...js.labels]);
    expect(wasm.iterations).toBe(js.iterations);
  });

  it('ends on a fixed point: refining its result again moves no paper (a night without new papers reproduces the last)', () => {
    // 400 papers over 30 terms in 6 topics with much shared noise, started at random: the
    // moves per round rise again now and then on the way down to none.
    let state = 2;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows: number[][] = Array.from({ length: 400 }, (_, i) => Array.from({ length: 30 }, (_, j): number =>
      (Math.floor(j / 5) === i % 6 && random() < 0.3 ? 1 : 0) + (random() < 0.15 ? 1 : 0)));
    rows.forEach((row) => { if (!row.some((v) => v > 0)) row[0] = 1; });
    const start = Int32Array.from({ length: 400 }, () => Math.floor(random() * 6));
    const first = refineOnTfidf(csr(rows), start, 6);
    expect(first.stoppedBy).toBe('no paper moved');
    expect(first.movesPerRound.some((moved, i) => i > 0 && moved > 0 && moved >= first.movesPerRound[i - 1])).toBe(true);
    expect(first.movesPerRound.length).toBe(first.iterations);
    const again = refineOnTfidf(csr(rows), first.labels, 6);
    expect(again.movesPerRound).toEqual([0]);
    expect([...again.labels]).toEqual([...first.labels]);
    expect(refineOnTfidf(csr(rows), start, 6, { maxRounds: 1 }).stoppedBy).toBe('round cap');
  });

  it('never empties a cluster', () => {
    const { labels } = refineOnTfidf(docs, Int32Array.from([0, 0, 0, 1, 1, 2]), 3);
    expect(new Set(labels).size).toBe(3);
  });

  it('does not change its input and stops after maxRounds', () => {
    const start = Int32Array.from([1, 0, 1, 0, 1, 0]);
    const copy = Int32Array.from(start);
    expect(refineOnTfidf(docs, start, 2, { maxRounds: 1 }).iterations).toBe(1);
    expect(start).toEqual(copy);
  });

  it('rejects labels outside 0..k-1', () => {
    expect(() => refineOnTfidf(docs, Int32Array.from([0, 0, 0, 1, 1, 2]), 2)).toThrow(/label 2 outside 0..1/);
  });
});
