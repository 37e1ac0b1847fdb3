/**
 * `npm run bench:assign -- --corpus FILE [--k 24] [--repeat 3]`: assigning papers to a
 * fitted model, paper-themes (`assign`: bench/assignOnce.ts) against scikit-learn's
 * transform + predict of the bench recipe (bench/sklearn_assign.py), each in a child
 * process, alternating ours and sklearn. Both assign the corpus they were fitted on, so the
 * consistency (papers given their fitted theme back) is measured too. Prints a table of
 * medians on stdout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './stats.js';

const HELP = `npm run bench:assign -- --corpus FILE [--k 24] [--repeat 3]

Fits paper-themes once (paper-themes run --k K) and then, --repeat times each, alternating:
ours (load the run's model, assign the corpus) and scikit-learn's (its bench recipe fitted
once per process, untimed, then pipeline.predict of the corpus timed). Reports the medians
of load time, assign time and papers per second, the ratio, and how many papers get their
fitted theme back. Needs /usr/bin/python3 with scikit-learn (apt-get install -y python3-sklearn).`;

function child(command: string, args: string[], cwd: string): Record<string, number> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

function main(): number {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { corpus: { type: 'string' }, k: { type: 'string' }, repeat: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || values.corpus === undefined) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const corpus = resolve(process.env.INIT_CWD ?? process.cwd(), values.corpus);
  const k = values.k ?? '24';
  const repeat = Number(values.repeat ?? 3);
  if (!existsSync('/usr/bin/python3')) throw new Error('bench:assign needs /usr/bin/python3 with scikit-learn (apt-get install -y python3-sklearn)');
  const run = join(mkdtempSync(join(tmpdir(), 'pt-bench-assign-')), 'run');
  process.stderr.write(`fitting ${corpus} at k ${k} into ${run}\n`);
  const fit = spawnSync('node', [join(root, 'bin', 'paper-themes.js'), 'run', '--input', corpus, '--k', k, '--out', run, '--no-cache', '--no-runs-index', '--quiet'], { cwd: root, encoding: 'utf8' });
  if (fit.status !== 0) throw new Error(`paper-themes run failed: ${fit.stderr.slice(-2000)}`);
  const ours: Array<Record<string, number>> = [];
  const sklearn: Array<Record<string, number>> = [];
  for (let i = 0; i < repeat; i++) {
    ours.push(child('node', [join(root, 'dist-bench', 'bench', 'assignOnce.js'), '--model', run, '--input', corpus], root));
    process.stderr.write(`  ours ${i + 1}: ${JSON.stringify(ours[i])}\n`);
    sklearn.push(child('/usr/bin/python3', [join(root, 'bench', 'sklearn_assign.py'), '--input', corpus, '--k', k], root));
    process.stderr.write(`  sklearn ${i + 1}: ${JSON.stringify(sklearn[i])}\n`);
  }
  const m = (rows: Array<Record<string, number>>, key: string) => median(rows.map((r) => r[key]));
  const papers = ours[0].papers;
  process.stdout.write(`| | paper-themes assign | scikit-learn predict | ratio (ours / sklearn) |\n|---|---:|---:|---:|\n`);
  process.stdout.write(`| model load, s | ${m(ours, 'load_s').toFixed(3)} | (in memory) | |\n`);
  process.stdout.write(`| assign ${papers} papers, s | ${m(ours, 'assign_s').toFixed(2)} | ${m(sklearn, 'assign_s').toFixed(2)} | ${(m(ours, 'assign_s') / m(sklearn, 'assign_s')).toFixed(2)}x |\n`);
  process.stdout.write(`| papers/s | ${Math.round(m(ours, 'papers_per_s'))} | ${Math.round(m(sklearn, 'papers_per_s'))} | |\n`);
  process.stdout.write(`| fitted theme back | ${ours[0].consistent} of ${papers} | ${sklearn[0].consistent} of ${sklearn[0].papers} | |\n`);
  process.stdout.write(`\nmedians of ${repeat} alternating runs each\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`bench:assign: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
