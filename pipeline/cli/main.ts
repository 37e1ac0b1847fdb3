import { parseArgs } from 'node:util';
import { runPipeline } from '../runPipeline.js';
import { DEFAULT_INPUT, DEFAULT_OUT, normaliseOptions, OptionError, type RawOptions } from '../options.js';
import { resolve } from 'node:path';
import { CorpusError } from '../corpusError.js';
import { IngestError } from '../../src/ingest/ingestErrors.js';
import { DEFAULT_VARIANTS, evaluate, evaluationTable, parseVariants, themesTable } from '../evaluate.js';
import { fileProblem } from '../../src/io/checkWritable.js';
import { OutputError } from '../../src/io/outputError.js';
import { writeFileAtomic } from '../../src/io/writeAtomic.js';
import { escapeControls } from '../../src/text/escapeControls.js';
import { processIo } from './processIo.js';
import type { CliIo } from './cliIo.js';
export type { CliIo } from './cliIo.js';
import { ConfigError } from '../../src/nightly/config.js';
import { LockError } from '../../src/nightly/lock.js';
import { exportCommand, nightlyCommand, NightlyOptionError } from './nightlyCommands.js';
import { assignCommand } from './assignCommand.js';
import { relabelCommand } from './relabelCommand.js';
import { ModelError } from '../../src/model/modelFiles.js';

