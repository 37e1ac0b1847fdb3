/**
 * One timed `assign` of a corpus to a run's model, in process (a child of
 * bench/assignSpeed.ts): the model's load time, the assign time (tokenize with the model's
 * rules, weigh, assign, place; the workers started while the papers are read, as the
 * command does) and how many papers get the theme the run gave them. One assign per
 * process: a second one in the same process runs faster (the main thread's heap and code
 * warm), which the command never sees. Prints ONE JSON object on stdout.
 *
 *   node dist-bench/bench/assignOnce.js --model RUN_DIR --input FILE [--workers N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { ingest } from '../pipeline/1-ingest.js';
import { assignThemes, assignRules, loadThemeModel } from '../pipeline/assign.js';
import { StartedAssigners } from '../src/model/assignInWorkers.js';
import { MAX_INPUT_LIMIT_MB } from '../src/ingest/readCorpus.js';
import { defaultWorkers } from '../src/tokenize/tokenizeInWorkers.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { model: { type: 'string' }, input: { type: 'string' }, workers: { type: 'string' } } });
  const run = values.model!;
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  // As `paper-themes assign` does: the model loaded, then the workers started while the papers are read.
  const loadStart = performance.now();
  const model = loadThemeModel(run);
  const load_s = (performance.now() - loadStart) / 1000;
  const started = workers > 1 ? new StartedAssigners(workers, model, assignRules(model)) : undefined;
  const { papers } = await ingest({ path: values.input! }, { strict: false, maxInputMb: MAX_INPUT_LIMIT_MB });
  const assignStart = performance.now();
  const assigned = await assignThemes(model, papers, workers, { started });
  const assign_s = (performance.now() - assignStart) / 1000;
  const fitted = new Map((parse(readFileSync(join(run, 'assignments.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>)
    .map((r) => [r.paper_id, Number(r.theme_id)]));
  const consistent = assigned.filter((a) => fitted.get(a.paperId) === a.themeId).length;
  process.stdout.write(`${JSON.stringify({ papers: papers.length, load_s, assign_s, papers_per_s: papers.length / assign_s, consistent })}\n`);
}

main().catch((error: Error) => { process.stderr.write(`${error.stack}\n`); process.exitCode = 1; });
