import { describe, expect, it, vi } from 'vitest';
import { chooseK, K_CRITERION } from '../../src/cluster/chooseK.js';
import type { DenseMatrix } from '../../src/types.js';

/** chooseK only looks at X.rows; the content is irrelevant to the rule. */
function papers(n: number): DenseMatrix {
  return { rows: n, cols: 2, data: new Float64Array(n * 2) };
}

interface FakeFit {
  k: number;
  labels: Int32Array;
  inertia: number;
}

/**
 * A fake k-means whose labels carry k (labels[0] = k) and whose inertia is 100 / k, and a fake
 * silhouette that reads the score of that k from a table.
 */
function fakes(scores: Record<number, number>) {
  const fit = vi.fn((k: number): FakeFit => ({ k, labels: Int32Array.of(k, 0), inertia: 100 / k }));
  const silhouette = vi.fn((labels: Int32Array): number => {
    const score = scores[labels[0]];
    if (score === undefined) throw new Error(`no score for k = ${labels[0]}`);
    return score;
  });
  return { fit, silhouette };
}

describe('chooseK', () => {
  it('picks the k with the highest silhouette and returns that k’s own fit', () => {
    const { fit, silhouette } = fakes({ 2: 0.3, 3: 0.6, 4: 0.5, 5: 0.1 });
    const choice = chooseK(papers(20), [2, 5], fit, silhouette);
    expect(choice.k).toBe(3);
    expect(choice.fit).toBe(fit.mock.results[1].value);
    expect(choice.fit.k).toBe(3);
  });

  it('reports each k as soon as it is scored, before the next k is fitted (progress)', () => {
    const { fit, silhouette } = fakes({ 2: 0.3, 3: 0.6, 4: 0.5 });
    const events: string[] = [];
    const tracedFit = (k: number) => {
      events.push(`fit ${k}`);
      return fit(k);
    };
    chooseK(papers(20), [2, 4], tracedFit, silhouette, (c) => events.push(`scored ${c.k} ${c.silhouette}`));
    expect(events).toEqual(['fit 2', 'scored 2 0.3', 'fit 3', 'scored 3 0.6', 'fit 4', 'scored 4 0.5']);
  });

  it('picks the highest silhouette even when every score is negative', () => {
    const { fit, silhouette } = fakes({ 2: -0.4, 3: -0.2, 4: -0.3 });
    expect(chooseK(papers(20), [2, 4], fit, silhouette).k).toBe(3);
  });

  it('picks the last k when the silhouette keeps rising', () => {
    const { fit, silhouette } = fakes({ 2: 0.1, 3: 0.2, 4: 0.3 });
    expect(chooseK(papers(20), [2, 4], fit, silhouette).k).toBe(4);
  });

  it('resolves a tie on the best silhouette to the smaller k', () => {
    const { fit, silhouette } = fakes({ 2: 0.4, 3: 0.7, 4: 0.2, 5: 0.7 });
    const choice = chooseK(papers(20), [2, 5], fit, silhouette);
    expect(choice.k).toBe(3);
    expect(choice.fit.k).toBe(3);
  });

  it('resolves a tie across the whole range to kMin', () => {
    const { fit, silhouette } = fakes({ 3: 0.5, 4: 0.5, 5: 0.5 });
    expect(chooseK(papers(20), [3, 5], fit, silhouette).k).toBe(3);
  });

  it('fits every k of the range once, in increasing order, and scores each fit’s labels', () => {
    const { fit, silhouette } = fakes({ 3: 0.1, 4: 0.2, 5: 0.3, 6: 0.0 });
    chooseK(papers(20), [3, 6], fit, silhouette);
    expect(fit.mock.calls.map((call) => call[0])).toEqual([3, 4, 5, 6]);
    expect(silhouette.mock.calls.map((call) => call[0])).toEqual(fit.mock.results.map((r) => r.value.labels));
  });

  it('clamps kMax to n - 1 papers', () => {
    const { fit, silhouette } = fakes({ 2: 0.2, 3: 0.3, 4: 0.9, 5: 0.99 });
    const choice = chooseK(papers(5), [2, 12], fit, silhouette);
    expect(fit.mock.calls.map((call) => call[0])).toEqual([2, 3, 4]);
    expect(choice.k).toBe(4);
  });

  it('clamps kMin down to the clamped kMax when the whole range lies above n - 1', () => {
    const { fit, silhouette } = fakes({ 4: 0.5 });
    const choice = chooseK(papers(5), [6, 10], fit, silhouette);
    expect(fit.mock.calls.map((call) => call[0])).toEqual([4]);
    expect(choice.k).toBe(4);
  });

  it('refuses a corpus too small for any k >= 2 instead of fitting k = 1', () => {
    const { fit, silhouette } = fakes({});
    expect(() => chooseK(papers(2), [2, 5], fit, silhouette)).toThrow(/empty k range/);
    expect(fit).not.toHaveBeenCalled();
  });

  it('tries a single k when kMin equals kMax', () => {
    const { fit, silhouette } = fakes({ 7: 0.25 });
    const choice = chooseK(papers(50), [7, 7], fit, silhouette);
    expect(choice.k).toBe(7);
    expect(choice.curve).toEqual([{ k: 7, silhouette: 0.25, inertia: 100 / 7 }]);
  });

  it('records the silhouette and inertia of every k tried, in k order', () => {
    const { fit, silhouette } = fakes({ 2: 0.3, 3: 0.6, 4: 0.5 });
    const choice = chooseK(papers(10), [2, 4], fit, silhouette);
    expect(choice.curve).toEqual([
      { k: 2, silhouette: 0.3, inertia: 50 },
      { k: 3, silhouette: 0.6, inertia: 100 / 3 },
      { k: 4, silhouette: 0.5, inertia: 25 },
    ]);
  });

  it('states the selection rule in criterion', () => {
    const { fit, silhouette } = fakes({ 2: 0.3 });
    const choice = chooseK(papers(10), [2, 2], fit, silhouette);
    expect(choice.criterion).toBe(K_CRITERION);
    expect(K_CRITERION).toMatch(/silhouette/);
    expect(K_CRITERION).toMatch(/smaller k/);
  });
});
