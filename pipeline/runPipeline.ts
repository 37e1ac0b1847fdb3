import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MEGABYTE } from '../src/ingest/readCorpus.js';
import { listRuns } from '../src/io/listRuns.js';
import { renderRunsIndex } from '../src/report/renderRunsIndex.js';
import { describeIssue } from '../src/ingest/ingestErrors.js';
import { writeFileAtomic } from '../src/io/writeAtomic.js';
import { libraryVersions } from '../src/io/libraryVersions.js';
import type { IngestResult, RunSummary } from '../src/types.js';
import { ingest } from './1-ingest.js';
import { readWordList, tokenCacheRules } from './fitThemes.js';
import { fitThemeModel, type FittedThemes } from './fitThemeModel.js';
import { tokenCacheFilePath } from '../src/io/tokenCacheFile.js';
import { tokenizerParams } from './2-tokenize.js';
import { StartedTokenizers } from '../src/tokenize/tokenizeInWorkers.js';
import { sum } from '../src/linalg/dense.js';
import { commitReport, REPORT_FILES, report, type StagedReport } from './8-report.js';
import { withThemeIds } from './themeViews.js';
import { OptionError, type PipelineOptions } from './options.js';
import { fileProblem, folderProblem } from '../src/io/checkWritable.js';
import { OutputError } from '../src/io/outputError.js';
import { CorpusError } from './corpusError.js';
import { crashPoint } from './crashPoint.js';
import { kSelectionRecord } from './kSelectionRecord.js';
import { mapRecord } from './mapRecord.js';
import { MODEL_FOLDER } from './assign.js';
import { modelFilesMib } from '../src/model/modelFiles.js';
import { round, timeStage, type StageRecord } from './stageRecord.js';
import { modelRecord, refinementRecord, themesRecord, timingRecord, type RunRecord } from './runRecord.js';

export { readWordList } from './fitThemes.js';

export interface PipelineResult {
  summary: RunSummary;
  /** What run.json holds. */
  record: RunRecord;
  files: string[];
}

/**
 * The whole run (see {@link runStages}), with the tokenize workers started first so that
 * they load their wink models while the corpus is read.
 */
export async function runPipeline(
  options: PipelineOptions,
  log: (line: string) => void = () => {},
  warn: (line: string) => void = log,
): Promise<PipelineResult> {
  const stages: StageRecord[] = [];
  const started = process.hrtime.bigint();
  checkOutputs(options);

  // Stage 2 takes these workers; any it does not take are stopped at the end. With a
  // tokens cache already on disk most papers are likely cached, so workers start only if
  // the stage needs them.
  const cached = options.cacheDir !== null && existsSync(tokenCacheFilePath(options.cacheDir, tokenCacheRules(options)));
  const tokenizers = options.workers > 1 && !cached
    ? new StartedTokenizers(options.workers, tokenizerParams({ boilerplate: readWordList(options.stopwordsFile) }))
    : undefined;
  try {
    return await runStages(options, stages, started, log, warn, tokenizers);
  } finally {
    await tokenizers?.stop();
  }
}

/**
 * The run, one call per numbered step (the README's diagram):
 *
 *   1. ingest          file -> deduplicated papers (+ problems per record)
 *   2. fitThemeModel   tokenize -> vectorize -> reduce -> cluster -> map -> label -> ThemeModel
 *   3. summary         the themes under their ids, as the report and CSVs show them
 *   4. report          CSVs, HTML report and model/ into a folder staged beside --out
 *   5. record          the run's run.json
 *   6. commit          run.json written last, the folder swapped in, the list of runs refreshed
 *
 * Each stage is a function of declared inputs and plain parameters (pipeline/N-*.ts); only
 * ingest reads files and only steps 4 and 6 write them.
 */
