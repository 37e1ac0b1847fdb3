import { compileKernels, lazyKernelModule, type KernelCompilation } from './kernelModule.js';
import { F64, FunctionBuilder, I32, V128, op, type Bytes } from './wasmAssembler.js';
import { columnBlocks, rowPairs, twoRowBlock, twoRowBlockLocals } from './wasmBlocks.js';

/**
 * The WebAssembly (SIMD) kernel behind k-means' distance computations (see rowDots.ts):
 *
 *   rowDots(x, d, targetsT, stride, points, count, out)
 *   out[j·stride + c] = Σ_{t=0..d−1} x[points[j]·d + t] · targetsT[t·stride + c]
 *
 * for j < count and c < stride, on byte addresses x (n×d rows), targetsT (the targets
 * transposed, d×stride, stride even), points (i32 row indices) and out. Each
 * sum starts at 0 and adds the products in order of t, one multiplication and one
 * addition each (no fused multiply-add), so every value is bit-identical to the plain
 * JavaScript loop `let s = 0; for (t…) s += x[t] * c[t]` (tested). The speed comes from
 * doing two points × eight targets per pass: eight f64x2 accumulators share each load
 * (and two points × the last two, four or six targets, so that five k-means++ candidates
 * cost six lanes, not eight).
 */
function rowDotsKernel(): FunctionBuilder {
  const f = new FunctionBuilder('rowDots');
  for (const p of ['x', 'd', 'targets', 'stride', 'points', 'count', 'out']) f.param(p, I32);
  for (const p of ['j', 'xa', 'xb', 'oa', 'ob', 'cb', 'w', 'tb', 'lb', 'mb', 'full8']) f.local(p, I32);
  twoRowBlockLocals(f);
  f.emit(f.get('d'), op.i32Const(3), op.i32Shl, f.set('lb'));
  f.emit(f.get('stride'), op.i32Const(3), op.i32Shl, f.set('mb'));
  // mb rounded down to a multiple of 64 bytes (eight targets).
  f.emit(f.get('mb'), op.i32Const(-64), op.i32And, f.set('full8'));
  /** Byte address of row points[j + q]. */
  const rowAddress = (q: number) => [
    ...f.get('x'),
    ...f.get('points'), ...f.get('j'), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load(4 * q),
    ...f.get('lb'), ...op.i32Mul, ...op.i32Add,
  ];
  /**
   * Rows xa and xb (equal for a lone last point) against `pairs` f64x2 lanes of targets
   * (2·pairs targets) from byte column cb: pairs = 4 for the blocks of eight, 1-3 for the
   * last two, four or six targets of a stride that is not a multiple of eight.
   */
  const blockBody = (pairs: number) => twoRowBlock(f, pairs, 'targets', 'mb', f.get('lb'));
  rowPairs(f, 'j', op.i32Const(0), f.get('count'), (lone) => {
    f.emit(rowAddress(0), f.set('xa'));
    f.emit(...(lone ? [f.get('xa')] : [rowAddress(1)]), f.set('xb'));
    f.emit(f.get('out'), f.get('j'), f.get('mb'), op.i32Mul, op.i32Add, f.tee('oa'));
    f.emit(...(lone ? [] : [f.get('mb'), op.i32Add]), f.set('ob'));
    columnBlocks(f, 'mb', 'full8', blockBody);
  });
  return f;
}

/**
 * ownDots(x, d, targets, points, owners, count, out): out[j] = x_{points[j]} · target_{owners[j]}
 * for j < count, targets row-major (m×d). Summed as two interleaved partial sums (even and
 * odd t, one f64x2), so NOT bit-identical to the in-order sum: for bounds only, where any
 * order within the rounding bound will do (k-means' tightened upper bounds).
 */
