import { createRowDots, ROW_DOTS_BLOCK, type RowDots } from '../linalg/rowDots.js';
import { distanceKernels } from '../linalg/distanceKernels.js';
import type { DenseMatrix } from '../types.js';

/** Each query's nearest reference rows: `count` per query, row-major (queries x count), best first. */
export interface Neighbours {
  count: number;
  indices: Int32Array;
  /** The dot product with each neighbour (the cosine similarity for unit rows). */
  dots: Float64Array;
}

/** Queries handed to the kernel at a time (its "targets"). */
const QUERY_BLOCK = 64;

/** Below this many multiply-adds the JavaScript loop is as fast as setting up the kernel. */
const KERNEL_WORK = 2e6;

/**
 * Exact nearest neighbours by dot product: for every row q of `queries`, the `count` rows r
 * of `reference` with the largest q·r, ties to the lower r. With `selfExcluded`, query i is
 * reference row i and is not its own neighbour (the kNN graph of one set of rows).
 *
 * Brute force, O(queries · reference · d): the reference is a sample of a few thousand rows,
 * where exact search through the k-means dot-product kernel (rowDots.ts, bit-identical to
 * the in-order JavaScript sum) beats building an index. Every dot is the in-order sum
 * Σ_t q_t·r_t whichever path computes it, so the neighbours are the same with or without
 * WebAssembly.
 */
export function nearestByDot(reference: DenseMatrix, queries: DenseMatrix, count: number, selfExcluded = false): Neighbours {
  return nearestFinder(reference, count, selfExcluded, KERNEL_WORK)(queries);
}

/**
 * {@link nearestByDot} against one reference for many sets of queries: the kernel's copy
 * of the reference is made once, at the first call with at least `kernelWork` multiply-
 * adds (default: any), and reused by the calls after it.
 */
export function nearestFinder(reference: DenseMatrix, count: number, selfExcluded = false, kernelWork = 0): (queries: DenseMatrix) => Neighbours {
  const available = reference.rows - (selfExcluded ? 1 : 0);
  if (count < 1 || count > available) throw new RangeError(`nearestByDot: ${count} neighbours asked, ${available} rows to choose from`);
  let dotsOf: RowDots | null = null;
  return (queries) => {
    if (reference.cols !== queries.cols) throw new RangeError(`nearestByDot: ${reference.cols} reference columns, ${queries.cols} query columns`);
    const indices = new Int32Array(queries.rows * count).fill(-1);
    const dots = new Float64Array(queries.rows * count).fill(-Infinity);
    const keep = (query: number, row: number, dot: number) => {
      if (selfExcluded && row === query) return;
      const base = query * count;
      // A strictly larger dot displaces; rows arrive in increasing order, so ties keep the lower row.
      if (!(dot > dots[base + count - 1])) return;
      let p = count - 1;
      while (p > 0 && dots[base + p - 1] < dot) {
        dots[base + p] = dots[base + p - 1];
        indices[base + p] = indices[base + p - 1];
        p--;
      }
      dots[base + p] = dot;
      indices[base + p] = row;
    };
    if (dotsOf === null && reference.rows * queries.rows * reference.cols >= kernelWork) dotsOf = createRowDots(distanceKernels(), reference, QUERY_BLOCK);
    if (dotsOf === null) scanInJavaScript(reference, queries, keep);
    else scanWithKernel(dotsOf, reference, queries, keep);
    return { count, indices, dots };
  };
}

type Keep = (query: number, row: number, dot: number) => void;

function scanInJavaScript(reference: DenseMatrix, queries: DenseMatrix, keep: Keep): void {
  const d = reference.cols;
  const R = reference.data;
  const Q = queries.data;
  for (let q = 0; q < queries.rows; q++) {
    const qo = q * d;
    for (let r = 0; r < reference.rows; r++) {
      const ro = r * d;
      let dot = 0;
      for (let t = 0; t < d; t++) dot += R[ro + t] * Q[qo + t];
      keep(q, r, dot);
    }
  }
}

function scanWithKernel(dotsOf: RowDots, reference: DenseMatrix, queries: DenseMatrix, keep: Keep): void {
  const d = reference.cols;
  for (let first = 0; first < queries.rows; first += QUERY_BLOCK) {
    const m = Math.min(QUERY_BLOCK, queries.rows - first);
    dotsOf.setTargets(queries.data.subarray(first * d, (first + m) * d), m);
    const stride = dotsOf.stride;
    for (let start = 0; start < reference.rows; start += ROW_DOTS_BLOCK) {
      const rows = Math.min(ROW_DOTS_BLOCK, reference.rows - start);
      const block = dotsOf.ofRange(start, rows);
      for (let j = 0; j < rows; j++) {
        for (let c = 0; c < m; c++) keep(first + c, start + j, block[j * stride + c]);
      }
    }
  }
}
