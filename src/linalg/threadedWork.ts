import { availableParallelism } from 'node:os';

/**
 * What the threaded kernels share: typed arrays on shared memory, the default thread
 * count and row ranges of about equal work (the WebAssembly SVD kernels and the k-means
 * restarts split their work with these).
 */

/** A zero-filled typed array on a SharedArrayBuffer. */
export function shared<T extends Float64Array | Int32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT)).subarray(0, length) as T;
}

/** Threads (the calling one included) the linear algebra may use by default. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * `parts` contiguous row ranges covering [0, rows) with about equal weight, where row r
 * weighs weights[r + 1] − weights[r] + 1 (e.g. a CSR indptr: stored entries plus one),
 * or 1 when `weights` is absent.
 */
export function balancedRanges(rows: number, parts: number, weights?: Int32Array): [number, number][] {
  const total = weights ? weights[rows] - weights[0] + rows : rows;
  const ranges: [number, number][] = [];
  let start = 0;
  for (let p = 1; p <= parts; p++) {
    let end = start;
    const target = (total * p) / parts;
    const weightAt = (r: number) => (weights ? weights[r] - weights[0] + r : r);
    // First row boundary whose cumulative weight reaches the target (binary search).
    let lo = start;
    let hi = rows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (weightAt(mid) >= target) hi = mid;
      else lo = mid + 1;
    }
    end = p === parts ? rows : lo;
    if (end > start) ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
