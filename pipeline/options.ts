import { basename, dirname, join, resolve } from 'node:path';
import { projectPath } from '../src/projectRoot.js';
import { defaultWorkers } from '../src/tokenize/tokenizeInWorkers.js';
import { MAX_INPUT_LIMIT_MB } from '../src/ingest/readCorpus.js';

/**
 * Every knob of a run, normalised once at the boundary (CLI or API) so that stages receive
 * plain, valid data and never re-check it.
 */
export interface PipelineOptions {
  input: string;
  out: string;
  /** Number of themes, or 'auto' to choose it from kRange by silhouette. */
  k: number | 'auto';
  /** Range searched by k = 'auto'; null chooses from the corpus size (defaultKRange). */
  kRange: [number, number] | null;
  seed: number;
  /** Components of the reduction; null chooses from the corpus size (defaultDims). */
  dims: number | null;
  /** Centre the TF-IDF columns before the SVD (PCA) or not (LSA, as TruncatedSVD). */
  center: boolean;
  /** k-means restarts; null chooses from the corpus size (defaultNInit). */
  nInit: number | null;
  /** 'full' k-means with restarts, or 'minibatch' k-means for very large corpora. */
  kmeans: 'full' | 'minibatch';
  /** Refine the k-means themes by spherical k-means on the full TF-IDF rows. */
  refine: boolean;
  /** Term weights of the vectors: tf-idf with sublinear tf, or BM25's tf times the same idf. */
  weighting: 'tfidf' | 'bm25';
  /** The report's paper map: UMAP (themes as regions) or the exact PCA of the reduced vectors. */
  map: 'umap' | 'pca';
  /** Themes to merge, by the ids of the run without merges: each pair joins, keeping the smaller id. */
  merges: Array<[number, number]>;
  /** Merge themes by the theme tree until this many are left; null: no reduction. */
  reduceTo: number | null;
  /** BM25's k1 (saturation of repeated terms), >= 0; used with weighting 'bm25'. */
  bm25K1: number;
  /** BM25's b (document-length normalisation), in [0, 1]; used with weighting 'bm25'. */
  bm25B: number;
  minDf: number;
  maxDf: number;
  maxFeatures: number | null;
  /** Papers a phrase must occur in; null chooses from the corpus size (defaultPhraseMinDf). */
  phraseMinDf: number | null;
  titleWeight: number;
  /** Words are identified by their lemma ("merging" = "merge"); false: by their lower-case form. */
  lemmas: boolean;
  /** Recurring 2-3 word phrases become features; false: single words only. */
  phrases: boolean;
  stopwordsFile: string;
  /** Labels to pin (JSON: theme id or top term -> label); null: none. */
  labelsFile: string | null;
  /** Worker threads for tokenization. */
  workers: number;
  /** Folder of the tokens cache; null: no cache. */
  cacheDir: string | null;
  strict: boolean;
  quiet: boolean;
  /**
   * The list of runs (HTML) to refresh after the run; it lists every run folder beside it.
   * Null: none. By default `index.html` in out's parent folder when that folder is named
   * `reports` (as with the default `reports/latest`), else none.
   */
  runsIndex: string | null;
  /** Largest input read, in megabytes of 10^6 bytes, before and after gunzip (see readCorpus). */
  maxInputMb: number;
  /**
   * Start the CSV files with a UTF-8 byte order mark, for Excel (which reads a CSV opened by
   * double-click in the system's legacy code page unless it starts with one). Off by
   * default: Python's csv module then reads the mark into the first column's name.
   */
  csvBom: boolean;
}

/**
 * Values as they arrive from the command line or code; `cacheDir: false` turns the cache
 * off, `runsIndex: false` the runs index.
 */
export type RawOptions = { [K in keyof PipelineOptions]?: unknown };

/**
 * Bounds of the options whose cost grows with their value whatever the corpus, beyond any
 * use: restarts past 1,000 change nothing but the time (and 10^8 of them exhausted memory);
 * a title counted more than 10 times drowns its abstract (and 100,000 times took 1.6 GB for
 * 70 papers); more tokenizer threads than cores only queue (each holds a wink model:
 * 128 took 0.8 GB, 100,000 exhausted memory); past 1,000 components the n x dims matrices
 * of a large corpus no longer fit in memory. Bounds that depend on the corpus (dims, k)
 * are applied to it in fitThemes (see corpusLimits).
 */
export const LIMITS = {
  dims: [2, 1000],
  nInit: [1, 1000],
  titleWeight: [1, 10],
  workers: [1, 128],
} as const satisfies Record<string, readonly [number, number]>;