async function runStages(
  options: PipelineOptions,
  stages: StageRecord[],
  started: bigint,
  log: (line: string) => void,
  warn: (line: string) => void,
  tokenizers: StartedTokenizers | undefined,
): Promise<PipelineResult> {
  const corpus = await ingestCorpus(options, stages, log, warn);
  const fitted = await fitThemeModel(corpus.papers, options, stages, log, { tokenizers, warn });
  const summary = runSummary(options, corpus, fitted);
  const staged = await timeStage(stages, 'report', log, () => report({ summary, model: fitted.model }, { out: options.out, csvBom: options.csvBom }),
    (written) => `${written.files.length} files and the model (${MODEL_FOLDER}/, ${modelFilesMib(written.modelFiles)} MiB) in ${options.out}`);
  crashPoint('run-mid-report');
  const record = runRecord(options, corpus, fitted, summary, staged, timingRecord(stages, started));
  return { summary, record, files: commitRun(staged, record, options) };
}

/** Step 1: the input file's papers, its problems told (the first 20), and the checks a fit needs. */
async function ingestCorpus(options: PipelineOptions, stages: StageRecord[], log: (line: string) => void, warn: (line: string) => void): Promise<IngestResult> {
  const corpus = await timeStage(stages, 'ingest', log, () => ingest({ path: options.input }, { strict: options.strict, maxInputMb: options.maxInputMb },
    (done, total) => log(`  read ${Math.round(done / MEGABYTE)} of ${Math.round(total / MEGABYTE)} MB`)),
    (c) => `${c.papers.length} papers (${c.format}), ${c.duplicatesDropped} duplicates dropped, ${c.issues.length} problems`);
  for (const issue of corpus.issues.slice(0, 20)) warn(`skipped ${issue.file} ${describeIssue(issue)}`);
  if (corpus.issues.length > 20) warn(`... and ${corpus.issues.length - 20} more problems (all in run.json)`);
  if (corpus.duplicatesDropped > 0) {
    warn(`dropped ${corpus.duplicatesDropped} duplicate papers (same id, or same title and abstract when one has no source id), listed in run.json`);
  }
  const { papers } = corpus;
  const derived = papers.filter((p) => p.titleDerived === true).length;
  if (derived > 0) {
    warn(`${derived} papers had no title: each shows the first sentence of its abstract, marked as derived (title_derived in assignments.csv)`);
  }
  if (papers.length < 3) throw new CorpusError(`${papers.length} papers are too few to find themes in (at least 3 are needed)`);
  if (options.k !== 'auto' && options.k >= papers.length) {
    throw new OptionError('k', options.k, `fewer themes than the ${papers.length} papers`);
  }
  return corpus;
}

/** Step 3: what the report and the CSVs show: the themes under the run's ids (a merged theme keeps the smallest of its ids). */
function runSummary(options: PipelineOptions, corpus: IngestResult, fitted: FittedThemes): RunSummary {
  const { fit, themeIds: ids } = fitted;
  const renamed = fit.themeIds !== null;
  const labelled = !renamed ? fit.labelled : {
    ...fit.labelled,
    themes: fit.labelled.themes.map((t) => ({ ...t, id: ids[t.id] })),
    assignments: fit.labelled.assignments.map((a) => ({ ...a, themeId: ids[a.themeId] })),
  };
  // Merge nodes are numbered from the unmerged k, so none takes a merged-away theme's id.
  const themeViews = !renamed || fit.themeViews === undefined ? fit.themeViews : withThemeIds(fit.themeViews, Array.from(ids), fit.clusters.k);
  return {
    corpusName: basename(options.input),
    corpusDate: corpus.corpusDate,
    parameters: fit.parameters,
    quality: fit.quality,
    kSelection: fit.kSelection,
    papers: corpus.papers,
    assignments: labelled.assignments,
    themes: labelled.themes,
    themeViews,
    ...(fit.merged === null ? {} : { merged: mergedRecord(fit.merged) }),
  };
}

