import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { parse } from 'csv-parse/sync';
import { applyMerges, mergeGroupRoots, pairsToReduce, type MergedThemes } from '../src/cluster/mergeThemes.js';
import { averageLinkage } from '../src/hierarchy/averageLinkage.js';
import { centroidCosines, cosineDistances } from '../src/hierarchy/centroidCosines.js';
import { MAX_INPUT_LIMIT_MB } from '../src/ingest/readCorpus.js';
import { openTokenCacheFile } from '../src/io/tokenCacheFile.js';
import { transformSvd } from '../src/linalg/randomizedSvd.js';
import { mapSilhouette } from '../src/metrics/mapSilhouette.js';
import { qualityFigures } from '../src/metrics/qualityFigures.js';
import { silhouetteCosine } from '../src/metrics/silhouette.js';
import { ModelError } from '../src/model/modelFiles.js';
import { usableWords, type ThemeModel } from '../src/model/themeModel.js';
import { deriveSeed } from '../src/random/seededRandom.js';
import { sampleIndices } from '../src/random/sampleIndices.js';
import { normalizeRows } from '../src/reduce/normalizeRows.js';
import { project2d } from '../src/reduce/project2d.js';
import { noTokenCache, rulesKey } from '../src/tokenize/tokenCache.js';
import { TOKENIZER_VERSION } from '../src/tokenize/winkTokenizer.js';
import type { DenseMatrix, RunSummary } from '../src/types.js';
import { countTerms, weightTfidf, type TfidfModel } from '../src/vectorize/tfidf.js';
import { ingest } from './1-ingest.js';
import { tokenize, tokenizerParams } from './2-tokenize.js';
import { SILHOUETTE_SAMPLE } from './6-map.js';
import { DEFAULT_LABEL_PARAMS, label } from './7-label.js';
import { REPORT_FILES, report } from './8-report.js';
import { loadThemeModel, MODEL_FOLDER } from './assign.js';
import { CorpusError } from './corpusError.js';
import { pinsByIndex, readLabelPins } from './fitThemes.js';
import type { LabelPins } from '../src/label/pinnedLabels.js';
import { OptionError } from './options.js';
import { checkOutputs, commitRun, type PipelineResult } from './runPipeline.js';
import { modelRecord, themesRecord, timingRecord, type RunRecord } from './runRecord.js';
import { kSelectionSummary } from './kSelectionRecord.js';
import { round, timeStage, type StageRecord } from './stageRecord.js';
import { buildThemeModel } from './themeModelOf.js';
import { themeStructure, themeViews as themeViewsOf, withThemeIds } from './themeViews.js';

/** relabel's stages, for the `[n/4]` progress prefix. */
const RELABEL_STAGES = ['ingest', 'vectors', 'label', 'report'] as const;

/** What `paper-themes relabel` is asked to do, normalised at the CLI. */
export interface RelabelOptions {
  /** The run folder to start from: its run.json, assignments.csv and model/. */
  run: string;
  /** Where the relabelled run goes (the run folder itself by default; replaced whole). */
  out: string;
  /** Themes to join, by the run's theme ids; each group keeps its smallest id. */
  merges: Array<[number, number]>;
  /** Join themes by the run's theme tree until this many are left; null: no reduction. */
  reduceTo: number | null;
  /** Labels to pin (theme id or top term -> label); null: none. */
  labelsFile: string | null;
  /** The corpus the run read; null: the path in its run.json. */
  input: string | null;
  /** Folder of the tokens cache (the run's tokens come from it); null: tokenize again. */
  cacheDir: string | null;
  workers: number;
  /** Start the CSVs with a byte order mark; null: as the run's do. */
  csvBom: boolean | null;
  runsIndex: string | null;
}

/** A run folder as relabel reads it. */
interface FittedRun {
  record: Record<string, any>;
  model: ThemeModel;
  /** Each paper's theme id and map position, from assignments.csv. */
  placed: Map<string, { themeId: number; x: number; y: number }>;
  /** The run's CSVs start with a byte order mark (--csv-bom). */
  csvBom: boolean;
}

/**
 * Relabels a finished run after merging themes (--merge, --reduce-to) or pinning labels,
 * without fitting anything again: the vectorizer, the SVD, the themes and the map are the
 * run's own (its model/ and assignments.csv).
 *
 *   1. read the run            run.json, assignments.csv, model/
 *   2. ingest                  the corpus the run read; it must hold the run's papers
 *   3. vectors                 tokens (from the tokens cache), counted over the run's vocabulary,
 *                              weighted by its idf and projected by its SVD: the run's vectors
 *   4. merge                   themes joined, each keeping its smallest id
 *   5. label                   the label stage on the merged themes; the map as drawn
 *   6. report and export       the run's files, its model/ and run.json (with `relabelled`)
 */
