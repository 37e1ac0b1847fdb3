import { afterAll, describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../../src/types.js';
import { stopWasmWorkers, WasmLinalg } from '../../src/linalg/wasmKernels.js';
import { gatherRowsRange, gramRange, timesSmallRange } from '../../src/linalg/rowKernels.js';
import { columnSums, csrColumnMeans, csrFromDense, csrTranspose, meanShift, subtractMeanProduct, subtractMeanTransposeProduct } from '../../src/linalg/csr.js';
import { gramBlocks } from '../../src/linalg/dense.js';
import { createRandom, gaussian } from '../../src/random/seededRandom.js';

function dense(rows: number, cols: number, seed: number, zeros = 0): DenseMatrix {
  const random = createRandom(seed);
  return {
    rows,
    cols,
    data: Float64Array.from({ length: rows * cols }, () => (random() < zeros ? 0 : gaussian(random))),
  };
}

const wasm = WasmLinalg.create();

describe.skipIf(wasm === null)('WebAssembly kernels', () => {
  const linalg = wasm as WasmLinalg;

  it('give bit-identical sparse products (8-, 4- and 1-entry passes; even and odd widths)', () => {
    const random = createRandom(1);
    const rows = Array.from({ length: 37 }, (_, r) =>
      Array.from({ length: 29 }, () => (random() < (r % 5) / 5 ? gaussian(random) : 0)),
    );
    const A = csrFromDense(rows);
    const pinned = linalg.pin(A);
    for (const l of [1, 2, 7, 10, 33]) {
      const B = dense(29, l, 10 + l);
      const want = new Float64Array(37 * l);
      gatherRowsRange(A.indptr, A.indices, A.values, B.data, l, want, 0, 37);
      expect(linalg.times(pinned, B).data).toEqual(want);
    }
  });

  it('give bit-identical mean corrections (o −= 1·shift, and o −= μ·sums skipping μ = 0)', () => {
    const random = createRandom(5);
    const A = csrFromDense(Array.from({ length: 31 }, () => Array.from({ length: 17 }, () => (random() < 0.3 ? gaussian(random) : 0))));
    const means = csrColumnMeans(A);
    means[3] = 0;
    for (const l of [1, 6, 9]) {
      const B = dense(17, l, 20 + l);
      const product = linalg.times(linalg.pin(A), B);
      const want = product.data.slice();
      subtractMeanProduct(want, B, means);
      linalg.subtractOuter(product, null, meanShift(B, means));
      expect(product.data).toEqual(want);

      const Bt = dense(31, l, 40 + l);
      const transposed = linalg.times(linalg.pin(csrTranspose(A)), Bt);
      const wantT = transposed.data.slice();
      subtractMeanTransposeProduct(wantT, Bt, means);
      linalg.subtractOuter(transposed, means, columnSums(Bt));
      expect(transposed.data).toEqual(wantT);
    }
  });

  it('keeps results resident: they are operands without copies, and freed memory is reused', () => {
    const X = dense(50, 4, 7);
    const first = linalg.timesSmall(X, dense(4, 4, 8).data, 4, false);
    expect(linalg.isResident(first)).toBe(true);
    expect(linalg.isResident(X)).toBe(false);
    // A resident operand is read where it lies: the product of the product is right.
    const second = linalg.timesSmall(first, dense(4, 3, 9).data, 3, false);
    const want = new Float64Array(50 * 3);
    timesSmallRange(first.data.slice(), 4, dense(4, 3, 9).data, 3, false, want, 0, 50);
    expect(second.data).toEqual(want);
    // Freed, its region is handed to the next result of the same size.
    linalg.free(first);
    expect(linalg.isResident(first)).toBe(false);
    const third = linalg.timesSmall(X, dense(4, 4, 10).data, 4, false);
    expect(third.data.byteOffset).toBe(first.data.byteOffset);
    expect(linalg.adopt(third)).toBe(third);
    const adopted = linalg.adopt(X);
    expect(linalg.isResident(adopted)).toBe(true);
    expect(adopted.data).toEqual(X.data);
  });

  it('give bit-identical Gram partials and small products (full and upper-triangular)', () => {
    for (const [n, l, k] of [
      [23, 5, 3],
      [40, 8, 8],
      [9, 1, 2],
      [61, 13, 7],
      // Blocks of eight columns plus the last two, four or six, and an odd one.
      [37, 20, 23],
      [30, 11, 18],
      [17, 26, 12],
      [5, 30, 30],
    ]) {
      const X = dense(n, l, n + l, 0.2);
      const bounds = gramBlocks(n);
      const partials = linalg.gramPartials(X, bounds);
      partials.forEach((p, b) => {
        const want = new Float64Array(l * l);
        gramRange(X.data, l, want, bounds[b], bounds[b + 1]);
        expect(p).toEqual(want);
      });
      const w = dense(l, k, 3 * k).data;
      const want = new Float64Array(n * k);
      timesSmallRange(X.data, l, w, k, false, want, 0, n);
      expect(linalg.timesSmall(X, w, k, false).data).toEqual(want);
      const square = dense(l, l, 4 * l).data;
      const wantUpper = new Float64Array(n * l);
      timesSmallRange(X.data, l, square, l, true, wantUpper, 0, n);
      expect(linalg.timesSmall(X, square, l, true).data).toEqual(wantUpper);
    }
  });
});

describe.skipIf(wasm === null)('WebAssembly kernels on several threads', () => {
  afterAll(stopWasmWorkers);
  const random = createRandom(9);
  // Big enough (milliseconds per task) for the helper threads to take some of the tasks.
  const A = csrFromDense(Array.from({ length: 20000 }, () => Array.from({ length: 100 }, () => (random() < 0.1 ? gaussian(random) : 0))));
  const B = dense(100, 11, 2);
  const X = dense(20000, 9, 3);
  const w = dense(9, 5, 4).data;
  const subtracted = (linalg: WasmLinalg, O: DenseMatrix, u: Float64Array | null, v: Float64Array) => {
    linalg.subtractOuter(O, u, v);
    return O;
  };
  /** Every result, as bytes (compared whole: element-wise matching of 10⁵ numbers is slow). */
  const results = (linalg: WasmLinalg) => Buffer.concat([
    linalg.times(linalg.pin(A), B).data,
    ...linalg.gramPartials(X, gramBlocks(20000)),
    linalg.timesSmall(X, w, 5, false).data,
    subtracted(linalg, linalg.timesSmall(X, w, 5, false), X.data.subarray(0, 20000), w.subarray(0, 5)).data,
  ].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));

  it('give the same results on 1, 2 and 3 threads (row ranges split over helper threads)', () => {
    const one = WasmLinalg.create(1)!;
    const want = results(one);
    one.release();
    for (const threads of [2, 3]) {
      const linalg = WasmLinalg.create(threads)!;
      expect(results(linalg).equals(want)).toBe(true);
      linalg.release();
    }
  });

  it('fails a call whose task traps, and gives the memory to no later instance', () => {
    // Column indices far outside the memory: the gather traps in whichever thread runs it.
    const broken = { ...A, indices: A.indices.map((c, p) => (p % 1000 === 999 ? 1 << 26 : c)) };
    const failing = WasmLinalg.create(2)!;
    const kept = failing.adopt(dense(4, 4, 1));
    const before = kept.data.slice();
    expect(() => failing.times(failing.pin(broken), B)).toThrow();
    failing.release();
    // The next instance starts on other memory (its first region would lie where `kept`
    // lies) and computes right.
    const fresh = WasmLinalg.create(2)!;
    fresh.adopt(dense(4, 4, 2));
    expect(kept.data).toEqual(before);
    const want = WasmLinalg.create(1)!;
    expect(fresh.times(fresh.pin(A), B).data).toEqual(want.times(want.pin(A), B).data);
    fresh.release();
    want.release();
  });

  it('hands a released memory to the next instance, and refuses use after release', () => {
    const first = WasmLinalg.create(2)!;
    const want = results(first);
    first.release();
    expect(() => first.timesSmall(X, w, 5, false)).toThrow(/after release/);
    // The next instance reuses the memory (its old contents are overwritten) and still computes right.
    const second = WasmLinalg.create(2)!;
    expect(results(second).equals(want)).toBe(true);
    second.release();
  });
});
