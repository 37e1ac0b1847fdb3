import type { ThemeQuality, WeightedTerm } from '../types.js';
import { TOKENIZER_VERSION, type KnownWords } from '../tokenize/winkTokenizer.js';
import type { TfidfParams } from '../vectorize/tfidf.js';
import { type ModelFiles } from './modelFiles.js';

/**
 * A fitted ThemeModel: everything assigning new papers to a run's themes needs, as plain
 * data (issue 16). Shapes: V vocabulary terms, d reduced dimensions, k themes, m papers the
 * map was fitted on.
 *
 * A new paper is tokenized with the same rules and phrase vocabulary, counted over the
 * vocabulary and weighted with the fitted idf (unit rows), given the theme whose TF-IDF
 * centre it is most similar to (the refinement's last assignment rule), projected by the
 * SVD for its score (cosine to the theme's reduced centre; a loose fit below half the
 * theme's median), and placed on the map among the fitted papers of its theme.
 */
export interface ThemeModel {
  /** The tokenizer's rules; `version` is TOKENIZER_VERSION at the fit (null: a model from before it was kept). */
  tokenizer: { boilerplate: string[]; titleWeight: number; lemmas: boolean; version: string | null };
  /** The words the fit kept, with their lemmas (null without lemmas): assigning asks wink only about other words. */
  words: KnownWords | null;
  phrases: string[];
  /** Vocabulary (the features' keys) with what a reader sees of each (labels, top terms), its idf and the fit's counts. */
  tfidf: { params: TfidfParams; vocabulary: string[]; displayForms: string[]; idf: Float64Array; documentCount: number; meanDocumentLength: number };
  /** Vᵀ (d x V), and the column means subtracted first (null: LSA, uncentred). */
  svd: { components: Float64Array; singularValues: Float64Array; columnMeans: Float64Array | null };
  themes: {
    /** Theme id of each theme c (the run's ids: gaps after merges). */
    ids: Int32Array;
    labels: string[];
    /** k x V unit rows: the normalised sum of each theme's TF-IDF rows. */
    tfidfCentres: Float64Array;
    /** k x d: the mean of each theme's reduced rows (what scores are measured against). */
    reducedCentres: Float64Array;
    /** Median score of each theme's papers (a loose fit scores below half of it). */
    medianScores: Float64Array;
    /** What the report shows of each theme as fitted: heading, top terms, representative papers, quality, the loose flag. */
    shown: ThemeShown[];
    /** Label and heading of each merge of the theme tree, in merge order (the label stage's groupLabels). */
    treeLabels: Array<{ label: string; heading: string }>;
  };
  /** The map's fitted papers: their reduced rows (m x d), positions (m x 2) and themes (m). */
  map: { rows: Float64Array; positions: Float64Array; themes: Int32Array };
}

/** A theme as the report shows it, beside its label (src/types.ts Theme). */
export interface ThemeShown {
  heading: string;
  /** When the label is pinned: the label and heading the label stage chose. */
  chosen: { label: string; heading: string } | null;
  topTerms: WeightedTerm[];
  representativeIds: string[];
  quality: ThemeQuality | null;
  loose: boolean;
}

/** The model as model files: small values in the manifest's parameters, arrays as files. */
export function themeModelFiles(model: ThemeModel): ModelFiles {
  return {
    parameters: {
      tokenizer: model.tokenizer,
      ...(model.words === null ? {} : { words: { surfaces: model.words.surfaces, lemmas: model.words.lemmas } }),
      phrases: model.phrases,
      tfidf: { params: model.tfidf.params, vocabulary: model.tfidf.vocabulary, display_forms: model.tfidf.displayForms, documentCount: model.tfidf.documentCount, meanDocumentLength: model.tfidf.meanDocumentLength },
      svd: { centred: model.svd.columnMeans !== null },
      themes: { labels: model.themes.labels, shown: model.themes.shown, tree_labels: model.themes.treeLabels },
    },
    arrays: {
      idf: model.tfidf.idf,
      svd_components: model.svd.components,
      svd_singular_values: model.svd.singularValues,
      ...(model.svd.columnMeans === null ? {} : { svd_column_means: model.svd.columnMeans }),
      theme_ids: model.themes.ids,
      theme_tfidf_centres: model.themes.tfidfCentres,
      theme_reduced_centres: model.themes.reducedCentres,
      theme_median_scores: model.themes.medianScores,
      map_rows: model.map.rows,
      map_positions: model.map.positions,
      map_themes: model.map.themes,
    },
  };
}