export async function relabelRun(options: RelabelOptions, log: (line: string) => void, warn: (line: string) => void): Promise<PipelineResult> {
  const stages: StageRecord[] = [];
  const started = process.hrtime.bigint();
  checkOutputs(options);
  const outFolder = resolve(options.out);
  if (outFolder !== resolve(options.run) && outFolder.startsWith(`${resolve(options.run)}${sep}`)) {
    throw new OptionError('out', options.out, `a folder outside --run ${options.run} (or --run itself)`);
  }
  if (options.input !== null && !existsSync(options.input)) throw new OptionError('input', options.input, 'the corpus file of the run (it is not there)');
  const asked = options.labelsFile === null ? undefined : readLabelPins(options.labelsFile);

  // 1. Read the run.
  const run = readFittedRun(options.run);
  const { model, record } = run;
  const seed = Number(record.parameters?.seed ?? 42);
  const csvBom = options.csvBom ?? run.csvBom;
  const pins = carriedPins(record, model, asked, warn);

  // 2. Ingest: the run's corpus, in the run's order.
  const input = options.input ?? String(record.input?.path ?? '');
  if (input === '' || !existsSync(input)) {
    throw new CorpusError(`${join(options.run, REPORT_FILES.run)} names the corpus ${JSON.stringify(input)}, which is not there: give the run's corpus with --input FILE`);
  }
  const corpus = await timeStage(stages, 'ingest', log, () => ingest({ path: input }, { strict: false, maxInputMb: MAX_INPUT_LIMIT_MB }),
    (c) => `${c.papers.length} papers (${c.format})`, RELABEL_STAGES);
  const papers = corpus.papers;
  const missing = papers.filter((p) => !run.placed.has(p.id));
  if (missing.length > 0 || papers.length !== run.placed.size) {
    throw new CorpusError(`${input} is not the corpus of the run ${options.run}: ${missing.length} of its ${papers.length} papers are not in the run's ` +
      `${REPORT_FILES.assignments} (${run.placed.size} papers)${missing.length > 0 ? `, for example ${JSON.stringify(missing[0].id)}` : ''}; run the corpus again instead`);
  }

  // 3. Vectors: the run's, from its fitted vectorizer and SVD.
  const vectorizer: TfidfModel = { ...model.tfidf };
  const cacheRules = rulesKey(TOKENIZER_VERSION, tokenizerParams({ boilerplate: model.tokenizer.boilerplate }));
  const vectors = await timeStage(stages, 'vectors', log, async () => {
    const cache = options.cacheDir === null ? noTokenCache() : openTokenCacheFile(options.cacheDir, cacheRules);
    const tokens = await tokenize({ papers }, {
      boilerplate: model.tokenizer.boilerplate, phraseMinDf: papers.length + 1, titleWeight: model.tokenizer.titleWeight,
      lemmas: model.tokenizer.lemmas, workers: options.workers, cache, phrases: { phrases: model.phrases }, knownWords: usableWords(model),
    });
    const counts = countTerms(vectorizer, tokens.features);
    const tfidf = weightTfidf(vectorizer, counts);
    return { counts, tfidf, reduced: normalizeRows(transformSvd(model.svd, tfidf)), cacheHits: tokens.cacheHits };
  }, (v) => `${v.cacheHits} of ${papers.length} papers from the tokens cache; ${v.tfidf.cols} terms and ${v.reduced.cols} components of the run (nothing fitted)`, RELABEL_STAGES);
  const X = vectors.reduced;

  // 4. Merge: the run's themes joined as asked, by theme id.
  const index = new Map(Array.from(model.themes.ids, (id, c) => [id, c]));
  const fittedLabels = Int32Array.from(papers, (p) => {
    const c = index.get(run.placed.get(p.id)!.themeId);
    if (c === undefined) throw new ModelError(join(options.run, REPORT_FILES.assignments), `paper ${JSON.stringify(p.id)} has theme ${run.placed.get(p.id)!.themeId}, which the model has not`);
    return c;
  });
  const pairs = mergePairs(options, model, X, fittedLabels, warn);
  const merged = joinThemes(fittedLabels, model, pairs, X);
  if (pairs.length > 0) log(`  merged: ${merged.members.filter((m) => m.length > 1).map((m) => `${m.join(' + ')} -> ${m[0]}`).join('; ')}; ${merged.k} theme${merged.k === 1 ? '' : 's'}`);
  const silhouette = merged.k < 2 ? NaN : silhouetteCosine(X, merged.labels, { sampleSize: 3000, seed });

  // 5. Label: the merged themes, on the map as the run drew it.
  const x = Float64Array.from(papers, (p) => run.placed.get(p.id)!.x);
  const y = Float64Array.from(papers, (p) => run.placed.get(p.id)!.y);
  const structure = themeStructure(merged.centres, merged.k, X.cols);
  const labelled = await timeStage(stages, 'label', log,
    () => label({
      papers, counts: vectors.counts, vectorizer, vectors: X, map: { x, y },
      labels: merged.labels, centres: merged.centres, k: merged.k, groups: structure?.groups,
    }, { ...DEFAULT_LABEL_PARAMS, fullMentions: model.tokenizer.titleWeight, pins: pinsByIndex(pins, merged, warn) }),
    (l) => `NPMI ${l.coherence.npmi.toFixed(3)}, diversity ${l.coherence.diversity.toFixed(3)}, label F1 ${l.labelQuality.labelF1.toFixed(3)}; ` +
      l.themes.slice(0, 5).map((t) => `${t.label} (${t.size})`).join('; ') + (l.themes.length > 5 ? '; ...' : ''), RELABEL_STAGES);
  const ids = Array.from(merged.ids);
  const themes = labelled.themes.map((t) => ({ ...t, id: ids[t.id] }));
  const assignments = labelled.assignments.map((a) => ({ ...a, themeId: ids[a.themeId] }));
  const quality = qualityFigures(
    { silhouette, npmi: labelled.coherence.npmi, topicDiversity: labelled.coherence.diversity, labels: labelled.labelQuality }, papers, merged.labels);
  const firstNode = Math.max(Number(record.clustering?.k) || 0, ...Array.from(model.themes.ids, (id) => id + 1));
  const themeViews = structure === null ? undefined : withThemeIds(themeViewsOf(structure, labelled.themes.map((t) => t.size), labelled.groupLabels), ids, firstNode);
  const joined = composedMerges(record, merged);
  const parameters = relabelledParameters(record, options.reduceTo === null ? pairs.map(([a, b]) => [model.themes.ids[a], model.themes.ids[b]]) : [], options.reduceTo);

  // 6. Report and export: the run's files, its model and run.json, swapped in whole.
  const summary: RunSummary = {
    corpusName: basename(input),
    corpusDate: corpus.corpusDate,
    parameters,
    quality,
    kSelection: kSelectionSummary(record.clustering?.k_selection),
    papers,
    assignments,
    themes,
    themeViews,
    ...(joined.length === 0 ? {} : { merged: joined }),
  };
  const staged = await timeStage(stages, 'report', log, () => {
    const relabelled = buildThemeModel({
      tokenizer: model.tokenizer, words: model.words, phrases: model.phrases, vectorizer, svd: model.svd, tfidf: vectors.tfidf, reduced: X,
      labels: merged.labels, ids, themes: labelled.themes, treeLabels: labelled.groupLabels, centres: merged.centres,
      scores: Float64Array.from(labelled.assignments, (a) => a.score),
      map: { ...model.map, themes: Int32Array.from(model.map.themes, (c) => merged.labelOf[c]) },
    });
    return report({ summary, model: relabelled }, { out: options.out, csvBom });
  }, (written) => `${written.files.length} files and the model in ${options.out}`, RELABEL_STAGES);
  const { modelFiles } = staged;

  // The map's figures by the merged themes (the positions, and so the trustworthiness, are the run's).
  const silhouetteRows = sampleIndices(papers.length, Math.min(papers.length, SILHOUETTE_SAMPLE), deriveSeed(seed, 1));
  const pca = record.map?.pca_for_comparison === undefined ? null : project2d(X);
  const fittedRows = Int32Array.from({ length: Math.min(model.map.themes.length, SILHOUETTE_SAMPLE) }, (_, i) => Math.floor((i * model.map.themes.length) / Math.min(model.map.themes.length, SILHOUETTE_SAMPLE)));
  const mapPositions = model.map.positions;
  const out: RunRecord = {
    ...(record as RunRecord),
    input: { ...record.input, path: input },
    parameters: { ...record.parameters, ...parameters },
    tokens_cache: { path: options.cacheDir, hits: vectors.cacheHits },
    map: {
      ...record.map,
      silhouette_by_theme: figure(mapSilhouette(x, y, merged.labels, merged.k, silhouetteRows)),
      ...(record.map?.silhouette_by_theme_fitted_rows === undefined ? {} : {
        silhouette_by_theme_fitted_rows: figure(mapSilhouette(
          Float64Array.from(model.map.themes, (_, i) => mapPositions[2 * i]), Float64Array.from(model.map.themes, (_, i) => mapPositions[2 * i + 1]),
          Int32Array.from(model.map.themes, (c) => merged.labelOf[c]), merged.k, fittedRows)),
      }),
      ...(pca === null ? {} : {
        pca_for_comparison: { ...record.map.pca_for_comparison, silhouette_by_theme: figure(mapSilhouette(pca.x, pca.y, merged.labels, merged.k, silhouetteRows)) },
      }),
    },
    model: modelRecord(join(options.out, MODEL_FOLDER), modelFiles),
    clustering: { ...record.clustering, themes_after_merges: merged.k },
    quality,
    ...themesRecord(themes, assignments, themeViews),
    merged: joined,
    relabelled: {
      from: options.run,
      run_finished_at: record.finished_at ?? null,
      merges: pairs.map(([a, b]) => [model.themes.ids[a], model.themes.ids[b]]),
      reduce_to: options.reduceTo,
      labels: options.labelsFile,
      pinned: Object.fromEntries(themes.filter((t) => t.pinned === true).map((t) => [t.id, t.label])),
      refitted: 'nothing: the vectorizer, SVD, themes and map are the run\'s',
    },
    ...timingRecord(stages, started),
  };
  if (joined.length === 0) delete out.merged;
  return { summary, record: out, files: commitRun(staged, out, options) };
}

