import { describe, expect, it } from 'vitest';
import { formatSummary, summarise, type OursResult, type Run, type SklearnResult } from '../../bench/summary.js';

function ours(repeat: number, scale: number, v: number): Run<OursResult> {
  const stages = ['ingest', 'tokenize', 'vectorize', 'reduce', 'cluster', 'map', 'label', 'report'].map((stage, i) => ({ stage, wall_s: (i + 1) * scale }));
  return {
    repeat,
    outside_wall_s: 30 * scale,
    result: { stages, total_wall_s: 28 * scale, peak_rss_mib: 500, quality: { v_measure: v, nmi: v, ari: v / 2 }, input: { papers: 99 }, vocabulary: { terms: 1000 } },
  };
}

function sklearn(repeat: number, scale: number): Run<SklearnResult> {
  const stages = ['read', 'vectorize', 'reduce', 'cluster'].map((stage) => ({ stage, wall_s: scale }));
  return { repeat, outside_wall_s: 5 * scale, result: { stages, total_wall_s: 4 * scale, peak_rss_mib: 250, quality: { v_measure: 0.6 }, papers: 100, vocabulary: 800 } };
}

describe('summarise', () => {
  it('takes medians over repeats and ratios of the medians for the comparable groups', () => {
    const s = summarise([ours(1, 1, 0.5), ours(2, 3, 0.7), ours(3, 2, 0.6)], [sklearn(1, 1), sklearn(2, 2), sklearn(3, 9)]);
    expect(s.ours.stages).toMatchObject({ ingest: 2, tokenize: 4, vectorize: 6, reduce: 8, cluster: 10 });
    expect(s.ours.groups.tokenize_vectorize).toBe(10); // median of per-run sums 5, 15, 10
    expect(s.ours.total_s).toBe(56);
    expect(s.ours.v_measure).toBe(0.6);
    expect(s.ours.spread.v_measure).toMatchObject({ min: 0.5, max: 0.7 });
    expect(s.ours.homogeneity).toBeNull();
    expect(s.ours.papers).toBe(99);
    expect(s.sklearn?.total_s).toBe(8);
    expect(s.ratio).toMatchObject({ ingest_read: 1, tokenize_vectorize: 5, reduce: 4, cluster: 5, total: 7, process_wall: 6, peak_rss: 2 });
  });

  it('has no sklearn side and no ratios without sklearn runs', () => {
    const s = summarise([ours(1, 1, 0.5)], null);
    expect(s.sklearn).toBeNull();
    expect(s.ratio).toBeNull();
    const text = formatSummary(s);
    expect(text).toMatch(/tokenize\+vectorize\s+5\.000\s+vectorize\s+-\s+-/);
    expect(text).toMatch(/V-measure\s+0\.5000\s+-/);
  });

  it('prints every stage, the comparable groups with their ratio, and the quality spread', () => {
    const text = formatSummary(summarise([ours(1, 1, 0.5), ours(2, 1, 0.7)], [sklearn(1, 1), sklearn(2, 1)]));
    for (const stage of ['ingest', 'tokenize', 'vectorize', 'reduce', 'cluster', 'map', 'label', 'report']) expect(text).toContain(stage);
    expect(text).toMatch(/cluster\s+5\.000\s+cluster\s+1\.000\s+5\.00/);
    expect(text).toMatch(/total \(in process\)\s+28\.000\s+total \(in process\)\s+4\.000\s+7\.00/);
    expect(text).toContain('0.6000 (0.5000..0.7000)');
  });
});
