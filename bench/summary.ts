import { median, ratio, round, spread, stageSeconds, type StageTime } from './stats.js';

/** The parts of paper-themes' run.json the benchmark reads. */
export interface OursResult {
  stages: (StageTime & { rss_end_mib?: number; rss_peak_mib?: number })[];
  total_wall_s: number;
  peak_rss_mib: number;
  quality?: Record<string, number>;
  input?: { papers?: number; duplicates_dropped?: number };
  vocabulary?: { terms?: number };
  [key: string]: unknown;
}

/** What bench/sklearn_pipeline.py prints. */
export interface SklearnResult {
  stages: StageTime[];
  total_wall_s: number;
  peak_rss_mib: number;
  quality?: Record<string, number>;
  papers?: number;
  duplicates_like_ours?: number;
  vocabulary?: number;
  threads?: Record<string, unknown>;
  versions?: { python?: string; sklearn?: string };
  [key: string]: unknown;
}

/** One child process: its result and its wall time measured by the harness (start to exit). */
export interface Run<R> {
  repeat: number;
  outside_wall_s: number;
  result: R;
}

/** Stage groups that do the same work on both sides; ratios are ours / sklearn of their medians. */
export const GROUPS = [
  { key: 'ingest_read', label: 'ingest | read', ours: ['ingest'], sklearn: ['read'] },
  { key: 'tokenize_vectorize', label: 'tokenize+vectorize | vectorize', ours: ['tokenize', 'vectorize'], sklearn: ['vectorize'] },
  { key: 'reduce', label: 'reduce | reduce', ours: ['reduce'], sklearn: ['reduce'] },
  { key: 'cluster', label: 'cluster | cluster', ours: ['cluster'], sklearn: ['cluster'] },
] as const;

export const QUALITY_KEYS = ['v_measure', 'nmi', 'ari', 'homogeneity', 'completeness'] as const;
const QUALITY_NAMES: Record<(typeof QUALITY_KEYS)[number], string> = {
  v_measure: 'V-measure', nmi: 'NMI', ari: 'ARI', homogeneity: 'homogeneity', completeness: 'completeness',
};

type Spread = ReturnType<typeof spread>;

/** Medians (and min/max) over the repeats of one side. */
export interface SideSummary {
  runs: number;
  /** Median wall s of each stage, in the side's own stage order. */
  stages: Record<string, number | null>;
  /** Median of each comparable group (per-run sums of its stages). */
  groups: Record<string, number | null>;
  /** In-process total (the side's own total_wall_s). */
  total_s: number | null;
  /** Child process wall time measured from outside: interpreter start, imports, everything. */
  process_wall_s: number | null;
  peak_rss_mib: number | null;
  v_measure: number | null;
  nmi: number | null;
  ari: number | null;
  homogeneity: number | null;
  completeness: number | null;
  /** min, max and range over repeats of the totals and the quality figures. */
  spread: Record<string, Spread>;
  papers: number | null;
  vocabulary: number | null;
}

export interface Summary {
  ours: SideSummary;
  sklearn: SideSummary | null;
  /** ours / sklearn of the medians; null without sklearn. */
  ratio: Record<string, number | null> | null;
}

function finiteOrNull(value: number, digits: number): number | null {
  return Number.isFinite(value) ? round(value, digits) : null;
}

function summariseSide(
  runs: readonly Run<{ stages: StageTime[]; total_wall_s: number; peak_rss_mib: number; quality?: Record<string, number> }>[],
  side: 'ours' | 'sklearn',
  papers: (number | undefined)[],
  vocabulary: (number | undefined)[],
): SideSummary {
  const stageNames: string[] = [];
  for (const run of runs) for (const s of run.result.stages) if (!stageNames.includes(s.stage)) stageNames.push(s.stage);
  const stages: Record<string, number | null> = {};
  for (const name of stageNames) stages[name] = finiteOrNull(median(runs.map((r) => stageSeconds(r.result.stages, [name]))), 3);
  const groups: Record<string, number | null> = {};
  for (const group of GROUPS) groups[group.key] = finiteOrNull(median(runs.map((r) => stageSeconds(r.result.stages, group[side]))), 3);

  const series: Record<string, number[]> = {
    total_s: runs.map((r) => r.result.total_wall_s),
    process_wall_s: runs.map((r) => r.outside_wall_s),
    peak_rss_mib: runs.map((r) => r.result.peak_rss_mib),
  };
  for (const key of QUALITY_KEYS) series[key] = runs.map((r) => r.result.quality?.[key] ?? NaN);
  const med = (key: string, digits: number) => finiteOrNull(median(series[key]), digits);
  const spreads: Record<string, Spread> = {};
  for (const [key, values] of Object.entries(series)) spreads[key] = spread(values);

  return {
    runs: runs.length,
    stages,
    groups,
    total_s: med('total_s', 3),
    process_wall_s: med('process_wall_s', 3),
    peak_rss_mib: med('peak_rss_mib', 1),
    v_measure: med('v_measure', 6),
    nmi: med('nmi', 6),
    ari: med('ari', 6),
    homogeneity: med('homogeneity', 6),
    completeness: med('completeness', 6),
    spread: spreads,
    papers: papers.find((p) => typeof p === 'number') ?? null,
    vocabulary: vocabulary.find((v) => typeof v === 'number') ?? null,
  };
}

