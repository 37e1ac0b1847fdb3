import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { libraryVersions } from '../src/io/libraryVersions.js';
import { listRuns } from '../src/io/listRuns.js';
import { replaceFolderWith } from '../src/io/replaceFolder.js';
import { writeFileAtomic } from '../src/io/writeAtomic.js';
import type { NightlyConfig } from '../src/nightly/config.js';
import { fileProblem, folderProblem } from '../src/io/checkWritable.js';
import { OutputError } from '../src/io/outputError.js';
import { acquireLock, processAlive } from '../src/nightly/lock.js';
import { matchThemes } from '../src/nightly/matchThemes.js';
import { firstFutureNight, isFutureNight, shiftDays } from '../src/nightly/nightDates.js';
import { QUALITY_RULE } from '../src/nightly/qualityTrend.js';
import { themeTrends, TREND_RULE } from '../src/nightly/themeTrends.js';
import { renderRunsIndex } from '../src/report/renderRunsIndex.js';
import { arxivSource } from '../src/sources/arxiv.js';
import { hfDailySource } from '../src/sources/hfDaily.js';
import { fileSource, inboxSource } from '../src/sources/inbox.js';
import type { PaperSource } from '../src/sources/source.js';
import { PaperStore, StoreError, type StoredRun, type StoredTheme } from '../src/store/paperStore.js';
import type { Assignment, Paper, RunSummary, Theme, ThemeViews } from '../src/types.js';
import { CorpusError } from './corpusError.js';
import { modelRecord, refinementRecord, themesRecord, timingRecord, type RunRecord } from './runRecord.js';
import { foldIn, type FoldInOutput } from './foldIn.js';
import { loadThemeModel } from './assign.js';
import { NIGHT_KIND_RULE, nightKind, type NightKind } from '../src/nightly/nightKind.js';
import type { ThemeModel } from '../src/model/themeModel.js';
import { readWordList } from './fitThemes.js';
import { timeStage } from './stageRecord.js';
import { themeStructure, themeViews as themeViewsOf } from './themeViews.js';
import { tokenCacheRules } from './fitThemes.js';
import { fitThemeModel } from './fitThemeModel.js';
import { mapRecord } from './mapRecord.js';
import { MODEL_FOLDER } from './assign.js';
import { MANIFEST } from '../src/model/modelFiles.js';
import { TOKENIZER_VERSION } from '../src/tokenize/winkTokenizer.js';
import { clusterPairsToMerge, liveGroupRoots, majorityPreviousTheme, withGroupIds } from '../src/nightly/configuredMerges.js';
import type { PipelineOptions } from './options.js';
import { round, type StageRecord } from './stageRecord.js';
import { commitReport, REPORT_FILES, report, type StagedReport } from './8-report.js';
import { kSelectionRecord, kSelectionSummary } from './kSelectionRecord.js';
import { withThemeIds } from './themeViews.js';

export interface NightlyResult {
  night: string;
  status: 'done' | 'unchanged';
  /** Papers added to the store by this invocation, per source. */
  added: Record<string, number>;
  failedSources: string[];
  runId: number | null;
  papers: number;
  /** Tonight's themes; `gained`: the papers each took of tonight's new ones (null: night already done, not re-counted). */
  themes: Array<{ id: number; label: string; size: number; gained: number | null; status: string }>;
  reportDir: string | null;
}

/**
 * Points where the crash-safety tests kill the process (PAPER_THEMES_CRASH_AT=<point>):
 * after the papers are committed, after the themes are fitted, in the middle of writing
 * the report folders, and after the reports but before the run is marked done.
 */
export type CrashPoint = 'after-ingest' | 'after-fit' | 'mid-report' | 'before-done';

