// Shifted squared distances ‖c‖² − 2x·c between points and centres: the plain in-order
// sums every k-means code path compares, singly, for a listed set of centres, for two
// points at a time, and through the WebAssembly kernel.

/**
 * ‖c‖² − 2 x_i·c (the squared distance minus ‖x_i‖²) for one centre c: the plain in-order
 * sum over t = 0..d−1. Every kernel that feeds a comparison between centres (Lloyd's
 * E-step, Hamerly's exact distances) computes each dot product in exactly this
 * order, several at a time but each in its own sum, so all code paths see bit-identical
 * values and break ties the same way.
 */
export function shiftedDistance(
  data: Float64Array,
  base: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  c: number,
): number {
  const cBase = c * d;
  let s = 0;
  for (let t = 0; t < d; t++) s += data[base + t] * centres[cBase + t];
  return cNorms[c] - 2 * s;
}

/**
 * ‖c‖² − 2 x_i·c for one centre, summed in four interleaved partial sums: about 3× faster
 * than the in-order sum (the additions no longer wait on each other) but NOT bit-identical
 * to it, so only used where any value within the rounding bound η will do (tightening an
 * upper bound), never to compare centres.
 */
export function shiftedDistanceFast(
  data: Float64Array,
  base: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  c: number,
): number {
  const cBase = c * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    s0 += data[base + t] * centres[cBase + t];
    s1 += data[base + t + 1] * centres[cBase + t + 1];
    s2 += data[base + t + 2] * centres[cBase + t + 2];
    s3 += data[base + t + 3] * centres[cBase + t + 3];
  }
  for (; t < d; t++) s0 += data[base + t] * centres[cBase + t];
  return cNorms[c] - 2 * (s0 + s1 + (s2 + s3));
}

/**
 * out[j] = ‖c‖² − 2 x_i·c for the listed centres c = list[j], four at a time, with the
 * in-order sums of {@link shiftedDistance} (bit-identical values).
 */
export function shiftedDistancesListed(
  data: Float64Array,
  base: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  list: Int32Array,
  count: number,
  out: Float64Array,
): void {
  let j = 0;
  for (; j + 3 < count; j += 4) {
    const c0 = list[j];
    const c1 = list[j + 1];
    const c2 = list[j + 2];
    const c3 = list[j + 3];
    const b0 = c0 * d;
    const b1 = c1 * d;
    const b2 = c2 * d;
    const b3 = c3 * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[base + t];
      s0 += x * centres[b0 + t];
      s1 += x * centres[b1 + t];
      s2 += x * centres[b2 + t];
      s3 += x * centres[b3 + t];
    }
    out[j] = cNorms[c0] - 2 * s0;
    out[j + 1] = cNorms[c1] - 2 * s1;
    out[j + 2] = cNorms[c2] - 2 * s2;
    out[j + 3] = cNorms[c3] - 2 * s3;
  }
  if (count - j >= 2) {
    const c0 = list[j];
    const c1 = list[j + 1];
    const b0 = c0 * d;
    const b1 = c1 * d;
    let s0 = 0;
    let s1 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[base + t];
      s0 += x * centres[b0 + t];
      s1 += x * centres[b1 + t];
    }
    out[j] = cNorms[c0] - 2 * s0;
    out[j + 1] = cNorms[c1] - 2 * s1;
    j += 2;
  }
  if (j < count) out[j] = shiftedDistance(data, base, d, centres, cNorms, list[j]);
}

/**
 * {@link shiftedDistance} to every centre for two points at once (rows at baseA and baseB),
 * written to out[offsetA + c] and out[offsetB + c]: eight independent sums share each load
 * of the two rows and of four centres (about 3× faster than one sum at a time), each still
 * the in-order sum over t, so the values are bit-identical to {@link shiftedDistance}.
 */
export function shiftedDistancesPair(
  data: Float64Array,
  baseA: number,
  baseB: number,
  d: number,
  centres: Float64Array,
  cNorms: Float64Array,
  k: number,
  out: Float64Array,
  offsetA: number,
  offsetB: number,
): void {
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const b0 = c * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[baseA + t];
      const y = data[baseB + t];
      const c0 = centres[b0 + t];
      const c1 = centres[b1 + t];
      const c2 = centres[b2 + t];
      const c3 = centres[b3 + t];
      s0 += x * c0;
      s1 += x * c1;
      s2 += x * c2;
      s3 += x * c3;
      r0 += y * c0;
      r1 += y * c1;
      r2 += y * c2;
      r3 += y * c3;
    }
    out[offsetA + c] = cNorms[c] - 2 * s0;
    out[offsetA + c + 1] = cNorms[c + 1] - 2 * s1;
    out[offsetA + c + 2] = cNorms[c + 2] - 2 * s2;
    out[offsetA + c + 3] = cNorms[c + 3] - 2 * s3;
    out[offsetB + c] = cNorms[c] - 2 * r0;
    out[offsetB + c + 1] = cNorms[c + 1] - 2 * r1;
    out[offsetB + c + 2] = cNorms[c + 2] - 2 * r2;
    out[offsetB + c + 3] = cNorms[c + 3] - 2 * r3;
  }
  for (; c < k; c++) {
    out[offsetA + c] = shiftedDistance(data, baseA, d, centres, cNorms, c);
    out[offsetB + c] = shiftedDistance(data, baseB, d, centres, cNorms, c);
  }
}

/**
 * Fills dist (length k·count) with the shifted distances of the listed points to every
 * centre (row j of dist for points[j]), two points at a time.
 */
export function shiftedDistancesOf(
  data: Float64Array,
  d: number,
  points: Int32Array,
  count: number,
  centres: Float64Array,
  cNorms: Float64Array,
  k: number,
  dist: Float64Array,
): void {
  let j = 0;
  for (; j + 1 < count; j += 2) {
    shiftedDistancesPair(data, points[j] * d, points[j + 1] * d, d, centres, cNorms, k, dist, j * k, j * k + k);
  }
  if (j < count) {
    // The last point alone: paired with itself (same values as the one-point kernel).
    shiftedDistancesPair(data, points[j] * d, points[j] * d, d, centres, cNorms, k, dist, j * k, j * k);
  }
}