export const HELP = `paper-themes: topic themes for research-paper abstracts (TF-IDF -> SVD -> k-means)

Usage:
  paper-themes run [options]      cluster a corpus and write a report folder
  paper-themes evaluate [options] compare configurations on a corpus (no report written)
  paper-themes nightly [options]  the nightly job: store, stable themes, reports per night
                                  (paper-themes nightly --help for its options)
  paper-themes export [options]   theme labels of a stored night as CSV (export --help)
  paper-themes assign [options]   new papers to a run's themes, without refitting (assign --help)
  paper-themes relabel [options]  merge themes of a run or pin labels, without refitting (relabel --help)
  paper-themes --help             this text
  (npm run pipeline -- [options] is the same as paper-themes run [options])

Input formats (detected from the extension, else from the content; .gz is read too):
  .txt    a saved Hugging Face papers page: title line, abstract line, blank-line separated
  .jsonl  one JSON object per line: id, title, abstract (or summary), optional date, label,
          labels, authors, url
  .csv    a header naming title and abstract (or summary); optional id, date, label, url

Options:
  --input PATH        corpus file (default: ${DEFAULT_INPUT}, 70 abstracts)
  --out DIR           report folder (default: ${DEFAULT_OUT}); written beside and swapped in
                      whole, so it must hold nothing but a report
  --k N|auto          number of themes, or auto: the k with the best silhouette (default auto)
  --k-range MIN-MAX   range searched by --k auto (default 2 to sqrt(2 x papers), at most 30);
                      a range past papers - 1 is lowered to it, with a warning
  --seed N            random seed; same input + seed = byte-identical CSVs and report (default 42)
  --dims N            SVD components, 2 to 1000, at most min(papers, terms)
                      (default: min(100, papers/5))
  --no-center         LSA: plain truncated SVD of the TF-IDF, as scikit-learn's TruncatedSVD
                      (default: PCA, the SVD of the column-centred TF-IDF)
  --n-init N          k-means restarts, 1 to 1000, the lowest inertia is kept (default 100 below
                      1,000 papers, else 10)
  --kmeans full|minibatch
                      full k-means (default), or mini-batch k-means (batches of 1,024
                      papers; faster on very large corpora, --n-init then unused)
  --no-refine         keep the k-means themes of the reduced space as they are (default:
                      refine them by spherical k-means on the full TF-IDF vectors)
  --weighting tfidf|bm25
                      term weights of the vectors: tf-idf with tf = 1 + ln(count) (default),
                      or BM25: tf = c (k1 + 1) / (c + k1 (1 - b + b len/avgLen)), c the count,
                      len the paper's number of terms, avgLen the mean; same idf, unit rows
  --bm25-k1 K1        BM25 saturation, 0 to 1000 (default 1.2); with --weighting bm25
  --bm25-b B          BM25 length normalisation, 0 to 1 (default 0.5); with --weighting bm25
  --map umap|pca      the report's paper map: UMAP, where themes show as regions (default;
                      fitted on at most 3,000 papers, the others placed among their nearest
                      fitted neighbours), or the exact linear PCA of the reduced vectors
  --merge A,B         merge themes A and B of the run without merges (same input, seed and
                      options: the ids of its report); the merged theme keeps the smaller id,
                      the others keep theirs; repeat for more (--merge 3,7 --merge 2,5)
  --reduce-to N       merge themes by the theme tree (closest first) until N are left,
                      each merged theme keeping its smallest id (not with --merge)
  --title-weight N    how many times a title counts in a paper's text, 1 to 10 (default 2)
  --min-df N          keep terms in at least N papers (default 2)
  --max-df SHARE      drop terms in more than this share of papers (default 0.5)
  --max-features N    keep only the N most frequent terms (default: all)
  --phrase-min-df N   a 2-3 word phrase becomes a feature when in N papers (default:
                      2, or 1 per 2,000 papers for large corpora)
  --no-phrases        single words only, no 2-3 word phrases
  --no-lemmas         words as written (lower case) instead of their lemmas
  --stopwords FILE    boilerplate word list (default data/stopwords/boilerplate.txt)
  --labels FILE       labels to pin, a JSON object: theme id or top term -> label, e.g.
                      {"3": "Model merging", "monte carlo tree search": "MCTS"}; a term
                      pins the theme where it ranks highest among the top terms
  --workers N         tokenizer threads, 1 to 128 (default: the number of cores)
  --cache DIR         tokens cache: papers tokenized before are not tokenized again
                      (default data/cache)
  --no-cache          tokenize everything, read and write no cache
  --runs-index FILE   the list of runs to refresh (default: reports/index.html when
                      --out is a folder inside reports/)
  --no-runs-index     do not write the list of runs
  --strict            exit non-zero when any input record had a problem
  --max-input-mb N    refuse an input larger than N MB (10^6 bytes), read or after gunzip
                      (default and most: 512)
  --quiet             no progress lines on stderr
  --csv-bom           start the CSVs with a UTF-8 byte order mark, so that Excel shows
                      accents right when the file is double-clicked (Python's csv module
                      then needs encoding='utf-8-sig'; pandas reads both)

Outputs in --out: assignments.csv (paper_id,title,theme_id,theme_label,score,...),
themes.csv (theme_id,theme_label,size,silhouette,npmi,...), index.html (self-contained report,
opens offline), run.json (parameters, library versions, timings, quality figures).

evaluate: runs the corpus once per configuration and prints silhouette, NPMI coherence
of each theme's top 10 terms, topic diversity (distinct share of all top-10 terms) and,
when every paper has a gold label, V-measure, NMI and ARI; then the default's themes.
Takes the run options above except --out, the runs index, --csv-bom, --merge and
--reduce-to, plus:
  --variants LIST     comma-separated, from: ${DEFAULT_VARIANTS.join(', ')}
                      (default: all); each changes one thing from the options given
  --json FILE         also write the comparison as JSON

Exit codes: 0 success; 1 bad input (file, format, nothing usable, --strict problems);
2 bad option (also an output that cannot be written, found before the work);
3 unexpected failure; 4 (nightly) another nightly run holds the lock or
another process keeps the store locked; 5 an output could
not be written (disk full, quota, permissions changed), the previous one left as it was.`;