function crashPoint(point: CrashPoint): void {
  if (process.env.PAPER_THEMES_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * One night of the nightly job:
 *
 *   lock -> ingest sources into the store -> (nothing new and night done: stop)
 *        -> fit themes on the store's papers, starting from last night's -> match theme ids
 *        -> write reports/<night>/, reports/latest/, reports/index.html -> mark the run done
 *
 * Every step can be killed and the night re-run: papers are committed per source in one
 * transaction (inbox files move only afterwards), report folders are swapped in whole, and
 * a run is `done` in the store only once all its outputs exist.
 */
export async function runNightly(
  config: NightlyConfig,
  options: PipelineOptions,
  night: string,
  io: { log: (line: string) => void; warn: (line: string) => void; waitMs: number },
  asked: { refit?: boolean } = {},
): Promise<NightlyResult> {
  const release = await lockStoreFolder(config.store, io.waitMs);
  let opened: PaperStore | undefined;
  try {
    const store = (opened = new PaperStore(config.store));
    checkReportOutputs(config.reports, night);
    const abandoned = store.abandonDeadRuns(processAlive);
    if (abandoned > 0) io.warn(`${abandoned} earlier run(s) had been interrupted; this run redoes their work`);

    // 1. Ingest: each source on its own; one failing never stops the others.
    const added: Record<string, number> = {};
    const failedSources: string[] = [];
    const sources = buildSources(config, io.log);
    if (config.demo !== null && config.bundledCorpus !== null) {
      if (store.paperCount() === 0) sources.unshift(demoSource(config.bundledCorpus, config.store, config.demo, io.warn));
      else io.log(`demo: the store ${config.store} already holds papers; nothing seeded`);
    }
    for (const source of sources) {
      try {
        const batch = await source.fetch(night);
        const result = store.addPapers(batch.papers, source.name, night);
        added[source.name] = result.added;
        try {
          batch.committed();
        } catch (error) {
          // The papers are stored; only the clean-up (moving inbox files) failed.
          io.warn(`${source.name}: papers stored, but ${(error as Error).message}`);
        }
        store.recordSource(night, source.name, 'ok', result.added, batch.problems.length ? batch.problems.slice(0, 20).join('; ') : null);
        for (const problem of batch.problems.slice(0, 10)) io.warn(`${source.name}: ${problem}`);
        io.log(`${source.name}: ${batch.papers.length} papers, ${result.added} new, ${result.duplicates} already stored`);
      } catch (error) {
        failedSources.push(source.name);
        store.recordSource(night, source.name, 'failed', 0, (error as Error).message);
        io.warn(`${source.name} failed: ${(error as Error).message}`);
      }
    }
    crashPoint('after-ingest');
    const newPapers = Object.values(added).reduce((s, n) => s + n, 0);
    if (store.paperCount() === 0) {
      throw new CorpusError(`nothing could be ingested and the store ${config.store} is empty` +
        (failedSources.length ? ` (failed: ${failedSources.join(', ')})` : '') +
        `: drop paper files into ${config.inbox}, name other sources with --source, or try the bundled corpus with --demo`);
    }
    // Nothing to do only when tonight's finished run is the night's latest run and covers
    // every paper of the window: papers committed by a run that was killed before it
    // clustered them must still be clustered.
    const since = config.windowDays === null ? undefined : shiftDays(night, -(config.windowDays - 1));
    const papers = store.papers(night, since);
    const alreadyDone = store.doneRun({ night });
    const upToDate = alreadyDone !== undefined && store.latestRun(night)?.id === alreadyDone.id && alreadyDone.papers === papers.length;
    if (alreadyDone !== undefined && upToDate && newPapers === 0) {
      io.log(`night ${night} is already done (run ${alreadyDone.id}) and no new papers arrived: nothing to do`);
      return {
        night, status: 'unchanged', added, failedSources, runId: alreadyDone.id, papers: alreadyDone.papers ?? 0,
        themes: store.themes(alreadyDone.id).map((t) => ({ id: t.id, label: t.label, size: t.size, gained: null, status: 'unchanged' })),
        reportDir: join(config.reports, night),
      };
    }

    // 2. Tonight's kind: a full refit, or the new papers folded into last night's model.
    if (papers.length < 3) throw new CorpusError(`${papers.length} papers are too few to find themes in (at least 3 are needed)`);
    const previousRun = store.doneRun({ before: night });
    const previousStored = previousRun ? store.assignments(previousRun.id) : [];
    const previousAssignments = new Map(previousStored.map((a) => [a.paperId, a.themeId]));
    const previousThemes = previousRun ? store.themes(previousRun.id) : [];
    const foldInKey = foldInOptionsKey(options, config);
    const earlier = store.doneRunsByNight().filter((run) => run.night < night).reverse()
      .map((run): NightKind => (run.record?.night_kind === 'fold-in' ? 'fold-in' : 'refit'));
    let kind = nightKind({ asked: asked.refit === true, earlier, refitEveryNights: config.refitEveryNights });
    // Last night's model is read only when tonight may fold into it.
    const lastModel = kind.kind === 'fold-in' && previousRun !== undefined ? lastNightsModel(config.reports, previousRun, foldInKey) : null;
    if (lastModel?.problem) kind = { kind: 'refit', reason: lastModel.problem };
    const runId = store.startRun(night, { ...options, input: 'store', out: null });
    const stages: StageRecord[] = [];
    const started = process.hrtime.bigint();
    let tonight: Tonight | null = null;
    if (kind.kind === 'fold-in') {
      const model = lastModel!.model!;
      const folded = await timeStage(stages, 'assign', io.log,
        () => foldIn({ model, papers, previous: new Map(previousStored.map((a) => [a.paperId, a])) }, { workers: options.workers, cache: store.tokenCache(tokenCacheRules(options)) }),
        (f) => `${f.assigned} new papers assigned to the ${f.themes.length} themes of ${previousRun!.night}, ${f.looseAssigned} of them loose fits`);
      const looseShare = folded.assigned === 0 ? 0 : folded.looseAssigned / folded.assigned;
      if (looseShare > config.refitLooseShare) {
        kind = { kind: 'refit', reason: `${(100 * looseShare).toFixed(1)}% of the ${folded.assigned} new papers are loose fits of ${previousRun!.night}'s themes (refitLooseShare ${config.refitLooseShare})` };
      } else if (folded.empty.length > 0) {
        kind = { kind: 'refit', reason: `theme${folded.empty.length === 1 ? '' : 's'} ${folded.empty.map((id) => `#${id}`).join(', ')} kept no paper in the window` };
      } else {
        tonight = foldedTonight(folded, model, previousRun!, config, { assigned: folded.assigned, looseShare });
      }
    }
    io.log(`night ${night}: ${kind.kind} (${kind.reason})`);
    if (tonight === null) tonight = await refitTonight(papers, options, config, store, stages, io, { previousRun, previousAssignments, previousThemes });
    crashPoint('after-fit');

    // 3. Trends: tonight's gains (the papers last night's run had not clustered), growth, label history.
    const { assignments } = tonight;
    const gained = new Map<number, number>();
    for (const a of assignments) if (!previousAssignments.has(a.paperId)) gained.set(a.themeId, (gained.get(a.themeId) ?? 0) + 1);
    const themes: StoredTheme[] = tonight.themes.map((theme) => ({ ...theme, gained: gained.get(theme.id) ?? 0 }));
    const history = store.doneRunsByNight().filter((run) => run.night < night)
      .map((run) => ({ night: run.night, themes: store.themes(run.id), quality: runQuality(run.record) }));
    // A fold-in measured no quality tonight: no quality trend is judged on it.
    const trends = themeTrends([...history, { night, themes, quality: kind.kind === 'fold-in' ? undefined : tonight.quality }], previousThemes);
    for (const id of Object.keys(config.pins)) {
      if (!themes.some((t) => String(t.id) === id)) io.warn(`pins: no theme has id ${id} tonight, so its pin "${config.pins[id]}" is not used`);
    }
    for (const warning of trends.qualityWarnings) io.warn(`theme quality: ${warning.note}`);
    const nightShown = kind.kind === 'fold-in' ? `fold-in: new papers assigned to the themes of ${previousRun!.night} (${kind.reason})` : `refit (${kind.reason})`;

    // 4. Report: tonight's folder, then latest/, then the list of nights.
    const summary: RunSummary = {
      corpusName: `paper-themes nightly ${night}`,
      corpusDate: night,
      parameters: { night: nightShown, ...tonight.parameters, papers_window: since === undefined ? 'all nights' : `since ${since}` },
      quality: tonight.quality,
      kSelection: tonight.kSelection,
      papers,
      assignments,
      themes: themes.map(({ centroid: _centroid, gained: _gained, ...theme }): Theme => theme),
      trends,
      themeViews: tonight.themeViews,
      ...(tonight.mergedTonight.length === 0 ? {} : { merged: tonight.mergedTonight }),
    };
    const reportDir = join(config.reports, night);
    const recordOf = (modelFiles: StagedReport['modelFiles']): RunRecord => ({
      tool: 'paper-themes nightly',
      night,
      run_id: runId,
      night_kind: kind.kind,
      night_kind_reason: kind.reason,
      night_kind_rule: NIGHT_KIND_RULE,
      fold_in_key: foldInKey,
      store: config.store,
      sources: store.sourceEvents(night),
      input: { path: 'store', papers: papers.length },
      papers: papers.length,
      new_papers: newPapers,
      parameters: tonight.parameters,
      libraries: libraryVersions(),
      quality: tonight.quality,
      ...tonight.record,
      model: modelRecord(MODEL_FOLDER, modelFiles),
      ...themesRecord(themes, assignments, tonight.themeViews, 'largest first'),
      theme_changes: trends.tonight.map((t) => ({
        id: t.id, label: t.label, size: t.size, previous: t.previous, gained: t.gained, expected: t.expected, status: t.status, was: t.was,
      })),
      trend_rule: TREND_RULE,
      ended_themes: tonight.ended,
      label_history: trends.labelHistory,
      quality_warnings: trends.qualityWarnings.map((w) => ({ metric: w.metric, rule: w.rule, values: w.values, note: w.note })),
      quality_rule: QUALITY_RULE,
      ...timingRecord(stages, started),
    });
    const staged = report({ summary, model: tonight.model }, { out: reportDir, csvBom: options.csvBom });
    let record: RunRecord;
    try {
      record = recordOf(staged.modelFiles);
      commitReport(staged, reportDir, record);
    } catch (error) {
      // Nothing of tonight's folder is left behind; the previous one stays as it was.
      staged.folder.discard();
      throw error;
    }
    crashPoint('mid-report');
    // latest/ follows the newest completed night that is not in the future: re-running an
    // older night leaves it alone, and a night run ahead (--allow-future-date) never holds it.
    if (isFutureNight(night)) {
      io.log(`latest/ left as it is: ${night} is in the future`);
    } else {
      const newest = store.doneRun({ before: firstFutureNight() });
      // latest/ holds links to tonight's files: the same bytes, written once.
      if (newest === undefined || newest.night <= night) replaceFolderWith(join(config.reports, 'latest'), reportDir);
    }
    writeFileAtomic(join(config.reports, 'index.html'), renderRunsIndex(listRuns(config.reports)));
    crashPoint('before-done');

    // 5. Done: the run, its themes and assignments in one transaction.
    store.finishRun(runId, { night, themes, assignments, record, ended: tonight.ended });
    io.log(`night ${night}: ${papers.length} papers, ${themes.length} themes (${trends.tonight.filter((t) => t.status === 'new').length} new, ${tonight.ended.length} ended; ${kind.kind}); report ${reportDir}`);
    return {
      night, status: 'done', added, failedSources, runId, papers: papers.length,
      themes: trends.tonight.map((t) => ({ id: t.id, label: t.label, size: t.size, gained: t.gained, status: t.status })),
      reportDir,
    };
  } finally {
    opened?.close();
    release();
  }
}

/** Tonight's themes and assignments under the stable ids, from a refit or a fold-in, with what run.json says of them. */
interface Tonight {
  /** Themes without tonight's gains (added by the caller). */
  themes: Array<Omit<StoredTheme, 'gained'>>;
  assignments: Assignment[];
  quality: Record<string, number>;
  parameters: RunSummary['parameters'];
  kSelection: RunSummary['kSelection'];
  themeViews: ThemeViews | undefined;
  mergedTonight: Array<{ id: number; themes: number[] }>;
  ended: number[];
  /** Tonight's ThemeModel, under the stable ids. */
  model: ThemeModel;
  /** run.json entries of this kind of night (map, clustering, merges, fold_in). */
  record: Pick<RunRecord, 'map' | 'clustering'> & Record<string, unknown>;
}

/**
 * A refit night: the window's papers tokenized (from the store's cache), vectorized,
 * reduced, clustered warm from last night's themes and labelled; tonight's themes (joined
 * as configured) take the ids of the themes they continue.
 */
async function refitTonight(
  papers: Paper[],
  options: PipelineOptions,
  config: NightlyConfig,
  store: PaperStore,
  stages: StageRecord[],
  io: { log: (line: string) => void; warn: (line: string) => void },
  last: { previousRun: StoredRun | undefined; previousAssignments: Map<string, number>; previousThemes: StoredTheme[] },
): Promise<Tonight> {
  const { previousRun, previousAssignments, previousThemes } = last;
  const paperIds = papers.map((p) => p.id);
  // Merge groups over last night's themes only: an id that is not one of them (ended,
  // or not born yet) joins nothing and gives no theme its id.
  const live = new Set(previousThemes.map((t) => t.id));
  const roots = liveGroupRoots(config.merges, live);
  // An ended id is what a merge leaves behind; an id no theme has had yet is likely a slip.
  for (const id of [...new Set(config.merges.flat())].sort((a, b) => a - b)) {
    if (id >= store.nextThemeId()) io.warn(`merges: no theme has had id ${id} yet, so no merge joins it tonight; a theme born with that id later would be joined`);
  }
  // Tonight's themes (joined as configured) take the ids of the themes they continue; a
  // joined theme, its merge group's smallest id.
  const matchTonight = (labels: Int32Array, k: number) => {
    const match = matchThemes(paperIds, labels, k, previousAssignments, store.nextThemeId(), config.matchThreshold);
    return roots.size === 0 ? match : withGroupIds(match, majorityPreviousTheme(paperIds, labels, k, previousAssignments), roots, store.nextThemeId());
  };
  // Tonight's themes take the ids of the themes they continue, matched once the fit has them.
  let match: ReturnType<typeof matchTonight> | undefined;
  const { fit: fitted, model } = await fitThemeModel(papers, options, stages, io.log, {
    themeIdsOf: (fit) => {
      const joined = fit.merged ?? fit.clusters;
      match = matchTonight(joined.labels, joined.k);
      return match.ids;
    },
    cache: store.tokenCache(tokenCacheRules(options)),
    warn: io.warn,
    previous: previousRun && previousThemes.length >= 2
      ? { assignments: previousAssignments, k: previousThemes.length, keepKWithin: config.keepKWithin }
      : undefined,
    // Configured merges are by stable theme id: clusters whose papers sat last night in
    // themes of one merge group are joined (configuredMerges.ts).
    ...(roots.size === 0 ? {} : {
      mergesFor: (labels: Int32Array, k: number) => clusterPairsToMerge(majorityPreviousTheme(paperIds, labels, k, previousAssignments), roots),
    }),
    // Pins are by stable theme id: the same match as below gives each cluster its id.
    pinsFor: (labels, k) => {
      const ids = matchTonight(labels, k).ids;
      const byIndex: Record<string, string> = {};
      ids.forEach((id, c) => {
        const pinned = config.pins[String(id)];
        if (pinned !== undefined) byIndex[String(c)] = pinned;
      });
      return byIndex;
    },
  });

  const { clusters, labelled } = fitted;
  const joined = fitted.merged ?? clusters;
  const { ids, ended } = match!;
  // What the configured merges joined tonight: each joined theme's id and the themes its clusters continued.
  const majorityOfClusters = fitted.merged === null ? null : majorityPreviousTheme(paperIds, clusters.labels, clusters.k, previousAssignments);
  const mergedTonight = fitted.merged === null ? [] : fitted.merged.members.flatMap((members, c) => {
    const themes = [...new Set(members.map((m) => majorityOfClusters![m]).filter((id) => id >= 0))].sort((a, b) => a - b);
    return members.length > 1 && themes.length > 1 ? [{ id: ids[c], themes }] : [];
  });
  for (const m of mergedTonight) io.log(`  merged as configured: ${m.themes.map((id) => `#${id}`).join(' + ')} -> #${m.id}`);
  const d = fitted.reduced.vectors.cols;
  return {
    themes: labelled.themes.map((theme, c) => ({ ...theme, id: ids[c], centroid: joined.centres.slice(c * d, (c + 1) * d) })),
    assignments: labelled.assignments.map((a) => ({ ...a, themeId: ids[a.themeId] })),
    quality: fitted.quality,
    parameters: fitted.parameters,
    kSelection: fitted.kSelection,
    themeViews: fitted.themeViews === undefined ? undefined : withThemeIds(fitted.themeViews, ids),
    mergedTonight,
    ended,
    model,
    record: {
      map: mapRecord(fitted.mapped),
      ...(config.merges.length === 0 ? {} : { merges: config.merges, merged_tonight: mergedTonight, themes_after_merges: joined.k }),
      clustering: { k: clusters.k, k_selection: kSelectionRecord(clusters.selection, clusters.k), ...refinementRecord(clusters) },
    },
  };
}

/**
 * A fold-in night from foldIn's output: last night's themes (pins of the config applied),
 * tree and model; the quality figures, map and clustering of the night they were fitted.
 */
function foldedTonight(folded: FoldInOutput, model: ThemeModel, previousRun: StoredRun, config: NightlyConfig, figures: { assigned: number; looseShare: number }): Tonight {
  const d = model.svd.singularValues.length;
  const k = model.themes.ids.length;
  const ids = Array.from(model.themes.ids);
  const pinned = (id: number) => config.pins[String(id)];
  const themes = folded.themes.map((theme, c) => ({
    ...theme,
    ...(pinned(theme.id) === undefined ? {} : { label: pinned(theme.id)!, heading: pinned(theme.id)!, pinned: true }),
    centroid: model.themes.reducedCentres.slice(c * d, (c + 1) * d),
  }));
  const structure = themeStructure(model.themes.reducedCentres, k, d);
  const views = structure === null || structure.groups.length !== model.themes.treeLabels.length ? undefined
    : withThemeIds(themeViewsOf(structure, themes.map((t) => t.size), model.themes.treeLabels), ids);
  const last = (previousRun.record ?? {}) as Record<string, any>;
  const qualityFrom = last.fold_in?.quality_map_and_clustering_from ?? previousRun.night;
  const parameters = { ...(last.parameters ?? {}), quality_from: `the refit of ${qualityFrom}` } as RunSummary['parameters'];
  const quality = (last.quality ?? {}) as Record<string, number>;
  return {
    themes,
    assignments: folded.assignments,
    quality,
    parameters,
    kSelection: kSelectionSummary(last.clustering?.k_selection),
    themeViews: views,
    mergedTonight: [],
    ended: [],
    // Tonight's labels, each pinned one with the label as fitted kept beside it (ThemeShown.chosen).
    model: {
      ...model,
      themes: {
        ...model.themes,
        labels: themes.map((t) => t.label),
        shown: model.themes.shown.map((shown, c) => ({
          ...shown,
          heading: themes[c].heading ?? shown.heading,
          chosen: themes[c].pinned === true ? { label: folded.themes[c].label, heading: folded.themes[c].heading ?? folded.themes[c].label } : null,
        })),
      },
    },
    record: {
      map: last.map ?? null,
      ...(config.merges.length === 0 ? {} : { merges: config.merges, merged_tonight: [], themes_after_merges: k }),
      clustering: last.clustering ?? null,
      fold_in: {
        model_from: previousRun.night,
        papers_assigned: figures.assigned,
        loose_fits_among_assigned: folded.looseAssigned,
        loose_share: round(figures.looseShare, 4),
        refit_loose_share: config.refitLooseShare,
        quality_map_and_clustering_from: qualityFrom,
      },
    },
  };
}

/**
 * What must not change for a night to fold into last night's model: every option that
 * shapes the fit (tokenizer word list included) and the configured merges.
 */
function foldInOptionsKey(options: PipelineOptions, config: NightlyConfig): string {
  const { k, kRange, seed, dims, center, nInit, kmeans, refine, weighting, map, bm25K1, bm25B, minDf, maxDf, maxFeatures, phraseMinDf, titleWeight, lemmas, phrases } = options;
  return JSON.stringify({
    k, kRange, seed, dims, center, nInit, kmeans, refine, weighting, map, bm25K1, bm25B, minDf, maxDf, maxFeatures, phraseMinDf, titleWeight, lemmas, phrases,
    boilerplate: readWordList(options.stopwordsFile), merges: config.merges, tokenizer: TOKENIZER_VERSION,
  });
}

/**
 * Last night's model from its report folder, or why it cannot be folded into: it is
 * missing or damaged, it is not the model of last night's finished run (its manifest's
 * hash differs from the one the run recorded: a later run of that night was killed after
 * writing its folder, or the folder was copied over), or the options changed.
 */
function lastNightsModel(reports: string, previousRun: StoredRun, key: string): { model: ThemeModel | null; problem: string | null } {
  const record = (previousRun.record ?? {}) as Record<string, any>;
  if (record.fold_in_key !== key) return { model: null, problem: `the options or merges differ from ${previousRun.night}'s` };
  const manifest = join(reports, previousRun.night, MODEL_FOLDER, MANIFEST);
  try {
    const model = loadThemeModel(join(reports, previousRun.night));
    if (createHash('sha256').update(readFileSync(manifest)).digest('hex') !== record.model?.manifest_sha256) {
      return { model: null, problem: `${manifest} is not the model of ${previousRun.night}'s finished run (run ${previousRun.id})` };
    }
    return { model, problem: null };
  } catch (error) {
    return { model: null, problem: `${previousRun.night}'s model cannot be used (${(error as Error).message})` };
  }
}



/** A stored run's quality figures (run.json's `quality`), when its record has them. */
function runQuality(record: Record<string, unknown> | null): Record<string, number> | undefined {
  const quality = record?.quality;
  return quality !== null && typeof quality === 'object' ? (quality as Record<string, number>) : undefined;
}

function buildSources(config: NightlyConfig, log: (line: string) => void): PaperSource[] {
  const http = { ...config.http, log };
  return config.sources.map((name) => {
    switch (name) {
      case 'inbox': return inboxSource(config.inbox, log);
      case 'hf-daily': return hfDailySource({ baseUrl: config.hfDaily.baseUrl, http });
      case 'arxiv': return arxivSource({ ...config.arxiv, http });
    }
  });
}

export { shiftDays };

/**
 * Creates the store's folder and takes the lock beside the store. A folder paper-themes
 * may not write in is a one-line StoreError naming it, before any work.
 */
async function lockStoreFolder(store: string, waitMs: number): Promise<() => void> {
  try {
    mkdirSync(dirname(store), { recursive: true });
    return await acquireLock(`${store}.lock`, waitMs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new StoreError('unwritable', `cannot write in the store's folder ${dirname(store)} (${code}): the store, its lock and its journal are written there`);
    }
    throw error;
  }
}

/** The bundled corpus as tonight's first source, saying (even under --quiet) that demo papers enter the store. */
function demoSource(corpus: string, store: string, why: string, warn: (line: string) => void): PaperSource {
  const file = fileSource('bundled', corpus);
  return {
    name: file.name,
    async fetch(night) {
      const batch = await file.fetch(night);
      warn(`demo: seeding the empty store ${store} with the ${batch.papers.length} bundled papers of ${corpus} (${why}); ` +
        `for a store of your own, start another with --store FILE, or delete this one and drop your files into the inbox`);
      return batch;
    },
  };
}

/**
 * Fails before the night's work, not after it, when a report cannot be written: tonight's
 * folder and latest/ (each replaced whole, so they may hold only a report) and the list of
 * nights. Creates nothing.
 */
function checkReportOutputs(reports: string, night: string): void {
  const names = [...Object.values(REPORT_FILES), MODEL_FOLDER];
  for (const dir of [join(reports, night), join(reports, 'latest')]) {
    const problem = folderProblem(dir, names);
    if (problem !== undefined) throw new OutputError(dir, problem, 'reports');
  }
  const index = join(reports, 'index.html');
  const problem = fileProblem(index);
  if (problem !== undefined) throw new OutputError(index, problem, 'reports');
}
