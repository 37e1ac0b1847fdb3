/**
 * `npm run bench -- --corpus FILE [options]`: paper-themes against the scikit-learn
 * reference pipeline (bench/sklearn_pipeline.py), each run as a child process, alternating
 * ours, sklearn, ours, sklearn, ... Progress on stderr; the result table on stdout; with
 * --json, the same as JSON plus every run's raw result. See BENCH_HELP.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_HELP, BenchOptionError, parseBenchArgs, type BenchOptions } from './options.js';
import { formatSummary, summarise, type OursResult, type Run, type SklearnResult } from './summary.js';

const PYTHON = '/usr/bin/python3';
const INSTALL_HINT = 'apt-get install -y python3-sklearn';

/** The project root: the nearest folder above this file with bin/paper-themes.js (works from bench/ and dist-bench/bench/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bin', 'paper-themes.js')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the project root (bin/paper-themes.js) above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

const benchStart = process.hrtime.bigint();
function elapsed(): string {
  const s = Math.floor(Number(process.hrtime.bigint() - benchStart) / 1e9);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
function progress(line: string): void {
  process.stderr.write(`[bench ${elapsed()}] ${line}\n`);
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wall_s: number;
}

let currentChild: ReturnType<typeof spawn> | null = null;

/** Runs a command to completion, timing it from spawn to exit. */
function runChild(command: string, args: string[], cwd: string): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    currentChild = child;
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-20_000); // keep the tail for error messages
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      currentChild = null;
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: err, wall_s: Number(process.hrtime.bigint() - start) / 1e9 });
    });
  });
}

class ChildFailed extends Error {}

function failIfBad(what: string, child: ChildResult): void {
  if (child.code === 0) return;
  const why = child.signal ? `killed by ${child.signal}` : `exit code ${child.code}`;
  const tail = child.stderr.trim().split('\n').slice(-15).join('\n');
  throw new ChildFailed(`${what} failed (${why})${tail ? `:\n${tail}` : ''}`);
}

let currentTmp: string | null = null;

/**
 * One run of ours. `cacheDir` null runs with --no-cache (a cold run: everything tokenized);
 * else with that tokens cache.
 */
async function runOurs(root: string, o: BenchOptions, label: string, cacheDir: string | null): Promise<Run<OursResult>['result'] & { outside: number }> {
  const out = mkdtempSync(join(os.tmpdir(), 'paper-themes-bench-'));
  currentTmp = out;
  try {
    const args = [join(root, 'bin', 'paper-themes.js'), 'run', '--input', o.corpus, '--out', out, '--k', String(o.k),
      '--seed', String(o.seed), '--dims', String(o.dims), '--n-init', String(o.nInit), '--quiet',
      ...(cacheDir === null ? ['--no-cache'] : ['--cache', cacheDir])];
    const child = await runChild(process.execPath, args, root);
    failIfBad(`${label} (node ${args.slice(0, 2).join(' ')} ...)`, child);
    const result = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as OursResult;
    return Object.assign(result, { outside: child.wall_s });
  } finally {
    rmSync(out, { recursive: true, force: true });
    currentTmp = null;
  }
}

async function runSklearn(root: string, o: BenchOptions, label: string): Promise<SklearnResult & { outside: number }> {
  const args = [join(root, 'bench', 'sklearn_pipeline.py'), '--input', o.corpus, '--k', String(o.k), '--dims', String(o.dims),
    '--seed', String(o.seed), '--n-init', String(o.nInit)];
  const child = await runChild(PYTHON, args, root);
  failIfBad(`${label} (${PYTHON} bench/sklearn_pipeline.py ...)`, child);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return Object.assign(JSON.parse(line) as SklearnResult, { outside: child.wall_s });
  } catch {
    throw new ChildFailed(`${label}: no JSON on stdout (got ${JSON.stringify(line.slice(0, 200))})`);
  }
}

