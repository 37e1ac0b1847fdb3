import type { Linkage } from './averageLinkage.js';

/**
 * Reading a {@link Linkage} as a tree: nodes 0..k-1 are the leaves, k + m the m-th merge,
 * 2k - 2 the root (for k >= 2; a single leaf is its own root).
 */

/**
 * The leaves of the dendrogram from top to bottom, as scipy's `leaves_list`: depth first
 * from the root, the left (lower-numbered) child before the right one. Length k.
 */
export function leafOrder(linkage: Linkage): Int32Array {
  const { k } = linkage;
  const order = new Int32Array(k);
  if (k === 1) return order;
  let at = 0;
  const stack = [2 * k - 2];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n < k) {
      order[at++] = n;
      continue;
    }
    // Right pushed first, so the left child is visited first.
    stack.push(linkage.right[n - k], linkage.left[n - k]);
  }
  return order;
}

/** The leaves under each merge, ascending: entry m lists the leaves of node k + m. */
export function mergeLeaves(linkage: Linkage): number[][] {
  const { k } = linkage;
  const leaves: number[][] = [];
  const of = (n: number) => (n < k ? [n] : leaves[n - k]);
  for (let m = 0; m < k - 1; m++) leaves.push([...of(linkage.left[m]), ...of(linkage.right[m])].sort((a, b) => a - b));
  return leaves;
}

/**
 * The parent of every node (2k - 1 entries: leaves, then merges): the merge that first joins
 * it, or -1 for the root.
 */
export function parentNodes(linkage: Linkage): Int32Array {
  const { k } = linkage;
  const parent = new Int32Array(Math.max(1, 2 * k - 1)).fill(-1);
  for (let m = 0; m < k - 1; m++) {
    parent[linkage.left[m]] = k + m;
    parent[linkage.right[m]] = k + m;
  }
  return parent;
}
