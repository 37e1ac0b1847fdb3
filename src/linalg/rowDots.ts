import { instantiateKernels } from '../kernels/loadKernels.js';
import type { DistanceKernels } from './distanceKernels.js';

/**
 * Dot products of rows of a fixed n×d matrix X with a few "target" rows (k-means centres,
 * k-means++ candidates), through the WebAssembly SIMD kernels of distanceKernels.ts. Every
 * value equals the in-order JavaScript sum `Σ_t x_t·c_t` bit for bit, so the k-means
 * code can use either and give the same labels (tested), the kernel several times faster.
 */
export interface RowDots {
  /** Row width of the blocks returned below: the target count rounded up to an even number. */
  readonly stride: number;
  /** Sets the m targets (m×d, row-major) of the following calls; m ≤ the maxTargets given at creation. */
  setTargets(targets: Float64Array, m: number): void;
  /**
   * block[j·stride + c] = x_{points[j]} · target_c for j < count ≤ ROW_DOTS_BLOCK. The
   * block is a view of the kernel's memory, valid until the next call.
   */
  ofPoints(points: Int32Array, count: number): Float64Array;
  /** The same for the rows start, start + 1, …, start + count − 1. */
  ofRange(start: number, count: number): Float64Array;
  /**
   * out[j] = x_{points[j]} · target_{owners[j]} for j < count ≤ ROW_DOTS_BLOCK, one target
   * per point, summed in two interleaved halves: NOT bit-identical to the in-order sum,
   * for bounds only. A view of the kernel's memory, valid until the next call.
   */
  ownDots(points: Int32Array, owners: Int32Array, count: number): Float64Array;
  /**
   * For the block of the last ofPoints/ofRange call (count rows) and the first k targets:
   * per row, v_c = norms[c] − 2·dot_c; best = the first c with the least v, first = that
   * v, second = the least v of the others (as Lloyd's and Hamerly's scans). Views of the
   * kernel's memory, valid until the next call.
   */
  nearestTwo(norms: Float64Array, k: number, count: number): { best: Int32Array; first: Float64Array; second: Float64Array };
  /**
   * Greedy k-means++ on the kernel's memory: its per-point arrays (views; trial is n×m for
   * the m candidates of a step) and one step over the block of the last ofRange(start,
   * count) call, whose targets are the m candidates: trial distances
   * max(0, norms_i + candidateNorms_t − 2·dot) and potentials_t += min(closest_i, trial)
   * in point order (the arithmetic of kmeansPlusPlus.ts).
   */
  readonly seeding: {
    norms: Float64Array;
    closest: Float64Array;
    potentials: Float64Array;
    candidateNorms: Float64Array;
    trial(m: number): Float64Array;
    step(start: number, count: number, m: number): void;
  };
}

/** Points per call. */
export const ROW_DOTS_BLOCK = 256;

/**
 * An instance of the distance `kernels` (from distanceKernels()) holding a copy of X in its own
 * memory, for up to `maxTargets` targets at a time, and room for the trial distances of up
 * to `maxTrials` k-means++ candidates (n x maxTrials; 0 for callers that seed nothing).
 */
