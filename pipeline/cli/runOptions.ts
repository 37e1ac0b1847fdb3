import { DEFAULT_INPUT, DEFAULT_OUT, LIMITS, type PipelineOptions, type RawOptions } from '../options.js';
import { MAX_INPUT_LIMIT_MB } from '../../src/ingest/readCorpus.js';

/**
 * One command-line option of `run` (and `evaluate`), declared once: the parser, the
 * `--help` text and the mapping to PipelineOptions are derived from it, and a test checks
 * the README's option table against it (test/cli/runOptions.test.ts). Values are checked
 * once, by normaliseOptions, whose errors name the flag.
 */
export interface OptionSpec {
  flag: string;
  /** The value's name in the help (`N`, `DIR`); absent for a flag without a value. */
  value?: string;
  /** Given more than once, the values add up (--merge). */
  multiple?: boolean;
  /** The PipelineOptions field it sets; null for the help flag. */
  sets: keyof PipelineOptions | null;
  /** A `--no-x` flag: sets the field to false (`cacheDir`, `runsIndex`: turns them off). */
  negates?: boolean;
  /** Not an option of `evaluate`, which writes no report. */
  runOnly?: boolean;
  /** The help text, in lines of at most 66 characters; the default goes in it. */
  help: string;
}

export const RUN_OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'input', value: 'PATH', sets: 'input', help: `corpus file (default: ${DEFAULT_INPUT}, 70 abstracts)` },
  { flag: 'out', value: 'DIR', sets: 'out', runOnly: true, help: `report folder (default: ${DEFAULT_OUT}); written beside and swapped in\nwhole, so it must hold nothing but a report` },
  { flag: 'k', value: 'N|auto', sets: 'k', help: 'number of themes, or auto: the k with the best silhouette (default auto)' },
  { flag: 'k-range', value: 'MIN-MAX', sets: 'kRange', help: 'range searched by --k auto (default 2 to sqrt(2 x papers), at most 30);\na range past papers - 1 is lowered to it, with a warning' },
  { flag: 'seed', value: 'N', sets: 'seed', help: 'random seed; same input + seed = byte-identical CSVs and report (default 42)' },
  { flag: 'dims', value: 'N', sets: 'dims', help: `SVD components, ${LIMITS.dims[0]} to ${LIMITS.dims[1]}, at most min(papers, terms)\n(default: min(100, papers/5))` },
  { flag: 'center', sets: 'center', help: 'PCA: the SVD of the column-centred TF-IDF (the default)' },
  { flag: 'no-center', sets: 'center', negates: true, help: 'LSA: plain truncated SVD of the TF-IDF, as scikit-learn\'s TruncatedSVD' },
  { flag: 'n-init', value: 'N', sets: 'nInit', help: `k-means restarts, ${LIMITS.nInit[0]} to ${LIMITS.nInit[1]}, the lowest inertia is kept (default 100 below\n1,000 papers, else 10)` },
  { flag: 'kmeans', value: 'full|minibatch', sets: 'kmeans', help: 'full k-means (default), or mini-batch k-means (batches of 1,024\npapers; faster on very large corpora, --n-init then unused)' },
  { flag: 'no-refine', sets: 'refine', negates: true, help: 'keep the k-means themes of the reduced space as they are (default:\nrefine them by spherical k-means on the full TF-IDF vectors)' },
  { flag: 'weighting', value: 'tfidf|bm25', sets: 'weighting', help: 'term weights of the vectors: tf-idf with tf = 1 + ln(count) (default),\nor BM25: tf = c (k1 + 1) / (c + k1 (1 - b + b len/avgLen)), c the count,\nlen the paper\'s number of terms, avgLen the mean; same idf, unit rows' },
  { flag: 'bm25-k1', value: 'K1', sets: 'bm25K1', help: 'BM25 saturation, 0 to 1000 (default 1.2); with --weighting bm25' },
  { flag: 'bm25-b', value: 'B', sets: 'bm25B', help: 'BM25 length normalisation, 0 to 1 (default 0.5); with --weighting bm25' },
  { flag: 'map', value: 'umap|pca', sets: 'map', help: 'the report\'s paper map: UMAP, where themes show as regions (default;\nfitted on at most 3,000 papers, the others placed among their nearest\nfitted neighbours), or the exact linear PCA of the reduced vectors' },
  { flag: 'merge', value: 'A,B', multiple: true, sets: 'merges', runOnly: true, help: 'merge themes A and B of the run without merges (same input, seed and\noptions: the ids of its report); the merged theme keeps the smaller id,\nthe others keep theirs; repeat for more (--merge 3,7 --merge 2,5);\npaper-themes relabel does the same to a finished run without refitting' },
  { flag: 'reduce-to', value: 'N', sets: 'reduceTo', runOnly: true, help: 'merge themes by the theme tree (closest first) until N are left,\neach merged theme keeping its smallest id (not with --merge)' },
  { flag: 'title-weight', value: 'N', sets: 'titleWeight', help: `how many times a title counts in a paper's text, ${LIMITS.titleWeight[0]} to ${LIMITS.titleWeight[1]} (default 2)` },
  { flag: 'min-df', value: 'N', sets: 'minDf', help: 'keep terms in at least N papers (default 2)' },
  { flag: 'max-df', value: 'SHARE', sets: 'maxDf', help: 'drop terms in more than this share of papers (default 0.5)' },
  { flag: 'max-features', value: 'N', sets: 'maxFeatures', help: 'keep only the N most frequent terms (default: all)' },
  { flag: 'phrase-min-df', value: 'N', sets: 'phraseMinDf', help: 'a 2-3 word phrase becomes a feature when in N papers (default:\n2, or 1 per 2,000 papers for large corpora)' },
  { flag: 'no-phrases', sets: 'phrases', negates: true, help: 'single words only, no 2-3 word phrases' },
  { flag: 'no-lemmas', sets: 'lemmas', negates: true, help: 'words as written (lower case) instead of their lemmas' },
  { flag: 'stopwords', value: 'FILE', sets: 'stopwordsFile', help: 'boilerplate word list (default data/stopwords/boilerplate.txt)' },
  { flag: 'labels', value: 'FILE', sets: 'labelsFile', help: 'labels to pin, a JSON object: theme id or top term -> label, e.g.\n{"3": "Model merging", "monte carlo tree search": "MCTS"}; a term\npins the theme where it ranks highest among the top terms' },
  { flag: 'workers', value: 'N', sets: 'workers', help: `tokenizer threads, ${LIMITS.workers[0]} to ${LIMITS.workers[1]} (default: the number of cores)` },
  { flag: 'cache', value: 'DIR', sets: 'cacheDir', help: 'tokens cache: papers tokenized before are not tokenized again\n(default data/cache)' },
  { flag: 'no-cache', sets: 'cacheDir', negates: true, help: 'tokenize everything, read and write no cache' },
  { flag: 'runs-index', value: 'FILE', sets: 'runsIndex', runOnly: true, help: 'the list of runs to refresh (default: reports/index.html when\n--out is a folder inside reports/)' },
  { flag: 'no-runs-index', sets: 'runsIndex', negates: true, runOnly: true, help: 'do not write the list of runs' },
  { flag: 'strict', sets: 'strict', help: 'exit non-zero when any input record had a problem' },
  { flag: 'max-input-mb', value: 'N', sets: 'maxInputMb', help: `refuse an input larger than N MB (10^6 bytes), read or after gunzip\n(default and most: ${MAX_INPUT_LIMIT_MB})` },
  { flag: 'quiet', sets: 'quiet', help: 'no progress lines on stderr' },
  { flag: 'csv-bom', sets: 'csvBom', runOnly: true, help: 'start the CSVs with a UTF-8 byte order mark, so that Excel shows\naccents right when the file is double-clicked (Python\'s csv module\nthen needs encoding=\'utf-8-sig\'; pandas reads both)' },
  { flag: 'help', sets: null, help: 'this text' },
];