const RUN_OPTIONS = {
  input: { type: 'string' },
  out: { type: 'string' },
  k: { type: 'string' },
  'k-range': { type: 'string' },
  seed: { type: 'string' },
  dims: { type: 'string' },
  center: { type: 'boolean' },
  'no-center': { type: 'boolean' },
  'n-init': { type: 'string' },
  kmeans: { type: 'string' },
  'no-refine': { type: 'boolean' },
  weighting: { type: 'string' },
  'bm25-k1': { type: 'string' },
  'bm25-b': { type: 'string' },
  map: { type: 'string' },
  merge: { type: 'string', multiple: true },
  'reduce-to': { type: 'string' },
  'min-df': { type: 'string' },
  'max-df': { type: 'string' },
  'max-features': { type: 'string' },
  'phrase-min-df': { type: 'string' },
  'title-weight': { type: 'string' },
  stopwords: { type: 'string' },
  labels: { type: 'string' },
  'no-phrases': { type: 'boolean' },
  'no-lemmas': { type: 'boolean' },
  workers: { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'runs-index': { type: 'string' },
  'no-runs-index': { type: 'boolean' },
  strict: { type: 'boolean' },
  'max-input-mb': { type: 'string' },
  quiet: { type: 'boolean' },
  'csv-bom': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `evaluate` writes no report: the run options minus the output ones, plus its own. */
const EVALUATE_OPTIONS = (() => {
  const { out: _out, 'runs-index': _index, 'no-runs-index': _noIndex, 'csv-bom': _bom, merge: _merge, 'reduce-to': _reduce, ...shared } = RUN_OPTIONS;
  return { ...shared, variants: { type: 'string' }, json: { type: 'string' } } as const;
})();

/** Parsed values of either command (options of the other one are absent). */
type Values = { [K in keyof typeof RUN_OPTIONS | 'variants' | 'json']?: K extends 'center' | 'no-center' | 'no-refine' | 'no-cache' | 'strict' | 'quiet' | 'help' | 'no-phrases' | 'no-lemmas' | 'no-runs-index' ? boolean : K extends 'merge' ? string[] : string };


/** Runs the command line; returns the process exit code. */
export async function main(argv: string[], terminal: CliIo = processIo()): Promise<number> {
  // Input text quoted in messages never reaches the terminal with its control characters.
  const io: CliIo = {
    out: { write: (text) => terminal.out.write(escapeControls(text)) },
    err: { write: (text) => terminal.err.write(escapeControls(text)) },
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out.write(`${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'assign' || command === 'relabel') {
    try {
      return await (command === 'assign' ? assignCommand : relabelCommand)(rest, io);
    } catch (error) {
      return failure(error, io, `paper-themes ${command} --help`);
    }
  }
  if (command === 'nightly' || command === 'export') {
    try {
      return await (command === 'nightly' ? nightlyCommand : exportCommand)(rest, io);
    } catch (error) {
      return failure(error, io, `paper-themes ${command} --help`);
    }
  }
  if (command !== 'run' && command !== 'evaluate') {
    io.err.write(`paper-themes: unknown command "${command}" (try: paper-themes --help)\n`);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest, options: command === 'run' ? RUN_OPTIONS : EVALUATE_OPTIONS, strict: true, allowPositionals: false,
    }) as { values: Values };
    if (values.help) {
      io.out.write(`${HELP}\n`);
      return 0;
    }
    if (values.center && values['no-center']) throw new OptionError('no-center', true, 'not both --center and --no-center');
    const raw: RawOptions = {
      input: values.input, out: values.out, k: values.k, kRange: values['k-range'], seed: values.seed,
      dims: values.dims, center: values['no-center'] ? false : values.center, nInit: values['n-init'], kmeans: values.kmeans, minDf: values['min-df'],
      maxDf: values['max-df'], maxFeatures: values['max-features'], phraseMinDf: values['phrase-min-df'], titleWeight: values['title-weight'],
      stopwordsFile: values.stopwords, labelsFile: values.labels, workers: values.workers,
      refine: values['no-refine'] ? false : undefined,
      weighting: values.weighting, bm25K1: values['bm25-k1'], bm25B: values['bm25-b'], map: values.map, merges: values.merge, reduceTo: values['reduce-to'],
      lemmas: values['no-lemmas'] ? false : undefined, phrases: values['no-phrases'] ? false : undefined,
      cacheDir: values['no-cache'] ? false : values.cache, strict: values.strict, quiet: values.quiet,
      runsIndex: values['no-runs-index'] ? false : values['runs-index'], maxInputMb: values['max-input-mb'],
      csvBom: values['csv-bom'],
    };
    const options = normaliseOptions(resolvePaths(raw));
    const warn = (line: string) => io.err.write(`warning: ${line}\n`);
    const log = options.quiet ? () => {} : (line: string) => io.err.write(`${line}\n`);
    if (command === 'evaluate') {
      const variants = values.variants === undefined ? DEFAULT_VARIANTS : parseVariants(values.variants);
      const json = values.json === undefined ? undefined : resolvePaths({ input: values.json }).input as string;
      const jsonProblem = json === undefined ? undefined : fileProblem(json);
      if (json !== undefined && jsonProblem !== undefined) throw new OutputError(json, jsonProblem, 'json');
      const evaluation = await evaluate(options, variants, log, warn);
      io.out.write(`${evaluation.papers} papers from ${evaluation.input}\n\n${evaluationTable(evaluation)}\n\n`);
      io.out.write(`Themes of "${evaluation.rows[0].variant}":\n\n${themesTable(evaluation.rows[0])}\n`);
      if (json !== undefined) {
        writeFileAtomic(json, `${JSON.stringify(evaluation, null, 2)}\n`);
        io.out.write(`\nJSON: ${json}\n`);
      }
      return 0;
    }
    // evaluate's bm25 variant takes them under any --weighting; a run only under bm25.
    if (options.weighting !== 'bm25') {
      for (const name of ['bm25-k1', 'bm25-b'] as const) {
        if (values[name] !== undefined) warn(`--${name} ${values[name]} has no effect without --weighting bm25`);
      }
    }
    const result = await runPipeline(options, log, warn);
    io.out.write(`${result.summary.themes.length} themes from ${result.summary.papers.length} papers:\n`);
    for (const theme of result.summary.themes) io.out.write(`  ${String(theme.id).padStart(2)}  ${String(theme.size).padStart(5)}  ${theme.label}\n`);
    io.out.write(`Report: ${result.files.join(', ')}\n`);
    return 0;
  } catch (error) {
    return failure(error, io);
  }
}

/**
 * The exit code for an error, after saying what went wrong (see HELP's exit codes). An
 * output that cannot be written is a bad option when found before the work (2), and a
 * failed write when found while writing (5: disk full, quota, a folder made read-only).
 */
function failure(error: unknown, io: CliIo, help = 'paper-themes --help'): number {
  if (error instanceof OptionError || error instanceof NightlyOptionError || error instanceof ConfigError || isParseArgsError(error)) {
    io.err.write(`paper-themes: ${(error as Error).message}\n(try: ${help})\n`);
    return 2;
  }
  if (error instanceof IngestError || error instanceof CorpusError || error instanceof ModelError) {
    io.err.write(`paper-themes: ${error.message}\n`);
    return 1;
  }
  if (error instanceof OutputError) {
    io.err.write(`paper-themes: ${error.message}\n`);
    return error.option === undefined ? 5 : 2;
  }
  if (error instanceof LockError) {
    io.err.write(`paper-themes: ${error.message}\n`);
    return 4;
  }
  io.err.write(`paper-themes: ${(error as Error).stack ?? String(error)}\n`);
  return 3;
}

/**
 * Paths given on the command line are relative to where the user typed the command: under
 * `npm run`, which moves to the package folder, that is INIT_CWD.
 */
function resolvePaths(raw: RawOptions): RawOptions {
  const base = process.env.INIT_CWD ?? process.cwd();
  const at = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? resolve(base, value) : value);
  return { ...raw, input: at(raw.input), out: at(raw.out), stopwordsFile: at(raw.stopwordsFile), labelsFile: at(raw.labelsFile), cacheDir: at(raw.cacheDir), runsIndex: at(raw.runsIndex) };
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