/**
 * run.json, assignments.csv and model/ of a run folder; what is missing, unreadable or not
 * this run's is a ModelError naming the file. A nightly report is refused: its themes are
 * merged by the nightly config's `merges`.
 */
function readFittedRun(folder: string): FittedRun {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new OptionError('run', folder, 'a run folder that paper-themes run wrote');
  const model = loadThemeModel(folder);
  const recordFile = join(folder, REPORT_FILES.run);
  let record: Record<string, any>;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8'));
  } catch (error) {
    throw new ModelError(recordFile, `not a readable run record (${(error as Error).message}): relabel starts from a run folder that paper-themes run wrote`);
  }
  if (record.tool === 'paper-themes nightly') {
    throw new OptionError('run', folder, 'a folder of paper-themes run; this is a nightly report, whose themes are merged by "merges" in the nightly config (docs/nightly.md)');
  }
  if (record.tool !== 'paper-themes') throw new ModelError(recordFile, 'not a paper-themes run record');
  const recordIds = Array.isArray(record.themes) ? record.themes.map((t: { id: number }) => t.id).sort((x: number, y: number) => x - y) : [];
  const modelIds = Array.from(model.themes.ids).sort((x, y) => x - y);
  const terms = record.vocabulary?.terms;
  if (JSON.stringify(recordIds) !== JSON.stringify(modelIds) || (terms !== undefined && terms !== model.tfidf.vocabulary.length)) {
    throw new ModelError(join(folder, MODEL_FOLDER), `not this run's model: its themes (${modelIds.join(', ')}) or its ${model.tfidf.vocabulary.length} terms differ from ${recordFile}'s`);
  }
  const csvFile = join(folder, REPORT_FILES.assignments);
  let text: string;
  let rows: Array<Record<string, string>>;
  try {
    text = readFileSync(csvFile, 'utf8');
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new ModelError(csvFile, `not readable as CSV (${(error as Error).message})`);
  }
  const placed = new Map<string, { themeId: number; x: number; y: number }>();
  const numberIn = (cell: string | undefined) => (cell === undefined || cell.trim() === '' ? Number.NaN : Number(cell));
  rows.forEach((row, i) => {
    const themeId = numberIn(row.theme_id);
    const x = numberIn(row.x);
    const y = numberIn(row.y);
    if (row.paper_id === undefined || row.paper_id === '' || !Number.isInteger(themeId) || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new ModelError(csvFile, `row ${i + 2} lacks a paper_id, an integer theme_id or numeric x and y`);
    }
    placed.set(row.paper_id, { themeId, x, y });
  });
  return { record, model, placed, csvBom: text.startsWith('\uFEFF') };
}

