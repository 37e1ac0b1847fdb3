import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNightly } from '../nightly.js';
import { normaliseOptions } from '../options.js';
import { assignmentsCsv } from '../../src/export/assignmentsCsv.js';
import { csvFile } from '../../src/export/csvCell.js';
import { fileProblem } from '../../src/io/checkWritable.js';
import { OutputError } from '../../src/io/outputError.js';
import { writeFileAtomic } from '../../src/io/writeAtomic.js';
import { looseFits } from '../../src/metrics/looseFits.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadNightlyConfig, parseSources } from '../../src/nightly/config.js';
import { demoSeeding } from '../../src/nightly/demoSeeding.js';
import { LockPathError } from '../../src/nightly/lock.js';
import { firstFutureNight, isFutureNight, todayUtc } from '../../src/nightly/nightDates.js';
import { projectRoot } from '../../src/projectRoot.js';
import { inboxIsEmpty } from '../../src/sources/inbox.js';
import { PaperStore, StoreError } from '../../src/store/paperStore.js';
import type { RunSummary } from '../../src/types.js';
import type { CliIo } from './cliIo.js';
import { listValue, optionsHelp, parseArgsOptions, pickSpecs, RUN_OPTION_SPECS, textValue, type OptionSpec, type ParsedValues } from './runOptions.js';

/** The nightly job's options, declared once (see runOptions.ts); the fit's are run's own. */
export const NIGHTLY_OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'date', value: 'YYYY-MM-DD', sets: null, help: 'the night (default: today, UTC); at most tomorrow' },
  { flag: 'allow-future-date', sets: null, help: 'allow a --date more than a day ahead (such a night never\nbecomes latest/)' },
  { flag: 'refit', sets: null, help: "refit the themes tonight (tokenize, vectorize, reduce, cluster and\nlabel every paper, warm from last night's themes); without it a night\nfolds its new papers into last night's themes (ids, labels unchanged)\nunless refitEveryNights nights passed since the last refit, more than\nrefitLooseShare of the new papers fit no theme well, or the options\nchanged" },
  { flag: 'demo', sets: null, help: 'seed an empty store with the 70 bundled papers (also done on a\nfresh clone: no store, no inbox files, no --store, --inbox,\n--source or --config and no data/nightly.json; never otherwise)' },
  { flag: 'source', value: 'NAME', multiple: true, sets: null, help: 'a source to ask (repeatable, or comma-separated): inbox, hf-daily,\narxiv (default: the config\'s, else inbox)' },
  { flag: 'config', value: 'FILE', sets: null, help: 'JSON config (default data/nightly.json when it exists): store,\nreports, inbox, sources, windowDays, matchThreshold, keepKWithin,\nrefitEveryNights (default 7), refitLooseShare (default 0.25),\npins ({"3": "my label"}), merges ([[3, 7]]: themes kept joined,\nunder the smallest id, every night), hfDaily, arxiv, http' },
  { flag: 'store', value: 'FILE', sets: null, help: 'the SQLite store (default data/papers.sqlite)' },
  { flag: 'reports', value: 'DIR', sets: null, help: 'reports folder (default reports)' },
  { flag: 'inbox', value: 'DIR', sets: null, help: 'folder the inbox source reads (default data/inbox)' },
  { flag: 'wait', value: 'SECONDS', sets: null, help: 'wait this long for another nightly run to finish (default 0)' },
  ...pickSpecs(RUN_OPTION_SPECS, ['k', 'k-range', 'seed', 'map', 'quiet', 'csv-bom', 'help']),
];

/** export's options (see runOptions.ts). */
export const EXPORT_OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'run', value: 'latest|YYYY-MM-DD', sets: null, help: 'the night to export (default latest: the newest finished night that is\nnot in the future)' },
  { flag: 'out', value: 'FILE.csv', sets: null, help: 'the CSV file to write (required)' },
  { flag: 'store', value: 'FILE', sets: null, help: 'the SQLite store (default data/papers.sqlite)' },
  { flag: 'config', value: 'FILE', sets: null, help: 'JSON config, for its store (default data/nightly.json when it exists)' },
  ...pickSpecs(RUN_OPTION_SPECS, ['csv-bom', 'help']),
];

