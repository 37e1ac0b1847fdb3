import type { CsrMatrix, DenseMatrix } from '../types.js';
import { receiveMessageOnPort } from 'node:worker_threads';
import { workerPool } from '../threads/workerPool.js';
import { workerScript } from '../threads/workerScript.js';
import { balancedRanges } from './linalgWorkers.js';
import { runRowTasks, type RowTask } from './runRowTasks.js';
import { compileKernels, lazyKernelModule, type KernelCompilation } from './kernelModule.js';
import { F64, FunctionBuilder, I32, V128, op, type Bytes } from './wasmAssembler.js';
import { columnBlocks, rowPairs, twoRowBlock, twoRowBlockLocals } from './wasmBlocks.js';

/**
 * WebAssembly (SIMD) versions of the row kernels of rowKernels.ts: the same loops and the
 * same order of every addition and multiplication, two columns per f64x2 instruction and
 * without JavaScript's bounds checks, so the results are bit-identical to the JavaScript
 * kernels (tested) at about a third of their time (docs/performance.md).
 *
 * Data live in the module's own linear memory: {@link WasmLinalg} pins the CSR matrices
 * there once, and dense results stay there for the next call (see WasmLinalg).
 */

/** Emits `for (jb = start; jb + 16 <= lb; jb += 16) pair(); if (jb < lb) single();` over byte offsets. */
function columnLoop(f: FunctionBuilder, jb: string, start: Bytes, lb: string, pair: () => void, single: () => void): void {
  f.emit(start, f.set(jb), op.block, op.loop);
  // exit when jb + 16 > lb, i.e. jb > lb − 16
  f.emit(f.get(jb), op.i32Const(16), op.i32Add, f.get(lb), op.i32GtS, op.brIf(1));
  pair();
  f.emit(f.get(jb), op.i32Const(16), op.i32Add, f.set(jb), op.br(0), op.end, op.end);
  // one column left when (lb − jb) = 8
  f.emit(f.get(jb), f.get(lb), op.i32GeS, op.i32Eqz, op.if);
  single();
  f.emit(op.end);
}

/** gatherRowsRange(indptr, indices, values, b, l, o, rowStart, rowEnd) on byte addresses. */
function gatherKernel(): FunctionBuilder {
  const f = new FunctionBuilder('gatherRows');
  for (const p of ['indptr', 'indices', 'values', 'b', 'l', 'o', 'r0', 'r1']) f.param(p, I32);
  for (const p of ['r', 'p', 'end', 'ob', 'jb', 'lb', 'addr']) f.local(p, I32);
  for (let q = 0; q < 8; q++) f.local(`b${q}`, I32);
  for (let q = 0; q < 8; q++) f.local(`v${q}`, V128);
  for (let q = 0; q < 8; q++) f.local(`s${q}`, F64);
  f.emit(f.get('l'), op.i32Const(3), op.i32Shl, f.set('lb'));
  /** Loads value p+q and row address b + indices[p+q]·lb into v_q / s_q and b_q. */
  const loadEntry = (q: number) => {
    f.emit(f.get('values'), f.get('p'), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(8 * q), f.tee(`s${q}`));
    f.emit(op.f64x2Splat, f.set(`v${q}`));
    f.emit(f.get('b'), f.get('indices'), f.get('p'), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(4 * q));
    f.emit(f.get('lb'), op.i32Mul, op.i32Add, f.set(`b${q}`));
  };
  /** o[j] += Σ_q v_q·b_q[j] for `count` entries, left to right, at column byte offset jb (pair or single). */
  const update = (count: number, vector: boolean) => {
    const load = vector ? op.v128Load() : op.f64Load();
    const mul = vector ? op.f64x2Mul : op.f64Mul;
    const add = vector ? op.f64x2Add : op.f64Add;
    f.emit(f.get('ob'), f.get('jb'), op.i32Add, f.tee('addr'));
    f.emit(f.get('addr'), load);
    for (let q = 0; q < count; q++) {
      f.emit(f.get(vector ? `v${q}` : `s${q}`), f.get(`b${q}`), f.get('jb'), op.i32Add, load, mul);
      if (q > 0) f.emit(add);
    }
    f.emit(add, vector ? op.v128Store() : op.f64Store());
  };
  const entryBlock = (count: number) => {
    // while (p + count − 1 < end)
    f.emit(op.block, op.loop);
    f.emit(f.get('p'), op.i32Const(count - 1), op.i32Add, f.get('end'), op.i32GeS, op.brIf(1));
    for (let q = 0; q < count; q++) loadEntry(q);
    columnLoop(f, 'jb', op.i32Const(0), 'lb', () => update(count, true), () => update(count, false));
    f.emit(f.get('p'), op.i32Const(count), op.i32Add, f.set('p'), op.br(0), op.end, op.end);
  };
  f.forLoop('r', f.get('r0'), f.get('r1'), op.i32Const(1), () => {
    f.emit(f.get('indptr'), f.get('r'), op.i32Const(2), op.i32Shl, op.i32Add, f.tee('addr'), op.i32Load(0), f.set('p'));
    f.emit(f.get('addr'), op.i32Load(4), f.set('end'));
    f.emit(f.get('o'), f.get('r'), f.get('lb'), op.i32Mul, op.i32Add, f.set('ob'));
    entryBlock(8);
    entryBlock(4);
    entryBlock(1);
  });
  return f;
}