function ownDotsKernel(): FunctionBuilder {
  const f = new FunctionBuilder('ownDots');
  for (const p of ['x', 'd', 'targets', 'points', 'owners', 'count', 'out']) f.param(p, I32);
  for (const p of ['j', 'xa', 'ca', 'tb', 'lb', 'pairs']) f.local(p, I32);
  f.local('acc', V128).local('sum', F64);
  f.emit(f.get('d'), op.i32Const(3), op.i32Shl, f.set('lb'));
  // Bytes covered by whole pairs of columns.
  f.emit(f.get('d'), op.i32Const(1), op.i32ShrU, op.i32Const(4), op.i32Shl, f.set('pairs'));
  f.forLoop('j', op.i32Const(0), f.get('count'), op.i32Const(1), () => {
    const indexAt = (base: string) => [...f.get(base), ...f.get('j'), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load()];
    f.emit(f.get('x'), indexAt('points'), f.get('lb'), op.i32Mul, op.i32Add, f.set('xa'));
    f.emit(f.get('targets'), indexAt('owners'), f.get('lb'), op.i32Mul, op.i32Add, f.set('ca'));
    f.emit(op.f64Const(0), op.f64x2Splat, f.set('acc'));
    f.forLoop('tb', op.i32Const(0), f.get('pairs'), op.i32Const(16), () => {
      f.emit(f.get('acc'), f.get('xa'), f.get('tb'), op.i32Add, op.v128Load(), f.get('ca'), f.get('tb'), op.i32Add, op.v128Load());
      f.emit(op.f64x2Mul, op.f64x2Add, f.set('acc'));
    });
    f.emit(f.get('acc'), op.f64x2ExtractLane(0), f.get('acc'), op.f64x2ExtractLane(1), op.f64Add, f.set('sum'));
    // An odd last column.
    f.emit(f.get('pairs'), f.get('lb'), op.i32GeS, op.i32Eqz, op.if);
    f.emit(f.get('sum'), f.get('xa'), f.get('pairs'), op.i32Add, op.f64Load(), f.get('ca'), f.get('pairs'), op.i32Add, op.f64Load(), op.f64Mul, op.f64Add, f.set('sum'));
    f.emit(op.end);
    f.emit(f.get('out'), f.get('j'), op.i32Const(3), op.i32Shl, op.i32Add, f.get('sum'), op.f64Store());
  });
  return f;
}

/**
 * nearestTwo(out, stride, k, norms, count, best, first, second): for each row j < count of
 * a rowDots block, v_c = norms[c] − 2·out[j·stride + c] for c < k; best[j] = the first c
 * with the least v, first[j] = that v, second[j] = the least v of the other centres. The
 * same operations and comparisons, in the same order, as the JavaScript scan of
 * kmeansCore.ts (Hamerly's and Lloyd's E-steps), so the same results.
 */
function nearestTwoKernel(): FunctionBuilder {
  const f = new FunctionBuilder('nearestTwo');
  for (const p of ['out', 'stride', 'k', 'norms', 'count', 'best', 'first', 'second']) f.param(p, I32);
  for (const p of ['j', 'c', 'row', 'bestC']) f.local(p, I32);
  for (const p of ['v', 'bestV', 'secondV']) f.local(p, F64);
  f.forLoop('j', op.i32Const(0), f.get('count'), op.i32Const(1), () => {
    f.emit(f.get('out'), f.get('j'), f.get('stride'), op.i32Mul, op.i32Const(3), op.i32Shl, op.i32Add, f.set('row'));
    f.emit(op.f64Const(Infinity), f.tee('bestV'), f.set('secondV'), op.i32Const(0), f.set('bestC'));
    f.forLoop('c', op.i32Const(0), f.get('k'), op.i32Const(1), () => {
      f.emit(f.get('norms'), f.get('c'), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load());
      f.emit(op.f64Const(2), f.get('row'), f.get('c'), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), op.f64Mul, op.f64Sub, f.set('v'));
      f.emit(f.get('v'), f.get('bestV'), op.f64Lt, op.if);
      f.emit(f.get('bestV'), f.set('secondV'), f.get('v'), f.set('bestV'), f.get('c'), f.set('bestC'));
      f.emit(op.else);
      f.emit(f.get('v'), f.get('secondV'), op.f64Lt, op.if, f.get('v'), f.set('secondV'), op.end);
      f.emit(op.end);
    });
    f.emit(f.get('best'), f.get('j'), op.i32Const(2), op.i32Shl, op.i32Add, f.get('bestC'), op.i32Store());
    f.emit(f.get('first'), f.get('j'), op.i32Const(3), op.i32Shl, op.i32Add, f.get('bestV'), op.f64Store());
    f.emit(f.get('second'), f.get('j'), op.i32Const(3), op.i32Shl, op.i32Add, f.get('secondV'), op.f64Store());
  });
  return f;
}