function sklearnAvailable(): { ok: true } | { ok: false; why: string } {
  const check = spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (check.error) return { ok: false, why: `${PYTHON} cannot be run (${check.error.message})` };
  if (check.status !== 0) return { ok: false, why: `${PYTHON} -c "import sklearn" failed: ${(check.stderr || '').trim().split('\n').pop()}` };
  return { ok: true };
}

function quality(q: Record<string, number> | undefined): string {
  return q && typeof q.v_measure === 'number' ? `, V-measure ${q.v_measure.toFixed(4)}` : '';
}

function count(n: number | null | undefined): string {
  return typeof n === 'number' ? n.toLocaleString('en-US') : '?';
}

async function main(argv: string[]): Promise<number> {
  let o: BenchOptions;
  try {
    const parsed = parseBenchArgs(argv);
    if ('help' in parsed) {
      process.stdout.write(`${BENCH_HELP}\n`);
      return 0;
    }
    o = parsed;
  } catch (error) {
    if (!(error instanceof BenchOptionError)) throw error;
    process.stderr.write(`bench: ${error.message}\n(try: npm run bench -- --help)\n`);
    return 2;
  }
  o.corpus = resolve(o.corpus);
  if (!existsSync(o.corpus) || !statSync(o.corpus).isFile()) {
    process.stderr.write(`bench: --corpus: no such file: ${o.corpus}\n`);
    return 2;
  }
  if (o.json !== null) {
    o.json = resolve(o.json);
    if (!existsSync(dirname(o.json))) {
      process.stderr.write(`bench: --json: the folder ${dirname(o.json)} does not exist\n`);
      return 2;
    }
  }

  const root = projectRoot();
  let withSklearn = !o.skipSklearn;
  let sklearnNote = o.skipSklearn ? 'skipped (--skip-sklearn)' : 'ok';
  if (withSklearn) {
    const check = sklearnAvailable();
    if (!check.ok) {
      withSklearn = false;
      sklearnNote = `not available: ${check.why}`;
      process.stderr.write(`bench: scikit-learn is not available: ${check.why}\n` +
        `bench: install it with: ${INSTALL_HINT}   (Debian/Ubuntu, as root)\n` +
        'bench: running ours only.\n');
    }
  }

  const cpus = os.cpus();
  const load = os.loadavg();
  const machine = {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    total_mem_mib: Math.round(os.totalmem() / 2 ** 20),
    loadavg_at_start: load.map((l) => Math.round(l * 100) / 100),
    OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? null,
  };
  if (load[0] > 0.5) {
    progress(`warning: load average ${load[0].toFixed(2)} at start: other processes are using the CPUs, timings will be noisy`);
  }
  progress(`corpus ${o.corpus}; k ${o.k}, dims ${o.dims}, n-init ${o.nInit}, seed ${o.seed}; ${o.repeat} repeat(s); ` +
    `${withSklearn ? 'ours, sklearn alternating' : 'ours only'}`);

  const ours: Run<OursResult>[] = [];
  const sklearn: Run<SklearnResult>[] = [];
  const cacheDir = o.warm ? mkdtempSync(join(os.tmpdir(), 'paper-themes-bench-cache-')) : null;
  try {
    if (cacheDir !== null) {
      progress('warming the tokens cache (unmeasured run of ours)');
      await runOurs(root, o, 'warm-up', cacheDir);
    }
    for (let r = 1; r <= o.repeat; r++) {
      const tag = `${r}/${o.repeat}`;
      progress(`${tag} ours: start`);
      const a = await runOurs(root, o, `${tag} ours`, cacheDir);
      const { outside: aWall, ...aResult } = a;
      ours.push({ repeat: r, outside_wall_s: Math.round(aWall * 1000) / 1000, result: aResult });
      progress(`${tag} ours: done in ${aWall.toFixed(2)} s (in process ${a.total_wall_s.toFixed(2)} s, peak ${Math.round(a.peak_rss_mib)} MiB${quality(a.quality)})`);
      if (!withSklearn) continue;
      progress(`${tag} sklearn: start`);
      const b = await runSklearn(root, o, `${tag} sklearn`);
      const { outside: bWall, ...bResult } = b;
      sklearn.push({ repeat: r, outside_wall_s: Math.round(bWall * 1000) / 1000, result: bResult });
      progress(`${tag} sklearn: done in ${bWall.toFixed(2)} s (in process ${b.total_wall_s.toFixed(2)} s, peak ${Math.round(b.peak_rss_mib)} MiB${quality(b.quality)})`);
    }
  } catch (error) {
    if (cacheDir !== null) rmSync(cacheDir, { recursive: true, force: true });
    if (!(error instanceof ChildFailed)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 1;
  }
  if (cacheDir !== null) rmSync(cacheDir, { recursive: true, force: true });

  const summary = summarise(ours, withSklearn ? sklearn : null);
  const sk = sklearn[0]?.result;
  const oursInput = ours[0]?.result.input;
  const header = [
    `paper-themes vs scikit-learn: ${o.corpus}`,
    `k ${o.k}, dims ${o.dims}, n-init ${o.nInit}, seed ${o.seed}; ${o.repeat} repeat(s)${withSklearn ? ', ours and sklearn alternating' : ', ours only'}; ` +
      `tokens cache ${o.warm ? 'warm' : 'off (cold runs)'}`,
    `machine: ${machine.cpus} x ${machine.model}, Node ${machine.node}` +
      (sk ? `, Python ${sk.versions?.python ?? '?'}, scikit-learn ${sk.versions?.sklearn ?? '?'} ` +
        `(OpenMP threads ${String(sk.threads?.openmp ?? '?')}, BLAS threads ${String(sk.threads?.blas ?? '?')}, ` +
        `OMP_NUM_THREADS ${String(sk.threads?.OMP_NUM_THREADS ?? 'unset')})` : `, sklearn ${sklearnNote}`),
    `papers: ours ${count(summary.ours.papers)} (${count(oursInput?.duplicates_dropped)} duplicates dropped)` +
      (summary.sklearn ? `; sklearn ${count(summary.sklearn.papers)} (all rows, ${count(sk?.duplicates_like_ours)} of them duplicates by our rule)` : ''),
    `vocabulary: ours ${count(summary.ours.vocabulary)} terms` + (summary.sklearn ? `; sklearn ${count(summary.sklearn.vocabulary)} terms` : ''),
  ].join('\n');
  const notes = [
    'Notes: "in process" is each side\'s own total (ours: all 8 stages, the quality figures and run.json;',
    'sklearn: read..cluster, quality figures excluded); "process wall" is measured by the harness from',
    'spawn to exit (interpreter start and imports included). Our map stage (the report\'s UMAP layout and',
    'its figures) and label stage have no sklearn counterpart; our cluster stage includes the silhouette',
    '(sample of 3,000 papers); sklearn\'s vectorize includes tokenization. Ratios are ours / sklearn of',
    'the medians: below 1, ours is faster or smaller.',
  ].join('\n');
  process.stdout.write(`${header}\n\n${formatSummary(summary)}\n\n${notes}\n`);

  if (o.json !== null) {
    const record = {
      tool: 'paper-themes bench',
      date: new Date().toISOString(),
      command: (process.env.npm_lifecycle_event === 'bench' ? ['npm run bench --', ...argv] : process.argv).join(' '),
      argv: process.argv,
      options: o,
      machine,
      sklearn_status: sklearnNote,
      ours: summary.ours,
      sklearn: summary.sklearn,
      ratio: summary.ratio,
      runs: { ours, sklearn },
    };
    writeFileSync(o.json, `${JSON.stringify(record, null, 2)}\n`);
    progress(`wrote ${o.json}`);
  }
  return 0;
}

function onSignal(signal: NodeJS.Signals): void {
  currentChild?.kill(signal);
  if (currentTmp !== null) rmSync(currentTmp, { recursive: true, force: true });
  process.stderr.write(`bench: interrupted (${signal})\n`);
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await main(process.argv.slice(2));
