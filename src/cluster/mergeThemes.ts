import type { DenseMatrix } from '../types.js';

/** Themes after merging: compact labels 0..k'−1 and, for each, the id it keeps (the smallest of those merged). */
export interface MergedThemes {
  labels: Int32Array;
  k: number;
  /** ids[c] = the original theme id of merged theme c, ascending. */
  ids: Int32Array;
  /** members[c] = the original ids merged into theme c, ascending. */
  members: number[][];
  /** k' x d mean of each merged theme's rows: its centre. */
  centres: Float64Array;
}

/**
 * Each of the k themes' id after the merges `pairs` (theme a with theme b), applied in
 * order and transitively (merging 3 with 7 and then 2 with 3 puts 7 into 2): every group
 * keeps its smallest id. `root[t]` is the id theme t ends in.
 */
export function mergeRoots(k: number, pairs: ReadonlyArray<readonly [number, number]>): Int32Array {
  const roots = mergeGroupRoots(pairs);
  return Int32Array.from({ length: k }, (_, t) => roots.get(t) ?? t);
}

/**
 * Each id named in `pairs` mapped to the smallest id of its group (pairs chain: [3, 7],
 * [2, 3] is one group); ids are any non-negative integers (themes of a run, or the
 * nightly job's stable ids).
 */
export function mergeGroupRoots(pairs: ReadonlyArray<readonly [number, number]>): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  return new Map([...parent.keys()].map((id) => [id, find(id)]));
}

/**
 * The pairs that reduce k themes to `target` by the theme tree: the first k − target merges
 * of an agglomerative linkage (scipy's form: merge i joins nodes left and right, leaves
 * 0..k−1 are the themes, merge i is node k + i), each given as one theme of each side.
 */
export function pairsToReduce(linkage: { left: Int32Array; right: Int32Array }, k: number, target: number): Array<[number, number]> {
  const merges = linkage.left.length;
  const firstLeaf = new Int32Array(k + merges);
  for (let t = 0; t < k; t++) firstLeaf[t] = t;
  for (let i = 0; i < merges; i++) firstLeaf[k + i] = Math.min(firstLeaf[linkage.left[i]], firstLeaf[linkage.right[i]]);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < Math.min(merges, Math.max(0, k - target)); i++) pairs.push([firstLeaf[linkage.left[i]], firstLeaf[linkage.right[i]]]);
  return pairs;
}

/**
 * The papers' themes after merging (`root` from mergeRoots), renumbered 0..k'−1 in the
 * order of the ids kept, with each merged theme's centre: the mean of its rows of X
 * (X the reduced vectors; the mean of two themes' rows is their centres' size-weighted mean).
 */
export function applyMerges(labels: Int32Array, root: Int32Array, X: DenseMatrix): MergedThemes {
  const kept = [...new Set(root)].sort((a, b) => a - b);
  const compact = new Map(kept.map((id, c) => [id, c]));
  const merged = Int32Array.from(labels, (t) => compact.get(root[t])!);
  const k = kept.length;
  const d = X.cols;
  const centres = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  for (let r = 0; r < X.rows; r++) {
    const c = merged[r];
    sizes[c]++;
    for (let j = 0; j < d; j++) centres[c * d + j] += X.data[r * d + j];
  }
  for (let c = 0; c < k; c++) if (sizes[c] > 0) for (let j = 0; j < d; j++) centres[c * d + j] /= sizes[c];
  const members = kept.map((id) => [...root.keys()].filter((t) => root[t] === id));
  return { labels: merged, k, ids: Int32Array.from(kept), members, centres };
}
