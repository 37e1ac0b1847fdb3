import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNightly, shiftDays } from '../pipeline/nightly.js';
import { normaliseOptions } from '../pipeline/options.js';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { defaultNightlyConfig } from '../src/nightly/config.js';
import { projectRoot } from '../src/projectRoot.js';
import { PaperStore } from '../src/store/paperStore.js';
import { median } from './stats.js';

const HELP = `npm run bench:nightly -- --corpus FILE [--nights 30] [--base 5000] [--daily 100]
    [--quiet-every 5] [--k auto] [--refit-every 7] [--json FILE]

Replays nights of the nightly job on a corpus with dates: the --base oldest papers arrive
on the first night, then --daily papers (by date) each night, except every --quiet-every-th
night, when none arrive. Everything goes through the inbox, the store and the reports of a
temporary folder; nights refit or fold in by the nightly job's rules (--refit-every is the
config's refitEveryNights). Prints per night: its kind, papers, new papers, k, new
themes, the share of papers (clustered both nights) whose theme id is unchanged, and the
wall time; then the medians of fold-in and refit nights.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      corpus: { type: 'string' }, nights: { type: 'string' }, base: { type: 'string' }, daily: { type: 'string' },
      'quiet-every': { type: 'string' }, k: { type: 'string' }, 'refit-every': { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || values.corpus === undefined) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const nights = Number(values.nights ?? 30);
  const baseSize = Number(values.base ?? 5000);
  const daily = Number(values.daily ?? 100);
  const quietEvery = Number(values['quiet-every'] ?? 5);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const corpus = await readCorpus(resolve(cwd, values.corpus));
  const papers = [...corpus.papers].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
  const dir = mkdtempSync(join(tmpdir(), 'pt-replay-'));
  const config = { ...defaultNightlyConfig(projectRoot()), store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), bundledCorpus: null,
    refitEveryNights: Number(values['refit-every'] ?? 7) };
  mkdirSync(config.inbox);
  const options = normaliseOptions({ k: values.k ?? 'auto', quiet: true, runsIndex: false });
  const firstNight = '2026-10-01';
  let next = 0;
  const rows: Array<Record<string, number | string>> = [];
  let previous = new Map<string, number>();
  process.stderr.write(`replaying ${nights} nights in ${dir}\n`);
  for (let n = 0; n < nights; n++) {
    const night = shiftDays(firstNight, n);
    const quiet = n > 0 && quietEvery > 0 && n % quietEvery === 0;
    const count = n === 0 ? baseSize : quiet ? 0 : daily;
    const batch = papers.slice(next, next + count);
    next += batch.length;
    if (batch.length > 0) writeFileSync(join(config.inbox, `${night}.jsonl`), batch.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const started = performance.now();
    const result = await runNightly(config, options, night, { log: () => {}, warn: (l) => process.stderr.write(`  warning: ${l}\n`), waitMs: 0 });
    const seconds = (performance.now() - started) / 1000;
    const store = new PaperStore(config.store);
    const assignments = store.assignments(result.runId!);
    const kind = String(store.doneRun({ night })?.record?.night_kind ?? '');
    store.close();
    const both = assignments.filter((a) => previous.has(a.paperId));
    const same = both.filter((a) => previous.get(a.paperId) === a.themeId).length;
    previous = new Map(assignments.map((a) => [a.paperId, a.themeId]));
    const row = {
      night, kind, papers: result.papers, new_papers: batch.length, themes: result.themes.length,
      new_themes: n === 0 ? 0 : result.themes.filter((t) => t.status === 'new').length,
      stable_share: both.length === 0 ? Number.NaN : same / both.length, seconds,
    };
    rows.push(row);
    process.stderr.write(`  ${night} (${kind}): ${row.papers} papers (+${row.new_papers}), ${row.themes} themes (${row.new_themes} new), ` +
      `theme id unchanged for ${(100 * row.stable_share).toFixed(2)}% of papers, ${seconds.toFixed(1)} s\n`);
  }
  const later = rows.slice(1);
  const quietRows = later.filter((r) => r.new_papers === 0);
  const busyRows = later.filter((r) => (r.new_papers as number) > 0);
  const share = (rs: typeof rows) => rs.reduce((s, r) => s + (r.stable_share as number), 0) / rs.length;
  const minShare = (rs: typeof rows) => Math.min(...rs.map((r) => r.stable_share as number));
  process.stdout.write(`| night | kind | papers | new papers | themes | new themes | theme id unchanged | seconds |\n|---|---|---:|---:|---:|---:|---:|---:|\n`);
  for (const r of rows) {
    process.stdout.write(`| ${r.night} | ${r.kind} | ${r.papers} | ${r.new_papers} | ${r.themes} | ${r.new_themes} | ${Number.isNaN(r.stable_share) ? '' : `${(100 * (r.stable_share as number)).toFixed(2)}%`} | ${(r.seconds as number).toFixed(1)} |\n`);
  }
  if (quietRows.length > 0) process.stdout.write(`\nnights without new papers (${quietRows.length}): mean ${(100 * share(quietRows)).toFixed(2)}%, min ${(100 * minShare(quietRows)).toFixed(2)}% of papers keep their theme id\n`);
  if (busyRows.length > 0) process.stdout.write(`${quietRows.length > 0 ? '' : '\n'}nights with ~${((100 * daily) / baseSize).toFixed(1)}% new papers (${busyRows.length}): mean ${(100 * share(busyRows)).toFixed(2)}%, min ${(100 * minShare(busyRows)).toFixed(2)}%\n`);
  for (const kind of ['fold-in', 'refit']) {
    const of = later.filter((r) => r.kind === kind);
    if (of.length > 0) process.stdout.write(`${kind} nights after the first (${of.length}): median ${median(of.map((r) => r.seconds as number)).toFixed(1)} s, theme id unchanged for min ${(100 * minShare(of.filter((r) => !Number.isNaN(r.stable_share)))).toFixed(2)}% of papers\n`);
  }
  process.stdout.write(`wall time per night: median ${median(later.map((r) => r.seconds as number)).toFixed(1)} s (first night ${(rows[0].seconds as number).toFixed(1)} s)\n`);
  if (values.json) writeFileSync(resolve(cwd, values.json), JSON.stringify({ dir, rows }, null, 2));
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: Error) => { process.stderr.write(`${error.stack}\n`); process.exitCode = 1; });