/** Medians of both sides and the ours/sklearn ratios (of medians). */
export function summarise(ours: readonly Run<OursResult>[], sklearn: readonly Run<SklearnResult>[] | null): Summary {
  const o = summariseSide(ours, 'ours', ours.map((r) => r.result.input?.papers), ours.map((r) => r.result.vocabulary?.terms));
  if (sklearn === null || sklearn.length === 0) return { ours: o, sklearn: null, ratio: null };
  const s = summariseSide(sklearn, 'sklearn', sklearn.map((r) => r.result.papers), sklearn.map((r) => r.result.vocabulary));
  const r: Record<string, number | null> = {};
  const put = (key: string, a: number | null, b: number | null) => {
    const value = ratio(a, b);
    r[key] = value === null ? null : round(value, 3);
  };
  for (const group of GROUPS) put(group.key, o.groups[group.key], s.groups[group.key]);
  put('total', o.total_s, s.total_s);
  put('process_wall', o.process_wall_s, s.process_wall_s);
  put('peak_rss', o.peak_rss_mib, s.peak_rss_mib);
  return { ours: o, sklearn: s, ratio: r };
}

// ---------------------------------------------------------------- text table

function fmt(value: number | null | undefined, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function table(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows
    .map((row) => row.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd())
    .join('\n');
}

function withSpread(value: number | null, s: Spread, runs: number, digits: number): string {
  if (value === null) return '-';
  if (runs < 2 || s === null) return value.toFixed(digits);
  return `${value.toFixed(digits)} (${s.min.toFixed(digits)}..${s.max.toFixed(digits)})`;
}

/** The human-readable result: a time table by stage and a quality table. */
export function formatSummary(summary: Summary): string {
  const { ours, sklearn, ratio: r } = summary;
  const rows: string[][] = [['ours', 's', 'sklearn', 's', 'ours/sklearn']];
  for (const [stage, seconds] of Object.entries(ours.stages)) {
    // A one-stage group shares its stage's row; a longer group gets a row after its last stage.
    const single = GROUPS.find((g) => g.ours.length === 1 && g.ours[0] === stage);
    const cells = single ? [single.sklearn.join('+'), fmt(sklearn?.groups[single.key], 3), fmt(r?.[single.key], 2)] : ['', '', ''];
    rows.push([stage, fmt(seconds, 3), ...cells]);
    for (const g of GROUPS) {
      if (g.ours.length > 1 && g.ours[g.ours.length - 1] === stage) {
        rows.push([`  ${g.ours.join('+')}`, fmt(ours.groups[g.key], 3), g.sklearn.join('+'), fmt(sklearn?.groups[g.key], 3), fmt(r?.[g.key], 2)]);
      }
    }
  }
  rows.push(['total (in process)', fmt(ours.total_s, 3), 'total (in process)', fmt(sklearn?.total_s, 3), fmt(r?.total, 2)]);
  rows.push(['process wall', fmt(ours.process_wall_s, 3), 'process wall', fmt(sklearn?.process_wall_s, 3), fmt(r?.process_wall, 2)]);
  rows.push(['peak RSS MiB', fmt(ours.peak_rss_mib, 0), 'peak RSS MiB', fmt(sklearn?.peak_rss_mib, 0), fmt(r?.peak_rss, 2)]);
  const timeTable = table(rows, [false, true, false, true, true]);

  const qRows: string[][] = [['quality', 'ours', 'sklearn']];
  for (const key of QUALITY_KEYS) {
    qRows.push([
      QUALITY_NAMES[key],
      withSpread(ours[key], ours.spread[key], ours.runs, 4),
      sklearn ? withSpread(sklearn[key], sklearn.spread[key], sklearn.runs, 4) : '-',
    ]);
  }
  const qualityTable = table(qRows, [false, true, true]);
  const repeats = Math.max(ours.runs, sklearn?.runs ?? 0);
  const how = repeats > 1 ? `medians of ${repeats} runs; quality: median (min..max)` : '1 run';
  return `${timeTable}\n\n${qualityTable}\n(${how})`;
}
