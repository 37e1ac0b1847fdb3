import { createHash } from 'node:crypto';
import { MANIFEST, modelFilesMib } from '../src/model/modelFiles.js';
import type { Assignment, Theme, ThemeViews } from '../src/types.js';
import type { kSelectionRecord } from './kSelectionRecord.js';
import { looseRecord, themeRecord, type LooseRecord } from './looseRecord.js';
import type { mapRecord } from './mapRecord.js';
import { round, type StageRecord } from './stageRecord.js';
import { hierarchyRecord } from './themeViews.js';

/**
 * run.json: one type for what `run`, `relabel` and the nightly job write. The core is the
 * same for all three (what ran, on what, what it found, how long it took); a run adds what
 * its fit saw (tokens cache, vocabulary, reduction), a relabel what it joined, a night its
 * kind, store and trends.
 */
export interface RunRecord {
  tool: 'paper-themes' | 'paper-themes nightly';
  input: { path: string; papers: number; [detail: string]: unknown };
  parameters: Record<string, unknown>;
  libraries: Record<string, string>;
  quality: Record<string, number>;
  /** The map's layout and figures (a fold-in night: the refit's). */
  map: ReturnType<typeof mapRecord> | null;
  model: ModelRecord;
  clustering: ClusteringRecord | null;
  themes: Array<Record<string, unknown>>;
  hierarchy: ReturnType<typeof hierarchyRecord>;
  /** Themes joined (--merge, --reduce-to, relabel): each under the id it keeps, with every id it holds. */
  merged?: Array<{ id: number; themes: number[] }>;
  loose: LooseRecord;
  stages: StageRecord[];
  finished_at: string;
  total_wall_s: number;
  peak_rss_mib?: number;
  /** run: what the fit saw. */
  tokens_cache?: { path: string | null; hits: number };
  vocabulary?: { terms: number; phrases: number; non_zeros: number };
  reduction?: { method: string; components: number; explained_variance_ratio_total: number; explained_variance_ratio: number[] };
  /** relabel: where it started from and what it did. */
  relabelled?: Record<string, unknown>;
  /** nightly: the night, its kind and trends (pipeline/nightly.ts). */
  night?: string;
  [nightly: string]: unknown;
}

export interface ModelRecord {
  folder: string;
  files: number;
  size_mib: number;
  /** sha256 of the model's manifest (which holds each array's): how a later night knows the model again. */
  manifest_sha256: string;
}

export interface ClusteringRecord {
  k: number;
  inertia?: number;
  iterations?: number;
  k_selection: ReturnType<typeof kSelectionRecord>;
  themes_after_merges?: number;
  /** The TF-IDF refinement: rounds, papers moved in all and per round, and why it stopped. */
  refinement?: RefinementRecord;
}

/** run.json's `model`: where the model went, its files and size, its manifest's hash. */
export function modelRecord(folder: string, files: ReadonlyArray<[string, Uint8Array | string]>): ModelRecord {
  const manifest = files.find(([name]) => name === MANIFEST)?.[1] ?? '';
  return { folder, files: files.length, size_mib: Number(modelFilesMib(files)), manifest_sha256: createHash('sha256').update(manifest).digest('hex') };
}

/** The themes, tree and loose flags of run.json, from what the report shows. */
export function themesRecord(themes: readonly Theme[], assignments: readonly Assignment[], views: ThemeViews | undefined, order: 'as given' | 'largest first' = 'as given') {
  const listed = order === 'largest first' ? [...themes].sort((a, b) => b.size - a.size) : themes;
  return { themes: listed.map(themeRecord), hierarchy: hierarchyRecord(views), loose: looseRecord(themes, assignments) };
}

/** When the record was finished, the wall time since `started` and the peak memory so far. */
export function timingRecord(stages: StageRecord[], started: bigint) {
  return {
    stages,
    finished_at: new Date().toISOString(),
    total_wall_s: round(Number(process.hrtime.bigint() - started) / 1e9, 3),
    peak_rss_mib: round((process.resourceUsage().maxRSS * 1024) / (1024 * 1024), 1),
  };
}

export interface RefinementRecord {
  rounds: number;
  moved: number;
  moves_per_round: number[];
  stopped_by: string;
}

/** The refinement's run.json entry from the cluster stage's output (nothing without a refinement). */
export function refinementRecord(clusters: { refined: number; refineRounds: number; refinement: { movesPerRound: number[]; stoppedBy: string } | null }): { refinement?: RefinementRecord } {
  if (clusters.refinement === null) return {};
  return {
    refinement: {
      rounds: clusters.refineRounds, moved: clusters.refined, moves_per_round: clusters.refinement.movesPerRound,
      stopped_by: clusters.refinement.stoppedBy,
    },
  };
}