export function createRowDots(
  kernels: DistanceKernels,
  X: { rows: number; cols: number; data: Float64Array },
  maxTargets: number,
  maxTrials = 0,
): RowDots {
  const BLOCK = ROW_DOTS_BLOCK;
  const n = X.rows;
  const d = X.cols;
  const maxStride = Math.max(8, Math.ceil(maxTargets / 8) * 8);
  const alignUp = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const xAt = 16;
  const targetsAt = alignUp(xAt + n * d * 8);
  const pointsAt = alignUp(targetsAt + d * maxStride * 8);
  const outAt = alignUp(pointsAt + BLOCK * 4);
  const rowsAt = alignUp(outAt + BLOCK * maxStride * 8); // the targets row-major, for ownDots
  const ownersAt = alignUp(rowsAt + maxStride * d * 8);
  const ownAt = alignUp(ownersAt + BLOCK * 4);
  const normsAt = alignUp(ownAt + BLOCK * 8);
  const bestAt = alignUp(normsAt + maxStride * 8);
  const firstAt = alignUp(bestAt + BLOCK * 4);
  const secondAt = alignUp(firstAt + BLOCK * 8);
  const seedNormsAt = alignUp(secondAt + BLOCK * 8);
  const closestAt = alignUp(seedNormsAt + n * 8);
  const potentialsAt = alignUp(closestAt + n * 8);
  const candidateNormsAt = alignUp(potentialsAt + maxStride * 8);
  const trialAt = alignUp(candidateNormsAt + maxStride * 8);
  const end = trialAt + n * maxTrials * 8;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(end / 65536) });
  const exports = instantiateKernels(kernels, memory);
  const kernel = exports.rowDots;
  new Float64Array(memory.buffer, xAt, n * d).set(X.data);
  const targetsT = new Float64Array(memory.buffer, targetsAt, d * maxStride);
  const points = new Int32Array(memory.buffer, pointsAt, BLOCK);
  const targetRows = new Float64Array(memory.buffer, rowsAt, maxStride * d);
  const owners = new Int32Array(memory.buffer, ownersAt, BLOCK);
  const own = new Float64Array(memory.buffer, ownAt, BLOCK);
  const norms = new Float64Array(memory.buffer, normsAt, maxStride);
  const nearest = {
    best: new Int32Array(memory.buffer, bestAt, BLOCK),
    first: new Float64Array(memory.buffer, firstAt, BLOCK),
    second: new Float64Array(memory.buffer, secondAt, BLOCK),
  };
  const nearestKernel = exports.nearestTwo;
  const stepKernel = exports.candidateStep;
  const seeding = {
    norms: new Float64Array(memory.buffer, seedNormsAt, n),
    closest: new Float64Array(memory.buffer, closestAt, n),
    potentials: new Float64Array(memory.buffer, potentialsAt, maxStride),
    candidateNorms: new Float64Array(memory.buffer, candidateNormsAt, maxStride),
    trial: (m: number) => {
      if (m > maxTrials) throw new RangeError(`rowDots: room for ${maxTrials} k-means++ candidates, asked for ${m}`);
      return new Float64Array(memory.buffer, trialAt, n * m);
    },
    step(start: number, count: number, m: number) {
      stepKernel(outAt, stride, m, count, seedNormsAt + start * 8, candidateNormsAt, closestAt + start * 8, trialAt + start * m * 8, potentialsAt);
    },
  };
  const ownKernel = exports.ownDots;
  let stride = 8;
  let block = new Float64Array(memory.buffer, outAt, BLOCK * stride);
  const run = (count: number): Float64Array => {
    if (count > BLOCK) throw new RangeError(`rowDots: at most ${BLOCK} points per call, got ${count}`);
    kernel(xAt, d, targetsAt, stride, pointsAt, count, outAt);
    return block;
  };
  return {
    seeding,
    get stride() {
      return stride;
    },
    setTargets(targets: Float64Array, m: number): void {
      if (m > maxStride) throw new RangeError(`rowDots: at most ${maxStride} targets, got ${m}`);
      stride = Math.max(2, Math.ceil(m / 2) * 2);
      targetsT.fill(0, 0, d * stride);
      for (let c = 0; c < m; c++) for (let t = 0; t < d; t++) targetsT[t * stride + c] = targets[c * d + t];
      targetRows.set(targets.subarray(0, m * d));
      block = new Float64Array(memory.buffer, outAt, BLOCK * stride);
    },
    ofPoints(list: Int32Array, count: number): Float64Array {
      points.set(list.subarray(0, count));
      return run(count);
    },
    ofRange(start: number, count: number): Float64Array {
      for (let j = 0; j < count; j++) points[j] = start + j;
      return run(count);
    },
    nearestTwo(ownNorms: Float64Array, k: number, count: number) {
      norms.set(ownNorms.subarray(0, k));
      nearestKernel(outAt, stride, k, normsAt, count, bestAt, firstAt, secondAt);
      return nearest;
    },
    ownDots(list: Int32Array, ownerList: Int32Array, count: number): Float64Array {
      if (count > BLOCK) throw new RangeError(`rowDots: at most ${BLOCK} points per call, got ${count}`);
      points.set(list.subarray(0, count));
      owners.set(ownerList.subarray(0, count));
      ownKernel(xAt, d, rowsAt, pointsAt, ownersAt, count, ownAt);
      return own;
    },
  };
}
