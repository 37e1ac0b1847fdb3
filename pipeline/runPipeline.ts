import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listRuns } from '../src/io/listRuns.js';
import { renderRunsIndex } from '../src/report/renderRunsIndex.js';
import { describeIssue } from '../src/ingest/ingestErrors.js';
import { writeFileAtomic } from '../src/io/writeAtomic.js';
import { libraryVersions } from '../src/io/libraryVersions.js';
import { qualityFigures } from '../src/metrics/qualityFigures.js';
import type { RunSummary } from '../src/types.js';
import { ingest } from './1-ingest.js';
import { openTokenCacheFile } from '../src/io/tokenCacheFile.js';
import { noTokenCache, rulesKey } from '../src/tokenize/tokenCache.js';
import { TOKENIZER_VERSION } from '../src/tokenize/winkTokenizer.js';
import { tokenize, tokenizerParams } from './2-tokenize.js';
import { vectorize } from './3-vectorize.js';
import { defaultDims, reduce } from './4-reduce.js';
import { cluster } from './5-cluster.js';
import { label } from './6-label.js';
import { REPORT_FILES, report } from './7-report.js';
import { defaultKRange, defaultNInit, defaultPhraseMinDf, OptionError, type PipelineOptions } from './options.js';
import { ensureDir } from '../src/io/ensureDir.js';
import { CorpusError } from './corpusError.js';
import { round, timeStage, type StageRecord } from './stageRecord.js';

export interface PipelineResult {
  summary: RunSummary;
  /** What run.json holds. */
  record: Record<string, unknown>;
  files: string[];
}

/**
 * The whole run, one numbered step per stage:
 *
 *   ingest -> tokenize -> vectorize -> reduce -> cluster -> label -> report/export
 *
 * Each stage is a function of declared inputs and plain parameters (pipeline/N-*.ts); only
 * ingest reads files and only report/export and run.json write them.
 */