/** Step 5: run.json of a run. */
function runRecord(options: PipelineOptions, corpus: IngestResult, fitted: FittedThemes, summary: RunSummary, staged: StagedReport, timing: ReturnType<typeof timingRecord>): RunRecord {
  const { tokens, vectors, reduced, clusters, mapped, parameters, quality, dims, kRange, cachePath, merged } = fitted.fit;
  const { papers } = corpus;
  const titlesDerived = papers.filter((p) => p.titleDerived === true).map((p) => p.id);
  return {
    tool: 'paper-themes',
    input: {
      path: options.input,
      format: corpus.format,
      papers: papers.length,
      duplicates_dropped: corpus.duplicatesDropped,
      duplicates: corpus.duplicates,
      titles_derived: { count: titlesDerived.length, ids: titlesDerived },
      problems: corpus.issues.map((issue) => `${issue.file} ${describeIssue(issue)}`),
    },
    parameters: { ...parameters, k_requested: options.k, k_range: kRange, max_features: options.maxFeatures },
    libraries: libraryVersions(),
    tokens_cache: { path: cachePath, hits: tokens.cacheHits },
    vocabulary: { terms: vectors.tfidf.cols, phrases: tokens.phrases.phrases.length, non_zeros: vectors.tfidf.values.length },
    reduction: {
      method: options.center ? 'PCA by randomized SVD with implicit centring' : 'LSA: randomized truncated SVD, uncentred',
      components: dims,
      explained_variance_ratio_total: round(sum(reduced.svd.explainedVarianceRatio), 6),
      explained_variance_ratio: Array.from(reduced.svd.explainedVarianceRatio, (v) => round(v, 6)),
    },
    map: mapRecord(mapped),
    model: modelRecord(join(options.out, MODEL_FOLDER), staged.modelFiles),
    clustering: {
      k: clusters.k,
      inertia: round(clusters.inertia, 6),
      iterations: clusters.iterations,
      k_selection: kSelectionRecord(clusters.selection, clusters.k),
      ...refinementRecord(clusters),
      ...(merged === null ? {} : { themes_after_merges: merged.k }),
    },
    quality,
    ...themesRecord(summary.themes, summary.assignments, summary.themeViews),
    ...(merged === null ? {} : { merged: mergedRecord(merged) }),
    ...timing,
  };
}

/** Each merged theme's id and the themes it joined. */
function mergedRecord(merged: NonNullable<FittedThemes['fit']['merged']>): Array<{ id: number; themes: number[] }> {
  return merged.members.filter((m) => m.length > 1).map((m) => ({ id: m[0], themes: m }));
}

/**
 * Fails before the work, not after it, when an output cannot be written: --out (which is
 * replaced whole, so it must not hold anything but a report) and the runs index. Creates
 * nothing: a run that fails before writing leaves no new folder.
 */
export function checkOutputs(options: Pick<PipelineOptions, 'out' | 'runsIndex'>): void {
  const outProblem = folderProblem(options.out, [...Object.values(REPORT_FILES), MODEL_FOLDER]);
  if (outProblem !== undefined) throw new OutputError(options.out, outProblem, 'out');
  const index = options.runsIndex;
  const indexProblem = index === null ? undefined : fileProblem(index);
  if (index !== null && indexProblem !== undefined) {
    throw new OutputError(index, indexProblem, 'runs-index', 'give another --runs-index FILE, or --no-runs-index');
  }
}

/**
 * Writes run.json into the staged run folder, swaps the folder in, and refreshes the list
 * of runs (`runsIndex`); returns every path written.
 */
export function commitRun(staged: StagedReport, record: RunRecord, options: Pick<PipelineOptions, 'out' | 'runsIndex'>): string[] {
  const written = commitReport(staged, options.out, record);
  if (options.runsIndex !== null) {
    writeFileAtomic(options.runsIndex, renderRunsIndex(listRuns(dirname(options.runsIndex))));
    written.push(options.runsIndex);
  }
  return written;
}
