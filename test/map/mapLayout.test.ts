import { describe, expect, it } from 'vitest';
import { DEFAULT_MAP_PARAMS, mapLayout } from '../../src/map/mapLayout.js';
import { mapSilhouette } from '../../src/metrics/mapSilhouette.js';
import { trustworthiness } from '../../src/metrics/trustworthiness.js';
import { project2d } from '../../src/reduce/project2d.js';
import { plantedClusters } from './plantedClusters.js';

const params = { ...DEFAULT_MAP_PARAMS, layout: 'umap' as const, seed: 3, fitRows: 240, epochs: 100 };
const every = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('mapLayout', () => {
  // Six planted themes in 40-D, 1,200 rows: UMAP fitted on 240 of them, the rest placed.
  const { X, labels } = plantedClusters(6, 200, 40, 0.14, 21);
  const umap = mapLayout(X, labels, params);

  it('shows planted themes as regions where the PCA map overlaps them', () => {
    const pca = project2d(X);
    const all = every(X.rows);
    expect(mapSilhouette(umap.x, umap.y, labels, 6, all)).toBeGreaterThan(0.5);
    expect(mapSilhouette(umap.x, umap.y, labels, 6, all)).toBeGreaterThan(mapSilhouette(pca.x, pca.y, labels, 6, all) + 0.2);
  });

  it('keeps neighbourhoods at least as well as the PCA map', () => {
    const pca = project2d(X);
    const sample = Int32Array.from({ length: 400 }, (_, i) => i * 3);
    expect(trustworthiness(X, umap.x, umap.y, sample, 10)).toBeGreaterThanOrEqual(trustworthiness(X, pca.x, pca.y, sample, 10));
  });

  it('fits UMAP on a seeded random sample of rows and places every other row inside its own theme’s fitted rows', () => {
    expect(umap.layout).toBe('umap');
    const fitted = Array.from(umap.fitted!);
    expect(fitted).toHaveLength(240);
    expect(fitted).toEqual([...new Set(fitted)].sort((a, b) => a - b));
    // Not a stride: a period in the input's order must not choose the sample.
    expect(new Set(fitted.slice(1).map((r, i) => r - fitted[i])).size).toBeGreaterThan(3);
    expect(Array.from(mapLayout(X, labels, { ...params, seed: 4 }).fitted!)).not.toEqual(fitted);
    // A placed row lies within the bounding box of its theme's fitted rows (a weighted mean of some of them).
    const isFitted = new Set(fitted);
    for (let r = 0; r < X.rows; r++) {
      if (isFitted.has(r)) continue;
      const own = Array.from(umap.fitted!).filter((f) => labels[f] === labels[r]);
      const xs = own.map((f) => umap.x[f]);
      const ys = own.map((f) => umap.y[f]);
      expect(umap.x[r]).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
      expect(umap.x[r]).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
      expect(umap.y[r]).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-9);
      expect(umap.y[r]).toBeLessThanOrEqual(Math.max(...ys) + 1e-9);
    }
  });

  it('gives byte-identical positions for the same rows, themes and seed', () => {
    const again = mapLayout(X, labels, params);
    expect(Buffer.from(again.x.buffer).equals(Buffer.from(umap.x.buffer))).toBe(true);
    expect(Buffer.from(again.y.buffer).equals(Buffer.from(umap.y.buffer))).toBe(true);
  });

  it('draws the exact PCA map with --map pca', () => {
    const pca = mapLayout(X, labels, { ...params, layout: 'pca' });
    const expected = project2d(X);
    expect(pca.layout).toBe('pca');
    expect(pca.fitted).toBeNull();
    expect(Array.from(pca.x)).toEqual(Array.from(expected.x));
    expect(Array.from(pca.y)).toEqual(Array.from(expected.y));
  });

  it('falls back to the PCA map, saying why, for a corpus too small for UMAP', () => {
    const tiny = plantedClusters(1, 3, 5, 0.1, 2);
    const layout = mapLayout(tiny.X, tiny.labels, params);
    expect(layout.layout).toBe('pca');
    expect(layout.fallback).toMatch(/3 papers are too few for UMAP/);
  });

  it('lowers the neighbourhood for a small corpus instead of failing', () => {
    const small = plantedClusters(2, 5, 8, 0.1, 4);
    const layout = mapLayout(small.X, small.labels, params);
    expect(layout.layout).toBe('umap');
    expect(layout.nNeighbors).toBe(9);
    expect(layout.x.every(Number.isFinite) && layout.y.every(Number.isFinite)).toBe(true);
  });
});
