import { describe, expect, it } from 'vitest';
import { FunctionBuilder, I32, assembleModule, op } from '../../src/linalg/wasmAssembler.js';
import { twoRowBlock, twoRowBlockLocals } from '../../src/linalg/wasmBlocks.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

/** A module whose function block(pairs) runs twoRowBlock for rows a, b against w (stride bytes) over `length` steps. */
function blockModule(): Record<string, (xa: number, xb: number, w: number, stride: number, oa: number, ob: number, length: number) => void> {
  const functions = [1, 2, 3, 4].map((pairs) => {
    const f = new FunctionBuilder(`block${pairs}`);
    for (const p of ['xa', 'xb', 'base', 'stride', 'oa', 'ob', 'length']) f.param(p, I32);
    for (const p of ['cb', 'w', 'tb']) f.local(p, I32);
    twoRowBlockLocals(f);
    f.emit(op.i32Const(0), f.set('cb'));
    twoRowBlock(f, pairs, 'base', 'stride', [...f.get('length'), ...op.i32Const(3), ...op.i32Shl]);
    return f.build();
  });
  return new WebAssembly.Instance(new WebAssembly.Module(assembleModule(functions, 1)), { env: { memory } }).exports as never;
}

const memory = new WebAssembly.Memory({ initial: 4 });

describe('twoRowBlock', () => {
  it('gives the in-order sums Σ_t a[t]·w[t, c] of two rows, bit for bit, for 2, 4, 6 and 8 columns', () => {
    const kernels = blockModule();
    const random = createRandom(3);
    const view = new Float64Array(memory.buffer);
    const length = 37;
    const stride = 11; // columns of w, more than any block uses
    const a = Array.from({ length }, () => gaussian(random) * 1e3);
    const b = Array.from({ length }, () => gaussian(random) / 7);
    const w = Array.from({ length: length * stride }, () => gaussian(random));
    const [xa, xb, base, oa, ob] = [0, 64, 128, 1024, 1088];
    view.set(a, xa);
    view.set(b, xb);
    view.set(w, base);
    for (const pairs of [1, 2, 3, 4]) {
      view.fill(Number.NaN, oa, oa + 128);
      kernels[`block${pairs}`](xa * 8, xb * 8, base * 8, stride * 8, oa * 8, ob * 8, length);
      for (let c = 0; c < 2 * pairs; c++) {
        let sa = 0;
        let sb = 0;
        for (let t = 0; t < length; t++) {
          sa += a[t] * w[t * stride + c];
          sb += b[t] * w[t * stride + c];
        }
        expect(view[oa + c]).toBe(sa);
        expect(view[ob + c]).toBe(sb);
      }
      // Nothing past the block's columns is written.
      expect(Number.isNaN(view[oa + 2 * pairs])).toBe(true);
    }
  });

  it('accepts one to four lanes only', () => {
    const f = new FunctionBuilder('bad');
    expect(() => twoRowBlock(f, 5, 'base', 'stride', op.i32Const(0))).toThrow(/1 to 4 lanes/);
  });
});
