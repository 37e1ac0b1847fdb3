/** Small pure statistics for the benchmark harness (no I/O). */

/** One timed stage as both sides report it (run.json `stages`, the Python script's `stages`). */
export interface StageTime {
  stage: string;
  wall_s: number;
}

/** The median of the finite values; NaN when there are none. Does not reorder its input. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, or null when either is missing or not finite, or b is not positive (no meaningful ratio). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** Smallest and largest finite value and their difference; null when there are none. */
export function spread(values: readonly number[]): { min: number; max: number; range: number } | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return { min, max, range: max - min };
}

/**
 * The summed wall time of the named stages of one run; NaN if any of them is missing, so
 * that a renamed stage shows as "-" instead of a silently partial sum.
 */
export function stageSeconds(stages: readonly StageTime[], names: readonly string[]): number {
  let total = 0;
  for (const name of names) {
    const stage = stages.find((s) => s.stage === name);
    if (stage === undefined || !Number.isFinite(stage.wall_s)) return NaN;
    total += stage.wall_s;
  }
  return total;
}

/** Rounds to `digits` decimals (for JSON output that reads the same everywhere). */
export function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
