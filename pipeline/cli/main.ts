import { parseArgs } from 'node:util';
import { runPipeline } from '../runPipeline.js';
import { normaliseOptions, OptionError, type RawOptions } from '../options.js';
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
import { optionsHelp, parseArgsOptions, rawOptions, RUN_OPTION_SPECS } from './runOptions.js';

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
${optionsHelp(RUN_OPTION_SPECS)}

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

const RUN_OPTIONS = parseArgsOptions(RUN_OPTION_SPECS);

/** `evaluate` writes no report: the run options minus the output ones, plus its own. */
const EVALUATE_SPECS = RUN_OPTION_SPECS.filter((spec) => spec.runOnly !== true);
const EVALUATE_OPTIONS = { ...parseArgsOptions(EVALUATE_SPECS), variants: { type: 'string' }, json: { type: 'string' } } as const;

/** Parsed values of either command (options of the other one are absent). */
type Values = Record<string, string | boolean | string[] | undefined>;

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
    const raw = rawOptions(command === 'run' ? RUN_OPTION_SPECS : EVALUATE_SPECS, values);
    const options = normaliseOptions(resolvePaths(raw));
    const warn = (line: string) => io.err.write(`warning: ${line}\n`);
    const log = options.quiet ? () => {} : (line: string) => io.err.write(`${line}\n`);
    if (command === 'evaluate') {
      const variants = values.variants === undefined ? DEFAULT_VARIANTS : parseVariants(String(values.variants));
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