export const DEFAULT_INPUT = 'data/corpus/hf-trending-mar12.txt';
export const DEFAULT_OUT = 'reports/latest';

/** Thrown for a bad option; the message names the option and what is accepted. */
export class OptionError extends Error {
  constructor(option: string, value: unknown, expected: string) {
    super(`--${option}: ${JSON.stringify(value)} is not valid; expected ${expected}`);
    this.name = 'OptionError';
  }
}

export function defaultOptions(): PipelineOptions {
  return {
    input: projectPath(DEFAULT_INPUT),
    out: DEFAULT_OUT,
    k: 'auto',
    kRange: null,
    seed: 42,
    dims: null,
    center: true,
    nInit: null,
    kmeans: 'full',
    refine: true,
    weighting: 'tfidf',
    map: 'umap',
    merges: [],
    reduceTo: null,
    bm25K1: 1.2,
    bm25B: 0.5,
    minDf: 2,
    maxDf: 0.5,
    maxFeatures: null,
    phraseMinDf: null,
    titleWeight: 2,
    lemmas: true,
    phrases: true,
    stopwordsFile: projectPath('data/stopwords/boilerplate.txt'),
    labelsFile: null,
    workers: defaultWorkers(),
    cacheDir: projectPath('data/cache'),
    strict: false,
    quiet: false,
    runsIndex: defaultRunsIndex(DEFAULT_OUT),
    maxInputMb: MAX_INPUT_LIMIT_MB,
    csvBom: false,
  };
}

/**
 * Turns raw values (strings from the command line, or typed values from code) into
 * PipelineOptions, or throws an OptionError naming the first bad option.
 */
export function normaliseOptions(raw: RawOptions): PipelineOptions {
  const o = defaultOptions();
  const has = (key: keyof PipelineOptions) => raw[key] !== undefined && raw[key] !== null;
  if (has('input')) o.input = text('input', raw.input);
  if (has('out')) o.out = text('out', raw.out);
  if (has('k')) o.k = raw.k === 'auto' ? 'auto' : integer('k', raw.k, 2, 'an integer >= 2 or "auto"');
  if (has('kRange')) o.kRange = range('k-range', raw.kRange);
  if (has('seed')) o.seed = integer('seed', raw.seed, 0, 'an integer >= 0');
  if (has('dims')) o.dims = bounded('dims', raw.dims, LIMITS.dims);
  if (has('center')) o.center = flag('center', raw.center);
  if (has('nInit')) o.nInit = bounded('n-init', raw.nInit, LIMITS.nInit);
  if (has('kmeans')) o.kmeans = oneOf('kmeans', raw.kmeans, ['full', 'minibatch'] as const);
  if (has('refine')) o.refine = flag('refine', raw.refine);
  if (has('weighting')) o.weighting = oneOf('weighting', raw.weighting, ['tfidf', 'bm25'] as const);
  if (has('map')) o.map = oneOf('map', raw.map, ['umap', 'pca'] as const);
  if (has('merges')) o.merges = (Array.isArray(raw.merges) ? raw.merges : [raw.merges]).map((pair) => themePair('merge', pair));
  if (has('reduceTo')) o.reduceTo = integer('reduce-to', raw.reduceTo, 1, 'a number of themes >= 1');
  if (o.merges.length > 0 && o.reduceTo !== null) throw new OptionError('reduce-to', raw.reduceTo, 'not both --merge and --reduce-to (merge by hand, or by the tree)');
  // With k given, ids and targets beyond it fail now, before the work (under --k auto, once k is known).
  if (typeof o.k === 'number') {
    const k = o.k;
    const outside = o.merges.find(([a, b]) => a >= k || b >= k);
    if (outside !== undefined) throw new OptionError('merge', `${outside[0]},${outside[1]}`, `ids of the --k ${k} themes, 0 to ${k - 1}`);
    if (o.reduceTo !== null && o.reduceTo >= k) throw new OptionError('reduce-to', raw.reduceTo, `fewer themes than --k ${k}`);
  }
  if (has('bm25K1')) o.bm25K1 = decimal('bm25-k1', raw.bm25K1, [0, 1000], 'a number from 0 to 1000');
  if (has('bm25B')) o.bm25B = decimal('bm25-b', raw.bm25B, [0, 1], 'a number from 0 to 1');
  if (has('minDf')) o.minDf = integer('min-df', raw.minDf, 1, 'a document count >= 1');
  if (has('maxDf')) o.maxDf = share('max-df', raw.maxDf);
  if (has('maxFeatures')) o.maxFeatures = integer('max-features', raw.maxFeatures, 1, 'an integer >= 1');
  if (has('phraseMinDf')) o.phraseMinDf = integer('phrase-min-df', raw.phraseMinDf, 1, 'a document count >= 1');
  if (has('titleWeight')) o.titleWeight = bounded('title-weight', raw.titleWeight, LIMITS.titleWeight);
  if (has('lemmas')) o.lemmas = flag('lemmas', raw.lemmas);
  if (has('phrases')) o.phrases = flag('phrases', raw.phrases);
  if (has('stopwordsFile')) o.stopwordsFile = text('stopwords', raw.stopwordsFile);
  if (has('labelsFile')) o.labelsFile = text('labels', raw.labelsFile);
  if (has('workers')) o.workers = bounded('workers', raw.workers, LIMITS.workers);
  if (raw.cacheDir === false) o.cacheDir = null;
  else if (has('cacheDir')) o.cacheDir = text('cache', raw.cacheDir);
  if (has('strict')) o.strict = flag('strict', raw.strict);
  if (has('quiet')) o.quiet = flag('quiet', raw.quiet);
  if (raw.runsIndex === false) o.runsIndex = null;
  else if (has('runsIndex')) o.runsIndex = text('runs-index', raw.runsIndex);
  else o.runsIndex = defaultRunsIndex(o.out);
  if (has('maxInputMb')) o.maxInputMb = bounded('max-input-mb', raw.maxInputMb, [1, MAX_INPUT_LIMIT_MB]);
  if (has('csvBom')) o.csvBom = flag('csv-bom', raw.csvBom);
  return o;
}

