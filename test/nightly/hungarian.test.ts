import { describe, expect, it } from 'vitest';
import { maximumAssignment } from '../../src/nightly/hungarian.js';

/** Best total by trying every assignment of rows to distinct columns (small cases only). */
function bruteForce(score: number[][]): number {
  const rows = score.length;
  const cols = score[0].length;
  let best = 0;
  const used = new Array<boolean>(cols).fill(false);
  const walk = (i: number, total: number) => {
    if (i === rows) { best = Math.max(best, total); return; }
    walk(i + 1, total); // row i unmatched
    for (let j = 0; j < cols; j++) if (!used[j]) { used[j] = true; walk(i + 1, total + score[i][j]); used[j] = false; }
  };
  walk(0, 0);
  return best;
}

const total = (score: number[][], pairs: Int32Array) => [...pairs].reduce((s, j, i) => s + (j >= 0 ? score[i][j] : 0), 0);

describe('maximumAssignment', () => {
  it('finds the pairing with the largest total, not the greedy one', () => {
    const score = [[0.9, 0.8], [0.85, 0.1]];
    const pairs = maximumAssignment(Float64Array.from(score.flat()), 2, 2);
    expect([...pairs]).toEqual([1, 0]); // 0.8 + 0.85 beats 0.9 + 0.1
  });

  it('matches brute force on random rectangular cases and never reuses a column', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + Math.floor(random() * 5);
      const cols = 1 + Math.floor(random() * 5);
      const score = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(random() * 100) / 100));
      const pairs = maximumAssignment(Float64Array.from(score.flat()), rows, cols);
      const usedColumns = [...pairs].filter((j) => j >= 0);
      expect(new Set(usedColumns).size).toBe(usedColumns.length);
      expect(total(score, pairs)).toBeCloseTo(bruteForce(score), 10);
    }
  });
});