export async function runPipeline(
  options: PipelineOptions,
  log: (line: string) => void = () => {},
  warn: (line: string) => void = log,
): Promise<PipelineResult> {
  const stages: StageRecord[] = [];
  const started = process.hrtime.bigint();
  // Fail before the work, not after it, when the report folder cannot be made.
  try {
    ensureDir(options.out);
  } catch (error) {
    throw new OptionError('out', options.out, `a folder that can be created (${(error as Error).message})`);
  }

  // 1. Ingest: file -> deduplicated papers (+ problems per record).
  const corpus = await timeStage(stages, 'ingest', log, () => ingest({ path: options.input }, { strict: options.strict }),
    (c) => `${c.papers.length} papers (${c.format}), ${c.duplicatesDropped} duplicates dropped, ${c.issues.length} problems`);
  for (const issue of corpus.issues.slice(0, 20)) warn(`skipped ${issue.file} ${describeIssue(issue)}`);
  if (corpus.issues.length > 20) warn(`... and ${corpus.issues.length - 20} more problems (all in run.json)`);
  if (corpus.duplicatesDropped > 0) warn(`dropped ${corpus.duplicatesDropped} duplicate papers (same id or same title)`);
  const { papers } = corpus;
  if (papers.length < 3) throw new CorpusError(`${papers.length} papers are too few to find themes in (at least 3 are needed)`);
  if (options.k !== 'auto' && options.k >= papers.length) {
    throw new OptionError('k', options.k, `fewer themes than the ${papers.length} papers`);
  }

  // 2. Tokenize: papers -> lemmas and recurring phrases per paper.
  const boilerplate = readWordList(options.stopwordsFile);
  const phraseMinDf = options.phraseMinDf ?? defaultPhraseMinDf(papers.length);
  const cacheRules = rulesKey(TOKENIZER_VERSION, tokenizerParams({ boilerplate }));
  // The cache is opened inside the stage so that its entries can be freed once it ends.
  let cachePath: string | null = null;
  const tokens = await timeStage(stages, 'tokenize', log,
    () => {
      const cacheFile = options.cacheDir === null ? null : openCache(options.cacheDir, cacheRules);
      cachePath = cacheFile?.path ?? null;
      return tokenize({ papers }, {
        boilerplate, phraseMinDf, titleWeight: options.titleWeight, workers: options.workers, cache: cacheFile ?? noTokenCache(),
        onProgress: progressEvery(papers.length, (done) => log(`  tokenized ${done} / ${papers.length} papers`)),
      });
    },
    (t) => `${t.cacheHits} of ${papers.length} papers from the tokens cache, ${t.phrases.phrases.length} recurring phrases`);

  // 3. Vectorize: features -> sparse TF-IDF (CSR).
  const vectors = await timeStage(stages, 'vectorize', log,
    () => vectorize({ features: tokens.features }, {
      minDf: options.minDf, maxDf: options.maxDf, maxFeatures: options.maxFeatures, sublinearTf: true, smoothIdf: true,
    }),
    (v) => `${v.tfidf.rows} x ${v.tfidf.cols}, ${v.tfidf.values.length} non-zeros`);
  if (vectors.tfidf.cols < 2) {
    throw new CorpusError(
      `only ${vectors.tfidf.cols} terms are left to cluster ${papers.length} papers on: a term must be in at least ` +
      `--min-df ${options.minDf} and at most --max-df ${options.maxDf} of the papers (${Math.floor(options.maxDf * papers.length)})` +
      `${options.maxFeatures !== null ? `, and among the --max-features ${options.maxFeatures} most frequent` : ''}; ` +
      'for a handful of papers try --min-df 1 --max-df 1, or add papers');
  }

  // 4. Reduce: TF-IDF -> dims components by randomized SVD, unit rows, and a 2-D map.
  const dims = options.dims ?? defaultDims(papers.length, vectors.tfidf.cols);
  const kRange = options.kRange ?? defaultKRange(papers.length);
  const nInit = options.nInit ?? defaultNInit(papers.length);
  const reduced = await timeStage(stages, 'reduce', log,
    () => reduce({ tfidf: vectors.tfidf }, { dims, center: options.center, seed: options.seed }),
    (r) => `${r.vectors.cols} components (${options.center ? 'PCA, centred' : 'LSA, uncentred'}), explained variance ${sum(r.svd.explainedVarianceRatio).toFixed(3)}`);

  // 5. Cluster: reduced vectors -> k themes by k-means.
  const clusters = await timeStage(stages, 'cluster', log,
    () => cluster({ vectors: reduced.vectors }, {
      k: options.k, kRange, nInit, seed: options.seed,
      onK: (k, silhouette) => log(`  k = ${k}: silhouette ${silhouette.toFixed(4)}`),
    }),
    (c) => `k = ${c.k}${options.k === 'auto' ? ' (auto)' : ''}, silhouette ${c.silhouette.toFixed(3)}`);

  // 6. Label: themes -> top terms, labels, representative papers, per-paper scores.
  const labelled = await timeStage(stages, 'label', log,
    () => label({
      papers, counts: vectors.counts, vectorizer: vectors.model, vectors: reduced.vectors, map: reduced.map,
      labels: clusters.labels, centres: clusters.centres, k: clusters.k,
    }, { topTermCount: 10, representativeCount: 5, absorbShare: 0.3 }),
    (l) => `NPMI ${l.coherence.npmi.toFixed(3)}, diversity ${l.coherence.diversity.toFixed(3)}; ` +
      l.themes.slice(0, 5).map((t) => `${t.label} (${t.size})`).join('; ') + (l.themes.length > 5 ? '; ...' : ''));

  const parameters = {
    k: options.k === 'auto' ? `auto (${clusters.k})` : clusters.k,
    seed: options.seed,
    dims,
    reduction: options.center ? 'PCA (centred)' : 'LSA (uncentred)',
    n_init: nInit,
    min_df: options.minDf,
    max_df: options.maxDf,
    phrase_min_df: phraseMinDf,
    title_weight: options.titleWeight,
  };
  const quality = qualityFigures(
    { silhouette: clusters.silhouette, npmi: labelled.coherence.npmi, topicDiversity: labelled.coherence.diversity },
    papers, clusters.labels);
  const summary: RunSummary = {
    corpusName: basename(options.input),
    corpusDate: corpus.corpusDate,
    parameters,
    quality,
    kSelection: clusters.selection === null ? undefined : {
      criterion: clusters.selection.criterion,
      chosen: clusters.k,
      curve: clusters.selection.curve.map((c) => ({ k: c.k, silhouette: round(c.silhouette, 6) })),
    },
    papers,
    assignments: labelled.assignments,
    themes: labelled.themes,
  };

  // 7. Report and export: CSVs and the HTML report (atomic writes), then run.json.
  const files = await timeStage(stages, 'report', log, () => report({ summary }, { out: options.out }),
    (written) => `${written.length} files in ${options.out}`);

  const record = {
    tool: 'paper-themes',
    input: {
      path: options.input,
      format: corpus.format,
      papers: papers.length,
      duplicates_dropped: corpus.duplicatesDropped,
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
      map_explained_variance: reduced.map.explainedVariance.map((v) => round(v, 6)),
    },
    clustering: {
      k: clusters.k,
      inertia: round(clusters.inertia, 6),
      iterations: clusters.iterations,
      k_selection: clusters.selection && {
        criterion: clusters.selection.criterion,
        curve: clusters.selection.curve.map((c) => ({ k: c.k, silhouette: round(c.silhouette, 6), inertia: round(c.inertia, 6) })),
      },
    },
    quality,
    themes: labelled.themes.map((t) => ({ id: t.id, label: t.label, size: t.size, ...t.quality })),
    stages,
    finished_at: new Date().toISOString(),
    total_wall_s: round(Number(process.hrtime.bigint() - started) / 1e9, 3),
    peak_rss_mib: round((process.resourceUsage().maxRSS * 1024) / (1024 * 1024), 1),
  };
  const runJson = join(options.out, REPORT_FILES.run);
  writeFileAtomic(runJson, `${JSON.stringify(record, null, 2)}\n`);
  const written = [...files, runJson];
  // 8. The list of runs beside this one, refreshed now that run.json is complete.
  if (options.runsIndex !== null) {
    writeFileAtomic(options.runsIndex, renderRunsIndex(listRuns(dirname(options.runsIndex))));
    written.push(options.runsIndex);
  }
  return { summary, record, files: written };
}

/** A word list file: one word per line, `#` starts a comment. */
export function readWordList(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OptionError('stopwords', path, `a readable word list (${(error as Error).message})`);
  }
  return text.split(/\r?\n/).map((line) => line.replace(/#.*/, '').trim().toLowerCase()).filter(Boolean);
}

/** The tokens cache, or an OptionError naming --cache when it cannot be used. */
function openCache(dir: string, rules: string) {
  try {
    return openTokenCacheFile(dir, rules);
  } catch (error) {
    throw new OptionError('cache', dir, `a folder where the tokens cache can be kept, or --no-cache (${(error as Error).message})`);
  }
}

/** Calls `report` about every tenth of `total`, for long stages. */
function progressEvery(total: number, report: (done: number) => void): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 10));
  let next = step;
  return (done) => {
    if (done < next || done >= total) return;
    report(done);
    while (next <= done) next += step;
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
