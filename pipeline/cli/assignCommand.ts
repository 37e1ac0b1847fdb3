import { parseArgs } from 'node:util';
import { assignThemes, assignRules, loadThemeModel } from '../assign.js';
import { StartedAssigners } from '../../src/model/assignInWorkers.js';
import { ingest } from '../1-ingest.js';
import { bounded, LIMITS, OptionError } from '../options.js';
import { progressEvery } from '../stageRecord.js';
import { assignmentsCsv } from '../../src/export/assignmentsCsv.js';
import { csvFile } from '../../src/export/csvCell.js';
import { MAX_INPUT_LIMIT_MB } from '../../src/ingest/readCorpus.js';
import { writeFileAtomic } from '../../src/io/writeAtomic.js';
import { defaultWorkers } from '../../src/tokenize/tokenizeInWorkers.js';
import type { Assignment, Paper, RunSummary, Theme } from '../../src/types.js';
import { optionsHelp, parseArgsOptions, pickSpecs, RUN_OPTION_SPECS, textValue, type OptionSpec } from './runOptions.js';

/** assign's options, declared once (see runOptions.ts). */
export const ASSIGN_OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'model', value: 'DIR', sets: null, help: 'a run folder (its model/ is read) or a model folder' },
  { flag: 'input', value: 'FILE', sets: null, help: 'the papers to assign, in any input format run reads' },
  { flag: 'out', value: 'FILE.csv', sets: null, help: 'the CSV to write: the columns of assignments.csv' },
  { flag: 'workers', value: 'N', sets: null, help: `threads that tokenize and assign, ${LIMITS.workers[0]} to ${LIMITS.workers[1]} (default: the number of cores)` },
  ...pickSpecs(RUN_OPTION_SPECS, ['csv-bom', 'quiet', 'help']),
];

export const ASSIGN_HELP = `paper-themes assign --model RUN_OR_MODEL_DIR --input FILE --out FILE.csv [options]

Assigns papers (any input format run reads) to the themes of a fitted run without
refitting: tokenized with the run's rules and phrases, weighted with its vocabulary and
idf, given the theme whose TF-IDF centre is nearest, a score (cosine to the theme's
reduced centre), the loose-fit flag and a map position. Writes the columns of
assignments.csv.

${optionsHelp(ASSIGN_OPTION_SPECS)}`;

const ASSIGN_OPTIONS = parseArgsOptions(ASSIGN_OPTION_SPECS);

/** `paper-themes assign`: the exit code; errors are thrown for the CLI's failure handler. */
export async function assignCommand(args: string[], io: { out: { write(text: string): unknown }; err: { write(text: string): unknown } }): Promise<number> {
  const { values: parsed } = parseArgs({ args, options: ASSIGN_OPTIONS, strict: true, allowPositionals: false });
  const values = { help: parsed.help === true, quiet: parsed.quiet === true, 'csv-bom': parsed['csv-bom'] === true, model: textValue(parsed, 'model'), input: textValue(parsed, 'input'), out: textValue(parsed, 'out'), workers: textValue(parsed, 'workers') };
  if (values.help) {
    io.out.write(`${ASSIGN_HELP}\n`);
    return 0;
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const path = (option: 'model' | 'input' | 'out') => {
    const value = values[option];
    if (typeof value !== 'string' || value.trim() === '') throw new OptionError(option, value, 'a path (see paper-themes assign --help)');
    return value.startsWith('/') ? value : `${base}/${value}`;
  };
  // Every option is checked before any work.
  const modelPath = path('model');
  const input = path('input');
  const out = path('out');
  const workers = values.workers === undefined ? defaultWorkers() : bounded('workers', values.workers, LIMITS.workers);
  const model = loadThemeModel(modelPath);
  const log = (line: string) => (values.quiet ? undefined : io.err.write(`${line}\n`));
  // The workers load their wink models and the model's arrays while the papers are read.
  const assigners = workers > 1 ? new StartedAssigners(workers, model, assignRules(model)) : undefined;
  let papers: Paper[];
  let assignments: Assignment[];
  let seconds: number;
  try {
    const corpus = await ingest({ path: input }, { strict: false, maxInputMb: MAX_INPUT_LIMIT_MB });
    log(`${corpus.papers.length} papers from ${input}; model with ${model.themes.ids.length} themes`);
    papers = corpus.papers;
    const started = process.hrtime.bigint();
    assignments = await assignThemes(model, papers, workers, { started: assigners, onProgress: progressEvery(papers.length, (done) => log(`  assigned ${done} of ${papers.length} papers`)) });
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await assigners?.stop();
  }
  const themes: Theme[] = Array.from(model.themes.ids, (id, c) => ({
    id, label: model.themes.labels[c], size: assignments.filter((a) => a.themeId === id).length, topTerms: [], representativeIds: [],
  }));
  const summary: RunSummary = { corpusName: input, parameters: {}, quality: {}, papers, assignments, themes };
  writeFileAtomic(out, csvFile(assignmentsCsv(summary), { bom: values['csv-bom'] === true }));
  log(`assigned ${assignments.length} papers in ${seconds.toFixed(2)} s (${Math.round(assignments.length / Math.max(seconds, 1e-9))} papers/s); ` +
    `${assignments.filter((a) => a.looseFit === true).length} loose fits; wrote ${out}`);
  return 0;
}
