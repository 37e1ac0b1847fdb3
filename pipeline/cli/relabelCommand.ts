import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseOptions, OptionError } from '../options.js';
import { relabelRun } from '../relabel.js';

export const RELABEL_HELP = `paper-themes relabel --run DIR [--merge A,B]... [--reduce-to N] [--labels FILE] [options]

Merges themes of a finished run, or pins its labels, and writes the run again without
fitting anything: the run's vectorizer, SVD, themes and map (its model/ and
assignments.csv) are kept; tokens come from the tokens cache. The merged theme keeps the
smaller id, the others keep theirs; labels, top terms, representative papers, quality,
theme views and the model are computed for the merged themes.

  --run DIR          the run folder to start from (run.json, assignments.csv, model/)
  --out DIR          where the relabelled run goes (default: --run itself, replaced whole)
  --merge A,B        join themes A and B (by the run's ids); repeat for more; pairs chain
  --reduce-to N      join themes by the run's theme tree until N are left
  --labels FILE      pin labels: JSON of theme id or top term -> label (the run's pinned
                     labels are kept; these go over them)
  --input FILE       the run's corpus, when it has moved (default: the path in run.json)
  --cache DIR        tokens cache (default: data/cache); --no-cache tokenizes again
  --runs-index FILE  list of runs to refresh (default: reports/index.html beside --out);
                     --no-runs-index for none
  --csv-bom          start the CSVs with a UTF-8 byte order mark (for Excel; default: as
                     the run's CSVs)
  --quiet            no progress lines`;

const RELABEL_OPTIONS = {
  run: { type: 'string' },
  out: { type: 'string' },
  merge: { type: 'string', multiple: true },
  'reduce-to': { type: 'string' },
  labels: { type: 'string' },
  input: { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'runs-index': { type: 'string' },
  'no-runs-index': { type: 'boolean' },
  'csv-bom': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `paper-themes relabel`: the exit code; errors are thrown for the CLI's failure handler. */
export async function relabelCommand(args: string[], io: { out: { write(text: string): unknown }; err: { write(text: string): unknown } }): Promise<number> {
  const { values } = parseArgs({ args, options: RELABEL_OPTIONS, strict: true, allowPositionals: false });
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