export const NIGHTLY_HELP = `paper-themes nightly [options]: ingest the night's papers into the store, update the
themes (ids stay stable from night to night) and write reports/<date>/, reports/latest/
and reports/index.html. Running it again for the same date changes nothing.

${optionsHelp(NIGHTLY_OPTION_SPECS)}

Exit codes: 0 done or nothing to do; 1 nothing could be ingested and the store is empty,
or the store is damaged, not SQLite, read-only or in a read-only folder; 2 bad option or
config (a --date too far ahead, the lock's path is a folder); 3 unexpected failure;
4 another nightly run holds the lock, or another process keeps the store locked;
5 a report could not be written (disk full, permissions); the next run redoes the night.`;

export const EXPORT_HELP = `paper-themes export --run latest|YYYY-MM-DD --out FILE.csv [options]: the theme labels of a
stored night, one row per paper clustered that night, with the columns of assignments.csv.

${optionsHelp(EXPORT_OPTION_SPECS)}

Exit codes as for nightly; a store that does not exist is never created (exit 1).`;

const NIGHTLY_OPTIONS = parseArgsOptions(NIGHTLY_OPTION_SPECS);
const EXPORT_OPTIONS = parseArgsOptions(EXPORT_OPTION_SPECS);

/** Thrown for a bad nightly/export option; the CLI turns it into exit code 2. */
export class NightlyOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NightlyOptionError';
  }
}

const base = () => process.env.INIT_CWD ?? process.cwd();

