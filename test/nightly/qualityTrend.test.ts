import { describe, expect, it } from 'vitest';
import { QUALITY_RULE, qualityWarnings } from '../../src/nightly/qualityTrend.js';

/** Nights 2026-11-01, -02, ... with these silhouettes (and a steady NPMI). */
const nights = (...silhouettes: number[]) =>
  silhouettes.map((silhouette, i) => ({ night: `2026-11-${String(i + 1).padStart(2, '0')}`, quality: { silhouette, npmi: 0.05 } }));

describe('qualityWarnings', () => {
  it('warns when the silhouette falls for the second night running', () => {
    expect(qualityWarnings(nights(0.119, 0.081, 0.069))).toEqual([{
      metric: 'silhouette', rule: 'falling',
      values: [{ night: '2026-11-01', value: 0.119 }, { night: '2026-11-02', value: 0.081 }, { night: '2026-11-03', value: 0.069 }],
      note: 'silhouette fell for the second night running: 0.119 (2026-11-01) -> 0.081 (2026-11-02) -> 0.069 (2026-11-03)',
    }]);
  });

  it('says nothing for one fall, a rise, a flat night, or two falls smaller than the minimum in all', () => {
    expect(qualityWarnings(nights(0.12, 0.12, 0.11))).toEqual([]);
    expect(qualityWarnings(nights(0.12, 0.11, 0.115))).toEqual([]);
    expect(qualityWarnings(nights(0.12, 0.12, 0.12))).toEqual([]);
    expect(qualityWarnings(nights(0.12, 0.116, 0.111))).toEqual([]); // 0.009 < minFall
    expect(QUALITY_RULE.minFall).toBe(0.01);
  });

  it('warns when tonight is 15% below the best of the last 7 nights, and at least 0.02 below it', () => {
    const warnings = qualityWarnings(nights(0.2, 0.3, 0.29, 0.3, 0.24));
    expect(warnings.map((w) => [w.metric, w.rule, w.note])).toEqual([
      ['silhouette', 'below-best', 'silhouette 0.240 tonight is 0.060 (20%) below the best of the last 4 nights, 0.300 on 2026-11-02'],
    ]);
    expect(qualityWarnings(nights(0.2, 0.3, 0.29, 0.3, 0.26))).toEqual([]); // 13% below
    // The best counts only over the 7 nights before tonight.
    expect(qualityWarnings(nights(0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.29))).toEqual([]);
    expect(qualityWarnings(nights(0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.29))).toHaveLength(1);
  });

  it('does not warn on noise around 0 (NPMI of small corpora), but on a fall of 0.02 or more', () => {
    const npmi = (...values: number[]) => values.map((npmi, i) => ({ night: `2026-11-0${i + 1}`, quality: { silhouette: 0.3, npmi } }));
    expect(qualityWarnings(npmi(-0.004, 0.002, -0.01))).toEqual([]);
    expect(qualityWarnings(npmi(0.01, 0.02, -0.005)).map((w) => [w.metric, w.rule, w.note])).toEqual([
      ['npmi', 'below-best', 'npmi -0.005 tonight is 0.025 (125%) below the best of the last 2 nights, 0.020 on 2026-11-02'],
    ]);
  });

  it('needs two nights, and skips nights without the figure', () => {
    expect(qualityWarnings(nights(0.3))).toEqual([]);
    expect(qualityWarnings(nights(0.3, 0.2)).map((w) => w.note)).toEqual(["silhouette 0.200 tonight is 0.100 (33%) below last night's 0.300 (2026-11-01)"]);
    expect(qualityWarnings([{ night: '2026-11-01', quality: undefined }, ...nights(0.3, 0.2, 0.1).slice(1)])).toEqual([
      expect.objectContaining({ metric: 'silhouette', rule: 'below-best' }),
    ]);
  });
});
