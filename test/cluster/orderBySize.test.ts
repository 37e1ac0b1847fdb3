import { describe, expect, it } from 'vitest';
import { orderBySize } from '../../src/cluster/orderBySize.js';

describe('orderBySize', () => {
  it('renumbers clusters so that theme 0 is the largest, then by decreasing size', () => {
    // old sizes: 0 -> 2, 1 -> 3, 2 -> 1
    const { labels, order } = orderBySize(Int32Array.from([1, 1, 0, 2, 1, 0]), 3);
    expect(order).toEqual([1, 0, 2]);
    expect(Array.from(labels)).toEqual([0, 0, 1, 2, 0, 1]);
  });

  it('breaks a size tie in favour of the cluster whose first member comes first', () => {
    // old clusters 0 and 2 both have 2 members; 2 appears at index 0, 0 only at index 1
    const { labels, order } = orderBySize(Int32Array.from([2, 0, 0, 2, 1]), 3);
    expect(order).toEqual([2, 0, 1]);
    expect(Array.from(labels)).toEqual([0, 1, 1, 0, 2]);
  });

  it('breaks the tie by first appearance, not by old id', () => {
    const { order } = orderBySize(Int32Array.from([1, 0, 1, 0]), 2);
    expect(order).toEqual([1, 0]);
  });

  it('returns order with order[newId] = oldId for every paper', () => {
    const old = Int32Array.from([3, 0, 3, 1, 1, 3, 2, 0, 3]);
    const { labels, order } = orderBySize(old, 4);
    old.forEach((oldId, i) => expect(order[labels[i]]).toBe(oldId));
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
  });

  it('puts empty clusters last, keeping their old relative order', () => {
    // sizes: 0 -> 0, 1 -> 1, 2 -> 0, 3 -> 2, 4 -> 0
    const { labels, order } = orderBySize(Int32Array.from([3, 3, 1]), 5);
    expect(order).toEqual([3, 1, 0, 2, 4]);
    expect(Array.from(labels)).toEqual([0, 0, 1]);
  });

  it('yields sizes that never increase with the new id', () => {
    const { labels } = orderBySize(Int32Array.from([0, 2, 2, 1, 2, 1, 3, 2, 1]), 4);
    const sizes = [0, 0, 0, 0];
    labels.forEach((l) => sizes[l]++);
    expect(sizes).toEqual([4, 3, 1, 1]);
  });

  it('returns a new Int32Array and leaves the input labels unchanged', () => {
    const input = Int32Array.from([1, 0, 1]);
    const { labels } = orderBySize(input, 2);
    expect(labels).toBeInstanceOf(Int32Array);
    expect(labels).not.toBe(input);
    expect(Array.from(input)).toEqual([1, 0, 1]);
    expect(Array.from(labels)).toEqual([0, 1, 0]);
  });

  it('keeps labels that are already ordered by size unchanged', () => {
    const { labels, order } = orderBySize(Int32Array.from([0, 0, 0, 1, 1, 2]), 3);
    expect(order).toEqual([0, 1, 2]);
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it('handles no papers: every cluster empty, identity order', () => {
    const { labels, order } = orderBySize(new Int32Array(0), 3);
    expect(labels.length).toBe(0);
    expect(order).toEqual([0, 1, 2]);
  });
});