/** The model back from its files, with every shape checked; `where` names the manifest in errors. */
export function themeModelFromFiles(files: ModelFiles, where: string): ThemeModel {
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  const p = files.parameters as Record<string, any>;
  const a = files.arrays;
  const f64 = (name: string): Float64Array => (a[name] instanceof Float64Array ? (a[name] as Float64Array) : fail(`array ${name} (float64) is missing`));
  const i32 = (name: string): Int32Array => (a[name] instanceof Int32Array ? (a[name] as Int32Array) : fail(`array ${name} (int32) is missing`));
  const strings = (value: unknown, name: string): string[] => (Array.isArray(value) && value.every((s) => typeof s === 'string') ? value : fail(`${name} is not a list of strings`));
  const vocabulary = strings(p.tfidf?.vocabulary, 'tfidf.vocabulary');
  const labels = strings(p.themes?.labels, 'themes.labels');
  const displayForms = strings(p.tfidf?.display_forms, 'tfidf.display_forms');
  if (displayForms.length !== vocabulary.length) fail(`tfidf.display_forms has ${displayForms.length} terms, the vocabulary ${vocabulary.length}`);
  const V = vocabulary.length;
  const k = labels.length;
  const singularValues = f64('svd_singular_values');
  const d = singularValues.length;
  const model: ThemeModel = {
    tokenizer: {
      boilerplate: strings(p.tokenizer?.boilerplate, 'tokenizer.boilerplate'), titleWeight: Number(p.tokenizer?.titleWeight), lemmas: p.tokenizer?.lemmas === true,
      version: typeof p.tokenizer?.version === 'string' ? p.tokenizer.version : null,
    },
    words: p.words === undefined ? null : { surfaces: strings(p.words.surfaces, 'words.surfaces'), lemmas: strings(p.words.lemmas, 'words.lemmas') },
    phrases: strings(p.phrases, 'phrases'),
    tfidf: { params: p.tfidf.params as TfidfParams, vocabulary, displayForms, idf: f64('idf'), documentCount: Number(p.tfidf.documentCount), meanDocumentLength: Number(p.tfidf.meanDocumentLength) },
    svd: { components: f64('svd_components'), singularValues, columnMeans: p.svd?.centred === true ? f64('svd_column_means') : null },
    themes: {
      ids: i32('theme_ids'), labels, tfidfCentres: f64('theme_tfidf_centres'), reducedCentres: f64('theme_reduced_centres'), medianScores: f64('theme_median_scores'),
      shown: Array.isArray(p.themes?.shown) && p.themes.shown.length === k ? p.themes.shown : fail(`themes.shown is not a list of ${k} themes`),
      treeLabels: Array.isArray(p.themes?.tree_labels) ? p.themes.tree_labels : fail('themes.tree_labels is not a list'),
    },
    map: { rows: f64('map_rows'), positions: f64('map_positions'), themes: i32('map_themes') },
  };
  if (model.words !== null && model.words.surfaces.length !== model.words.lemmas.length) {
    fail(`words.surfaces has ${model.words.surfaces.length} words, words.lemmas ${model.words.lemmas.length}`);
  }
  const m = model.map.themes.length;
  const shapes: Array<[string, number, number]> = [
    ['idf', model.tfidf.idf.length, V],
    ['svd_components', model.svd.components.length, d * V],
    ['svd_column_means', model.svd.columnMeans?.length ?? V, V],
    ['theme_ids', model.themes.ids.length, k],
    ['theme_tfidf_centres', model.themes.tfidfCentres.length, k * V],
    ['theme_reduced_centres', model.themes.reducedCentres.length, k * d],
    ['theme_median_scores', model.themes.medianScores.length, k],
    ['map_rows', model.map.rows.length, m * d],
    ['map_positions', model.map.positions.length, m * 2],
  ];
  for (const [name, length, expected] of shapes) if (length !== expected) fail(`array ${name} has ${length} values, expected ${expected}`);
  if (model.map.themes.some((t) => t < 0 || t >= k)) fail(`array map_themes names a theme outside 0..${k - 1}`);
  return model;
}

/**
 * The model's words as the tokenizer may trust them: only when they were made by this
 * version of the tokenizer's rules. Words of other rules would give papers other lemmas
 * than wink gives today, and through the tokens cache reach later runs.
 */
export function usableWords(model: Pick<ThemeModel, 'words' | 'tokenizer'>): KnownWords | undefined {
  return model.words !== null && model.tokenizer.version === TOKENIZER_VERSION ? model.words : undefined;
}
