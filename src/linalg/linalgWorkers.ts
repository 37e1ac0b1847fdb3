import { availableParallelism } from 'node:os';
import { receiveMessageOnPort } from 'node:worker_threads';
import { workerPool } from '../threads/workerPool.js';
import { workerScript } from '../threads/workerScript.js';
import * as rowKernels from './rowKernels.js';
import { runRowTasks, type RowTask } from './runRowTasks.js';

export type { RowTask } from './runRowTasks.js';

/**
 * Runs the row-range kernels of rowKernels.ts on several threads, synchronously: the
 * calling thread and pooled workers take tasks (a kernel call on one row range) from a
 * shared counter, and the caller blocks on Atomics.wait until all are done. Every task
 * writes its own rows (or its own partial sum), so the result does not depend on which
 * thread ran which task, nor on the number of threads.
 *
 * All typed arrays passed to a kernel must live on SharedArrayBuffers (see {@link shared}):
 * the workers write into them in place. Workers run rowKernelsWorker.ts, are kept for
 * later calls and unref'd, so they never keep the process alive.
 */

export type RowKernelName = 'gatherRowsRange' | 'gramRange' | 'timesSmallRange';

interface Job {
  kernel: RowKernelName;
  tasks: readonly RowTask[];
  /** [next task to take, tasks finished, failed flag]. */
  control: Int32Array;
}

const pool = workerPool(() => workerScript(import.meta.url, 'rowKernelsWorker.js'));

/** A zero-filled typed array on a SharedArrayBuffer. */
export function shared<T extends Float64Array | Int32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT)).subarray(0, length) as T;
}

/** A copy of `source` on a SharedArrayBuffer. */
export function sharedCopy<T extends Float64Array | Int32Array>(source: T): T {
  const Type = source.constructor as { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = shared(Type, source.length);
  out.set(source);
  return out;
}

/** Threads (the calling one included) the linear algebra may use by default. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

function isShared(value: unknown): boolean {
  return !ArrayBuffer.isView(value) || value.buffer instanceof SharedArrayBuffer;
}

/**
 * Runs `kernel` on every task over `threads` threads (the calling one included) and
 * returns when all are done. With threads = 1 everything runs here, in task order.
 */
export function runRowKernel(kernel: RowKernelName, tasks: readonly RowTask[], threads: number): void {
  const control = shared(Int32Array, 3);
  const job: Job = { kernel, tasks, control };
  const helpers = pool.take(Math.max(0, Math.min(threads, tasks.length) - 1));
  if (helpers.length > 0) {
    for (const task of tasks) {
      if (!task.args.every(isShared)) throw new Error(`${kernel}: typed arrays must be on shared memory`);
    }
    for (const helper of helpers) helper.worker.postMessage(job);
  }
  runRowTasks(job, rowKernels as unknown as Record<string, (...args: never[]) => void>);
  for (;;) {
    const done = Atomics.load(control, 1);
    if (Atomics.load(control, 2) !== 0) {
      const reports = helpers.map((p) => receiveMessageOnPort(p.errors)).filter((m) => m !== undefined);
      throw new Error(`${kernel} failed in a worker thread: ${reports.map((m) => m.message).join('; ')}`);
    }
    if (done >= tasks.length) return;
    Atomics.wait(control, 1, done, 1000);
  }
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

/** Stops the pooled workers (tests; the process never waits for them anyway). */
export function stopLinalgWorkers(): Promise<void> {
  return pool.stop();
}
