import type { CsrMatrix, DenseMatrix } from '../types.js';
import { receiveMessageOnPort } from 'node:worker_threads';
import { workerPool } from '../threads/workerPool.js';
import { workerScript } from '../threads/workerScript.js';
import { balancedRanges } from './threadedWork.js';
import { runRowTasks, type RowTask } from './runRowTasks.js';
import { instantiateKernels, loadKernels, onFirstUse, type KernelSet } from '../kernels/loadKernels.js';

/**
 * The SVD's products on the WebAssembly kernels of src/kernels/ (gatherRows, gramRows,
 * timesSmallRows, subtractOuterRows, zeroBytes), whose sums are bit-identical to plain
 * JavaScript loops (tested against references in test/).
 *
 * Data live in the kernels' linear memory: {@link WasmLinalg} pins the CSR matrices
 * there once, and dense results stay there for the next call (see WasmLinalg).
 */

interface Exports {
  zeroBytes(at: number, length: number): void;
  gatherRows(indptr: number, indices: number, values: number, b: number, l: number, o: number, r0: number, r1: number): void;
  gramRows(x: number, l: number, g: number, r0: number, r1: number): void;
  timesSmallRows(x: number, l: number, w: number, k: number, upper: number, out: number, r0: number, r1: number): void;
  subtractOuterRows(o: number, l: number, u: number, v: number, r0: number, r1: number): void;
}

/** Largest memory (64 KiB pages): the 4 GiB of 32-bit addresses. Reserved, not committed. */
const MAX_PAGES = 65536;

type SvdKernelName = 'gatherRows' | 'gramRows' | 'timesSmallRows' | 'subtractOuterRows' | 'zeroBytes';

/** The SVD's kernels (src/kernels/), compiled on first use; one that fails to load throws, naming its file. */
export const svdKernels: () => KernelSet<SvdKernelName> = onFirstUse(() =>
  loadKernels(['gatherRows', 'gramRows', 'timesSmallRows', 'subtractOuterRows', 'zeroBytes']));

/** A CSR matrix whose arrays sit in the module's memory (byte addresses). */
export interface PinnedCsr {
  rows: number;
  cols: number;
  indptr: number;
  indices: number;
  values: number;
  /** Row ranges of about equal work, one task each when several threads share a product. */
  ranges: [number, number][];
}

const PAGE = 65536;

/** Row-range tasks per thread: enough to even out rows of unequal cost. */
const TASKS_PER_THREAD = 4;

/** Kernel calls on one shared memory, as the threads run them (see runRowTasks; wasmKernelsWorker.ts). */
export interface WasmJob {
  id: number;
  kernels: KernelSet<SvdKernelName>;
  memory: WebAssembly.Memory;
  kernel: keyof Exports;
  tasks: RowTask[];
  control: Int32Array;
}

const pool = workerPool(() => workerScript(import.meta.url, 'wasmKernelsWorker.js'));
let nextMemoryId = 0;

/** A memory with the calling thread's instance on it; `id` names it for the helper threads. */
interface Arena {
  id: number;
  memory: WebAssembly.Memory;
  kernels: Exports;
}

/**
 * Arenas of released instances, for the next ones (the SVD's, then the refinement's):
 * pages a WebAssembly memory has touched stay with the process until it is collected, so
 * reusing one memory keeps the peak down (200,000 abstracts: several hundred MiB).
 */
const idleArenas: Arena[] = [];

/**
 * One instance of the kernels with its memory. CSR matrices are pinned (kept for the
 * instance's life); dense results are *resident*: their Float64Array is a view of the
 * instance's memory, so a result passed to the next call is used where it lies, with no
 * copy in or out (copies of the tall n×l operands, fresh allocations each, had cost a
 * sixth of an SVD). A resident matrix stays valid until {@link free}d or until the
 * instance is released; callers copy what they keep beyond that. Other dense operands
 * are copied into temporary space for the call.
 *
 * The memory is shared: with `threads` > 1, helper threads run row ranges of each kernel
 * call on it (every range writes its own rows or its own partial sum, so the result is the
 * same for any thread count, tested). Calls are synchronous.
 */