/** gramRange(x, l, g, rowStart, rowEnd) on byte addresses (upper triangle of g). */
function gramKernel(): FunctionBuilder {
  const f = new FunctionBuilder('gramRows');
  for (const p of ['x', 'l', 'g', 'r0', 'r1']) f.param(p, I32);
  for (const p of ['r', 'ib', 'jb', 'lb', 'ra', 'rb', 'rc', 'rd', 'gi', 'addr']) f.local(p, I32);
  for (const p of ['va', 'vb', 'vc', 'vd']) f.local(p, V128);
  for (const p of ['sa', 'sb', 'sc', 'sd']) f.local(p, F64);
  f.emit(f.get('l'), op.i32Const(3), op.i32Shl, f.set('lb'));
  const rows = ['a', 'b', 'c', 'd'];
  const update = (count: number, vector: boolean) => {
    const load = vector ? op.v128Load() : op.f64Load();
    const mul = vector ? op.f64x2Mul : op.f64Mul;
    const add = vector ? op.f64x2Add : op.f64Add;
    f.emit(f.get('gi'), f.get('jb'), op.i32Add, f.tee('addr'), f.get('addr'), load);
    for (let q = 0; q < count; q++) {
      f.emit(f.get(vector ? `v${rows[q]}` : `s${rows[q]}`), f.get(`r${rows[q]}`), f.get('jb'), op.i32Add, load, mul);
      if (q > 0) f.emit(add);
    }
    f.emit(add, vector ? op.v128Store() : op.f64Store());
  };
  const rowGroup = (count: number) => {
    // rows r .. r + count − 1 at byte addresses ra, rb, …
    for (let q = 0; q < count; q++) {
      f.emit(f.get('x'), f.get('r'), op.i32Const(q), op.i32Add, f.get('lb'), op.i32Mul, op.i32Add, f.set(`r${rows[q]}`));
    }
    f.forLoop('ib', op.i32Const(0), f.get('lb'), op.i32Const(8), () => {
      for (let q = 0; q < count; q++) {
        f.emit(f.get(`r${rows[q]}`), f.get('ib'), op.i32Add, op.f64Load(), f.tee(`s${rows[q]}`), op.f64x2Splat, f.set(`v${rows[q]}`));
      }
      // gi = g + i·lb (row i of g), columns from i
      f.emit(f.get('g'), f.get('ib'), f.get('l'), op.i32Mul, op.i32Add, f.set('gi'));
      columnLoop(f, 'jb', f.get('ib'), 'lb', () => update(count, true), () => update(count, false));
    });
  };
  f.emit(f.get('r0'), f.set('r'));
  f.emit(op.block, op.loop);
  f.emit(f.get('r'), op.i32Const(3), op.i32Add, f.get('r1'), op.i32GeS, op.brIf(1));
  rowGroup(4);
  f.emit(f.get('r'), op.i32Const(4), op.i32Add, f.set('r'), op.br(0), op.end, op.end);
  f.emit(op.block, op.loop);
  f.emit(f.get('r'), f.get('r1'), op.i32GeS, op.brIf(1));
  rowGroup(1);
  f.emit(f.get('r'), op.i32Const(1), op.i32Add, f.set('r'), op.br(0), op.end, op.end);
  return f;
}

/**
 * timesSmallRange(x, l, w, k, upper, out, rowStart, rowEnd) on byte addresses, register
 * blocked: two rows × eight columns of the result (eight f64x2 accumulators) per pass over
 * i, then the last two, four or six columns, then an odd last column. Each result is the
 * in-order sum Σ_i x[r, i]·w[i, j] from 0, as timesSmallRange adds it into its zero-filled
 * out, so the values are the same bits; out is written, not added to. With `upper`, a
 * block of columns [c, c + width) stops at i = c + width − 1: the rows below (w[i, j] for
 * i > j) must then hold zeros (they add ±0, which changes no sum).
 */
