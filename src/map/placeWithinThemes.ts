import { selectRows } from '../linalg/dense.js';
import type { DenseMatrix } from '../types.js';
import { nearestFinder, type Neighbours } from './nearestByDot.js';
import { placeByNeighbours } from './placeByNeighbours.js';

/** Papers already on the map: their reduced rows (m x d), positions (m x 2, row-major) and themes. */
export interface FittedMap {
  rows: DenseMatrix;
  positions: Float64Array;
  themes: ArrayLike<number>;
}

/** A theme with fewer fitted papers than this places its papers among all fitted ones. */
const MIN_OWN_FITTED = 3;

/** Rows placed per batch: bounds the copy of the rows being placed (4,096 x d floats). */
const PLACE_BATCH = 4096;

/**
 * Puts the rows `queries` of X on the map, theme by theme (`themeOf(row)`): each at the
 * similarity-weighted mean of its `neighbours` nearest fitted papers of its own theme
 * (placeByNeighbours.ts), or of all fitted papers when its theme has fewer than 3. A mean
 * over neighbours of two themes would land in the gap between them, while the point is
 * drawn in its own theme's colour. Writes x[row], y[row]. Used for the papers a run's UMAP
 * was not fitted on and for papers assigned to a saved model.
 */
export function placeWithinThemes(
  fitted: FittedMap,
  X: DenseMatrix,
  queries: readonly number[],
  themeOf: (row: number) => number,
  neighbours: number,
  x: Float64Array,
  y: Float64Array,
): void {
  fittedPlacer(fitted, neighbours)(X, queries, themeOf, x, y);
}

/**
 * {@link placeWithinThemes} for many matrices (a model assigning batch after batch): each
 * theme's fitted rows, positions and nearest-neighbour search are set up at its first use
 * and kept.
 */
export function fittedPlacer(fitted: FittedMap, neighbours: number): (X: DenseMatrix, queries: readonly number[], themeOf: (row: number) => number, x: Float64Array, y: Float64Array) => void {
  const m = fitted.rows.rows;
  const every = Array.from({ length: m }, (_, i) => i);
  const fittedOf = groupBy(every, (i) => fitted.themes[i]);
  const pools = new Map<number, { positions: Float64Array; nearest: (queries: DenseMatrix) => Neighbours }>();
  const poolOf = (theme: number) => {
    let pool = pools.get(theme);
    if (pool === undefined) {
      const own = fittedOf.get(theme) ?? [];
      const rows = Int32Array.from(own.length >= MIN_OWN_FITTED ? own : every);
      const positions = new Float64Array(2 * rows.length);
      rows.forEach((i, j) => positions.set(fitted.positions.subarray(2 * i, 2 * i + 2), 2 * j));
      pool = { positions, nearest: nearestFinder(selectRows(fitted.rows, rows), Math.min(neighbours, rows.length)) };
      pools.set(theme, pool);
    }
    return pool;
  };
  return (X, queries, themeOf, x, y) => {
    if (m === 0) return;
    for (const [theme, rows] of groupBy(queries, themeOf)) {
      const { positions, nearest } = poolOf(theme);
      for (let first = 0; first < rows.length; first += PLACE_BATCH) {
        const batch = Int32Array.from(rows.slice(first, first + PLACE_BATCH));
        const placed = placeByNeighbours(nearest(selectRows(X, batch)), positions);
        batch.forEach((row, i) => {
          x[row] = placed[2 * i];
          y[row] = placed[2 * i + 1];
        });
      }
    }
  };
}

/** Items grouped by key, keys in first-seen order, items in their order. */
function groupBy(items: readonly number[], key: (item: number) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
