/**
 * Renumbers clusters by size, largest first (ties: the cluster whose first member comes
 * first), so that theme 0 is always the biggest and ids do not depend on seeding order.
 * Returns the new labels and `order`, where order[newId] = oldId. Empty clusters go last.
 */
export function orderBySize(labels: Int32Array, k: number): { labels: Int32Array; order: number[] } {
  const sizes = new Array<number>(k).fill(0);
  const firstMember = new Array<number>(k).fill(Number.MAX_SAFE_INTEGER);
  labels.forEach((label, i) => {
    sizes[label]++;
    if (firstMember[label] > i) firstMember[label] = i;
  });
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => sizes[b] - sizes[a] || firstMember[a] - firstMember[b],
  );
  const newId = new Int32Array(k);
  order.forEach((oldId, id) => (newId[oldId] = id));
  return { labels: labels.map((label) => newId[label]), order };
}