function timesSmallKernel(): FunctionBuilder {
  const f = new FunctionBuilder('timesSmallRows');
  for (const p of ['x', 'l', 'wm', 'k', 'upper', 'out', 'r0', 'r1']) f.param(p, I32);
  for (const p of ['r', 'xa', 'xb', 'oa', 'ob', 'cb', 'w', 'tb', 'wt', 'i', 'iEnd', 'kb', 'full8', 'lb']) f.local(p, I32);
  twoRowBlockLocals(f);
  f.local('sa', F64).local('sb', F64).local('ta', F64);
  f.emit(f.get('l'), op.i32Const(3), op.i32Shl, f.set('lb'));
  f.emit(f.get('k'), op.i32Const(3), op.i32Shl, f.set('kb'));
  // kb rounded down to whole pairs of columns, then to blocks of eight.
  f.emit(f.get('kb'), op.i32Const(-64), op.i32And, f.set('full8'));
  /** iEnd = l, or with `upper` min(l, first column + columns) for the block at byte column cb. */
  const setEnd = (columns: number) => {
    f.emit(f.get('l'), f.set('iEnd'));
    f.emit(f.get('upper'), op.if);
    f.emit(f.get('cb'), op.i32Const(3), op.i32ShrU, op.i32Const(columns), op.i32Add, f.tee('i'));
    f.emit(f.get('l'), op.i32GtS, op.i32Eqz, op.if, f.get('i'), f.set('iEnd'), op.end);
    f.emit(op.end);
  };
  /** Rows xa, xb against `pairs` f64x2 lanes of columns from byte column cb, i < iEnd. */
  const blockBody = (pairs: number) => {
    setEnd(2 * pairs);
    twoRowBlock(f, pairs, 'wm', 'kb', [...f.get('iEnd'), ...op.i32Const(3), ...op.i32Shl]);
  };
  /** The odd last column (byte column cb) of rows xa, xb, one scalar sum each. */
  const lastColumn = () => {
    setEnd(1);
    f.emit(op.f64Const(0), f.tee('sa'), f.set('sb'));
    f.emit(f.get('wm'), f.get('cb'), op.i32Add, f.set('wt'));
    f.forLoop('i', op.i32Const(0), f.get('iEnd'), op.i32Const(1), () => {
      f.emit(f.get('wt'), op.f64Load(), f.set('ta'));
      f.emit(f.get('sa'), f.get('xa'), f.get('i'), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), f.get('ta'), op.f64Mul, op.f64Add, f.set('sa'));
      f.emit(f.get('sb'), f.get('xb'), f.get('i'), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), f.get('ta'), op.f64Mul, op.f64Add, f.set('sb'));
      f.emit(f.get('wt'), f.get('kb'), op.i32Add, f.set('wt'));
    });
    f.emit(f.get('oa'), f.get('cb'), op.i32Add, f.get('sa'), op.f64Store());
    f.emit(f.get('ob'), f.get('cb'), op.i32Add, f.get('sb'), op.f64Store());
  };
  // Two rows at a time (r, r + 1); a lone last row is paired with itself.
  rowPairs(f, 'r', f.get('r0'), f.get('r1'), (lone) => {
    f.emit(f.get('x'), f.get('r'), f.get('lb'), op.i32Mul, op.i32Add, f.tee('xa'));
    f.emit(...(lone ? [] : [f.get('lb'), op.i32Add]), f.set('xb'));
    f.emit(f.get('out'), f.get('r'), f.get('kb'), op.i32Mul, op.i32Add, f.tee('oa'));
    f.emit(...(lone ? [] : [f.get('kb'), op.i32Add]), f.set('ob'));
    columnBlocks(f, 'kb', 'full8', blockBody);
    // An odd last column.
    f.emit(f.get('k'), op.i32Const(1), op.i32And, op.if);
    f.emit(f.get('kb'), op.i32Const(8), op.i32Sub, f.set('cb'));
    lastColumn();
    f.emit(op.end);
  });
  return f;
}

/**
 * subtractOuterRows(o, l, u, v, rowStart, rowEnd): o[r, j] −= u[r]·v[j] for the rows with
 * u[r] ≠ 0 (u = 0: o = no address, then every row loses v, as if u were all ones). The same
 * arithmetic as the JavaScript mean corrections (csr.ts): one multiplication, one
 * subtraction, no fused multiply-add.
 */