/**
 * The labels to pin: the run's pinned labels (by theme id, from run.json) with the ones
 * asked for now over them; a pin by id on no theme of the run (merged away earlier, or
 * never there) is warned about and not used.
 */
function carriedPins(record: Record<string, any>, model: ThemeModel, asked: LabelPins | undefined, warn: (line: string) => void): LabelPins | undefined {
  const earlier = Object.fromEntries((Array.isArray(record.themes) ? record.themes : [])
    .filter((t: { pinned?: boolean }) => t.pinned === true).map((t: { id: number; label: string }) => [String(t.id), t.label]));
  if (asked === undefined && Object.keys(earlier).length === 0) return undefined;
  const ids = new Set(Array.from(model.themes.ids, String));
  for (const id of Object.keys(asked?.byTheme ?? {})) {
    if (!ids.has(id)) warn(`--labels: the run has no theme ${id} (merged away, or never there), so its pin "${asked!.byTheme[id]}" is not used`);
  }
  return { byTheme: { ...earlier, ...asked?.byTheme }, byTerm: { ...asked?.byTerm } };
}

/**
 * The merges asked for as pairs of theme indices of the model (--merge by id; --reduce-to
 * by the tree of the themes' centres); an OptionError names an id the run has not.
 */
function mergePairs(options: RelabelOptions, model: ThemeModel, X: DenseMatrix, labels: Int32Array, warn: (line: string) => void): Array<[number, number]> {
  const ids = Array.from(model.themes.ids);
  const k = ids.length;
  if (options.reduceTo !== null) {
    if (options.reduceTo >= k) throw new OptionError('reduce-to', options.reduceTo, `fewer themes than the run's ${k}`);
    const centres = applyMerges(labels, Int32Array.from({ length: k }, (_, c) => c), X).centres;
    return pairsToReduce(averageLinkage(cosineDistances(centroidCosines(centres, k, X.cols), k), k), k, options.reduceTo);
  }
  const known = `the run's theme ids (${[...ids].sort((a, b) => a - b).join(', ')})`;
  return options.merges.map(([a, b]) => {
    const ia = ids.indexOf(a);
    const ib = ids.indexOf(b);
    if (ia < 0 || ib < 0) throw new OptionError('merge', `${a},${b}`, known);
    return [ia, ib];
  });
}