function night(value: string | undefined, option = 'date'): string {
  const text = value ?? new Date().toISOString().slice(0, 10);
  const date = new Date(`${text}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  if (!valid) throw new NightlyOptionError(`--${option}: "${text}" is not valid; expected a date YYYY-MM-DD`);
  return text;
}

/**
 * The store's and the lock's foreseeable faults as one line and an exit code (a store
 * another process keeps locked: 4, like the lock; the lock's path a folder: 2; a store
 * missing, damaged or unwritable: 1); other errors go on to the CLI's handler.
 */
async function withStoreFaults(io: CliIo, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof StoreError) && !(error instanceof LockPathError)) throw error;
    io.err.write(`paper-themes: ${error.message}\n`);
    return error instanceof LockPathError ? 2 : error.kind === 'busy' ? 4 : 1;
  }
}

/** --date, refused more than a day ahead unless asked: one typo would otherwise make a night of year 9999. */
function tonight(value: string | undefined, allowFuture: boolean): string {
  const date = night(value);
  if (!allowFuture && isFutureNight(date)) {
    throw new NightlyOptionError(`--date: "${date}" is more than a day after today (${todayUtc()}, UTC); pass --allow-future-date to run a night ahead`);
  }
  return date;
}

export function nightlyCommand(args: string[], io: CliIo): Promise<number> {
  return withStoreFaults(io, () => nightly(args, io));
}

export function exportCommand(args: string[], io: CliIo): Promise<number> {
  return withStoreFaults(io, () => exportNight(args, io));
}

async function nightly(args: string[], io: CliIo): Promise<number> {
  const { values: parsed } = parseArgs({ args, options: NIGHTLY_OPTIONS, strict: true, allowPositionals: false });
  const values = nightlyValues(parsed);
  if (values.help) {
    io.out.write(`${NIGHTLY_HELP}\n`);
    return 0;
  }
  const date = tonight(values.date, values['allow-future-date'] === true);
  const config = loadNightlyConfig(projectRoot(), values.config === undefined ? null : resolve(base(), values.config));
  if (values.store !== undefined) config.store = resolve(base(), values.store);
  if (values.reports !== undefined) config.reports = resolve(base(), values.reports);
  if (values.inbox !== undefined) config.inbox = resolve(base(), values.inbox);
  if (values.source !== undefined) {
    config.sources = parseSources(values.source.join(','), (v) => new NightlyOptionError(`--source: ${JSON.stringify(v)} is not valid; expected inbox, hf-daily or arxiv`));
  }
  config.demo = demoSeeding({
    demoAsked: values.demo === true,
    namedAny: [values.store, values.inbox, values.source, values.config].some((v) => v !== undefined),
    configFile: existsSync(resolve(projectRoot(), DEFAULT_CONFIG_FILE)),
    storeExists: existsSync(config.store),
    inboxHasFiles: !inboxIsEmpty(config.inbox),
  });
  const wait = values.wait === undefined ? 0 : Number(values.wait);
  if (!(wait >= 0)) throw new NightlyOptionError(`--wait: "${values.wait}" is not valid; expected seconds >= 0`);
  const options = normaliseOptions({ k: values.k, kRange: values['k-range'], seed: values.seed, map: values.map, quiet: values.quiet, runsIndex: false, csvBom: values['csv-bom'] });
  const log = options.quiet ? () => {} : (line: string) => io.err.write(`${line}\n`);
  const warn = (line: string) => io.err.write(`warning: ${line}\n`);
  const result = await runNightly(config, options, date, { log, warn, waitMs: wait * 1000 }, { refit: values.refit === true });
  if (result.status === 'unchanged') {
    io.out.write(`Night ${result.night} was already done (run ${result.runId}); no new papers, nothing changed.\n`);
  } else {
    io.out.write(`Night ${result.night}: ${result.papers} papers, ${result.themes.length} themes:\n`);
    // id, size, papers gained tonight, status, label
    for (const t of result.themes) io.out.write(`  ${String(t.id).padStart(3)}  ${String(t.size).padStart(6)}  ${`+${t.gained ?? 0}`.padStart(5)}  ${t.status.padEnd(7)}  ${t.label}\n`);
    io.out.write(`Report: ${result.reportDir}\n`);
  }
  if (result.failedSources.length > 0) io.err.write(`warning: failed sources: ${result.failedSources.join(', ')} (recorded in the store and run.json)\n`);
  return 0;
}

async function exportNight(args: string[], io: CliIo): Promise<number> {
  const { values: parsed } = parseArgs({ args, options: EXPORT_OPTIONS, strict: true, allowPositionals: false });
  const values = exportValues(parsed);
  if (values.help) {
    io.out.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  if (values.out === undefined) throw new NightlyOptionError('--out FILE.csv is required');
  const out = resolve(base(), values.out);
  const outProblem = fileProblem(out);
  if (outProblem !== undefined) throw new OutputError(out, outProblem, 'out');
  const config = loadNightlyConfig(projectRoot(), values.config === undefined ? null : resolve(base(), values.config));
  if (values.store !== undefined) config.store = resolve(base(), values.store);
  const which = values.run ?? 'latest';
  const chosen = which === 'latest' ? undefined : night(which, 'run');
  const store = new PaperStore(config.store, { mustExist: true });
  try {
    const run = chosen === undefined ? store.doneRun({ before: firstFutureNight() }) : store.doneRun({ night: chosen });
    if (run === undefined) throw new NightlyOptionError(`--run: no finished night ${which === 'latest' ? '' : `${which} `}in ${config.store}`);
    // Loose fits as the night decided them; for runs stored before schema 4, from the
    // stored scores by the rule a refit night applies.
    const stored = store.assignments(run.id);
    const loose = looseFits(Float64Array.from(stored, (a) => a.score), Int32Array.from(stored, (a) => a.themeId));
    const assignments = stored.map((a, i) => ({ ...a, looseFit: a.looseFit ?? loose[i] === 1 }));
    const byId = new Map(store.papers(run.night).map((p) => [p.id, p]));
    const papers = assignments.map((a) => byId.get(a.paperId)!);
    const summary: RunSummary = {
      corpusName: run.night, parameters: {}, quality: {}, papers, assignments,
      themes: store.themes(run.id).map(({ centroid: _c, ...theme }) => theme),
    };
    writeFileAtomic(out, csvFile(assignmentsCsv(summary), { bom: values['csv-bom'] === true }));
    io.out.write(`${assignments.length} papers of night ${run.night} (run ${run.id}) -> ${out}\n`);
    return 0;
  } finally {
    store.close();
  }
}

export { ConfigError };

/** The nightly job's parsed options, typed. */
function nightlyValues(values: ParsedValues) {
  const text = (flag: string) => textValue(values, flag);
  return {
    help: values.help === true, date: text('date'), 'allow-future-date': values['allow-future-date'] === true, refit: values.refit === true,
    demo: values.demo === true, source: listValue(values, 'source'), config: text('config'), store: text('store'), reports: text('reports'),
    inbox: text('inbox'), wait: text('wait'), k: text('k'), 'k-range': text('k-range'), seed: text('seed'), map: text('map'),
    quiet: values.quiet === true ? true : undefined, 'csv-bom': values['csv-bom'] === true ? true : undefined,
  };
}

/** export's parsed options, typed. */
function exportValues(values: ParsedValues) {
  const text = (flag: string) => textValue(values, flag);
  return { help: values.help === true, run: text('run'), out: text('out'), store: text('store'), config: text('config'), 'csv-bom': values['csv-bom'] === true };
}
