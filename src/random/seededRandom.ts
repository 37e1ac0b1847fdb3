/**
 * Deterministic pseudo-random numbers. Every stochastic stage of the pipeline (randomized
 * SVD test matrices, k-means++ seeding, silhouette sampling) takes an explicit seed and
 * builds its own generator with {@link createRandom}: no `Math.random`, no shared state, so
 * a run is reproducible from its parameters alone.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * SplitMix32 finaliser: a bijective avalanche hash of a 32-bit integer. Used to spread
 * nearby seeds (0, 1, 2, ...) over the whole state space, so neighbouring seeds give
 * unrelated streams.
 */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Reduces any finite number to a 32-bit integer seed. Integers in the 32-bit range map to
 * themselves; larger or fractional numbers are folded (high word xor low word), so
 * different seeds rarely collide. Non-finite seeds are rejected.
 */
function seedToUint32(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  if (Number.isInteger(seed) && seed >= -0x80000000 && seed <= 0xffffffff) return seed >>> 0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed);
  return (view.getUint32(0) ^ view.getUint32(4)) >>> 0;
}

/**
 * Mulberry32 generator seeded with splitmix32(seed): uniform in [0, 1) with 2⁻³²
 * resolution, period 2³². Ample for sampling test matrices and seeds; not cryptographic.
 */
export function createRandom(seed: number): Random {
  let state = splitmix32(seedToUint32(seed));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A standard normal N(0, 1) draw by the Box–Muller transform:
 * z = √(−2 ln u₁) · cos(2π u₂) with u₁ ∈ (0, 1] (so the log is finite), u₂ ∈ [0, 1).
 * Consumes exactly two uniforms per call; the sine twin is discarded to keep the helper
 * stateless.
 */
export function gaussian(random: Random): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A child seed for independent sub-stream `stream` of `seed` (e.g. the r-th k-means
 * restart). Hashes the pair, so child streams are unrelated to each other and to the
 * parent stream.
 */
export function deriveSeed(seed: number, stream: number): number {
  return splitmix32(splitmix32(seedToUint32(seed)) ^ Math.imul(stream + 1, 0x27d4eb2f));
}
