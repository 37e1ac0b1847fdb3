import type { ThemeModel } from '../src/model/themeModel.js';
import type { Paper } from '../src/types.js';
import { fitThemes, type FitExtras, type ThemeFit } from './fitThemes.js';
import type { PipelineOptions } from './options.js';
import type { StageRecord } from './stageRecord.js';
import { themeModelOf } from './themeModelOf.js';

/** What {@link fitThemeModel} returns: the fitted model and the report of the fit. */
export interface FittedThemes {
  /** Everything assigning new papers needs, under `themeIds` (serialisable: src/model/themeModel.ts). */
  model: ThemeModel;
  /** The fit: tokens, vectors, clusters, map, labels, figures, in cluster numbering (theme c is cluster c after merges). */
  fit: ThemeFit;
  /** The id of each theme c: the run's (a merged theme keeps its smallest id), or the caller's (nightly: matched to last night's). */
  themeIds: readonly number[];
}

/**
 * The estimator, as scikit-learn's `fit` (the params are `options`, plain data):
 *
 *   papers -> tokenize -> vectorize -> reduce -> cluster -> map -> label -> ThemeModel
 *
 * `extras.previous` warm-starts the clustering from last night's themes; `themeIdsOf`
 * names the themes once they are known (default: cluster c is theme c, or after merges
 * the smallest id it joined). `run`, `evaluate` and the nightly refit call this; a
 * fold-in night and `assign` use the model it returns without fitting again.
 */
export async function fitThemeModel(
  papers: readonly Paper[],
  options: PipelineOptions,
  stages: StageRecord[],
  log: (line: string) => void,
  extras: FitExtras & { themeIdsOf?: (fit: ThemeFit) => readonly number[] } = {},
): Promise<FittedThemes> {
  const fit = await fitThemes(papers, options, stages, log, extras);
  const themeIds = extras.themeIdsOf?.(fit) ?? Array.from(fit.themeIds ?? Array.from({ length: fit.fittedThemes.k }, (_, c) => c));
  return { fit, themeIds, model: themeModelOf(fit, options, themeIds) };
}