/**
 * The model's themes after joining `pairs` (of theme indices): compact labels, centres,
 * and for each merged theme the id it keeps (the smallest of its group's) and the ids it
 * joined; `labelOf[c]` is where the model's theme c went.
 */
function joinThemes(labels: Int32Array, model: ThemeModel, pairs: Array<[number, number]>, X: DenseMatrix): MergedThemes & { labelOf: Int32Array } {
  const ids = Array.from(model.themes.ids);
  const rootIds = mergeGroupRoots(pairs.map(([a, b]) => [ids[a], ids[b]]));
  const byIndex = applyMerges(labels, Int32Array.from(ids, (id) => ids.indexOf(rootIds.get(id) ?? id)), X);
  const labelOf = new Int32Array(ids.length);
  byIndex.members.forEach((members, c) => { for (const m of members) labelOf[m] = c; });
  return {
    ...byIndex,
    ids: Int32Array.from(byIndex.ids, (c) => ids[c]),
    members: byIndex.members.map((members) => members.map((c) => ids[c]).sort((a, b) => a - b)),
    labelOf,
  };
}

/** The themes joined, counting the run's own merges: each kept id with every theme id of the unmerged run it holds. */
function composedMerges(record: Record<string, any>, merged: MergedThemes): Array<{ id: number; themes: number[] }> {
  const earlier = new Map<number, number[]>((Array.isArray(record.merged) ? record.merged : []).map((m: { id: number; themes: number[] }) => [m.id, m.themes]));
  return merged.members.flatMap((members, c) => {
    const themes = [...new Set(members.flatMap((id) => earlier.get(id) ?? [id]))].sort((a, b) => a - b);
    return themes.length > 1 ? [{ id: merged.ids[c], themes }] : [];
  });
}

/** The run's parameters as the report shows them, with these merges (by id) after the run's own. */
function relabelledParameters(record: Record<string, any>, pairs: Array<[number, number]>, reduceTo: number | null): Record<string, string | number | boolean> {
  const { k_requested: _k, k_range: _range, max_features: _features, ...shown } = (record.parameters ?? {}) as Record<string, unknown>;
  const parameters = Object.fromEntries(Object.entries(shown).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, string | number | boolean>;
  const merge = [parameters.merge, ...pairs.map(([a, b]) => `${a}+${b}`)].filter((m) => m !== undefined && m !== '').join('; ');
  return {
    ...parameters,
    ...(merge === '' ? {} : { merge }),
    ...(reduceTo === null ? {} : { reduce_to: reduceTo }),
    relabelled: 'from the fitted run, nothing refitted',
  };
}


function figure(value: number): number | null {
  return Number.isFinite(value) ? round(value, 4) : null;
}