type ParseOption = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

/** node:util parseArgs options for the specs. */
export function parseArgsOptions(specs: readonly OptionSpec[]): Record<string, ParseOption> {
  return Object.fromEntries(specs.map((spec) => [spec.flag, {
    type: spec.value === undefined ? 'boolean' : 'string',
    ...(spec.multiple ? { multiple: true } : {}),
    ...(spec.flag === 'help' ? { short: 'h' } : {}),
  } satisfies ParseOption]));
}

/** The specs' block of `--help`: each flag and value in a 20-column margin, its help beside it. */
export function optionsHelp(specs: readonly OptionSpec[]): string {
  return specs.filter((spec) => spec.flag !== 'help').map((spec) => {
    const name = `  --${spec.flag}${spec.value === undefined ? '' : ` ${spec.value}`}`;
    const [first, ...more] = spec.help.split('\n');
    const head = name.length < 22 ? `${name.padEnd(22)}${first}` : `${name}\n${' '.repeat(22)}${first}`;
    return [head, ...more.map((line) => `${' '.repeat(22)}${line}`)].join('\n');
  }).join('\n');
}

/** The values parseArgs gives for options of parseArgsOptions. */
export type ParsedValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** A string option's value (undefined when not given). */
export function textValue(values: ParsedValues, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable option's values (undefined when not given). */
export function listValue(values: ParsedValues, flag: string): string[] | undefined {
  const value = values[flag];
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** The specs of `flags`, in that order, from `specs` (options shared between commands are declared once). */
export function pickSpecs(specs: readonly OptionSpec[], flags: readonly string[]): OptionSpec[] {
  return flags.map((flag) => {
    const spec = specs.find((s) => s.flag === flag);
    if (spec === undefined) throw new Error(`no option --${flag} is declared`);
    return spec;
  });
}

/**
 * Parsed flags as RawOptions, for normaliseOptions: each flag's value under the field it
 * sets, a `--no-x` flag given as false. Both of a flag and its `--no-` form is for the
 * caller to refuse.
 */
export function rawOptions(specs: readonly OptionSpec[], values: Record<string, unknown>): RawOptions {
  const raw: Record<string, unknown> = {};
  for (const spec of specs) {
    if (spec.sets === null || values[spec.flag] === undefined) continue;
    if (spec.negates) {
      if (values[spec.flag] === true) raw[spec.sets] = false;
    } else if (raw[spec.sets] === undefined) {
      raw[spec.sets] = values[spec.flag];
    }
  }
  return raw as RawOptions;
}
