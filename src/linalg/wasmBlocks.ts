import { V128, op, type Bytes, type FunctionBuilder } from './wasmAssembler.js';

/**
 * The register-blocked SIMD loop shared by the row-by-small-matrix kernels (k-means'
 * rowDots, the SVD's X·W): two rows a and b of a row-major operand against `pairs` f64x2
 * lanes (2·pairs columns) of a matrix whose rows are `stride` bytes apart:
 *
 *   acc_q = 0;  for (t = 0; t < limit; t += 8) { acc_q += a[t]·w[t, q];  acc_{q+4} += b[t]·w[t, q] }
 *   out_a[cb + 16q] = acc_q;  out_b[cb + 16q] = acc_{q+4}
 *
 * Each sum starts at 0 and adds its products in order of t, one multiplication and one
 * addition each (no fused multiply-add), so the results are the bits of the plain
 * JavaScript loop `s = 0; for (t…) s += a[t] * w[t]`. Up to eight accumulators (pairs ≤
 * 4) share each load of `w`, which is what makes the blocked loop fast.
 *
 * Locals the function must have: i32 xa, xb (byte addresses of rows a and b), oa, ob
 * (their output rows), cb (byte column of the block), w, tb (scratch); v128 va, vb,
 * c0..c3, acc0..acc7. `base` and `stride` name i32 locals: the address of w's first row
 * and its row stride in bytes; `limit` computes the byte length of the t loop.
 */
export function twoRowBlock(f: FunctionBuilder, pairs: number, base: string, stride: string, limit: Bytes): void {
  if (!(pairs >= 1 && pairs <= 4)) throw new RangeError(`twoRowBlock: 1 to 4 lanes, got ${pairs}`);
  for (let q = 0; q < pairs; q++) f.emit(op.f64Const(0), op.f64x2Splat, f.tee(`acc${q}`), f.set(`acc${q + 4}`));
  f.emit(f.get(base), f.get('cb'), op.i32Add, f.set('w'));
  f.forLoop('tb', op.i32Const(0), limit, op.i32Const(8), () => {
    f.emit(f.get('xa'), f.get('tb'), op.i32Add, op.f64Load(), op.f64x2Splat, f.set('va'));
    f.emit(f.get('xb'), f.get('tb'), op.i32Add, op.f64Load(), op.f64x2Splat, f.set('vb'));
    for (let q = 0; q < pairs; q++) f.emit(f.get('w'), op.v128Load(16 * q), f.set(`c${q}`));
    for (let q = 0; q < pairs; q++) {
      f.emit(f.get(`acc${q}`), f.get('va'), f.get(`c${q}`), op.f64x2Mul, op.f64x2Add, f.set(`acc${q}`));
      f.emit(f.get(`acc${q + 4}`), f.get('vb'), f.get(`c${q}`), op.f64x2Mul, op.f64x2Add, f.set(`acc${q + 4}`));
    }
    f.emit(f.get('w'), f.get(stride), op.i32Add, f.set('w'));
  });
  for (let q = 0; q < pairs; q++) {
    f.emit(f.get('oa'), f.get('cb'), op.i32Add, f.get(`acc${q}`), op.v128Store(16 * q));
    f.emit(f.get('ob'), f.get('cb'), op.i32Add, f.get(`acc${q + 4}`), op.v128Store(16 * q));
  }
}

/** Declares the v128 locals twoRowBlock uses (va, vb, c0..c3, acc0..acc7). */
export function twoRowBlockLocals(f: FunctionBuilder): void {
  for (const p of ['va', 'vb', 'c0', 'c1', 'c2', 'c3']) f.local(p, V128);
  for (let q = 0; q < 8; q++) f.local(`acc${q}`, V128);
}

/**
 * The column blocks of a row pair: twoRowBlock-sized `block(4)` for every whole block of
 * eight columns (byte columns cb < full8), then `block(pairs)` once for the last two, four
 * or six columns ((width − full8) rounded down to 16 bytes = 16·pairs). `width` and
 * `full8` name i32 locals: the row width in bytes and its multiple of 64 bytes below; cb
 * is left at full8 for what follows (an odd last column).
 */
export function columnBlocks(f: FunctionBuilder, width: string, full8: string, block: (pairs: number) => void): void {
  f.forLoop('cb', op.i32Const(0), f.get(full8), op.i32Const(64), () => block(4));
  f.emit(f.get(full8), f.set('cb'));
  for (const pairs of [3, 2, 1]) {
    f.emit(f.get(width), f.get(full8), op.i32Sub, op.i32Const(-16), op.i32And, op.i32Const(16 * pairs), op.i32Eq, op.if);
    block(pairs);
    f.emit(op.end);
  }
}

/**
 * Rows two at a time: `for (counter = from; counter + 1 < limit; counter += 2) body(false)`,
 * then `body(true)` for a lone last row (limit − from odd), which the body pairs with
 * itself (both results land in the same row, with the same value).
 */
export function rowPairs(f: FunctionBuilder, counter: string, from: Bytes, limit: Bytes, body: (lone: boolean) => void): void {
  f.emit(from, f.set(counter), op.block, op.loop);
  f.emit(f.get(counter), op.i32Const(1), op.i32Add, limit, op.i32GeS, op.brIf(1));
  body(false);
  f.emit(f.get(counter), op.i32Const(2), op.i32Add, f.set(counter), op.br(0), op.end, op.end);
  f.emit(f.get(counter), limit, op.i32GeS, op.i32Eqz, op.if);
  body(true);
  f.emit(op.end);
}
