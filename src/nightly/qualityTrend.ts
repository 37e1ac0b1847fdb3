import type { QualityWarning } from '../types.js';

/**
 * When a run-level quality figure counts as falling night over night. `falling`: lower on
 * each of the last two nights (tonight below last night, last night below the night before)
 * and at least `minFall` lower in all. `below-best`: tonight at least `belowBestShare` of the
 * best value of the `bestOf` nights before tonight below it, and at least `minDrop` (so a
 * figure near 0, as NPMI on small corpora, does not warn on noise).
 */
export const QUALITY_RULE = { minFall: 0.01, bestOf: 7, belowBestShare: 0.15, minDrop: 0.02 } as const;

/** The run-level figures watched, by their names in run.json's `quality`. */
export const WATCHED_METRICS = ['silhouette', 'npmi'] as const;

const fixed3 = (v: number) => v.toFixed(3);

/**
 * The warnings for tonight, the last entry of `nights` (oldest first, one per done night,
 * each with its run's quality figures). At most one per figure: `falling` when it holds,
 * else `below-best`. A night without the figure is skipped.
 */
export function qualityWarnings(nights: ReadonlyArray<{ night: string; quality: Readonly<Record<string, number>> | undefined }>): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  if (nights.length < 2) return warnings;
  const tonight = nights[nights.length - 1];
  for (const metric of WATCHED_METRICS) {
    const now = tonight.quality?.[metric];
    if (now === undefined || !Number.isFinite(now)) continue;
    const values = nights
      .map((n) => ({ night: n.night, value: n.quality?.[metric] }))
      .filter((v): v is { night: string; value: number } => v.value !== undefined && Number.isFinite(v.value));
    const last3 = values.slice(-3);
    if (last3.length === 3 && last3[0].value > last3[1].value && last3[1].value > now && last3[0].value - now >= QUALITY_RULE.minFall) {
      warnings.push({
        metric, rule: 'falling', values: last3,
        note: `${metric} fell for the second night running: ${last3.map((v) => `${fixed3(v.value)} (${v.night})`).join(' -> ')}`,
      });
      continue;
    }
    const before = values.slice(0, -1).slice(-QUALITY_RULE.bestOf);
    if (before.length === 0) continue;
    const best = before.reduce((b, v) => (v.value > b.value ? v : b));
    const drop = best.value - now;
    if (drop >= Math.max(QUALITY_RULE.belowBestShare * Math.abs(best.value), QUALITY_RULE.minDrop)) {
      const share = best.value > 0 ? ` (${Math.round((100 * drop) / best.value)}%)` : '';
      warnings.push({
        metric, rule: 'below-best', values: [...before, values[values.length - 1]],
        note: `${metric} ${fixed3(now)} tonight is ${fixed3(drop)}${share} below ` +
          (before.length === 1 ? `last night's ${fixed3(best.value)} (${best.night})` : `the best of the last ${before.length} nights, ${fixed3(best.value)} on ${best.night}`),
      });
    }
  }
  return warnings;
}
