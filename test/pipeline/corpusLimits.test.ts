import { describe, expect, it } from 'vitest';
import { boundByCorpus, clampParameters } from '../../pipeline/corpusLimits.js';

const given = (o: Partial<{ dims: number; kRange: [number, number]; k: number | 'auto' }>) => ({ dims: null, kRange: null, k: 'auto' as const, ...o });

describe('boundByCorpus', () => {
  it('keeps the defaults and given values that fit, clamping nothing', () => {
    expect(boundByCorpus(given({}), 70, 1194)).toEqual({ dims: 14, kRange: [2, 12], k: 'auto', clamps: [] });
    expect(boundByCorpus(given({ dims: 70, kRange: [2, 69], k: 69 }), 70, 1194)).toEqual({ dims: 70, kRange: [2, 69], k: 69, clamps: [] });
  });

  it('lowers dims to min(papers, terms), the components the SVD can give', () => {
    expect(boundByCorpus(given({ dims: 500 }), 70, 1194)).toMatchObject({ dims: 70, clamps: [{ option: 'dims', requested: '500', used: '70' }] });
    expect(boundByCorpus(given({ dims: 500 }), 900, 40)).toMatchObject({ dims: 40, clamps: [{ option: 'dims', used: '40' }] });
  });

  it('lowers the k range and a fixed k to papers - 1', () => {
    const bounded = boundByCorpus(given({ kRange: [100, 200], k: 80 }), 70, 1194);
    expect(bounded).toMatchObject({ kRange: [69, 69], k: 69 });
    expect(bounded.clamps.map((c) => [c.option, c.requested, c.used])).toEqual([['k-range', '100-200', '69-69'], ['k', '80', '69']]);
    expect(bounded.clamps[1].warning).toBe('--k 80: 70 papers allow at most k = 69; using 69');
  });
});

describe('clampParameters', () => {
  it('gives each requested value and one clamped line, or nothing', () => {
    expect(clampParameters([])).toEqual({});
    const { clamps } = boundByCorpus(given({ dims: 500, kRange: [3, 100] }), 70, 1194);
    expect(clampParameters(clamps)).toEqual({ dims_requested: 500, k_range_requested: '3-100', clamped: 'dims 500 -> 70; k-range 3-100 -> 3-69' });
  });
});

describe('evaluate variants stay within the option bounds', () => {
  it('doubles the dims of double-dims up to the --dims bound only', async () => {
    const { VARIANTS } = await import('../../pipeline/evaluate.js');
    const { defaultOptions, LIMITS } = await import('../../pipeline/options.js');
    const doubled = VARIANTS.find((v) => v.name === 'double-dims')!;
    expect(doubled.options({ ...defaultOptions(), dims: 300 }, 36_000).dims).toBe(600);
    expect(doubled.options({ ...defaultOptions(), dims: 800 }, 36_000).dims).toBe(LIMITS.dims[1]);
  });
});