/** `reports/index.html` for an out folder inside a folder named `reports`, else null. */
export function defaultRunsIndex(out: string): string | null {
  const parent = dirname(resolve(out));
  return basename(parent) === 'reports' ? join(parent, 'index.html') : null;
}

function text(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new OptionError(option, value, 'a non-empty path');
  return value;
}

function integer(option: string, value: unknown, min: number, expected: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) throw new OptionError(option, value, expected);
  return n;
}

/** An integer option within [min, max], or an OptionError naming it. */
export function bounded(option: string, value: unknown, [min, max]: readonly [number, number]): number {
  return integer(option, value, min, `an integer from ${min} to ${max}`, max);
}

function share(option: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !(n > 0 && n <= 1)) throw new OptionError(option, value, 'a share of documents in (0, 1]');
  return n;
}

function decimal(option: string, value: unknown, [min, max]: readonly [number, number], expected: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) throw new OptionError(option, value, expected);
  return n;
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new OptionError(option, value, `one of ${allowed.join(', ')}`);
}

/** Two different theme ids, "3,7" or [3, 7]. */
function themePair(option: string, value: unknown): [number, number] {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value) : null;
  const pair = match ? [Number(match[1]), Number(match[2])] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((id) => Number.isSafeInteger(id) && id >= 0) || pair[0] === pair[1]) {
    throw new OptionError(option, value, 'two different theme ids A,B, e.g. 3,7');
  }
  return [pair[0], pair[1]];
}

function flag(option: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new OptionError(option, value, 'true or false');
}

function range(option: string, value: unknown): [number, number] {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*[-:,]\s*(\d+)\s*$/.exec(value) : null;
  const pair = match ? [Number(match[1]), Number(match[2])] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(Number.isInteger) || pair[0] < 2 || pair[1] < pair[0]) {
    throw new OptionError(option, value, 'two integers MIN-MAX with 2 <= MIN <= MAX, e.g. 2-30');
  }
  return [pair[0], pair[1]];
}

/**
 * k range for --k auto when none is given: 2 to sqrt(2n) (the rule of thumb k ~ sqrt(n/2),
 * doubled so the optimum is inside the range), at most 30.
 */
export function defaultKRange(papers: number): [number, number] {
  return [2, Math.max(2, Math.min(30, Math.round(Math.sqrt(2 * papers))))];
}

/** k-means restarts when none are given: 100 below 1,000 papers (they cost little there and make the result stable across seeds), else 10 as scikit-learn. */
export function defaultNInit(papers: number): number {
  return papers < 1000 ? 100 : 10;
}

/**
 * Papers a phrase must occur in when none is given: 2 for small corpora (the seed's
 * "model merging" occurs in a handful of papers), 1 per 2,000 papers for large ones, so a
 * 36,000-paper corpus keeps ~5,000 phrases rather than ~150,000 mostly accidental pairs.
 */
export function defaultPhraseMinDf(papers: number): number {
  return Math.max(2, Math.round(papers / 2000));
}