function subtractOuterKernel(): FunctionBuilder {
  const f = new FunctionBuilder('subtractOuterRows');
  for (const p of ['o', 'l', 'u', 'v', 'r0', 'r1']) f.param(p, I32);
  for (const p of ['r', 'jb', 'lb', 'ob', 'addr']) f.local(p, I32);
  f.local('vu', V128).local('su', F64);
  f.emit(f.get('l'), op.i32Const(3), op.i32Shl, f.set('lb'));
  const update = (vector: boolean, scaled: boolean) => {
    const load = vector ? op.v128Load() : op.f64Load();
    f.emit(f.get('ob'), f.get('jb'), op.i32Add, f.tee('addr'), f.get('addr'), load);
    f.emit(f.get('v'), f.get('jb'), op.i32Add, load);
    if (scaled) f.emit(f.get(vector ? 'vu' : 'su'), vector ? op.f64x2Mul : op.f64Mul);
    f.emit(vector ? op.f64x2Sub : op.f64Sub, vector ? op.v128Store() : op.f64Store());
  };
  f.forLoop('r', f.get('r0'), f.get('r1'), op.i32Const(1), () => {
    f.emit(f.get('o'), f.get('r'), f.get('lb'), op.i32Mul, op.i32Add, f.set('ob'));
    f.emit(f.get('u'), op.i32Eqz, op.if);
    columnLoop(f, 'jb', op.i32Const(0), 'lb', () => update(true, false), () => update(false, false));
    f.emit(op.else);
    f.emit(f.get('u'), f.get('r'), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), f.tee('su'));
    f.emit(op.f64Const(0), op.f64Eq, op.i32Eqz, op.if);
    f.emit(f.get('su'), op.f64x2Splat, f.set('vu'));
    columnLoop(f, 'jb', op.i32Const(0), 'lb', () => update(true, true), () => update(false, true));
    f.emit(op.end, op.end);
  });
  return f;
}

/** zeroBytes(at, length): memory.fill with 0, a memset (filling a shared buffer from JavaScript is several times slower). */
function zeroKernel(): FunctionBuilder {
  const f = new FunctionBuilder('zeroBytes');
  f.param('at', I32).param('length', I32);
  f.emit(f.get('at'), op.i32Const(0), f.get('length'), op.memoryFill);
  return f;
}

interface Exports {
  zeroBytes(at: number, length: number): void;
  gatherRows(indptr: number, indices: number, values: number, b: number, l: number, o: number, r0: number, r1: number): void;
  gramRows(x: number, l: number, g: number, r0: number, r1: number): void;
  timesSmallRows(x: number, l: number, w: number, k: number, upper: number, out: number, r0: number, r1: number): void;
  subtractOuterRows(o: number, l: number, u: number, v: number, r0: number, r1: number): void;
}

/** Largest memory (64 KiB pages): the 4 GiB of 32-bit addresses. Reserved, not committed. */
const MAX_PAGES = 65536;

/** Assembles and compiles the SVD's kernels on a shared memory (tests require it to succeed). */
export function compileSvdKernels(): KernelCompilation {
  return compileKernels(() => [gatherKernel().build(), gramKernel().build(), timesSmallKernel().build(), zeroKernel().build(), subtractOuterKernel().build()], 1, MAX_PAGES);
}

/** The compiled module, or null (after a warning on stderr) when it does not compile. */
const module = lazyKernelModule('SVD kernels', compileSvdKernels);

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
  module: WebAssembly.Module;
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
    private readonly compiledModule: WebAssembly.Module,
    private readonly threads: number,
  ) {
    let arena = idleArenas.pop();
    if (arena === undefined) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      const instance = new WebAssembly.Instance(compiledModule, { env: { memory } });
      arena = { id: nextMemoryId++, memory, kernels: instance.exports as unknown as Exports };
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
   * A new instance running each call on `threads` threads (the calling one included), or
   * null when the kernels do not compile (which has been reported on stderr).
   */
  static create(threads = 1): WasmLinalg | null {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    const m = module();
    return m === null ? null : new WasmLinalg(m, threads);
  }

  /** Runs `kernel` on every task; on several threads when this instance has them. */
  private run(kernel: keyof Exports, tasks: RowTask[]): void {
    if (this.released) throw new Error('WasmLinalg: used after release()');
    const helpers = pool.take(Math.max(0, Math.min(this.threads, tasks.length) - 1));
    const job: WasmJob = {
      id: this.id, module: this.compiledModule, memory: this.memory, kernel, tasks,
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

  private freeRegion(at: number): void {
    this.freeRegions.push({ at, size: this.regionSizes.get(at) as number });
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
