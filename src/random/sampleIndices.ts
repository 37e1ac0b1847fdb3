import { createRandom } from './seededRandom.js';

/**
 * `size` distinct indices of 0..n−1, chosen uniformly by a partial Fisher–Yates shuffle
 * seeded with `seed`, returned in ascending order (so a sample of rows keeps their order).
 */
export function sampleIndices(n: number, size: number, seed: number): Int32Array {
  if (!Number.isInteger(size) || size < 0 || size > n) throw new RangeError(`sampleIndices: cannot take ${size} of ${n}`);
  const random = createRandom(seed);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, size).sort();
}
