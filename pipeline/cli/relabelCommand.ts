import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseOptions, OptionError } from '../options.js';
import { relabelRun } from '../relabel.js';
import { listValue, optionsHelp, parseArgsOptions, pickSpecs, RUN_OPTION_SPECS, textValue, type OptionSpec } from './runOptions.js';

/** relabel's options, declared once (see runOptions.ts). */
export const RELABEL_OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'run', value: 'DIR', sets: null, help: 'the run folder to start from (run.json, assignments.csv, model/)' },
  { flag: 'out', value: 'DIR', sets: 'out', help: 'where the relabelled run goes (default: --run itself, replaced whole)' },
  { flag: 'merge', value: 'A,B', multiple: true, sets: 'merges', help: "join themes A and B (by the run's ids); repeat for more; pairs chain" },
  { flag: 'reduce-to', value: 'N', sets: 'reduceTo', help: "join themes by the run's theme tree until N are left" },
  { flag: 'labels', value: 'FILE', sets: 'labelsFile', help: "pin labels: JSON of theme id or top term -> label (the run's pinned\nlabels are kept; these go over them)" },
  { flag: 'input', value: 'FILE', sets: null, help: "the run's corpus, when it has moved (default: the path in run.json)" },
  ...pickSpecs(RUN_OPTION_SPECS, ['cache', 'no-cache', 'runs-index', 'no-runs-index']),
  { flag: 'csv-bom', sets: null, help: "start the CSVs with a UTF-8 byte order mark (for Excel; default: as\nthe run's CSVs)" },
  ...pickSpecs(RUN_OPTION_SPECS, ['quiet', 'help']),
];

export const RELABEL_HELP = `paper-themes relabel --run DIR [--merge A,B]... [--reduce-to N] [--labels FILE] [options]

Merges themes of a finished run, or pins its labels, and writes the run again without
fitting anything: the run's vectorizer, SVD, themes and map (its model/ and
assignments.csv) are kept; tokens come from the tokens cache. The merged theme keeps the
smaller id, the others keep theirs; labels, top terms, representative papers, quality,
theme views and the model are computed for the merged themes.

${optionsHelp(RELABEL_OPTION_SPECS)}`;

const RELABEL_OPTIONS = parseArgsOptions(RELABEL_OPTION_SPECS);

/** `paper-themes relabel`: the exit code; errors are thrown for the CLI's failure handler. */
export async function relabelCommand(args: string[], io: { out: { write(text: string): unknown }; err: { write(text: string): unknown } }): Promise<number> {
  const { values: parsed } = parseArgs({ args, options: RELABEL_OPTIONS, strict: true, allowPositionals: false });
  const text = (flag: string) => textValue(parsed, flag);
  const values = {
    help: parsed.help === true, run: text('run'), out: text('out'), merge: listValue(parsed, 'merge'), 'reduce-to': text('reduce-to'), labels: text('labels'),
    input: text('input'), cache: text('cache'), 'no-cache': parsed['no-cache'] === true, 'runs-index': text('runs-index'),
    'no-runs-index': parsed['no-runs-index'] === true, 'csv-bom': parsed['csv-bom'] === true, quiet: parsed.quiet === true ? true : undefined,
  };
  if (values.help) {
    io.out.write(`${RELABEL_HELP}\n`);
    return 0;
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const at = (value: string | undefined) => (value === undefined || value.trim() === '' ? value : resolve(base, value));
  if (values.run === undefined || values.run.trim() === '') throw new OptionError('run', values.run, 'a run folder (see paper-themes relabel --help)');
  const run = at(values.run)!;
  // The run's own options are normalised as run's are, so the same values fail the same way.
  const options = normaliseOptions({
    out: at(values.out) ?? run, merges: values.merge, reduceTo: values['reduce-to'], labelsFile: at(values.labels),
    cacheDir: values['no-cache'] ? false : at(values.cache), runsIndex: values['no-runs-index'] ? false : at(values['runs-index']),
    quiet: values.quiet,
  });
  if (options.merges.length === 0 && options.reduceTo === null && options.labelsFile === null) {
    throw new OptionError('merge', null, 'at least one of --merge A,B, --reduce-to N or --labels FILE (relabel has nothing to do without one)');
  }
  const log = options.quiet ? () => {} : (line: string) => io.err.write(`${line}\n`);
  const warn = (line: string) => io.err.write(`warning: ${line}\n`);
  const result = await relabelRun({
    run, out: options.out, merges: options.merges, reduceTo: options.reduceTo, labelsFile: options.labelsFile,
    input: at(values.input) ?? null, cacheDir: options.cacheDir, workers: options.workers, csvBom: values['csv-bom'] === true ? true : null, runsIndex: options.runsIndex,
  }, log, warn);
  log(`relabelled ${run}: ${result.summary.themes.length} themes; wrote ${result.files.length} files`);
  return 0;
}