/**
 * candidateStep(out, stride, m, count, norms, candidateNorms, closest, trial, potentials),
 * one step of greedy k-means++ over a rowDots block of `count` points (norms, closest and
 * trial addressed from the block's first point): for each point j and candidate t,
 *   v = max(0, norms[j] + candidateNorms[t] − 2·out[j·stride + t]),  trial[j·m + t] = v,
 *   potentials[t] += min(closest[j], v)   (points in order)
 * the operations of kmeansPlusPlus.ts in the same order.
 */
function candidateStepKernel(): FunctionBuilder {
  const f = new FunctionBuilder('candidateStep');
  for (const p of ['out', 'stride', 'm', 'count', 'norms', 'candidateNorms', 'closest', 'trial', 'potentials']) f.param(p, I32);
  for (const p of ['j', 't', 'row', 'trialRow', 'potential']) f.local(p, I32);
  for (const p of ['ni', 'own', 'v']) f.local(p, F64);
  const at = (base: string, index: string): Bytes => [...f.get(base), ...f.get(index), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add];
  f.forLoop('j', op.i32Const(0), f.get('count'), op.i32Const(1), () => {
    f.emit(at('norms', 'j'), op.f64Load(), f.set('ni'));
    f.emit(at('closest', 'j'), op.f64Load(), f.set('own'));
    f.emit(f.get('out'), f.get('j'), f.get('stride'), op.i32Mul, op.i32Const(3), op.i32Shl, op.i32Add, f.set('row'));
    f.emit(f.get('trial'), f.get('j'), f.get('m'), op.i32Mul, op.i32Const(3), op.i32Shl, op.i32Add, f.set('trialRow'));
    f.forLoop('t', op.i32Const(0), f.get('m'), op.i32Const(1), () => {
      f.emit(op.f64Const(0));
      f.emit(f.get('ni'), at('candidateNorms', 't'), op.f64Load(), op.f64Add);
      f.emit(op.f64Const(2), at('row', 't'), op.f64Load(), op.f64Mul, op.f64Sub, op.f64Max, f.set('v'));
      f.emit(at('trialRow', 't'), f.get('v'), op.f64Store());
      f.emit(at('potentials', 't'), f.tee('potential'), f.get('potential'), op.f64Load(), f.get('own'), f.get('v'), op.f64Min, op.f64Add, op.f64Store());
    });
  });
  return f;
}

/** Assembles and compiles the k-means kernels (tests require it to succeed). */
export function compileRowDotsKernels(): KernelCompilation {
  return compileKernels(() => [rowDotsKernel().build(), ownDotsKernel().build(), nearestTwoKernel().build(), candidateStepKernel().build()], 1);
}

/**
 * The compiled kernels, or null (after a warning on stderr) when they do not compile: the
 * callers then use their JavaScript loops, which give the same numbers. A WebAssembly.Module
 * can be posted to worker threads, which instantiate it with their own memory.
 */
export const rowDotsModule = lazyKernelModule('k-means distance kernels', compileRowDotsKernels);
