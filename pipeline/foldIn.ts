import type { ThemeModel } from '../src/model/themeModel.js';
import type { StoredAssignment } from '../src/store/paperStore.js';
import type { TokenCache } from '../src/tokenize/tokenCache.js';
import type { Assignment, Paper, Theme } from '../src/types.js';
import { LOOSE_FIT_SHARE } from '../src/metrics/looseFits.js';
import { assignThemes } from './assign.js';

export interface FoldInInput {
  /** Last night's model, under the stable theme ids. */
  model: ThemeModel;
  /** Tonight's papers (the window), in store order. */
  papers: readonly Paper[];
  /** Last night's assignments by paper id: those papers keep theirs. */
  previous: ReadonlyMap<string, StoredAssignment>;
}

export interface FoldInOutput {
  /** In the order of `papers`, under the model's ids. */
  assignments: Assignment[];
  /** The model's themes with tonight's sizes, in the model's order. */
  themes: Theme[];
  /** Papers assigned tonight (not in last night's run) and how many of them are loose fits. */
  assigned: number;
  looseAssigned: number;
  /** Ids of the model's themes left without a paper tonight (papers left the window). */
  empty: number[];
}

/**
 * A fold-in night: the papers last night's run clustered keep their theme, score and map
 * position; the others are assigned to last night's model (pipeline/assign.ts). Themes,
 * labels, top terms and representative papers are the model's, sizes tonight's.
 */
export async function foldIn(input: FoldInInput, params: { workers: number; cache: TokenCache }): Promise<FoldInOutput> {
  const { model, papers, previous } = input;
  const fresh = papers.filter((p) => !previous.has(p.id));
  const assigned = new Map((await assignThemes(model, fresh, params.workers, { cache: params.cache })).map((a) => [a.paperId, a]));
  const index = new Map(Array.from(model.themes.ids, (id, c) => [id, c]));
  const assignments = papers.map((paper): Assignment => {
    const kept = previous.get(paper.id);
    if (kept === undefined) return assigned.get(paper.id)!;
    // The loose-fit rule of the refit, against the medians it measured.
    const median = model.themes.medianScores[index.get(kept.themeId) ?? -1] ?? 0;
    return { paperId: paper.id, themeId: kept.themeId, score: kept.score, x: kept.x, y: kept.y, looseFit: median > 0 && kept.score < LOOSE_FIT_SHARE * median };
  });
  const sizes = new Map<number, number>();
  for (const a of assignments) sizes.set(a.themeId, (sizes.get(a.themeId) ?? 0) + 1);
  const present = new Set(papers.map((p) => p.id));
  const themes = Array.from(model.themes.ids, (id, c): Theme => {
    const shown = model.themes.shown[c];
    return {
      // The label as fitted, without a pin it may have had then (the caller applies tonight's pins).
      id, label: shown.chosen?.label ?? model.themes.labels[c], heading: shown.chosen?.heading ?? shown.heading, size: sizes.get(id) ?? 0, topTerms: shown.topTerms,
      representativeIds: shown.representativeIds.filter((r) => present.has(r)),
      ...(shown.quality === null ? {} : { quality: shown.quality }),
      loose: shown.loose,
    };
  });
  return {
    assignments,
    themes,
    assigned: fresh.length,
    looseAssigned: [...assigned.values()].filter((a) => a.looseFit === true).length,
    empty: themes.filter((t) => t.size === 0).map((t) => t.id),
  };
}