export class WasmLinalg {
  private readonly memory: WebAssembly.Memory;
  private readonly kernels: Exports;
  private readonly id: number;
  private released = false;
  /** A kernel call failed: the memory is not handed on (see abandon). */
  private abandoned = false;
  /** End of the used area (bytes); regions below it are in use or in `freeRegions`. */
  private top = 16;
  /** Freed regions (address and size in bytes), handed out again best fit first. */
  private readonly freeRegions: { at: number; size: number }[] = [];
  /** Size of every region handed out, by address. */
  private readonly regionSizes = new Map<number, number>();
  /** Byte address of each resident view this instance handed out. */
  private readonly addresses = new WeakMap<Float64Array, number>();

  private constructor(
    private readonly kernelSet: KernelSet<SvdKernelName>,
    private readonly threads: number,
  ) {
    let arena = idleArenas.pop();
    if (arena === undefined) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      arena = { id: nextMemoryId++, memory, kernels: instantiateKernels(kernelSet, memory) as unknown as Exports };
    }
    ({ id: this.id, memory: this.memory, kernels: this.kernels } = arena);
  }

  /**
   * Hands the memory to the next instance (unless a call failed); this one and its
   * resident views must not be used afterwards.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (!this.abandoned) idleArenas.push({ id: this.id, memory: this.memory, kernels: this.kernels });
  }

  /**
   * A new instance running each call on `threads` threads (the calling one included); a
   * kernel that fails to load throws, naming its file.
   */
  static create(threads = 1): WasmLinalg {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    return new WasmLinalg(svdKernels(), threads);
  }

  /** Runs `kernel` on every task; on several threads when this instance has them. */
  private run(kernel: keyof Exports, tasks: RowTask[]): void {
    if (this.released) throw new Error('WasmLinalg: used after release()');
    const helpers = pool.take(Math.max(0, Math.min(this.threads, tasks.length) - 1));
    const job: WasmJob = {
      id: this.id, kernels: this.kernelSet, memory: this.memory, kernel, tasks,
      control: new Int32Array(new SharedArrayBuffer(12)),
    };
    for (const helper of helpers) helper.worker.postMessage(job);
    try {
      runRowTasks(job, this.kernels as unknown as Record<string, (...args: never[]) => void>);
    } catch (error) {
      this.abandon(job);
      throw error;
    }
    for (;;) {
      const done = Atomics.load(job.control, 1);
      if (Atomics.load(job.control, 2) !== 0) {
        this.abandon(job);
        const reports = helpers.map((p) => receiveMessageOnPort(p.errors)).filter((m) => m !== undefined);
        throw new Error(`${kernel} failed in a worker thread: ${reports.map((m) => m.message).join('; ')}`);
      }
      if (done >= tasks.length) return;
      Atomics.wait(job.control, 1, done, 1000);
    }
  }

  /**
   * After a failed task: no further task is handed out, and the memory is never given to
   * another instance, as helper threads may still be finishing tasks in it.
   */
  private abandon(job: WasmJob): void {
    Atomics.store(job.control, 0, job.tasks.length);
    this.abandoned = true;
  }

  /** Row ranges for a call over `rows` rows (weighted by a CSR indptr when given). */
  private ranges(rows: number, weights?: Int32Array): [number, number][] {
    return this.threads === 1 ? [[0, rows]] : balancedRanges(rows, this.threads * TASKS_PER_THREAD, weights);
  }

  /**
   * A region of at least `bytes` bytes (16-aligned address): the smallest freed one that is
   * large enough, else new at the top. Reusing a larger region (an n×l one for an n×k
   * result) keeps the memory from growing: its pages stay with the process for good.
   */
  private allocate(bytes: number): number {
    if (this.released) throw new Error('WasmLinalg: used after release()');
    const size = align(Math.max(bytes, 16));
    let best = -1;
    this.freeRegions.forEach((region, i) => {
      if (region.size >= size && (best < 0 || region.size < this.freeRegions[best].size)) best = i;
    });
    if (best >= 0) return this.freeRegions.splice(best, 1)[0].at;
    const at = this.top;
    this.top = at + size;
    this.regionSizes.set(at, size);
    const have = this.memory.buffer.byteLength;
    if (this.top > have) this.memory.grow(Math.ceil((this.top - have) / PAGE));
    return at;
  }

  /**
   * Gives a region back. Free regions that end at the top go back to the top, so a later
   * call larger than any before reuses their space instead of growing the memory past it
   * (a projector fed ever larger batches).
   */
  private freeRegion(at: number): void {
    this.freeRegions.push({ at, size: this.regionSizes.get(at) as number });
    for (let i = this.freeRegions.findIndex((r) => r.at + r.size === this.top); i >= 0; i = this.freeRegions.findIndex((r) => r.at + r.size === this.top)) {
      const [region] = this.freeRegions.splice(i, 1);
      this.regionSizes.delete(region.at);
      this.top = region.at;
    }
  }

  /** Bytes of the memory up to the top of the used area (what this instance has touched, at most). */
  usedBytes(): number {
    return this.top;
  }

  /** A resident view of `length` doubles at `at`. */
  private view(at: number, length: number): Float64Array {
    const data = new Float64Array(this.memory.buffer, at, length);
    this.addresses.set(data, at);
    return data;
  }

  /** A new resident rows×cols matrix, zero-filled when asked. */
  private residentMatrix(rows: number, cols: number, zero: boolean): DenseMatrix {
    const at = this.allocate(rows * cols * 8);
    if (zero) this.kernels.zeroBytes(at, rows * cols * 8);
    return { rows, cols, data: this.view(at, rows * cols) };
  }

  /** Copies `source` into a new region; returns its address. */
  private copyIn(source: Float64Array | Int32Array): number {
    const at = this.allocate(source.byteLength);
    const Type = source instanceof Float64Array ? Float64Array : Int32Array;
    new Type(this.memory.buffer, at, source.length).set(source);
    return at;
  }

  /**
   * Runs `use` with the address of `data`: where it lies when resident, else in a
   * temporary copy freed afterwards.
   */
  private withAddress<T>(data: Float64Array, use: (at: number) => T): T {
    const resident = this.addresses.get(data);
    if (resident !== undefined) return use(resident);
    const at = this.copyIn(data);
    try {
      return use(at);
    } finally {
      this.freeRegion(at);
    }
  }

  /** A new resident rows×cols matrix for the caller to fill (its contents are not defined until then). */
  resident(rows: number, cols: number): DenseMatrix {
    return this.residentMatrix(rows, cols, false);
  }

  /** Whether `M`'s data is one of this instance's resident views. */
  isResident(M: DenseMatrix): boolean {
    return this.addresses.has(M.data);
  }

  /** A resident copy of M (M itself when already resident). */
  adopt(M: DenseMatrix): DenseMatrix {
    if (this.isResident(M)) return M;
    const at = this.copyIn(M.data);
    return { ...M, data: this.view(at, M.data.length) };
  }

  /** Gives a resident matrix's memory back for reuse (no-op for other matrices); M must not be used afterwards. */
  free(M: DenseMatrix): void {
    const at = this.addresses.get(M.data);
    if (at === undefined) return;
    this.addresses.delete(M.data);
    this.freeRegion(at);
  }

  /** Copies A's arrays into memory kept for the instance's life. */
  pin(A: CsrMatrix): PinnedCsr {
    return {
      rows: A.rows, cols: A.cols,
      indptr: this.copyIn(A.indptr), indices: this.copyIn(A.indices), values: this.copyIn(A.values),
      ranges: this.ranges(A.rows, A.indptr),
    };
  }

  /** Gives a pinned matrix's memory back for reuse; A must not be used afterwards. */
  unpin(A: PinnedCsr): void {
    for (const at of [A.indptr, A.indices, A.values]) this.freeRegion(at);
  }

  /** A·B (resident) for a pinned A (rows×cols) and B (cols×l): {@link gatherRowsRange} over all rows. */
  times(A: PinnedCsr, B: DenseMatrix): DenseMatrix {
    const l = B.cols;
    const out = this.residentMatrix(A.rows, l, true);
    const o = this.addresses.get(out.data) as number;
    this.withAddress(B.data, (b) =>
      this.run('gatherRows', A.ranges.map(([start, end]) => ({ args: [A.indptr, A.indices, A.values, b, l, o], start, end }))));
    return out;
  }

  /**
   * In place on a resident O (rows×l): O[r, j] −= u[r]·v[j] for every row with u[r] ≠ 0, or
   * O[r, j] −= v[j] for every row when u is null (the rank-one mean corrections of csr.ts,
   * with the same arithmetic).
   */
  subtractOuter(O: DenseMatrix, u: Float64Array | null, v: Float64Array): void {
    const o = this.addresses.get(O.data);
    if (o === undefined) throw new Error('subtractOuter: the matrix is not resident');
    this.withAddress(v, (vAt) => {
      const run = (uAt: number) =>
        this.run('subtractOuterRows', this.ranges(O.rows).map(([start, end]) => ({ args: [o, O.cols, uAt, vAt], start, end })));
      if (u === null) run(0);
      else this.withAddress(u, run);
    });
  }

  /** Partial upper-triangle Gram matrices of X over the row blocks [bounds[i], bounds[i+1]). */
  gramPartials(X: DenseMatrix, bounds: readonly number[]): Float64Array[] {
    const l = X.cols;
    return this.withAddress(X.data, (x) => {
      const partials: DenseMatrix[] = [];
      const tasks: RowTask[] = [];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const g = this.residentMatrix(l, l, true);
        partials.push(g);
        tasks.push({ args: [x, l, this.addresses.get(g.data) as number], start: bounds[i], end: bounds[i + 1] });
      }
      this.run('gramRows', tasks);
      return partials.map((g) => {
        const copy = g.data.slice();
        this.free(g);
        return copy;
      });
    });
  }

  /** X·W, resident ({@link timesSmallRange} over all rows). */
  timesSmall(X: DenseMatrix, w: Float64Array, k: number, upperTriangular: boolean): DenseMatrix {
    // The kernel reads some of the rows below the diagonal of a triangular W: zeros there.
    if (upperTriangular) {
      w = w.slice();
      for (let i = 1; i < X.cols; i++) w.fill(0, i * k, i * k + Math.min(i, k));
    }
    const out = this.residentMatrix(X.rows, k, false);
    const o = this.addresses.get(out.data) as number;
    this.withAddress(X.data, (x) =>
      this.withAddress(w, (wAt) => {
        const args = [x, X.cols, wAt, k, upperTriangular ? 1 : 0, o];
        this.run('timesSmallRows', this.ranges(X.rows).map(([start, end]) => ({ args, start, end })));
      }));
    return out;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** Stops the pooled helper threads (tests; the process never waits for them anyway). */
export function stopWasmWorkers(): Promise<void> {
  return pool.stop();
}

/**
 * Lets the kernels' memories go: the idle arenas are dropped and the helper threads, whose
 * instances hold them too, stopped, so the pages (the TF-IDF matrix, twice, and the tall
 * blocks of the SVD) can be given back. Later calls make new ones.
 */
export async function releaseKernelMemory(): Promise<void> {
  idleArenas.length = 0;
  await pool.stop();
}
