import { parseArgs } from 'node:util';

export const BENCH_HELP = `npm run bench -- --corpus FILE [options]
  (or: node dist-bench/bench/run.js --corpus FILE [options], after the build)

Runs paper-themes and the scikit-learn reference (bench/sklearn_pipeline.py, with
/usr/bin/python3) on the same corpus, alternating ours, sklearn, ours, sklearn, ... each
as a child process, and prints the median wall time of every stage, the ratio
ours/sklearn for comparable stages, peak RSS and the quality figures (V-measure, NMI,
ARI against the corpus' gold \`label\`). Progress lines go to stderr.

Options:
  --corpus FILE     JSON Lines corpus, plain or gzipped (required)
  --k N             number of clusters, both sides (default 24)
  --repeat R        runs of each side (default 3)
  --dims D          SVD components, both sides (default 100)
  --n-init N        k-means restarts, both sides (default 10)
  --seed S          seed of both sides (default 42; at most 2^32 - 1, as scikit-learn)
  --json FILE       also write medians, ratios, every run's raw result, the command
                    line, the machine and the date as JSON
  --skip-sklearn    run ours only
  --warm            measure ours with a warm tokens cache (filled by one unmeasured
                    run first); without it every run of ours uses --no-cache
  -h, --help        this text`;

export interface BenchOptions {
  corpus: string;
  k: number;
  repeat: number;
  dims: number;
  nInit: number;
  seed: number;
  json: string | null;
  skipSklearn: boolean;
  warm: boolean;
}

/** A bad command line; the message names the option. */
export class BenchOptionError extends Error {
  override name = 'BenchOptionError';
}

const OPTIONS = {
  corpus: { type: 'string' },
  k: { type: 'string' },
  repeat: { type: 'string' },
  dims: { type: 'string' },
  'n-init': { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'string' },
  'skip-sklearn': { type: 'boolean' },
  warm: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the bench command line (without node and the script); `{ help: true }` for --help. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    // parseArgs names the option already ("Unknown option '--kk'", "Option '--k <value>' argument missing").
    throw new BenchOptionError((error as Error).message);
  }
  if (values.help) return { help: true };
  if (values.corpus === undefined || values.corpus.trim() === '') throw new BenchOptionError('--corpus FILE is required');
  if (values.json !== undefined && values.json.trim() === '') throw new BenchOptionError('--json: expected a file path');
  return {
    corpus: values.corpus,
    k: integer('--k', values.k, 24, 2),
    repeat: integer('--repeat', values.repeat, 3, 1),
    dims: integer('--dims', values.dims, 100, 2),
    nInit: integer('--n-init', values['n-init'], 10, 1),
    seed: integer('--seed', values.seed, 42, 0, 2 ** 32 - 1),
    json: values.json ?? null,
    skipSklearn: values['skip-sklearn'] ?? false,
    warm: values.warm ?? false,
  };
}

function integer(option: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new BenchOptionError(`${option}: expected ${range}, got "${value}"`);
  }
  return n;
}
