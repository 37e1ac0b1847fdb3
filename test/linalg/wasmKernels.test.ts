import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CsrMatrix, DenseMatrix } from '../../src/types.js';
import { releaseKernelMemory, stopWasmWorkers, svdKernels, WasmLinalg } from '../../src/linalg/wasmKernels.js';
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

/** Fails naming the first element whose bits differ (element-wise toEqual is slow on 10⁵ numbers). */
function expectSameBits(actual: Float64Array, want: Float64Array, what: string): void {
  const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  if (actual.length === want.length && bytes(actual).equals(bytes(want))) return;
  const at = want.findIndex((v, i) => !Object.is(v, actual[i]));
  expect.fail(`${what}: ${actual.length} values for ${want.length}; first difference at ${at}: ${actual[at]} instead of ${want[at]}`);
}

/**
 * A matrix shaped like the pipeline's TF-IDF: `rows` abstracts of about 60 distinct terms
 * over a vocabulary of `cols`, frequent terms far more common (Zipf-like), unit rows.
 */
function tfidfLike(rows: number, cols: number, seed: number): CsrMatrix {
  const random = createRandom(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const terms = new Set<number>();
    const wanted = 30 + Math.floor(random() * 60);
    while (terms.size < wanted) terms.add(Math.floor(cols * random() ** 3));
    const sorted = [...terms].sort((a, b) => a - b);
    const weights = sorted.map((t) => (1 + Math.floor(random() * 4)) * Math.log(1 + (cols / (1 + t))));
    const norm = Math.hypot(...weights);
    indices.push(...sorted);
    values.push(...weights.map((w) => w / norm));
    indptr[r + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/** An instance of the kernels (a kernel that fails to load throws, failing the tests). */
function kernels(threads = 1): WasmLinalg {
  return WasmLinalg.create(threads);
}

describe('WebAssembly kernels', () => {
  let linalg: WasmLinalg;
  // Before each test, so that kernels which do not compile fail every one of them.
  beforeEach(() => {
    linalg ??= kernels();
  });

  it('load on this runtime, one WebAssembly module per kernel (Node 20 and later have SIMD and threads)', () => {
    expect(Object.keys(svdKernels().modules).sort()).toEqual(['gatherRows', 'gramRows', 'subtractOuterRows', 'timesSmallRows', 'zeroBytes']);
  });

  it('give the JavaScript kernels’ numbers bit for bit on a TF-IDF-shaped matrix at the SVD’s sketch width (every export)', () => {
    const A = tfidfLike(1500, 4000, 77);
    const l = 110;
    const means = csrColumnMeans(A);
    // A·B and Aᵀ·(A·B), as the power iterations take them, each with its mean correction.
    const B = dense(A.cols, l, 78);
    const product = linalg.times(linalg.pin(A), B);
    const want = new Float64Array(A.rows * l);
    gatherRowsRange(A.indptr, A.indices, A.values, B.data, l, want, 0, A.rows);
    expectSameBits(product.data, want, 'A·B');
    subtractMeanProduct(want, B, means);
    linalg.subtractOuter(product, null, meanShift(B, means));
    expectSameBits(product.data, want, 'A·B − 1·shift');
    const At = csrTranspose(A);
    const pinnedAt = linalg.pin(At);
    const back = linalg.times(pinnedAt, product);
    const wantBack = new Float64Array(A.cols * l);
    gatherRowsRange(At.indptr, At.indices, At.values, want, l, wantBack, 0, A.cols);
    expectSameBits(back.data, wantBack, 'Aᵀ·Y');
    subtractMeanTransposeProduct(wantBack, product, means);
    linalg.subtractOuter(back, means, columnSums(product));
    expectSameBits(back.data, wantBack, 'Aᵀ·Y − μ·sums');
    // The Gram matrix of the sketch and its product with an upper-triangular factor.
    const bounds = gramBlocks(A.rows);
    const partials = linalg.gramPartials(product, bounds);
    partials.forEach((p, b) => {
      const g = new Float64Array(l * l);
      gramRange(want, l, g, bounds[b], bounds[b + 1]);
      expectSameBits(p, g, `Gram partial ${b}`);
    });
    const r = dense(l, l, 79).data;
    const wantQ = new Float64Array(A.rows * l);
    timesSmallRange(want, l, r, l, true, wantQ, 0, A.rows);
    expectSameBits(linalg.timesSmall(product, r, l, true).data, wantQ, 'Y·R (upper-triangular R)');
    // A region handed out again holds the last result: it is zeroed before a product adds into it.
    linalg.free(back);
    const again = linalg.times(pinnedAt, product);
    expect(again.data.byteOffset).toBe(back.data.byteOffset);
    const wantAgain = new Float64Array(A.cols * l);
    gatherRowsRange(At.indptr, At.indices, At.values, want, l, wantAgain, 0, A.cols);
    expectSameBits(again.data, wantAgain, 'Aᵀ·Y in a reused region');
  });

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

  it('give regions freed at the top back to the top: ever larger calls need only the largest, not their sum', () => {
    const B = linalg.adopt(dense(200, 8, 11));
    const base = linalg.usedBytes();
    let largest = 0;
    for (let rows = 10; rows <= 200; rows += 10) {
      const before = linalg.usedBytes();
      const A = linalg.pin(tfidfLike(rows, 200, rows));
      linalg.free(linalg.times(A, B));
      linalg.unpin(A);
      // Everything this call took is free again, and the top is back where it was.
      expect(linalg.usedBytes()).toBe(before);
      largest = Math.max(largest, rows);
    }
    expect(largest).toBe(200);
    expect(linalg.usedBytes()).toBe(base);
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

describe('WebAssembly kernels on several threads', () => {
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
    const one = kernels(1);
    const want = results(one);
    one.release();
    for (const threads of [2, 3]) {
      const linalg = kernels(threads);
      expect(results(linalg).equals(want)).toBe(true);
      linalg.release();
    }
  });

  it('let their memory go on releaseKernelMemory, and work as before on fresh memory and threads', async () => {
    const one = kernels(1);
    const want = results(one);
    one.release();
    const used = kernels(2);
    const memory = (used as unknown as { memory: WebAssembly.Memory }).memory;
    used.release();
    await releaseKernelMemory();
    const fresh = kernels(2);
    expect((fresh as unknown as { memory: WebAssembly.Memory }).memory).not.toBe(memory);
    expect(results(fresh).equals(want)).toBe(true);
    fresh.release();
  });

  it('fails a call whose task traps, and gives the memory to no later instance', () => {
    // Column indices far outside the memory: the gather traps in whichever thread runs it.
    const broken = { ...A, indices: A.indices.map((c, p) => (p % 1000 === 999 ? 1 << 26 : c)) };
    const failing = kernels(2);
    const kept = failing.adopt(dense(4, 4, 1));
    const before = kept.data.slice();
    expect(() => failing.times(failing.pin(broken), B)).toThrow();
    failing.release();
    // The next instance starts on other memory (its first region would lie where `kept`
    // lies) and computes right.
    const fresh = kernels(2);
    fresh.adopt(dense(4, 4, 2));
    expect(kept.data).toEqual(before);
    const want = kernels(1);
    expect(fresh.times(fresh.pin(A), B).data).toEqual(want.times(want.pin(A), B).data);
    fresh.release();
    want.release();
  });

  it('hands a released memory to the next instance, and refuses use after release', () => {
    const first = kernels(2);
    const want = results(first);
    first.release();
    expect(() => first.timesSmall(X, w, 5, false)).toThrow(/after release/);
    // The next instance reuses the memory (its old contents are overwritten) and still computes right.
    const second = kernels(2);
    expect(results(second).equals(want)).toBe(true);
    second.release();
  });
});
