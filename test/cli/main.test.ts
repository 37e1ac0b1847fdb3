import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELP, main } from '../../pipeline/cli/main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'paper-themes-cli-'));

/** Runs the CLI in-process, capturing what it writes. */
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const io = {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  };
  const code = await main(args, io);
  return { code, out, err };
}

function jsonl(lines: string[]): string {
  const file = join(tmp(), 'papers.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const good = (i: number, topic: string) =>
  JSON.stringify({ id: `p${i}`, title: `${topic} study number ${i}`, abstract: `We study ${topic} in depth, with ${topic} experiments, ${topic} theory and ${topic} applications across settings ${i % 3}.` });

const topics = ['bayesian optimization', 'model merging', 'data selection'];
const corpus = Array.from({ length: 12 }, (_, i) => good(i, topics[i % 3]));

describe('paper-themes --help', () => {
  it('explains the commands, formats, options and exit codes', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const text of ['paper-themes run', '--input', '--k N|auto', '--seed', '--strict', 'Exit codes']) expect(out).toContain(text);
  });

  it('is what "run --help" prints too', async () => {
    expect((await cli('run', '--help')).out).toBe(`${HELP}\n`);
  });
});

describe('paper-themes run', () => {
  it('writes the four outputs and prints the themes', async () => {
    const out = tmp();
    const { code, out: stdout, err } = await cli('run', '--input', jsonl(corpus), '--out', out, '--k', '3', '--min-df', '1', '--no-cache');
    expect(code).toBe(0);
    expect(stdout).toContain('3 themes from 12 papers');
    expect(err).toContain('[8/8] report');
    for (const file of ['assignments.csv', 'themes.csv', 'index.html', 'run.json']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('skips a bad line, reports it with its line number, and still succeeds', async () => {
    const out = tmp();
    const file = jsonl([...corpus.slice(0, 6), '{"title": "broken', ...corpus.slice(6)]);
    const { code, err } = await cli('run', '--input', file, '--out', out, '--k', '3', '--min-df', '1', '--cache', tmp());
    expect(code).toBe(0);
    expect(err).toMatch(/line 7: .*JSON/i);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.input.papers).toBe(12);
    expect(run.input.problems).toHaveLength(1);
  });

  it('fails with exit code 1 on a bad line under --strict', async () => {
    const file = jsonl([...corpus, 'not json']);
    const { code, err } = await cli('run', '--input', file, '--out', tmp(), '--strict', '--quiet');
    expect(code).toBe(1);
    expect(err).toContain('line 13');
  });

  it('fails with exit code 1 naming a missing input file', async () => {
    const { code, err } = await cli('run', '--input', '/nonexistent/papers.jsonl', '--out', tmp());
    expect(code).toBe(1);
    expect(err).toContain('/nonexistent/papers.jsonl');
  });

  it('reduces by PCA unless --no-center asks for LSA, and refuses both flags at once', async () => {
    const input = jsonl(corpus);
    const reductionOf = async (...flags: string[]) => {
      const out = tmp();
      expect((await cli('run', '--input', input, '--out', out, '--k', '3', '--min-df', '1', '--no-cache', ...flags)).code).toBe(0);
      return JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).parameters.reduction;
    };
    expect(await reductionOf()).toBe('PCA (centred)');
    expect(await reductionOf('--no-center')).toBe('LSA (uncentred)');
    const both = await cli('run', '--input', input, '--center', '--no-center');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--no-center');
  });

  it('clusters with mini-batch k-means on --kmeans minibatch and records it', async () => {
    const out = tmp();
    const { code } = await cli('run', '--input', jsonl(corpus), '--out', out, '--k', '3', '--min-df', '1', '--no-cache', '--kmeans', 'minibatch');
    expect(code).toBe(0);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.parameters.kmeans).toBe('minibatch');
    expect(run.themes).toHaveLength(3);
    expect((await cli('run', '--kmeans', 'fast')).err).toContain('--kmeans');
  });

  it('fails with exit code 2 naming a bad option value', async () => {
    const { code, err } = await cli('run', '--k', 'many');
    expect(code).toBe(2);
    expect(err).toContain('--k');
  });

  it('fails with exit code 2 on an unknown option or command', async () => {
    expect((await cli('run', '--colour', 'red')).code).toBe(2);
    expect((await cli('cluster')).code).toBe(2);
  });
});

describe('paper-themes run progress', () => {
  it('says on stderr while the reduce and cluster stages run: each SVD power iteration, each k scored, the restarts of the final fit, each refinement round; --quiet says none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-progress-'));
    const fixed = await cli('run', '--out', join(dir, 'fixed'), '--k', '8', '--no-cache', '--no-runs-index');
    expect(fixed.code, fixed.err).toBe(0);
    const restarts = fixed.err.split('\n').filter((line) => line.startsWith('  k-means restarts: '));
    expect(restarts.at(-1)).toBe('  k-means restarts: 100 of 100 done');
    expect(restarts.length).toBeGreaterThan(1);
    expect(restarts.length).toBeLessThanOrEqual(12);
    expect(fixed.err).toMatch(/^ {2}refinement round 1: \d+ papers moved$/m);
    expect(fixed.err.split('\n').filter((line) => line.startsWith('  SVD power iterations: '))).toEqual(
      [1, 2, 3, 4].map((i) => `  SVD power iterations: ${i} of 4 done`));
    const auto = await cli('run', '--out', join(dir, 'auto'), '--no-cache', '--no-runs-index');
    expect(auto.err).toMatch(/^ {2}k = 2: silhouette -?\d\.\d{4}$/m);
    const quiet = await cli('run', '--out', join(dir, 'quiet'), '--k', '8', '--no-cache', '--no-runs-index', '--quiet');
    expect(quiet.err).not.toContain('k-means restarts');
    expect(quiet.err).not.toContain('refinement round');
    expect(quiet.err).not.toContain('SVD power iterations');
  }, 60_000);
});

describe('paper-themes run --labels', () => {
  const labelsFile = (text: string) => {
    const file = join(tmp(), 'labels.json');
    writeFileSync(file, text);
    return file;
  };
  const themeLabels = (out: string) => readFileSync(join(out, 'themes.csv'), 'utf8').split('\r\n').slice(1, -1).map((row) => row.split(',')[1]);

  it('pins a label by theme id and by top term, in themes.csv and the report', async () => {
    const plain = tmp();
    expect((await cli('run', '--input', jsonl(corpus), '--out', plain, '--k', '3', '--min-df', '1', '--no-cache', '--quiet')).code).toBe(0);
    const before = themeLabels(plain);
    const mergingTheme = before.findIndex((label) => label.includes('model merging'));
    const out = tmp();
    expect(mergingTheme).toBeGreaterThanOrEqual(0);
    const other = (mergingTheme + 1) % 3;
    const pins = labelsFile(JSON.stringify({ [other]: 'Pinned by id', 'Model Merging': 'Pinned by term' }));
    const { code, err } = await cli('run', '--input', jsonl(corpus), '--out', out, '--k', '3', '--min-df', '1', '--no-cache', '--quiet', '--labels', pins);
    expect(code, err).toBe(0);
    const after = themeLabels(out);
    expect(after[other]).toBe('Pinned by id');
    expect(after[mergingTheme]).toBe('Pinned by term');
    expect(after.filter((label, i) => label !== before[i])).toHaveLength(2);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<td class="heading" data-label="Label">Pinned by id</td>');
  });

  it('refuses a labels file that is not a JSON object of labels, naming --labels, the file and the line (exit 2)', async () => {
    const broken = labelsFile('{"0": "a",\n "1" "b"}');
    const bad = await cli('run', '--input', jsonl(corpus), '--out', tmp(), '--k', '3', '--min-df', '1', '--no-cache', '--labels', broken);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--labels');
    expect(bad.err).toContain(broken);
    expect(bad.err).toContain('line 2');
    const notText = await cli('run', '--input', jsonl(corpus), '--out', tmp(), '--k', '3', '--min-df', '1', '--no-cache', '--labels', labelsFile('{"2": 7}'));
    expect(notText.code).toBe(2);
    expect(notText.err).toContain('"2": the label must be a non-empty string');
    const missing = await cli('run', '--input', jsonl(corpus), '--out', tmp(), '--no-cache', '--labels', join(tmp(), 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('a readable labels file');
  });
});

describe('the installed command', () => {
  it('runs from bin/ as npm would (the compiled build is current)', () => {
    execFileSync('npx', ['tsc', '-p', '.'], { cwd: root });
    const result = spawnSync(process.execPath, [join(root, 'bin/paper-themes.js'), '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${HELP}\n`);
  });
});

describe('paper-themes run with an impossible --out', () => {
  it('fails at once with exit code 2 naming --out', async () => {
    const { code, err } = await cli('run', '--out', '/proc/paper-themes-out', '--no-cache', '--quiet');
    expect(code).toBe(2);
    expect(err).toContain('--out');
  });
});

describe('paper-themes run on corpora it cannot cluster', () => {
  it('says 2 papers are too few, with exit code 1 and no stack trace', async () => {
    const { code, err } = await cli('run', '--input', jsonl(corpus.slice(0, 2)), '--out', tmp(), '--no-cache', '--quiet');
    expect(code).toBe(1);
    expect(err).toContain('too few');
    expect(err).not.toContain('    at ');
  });

  it('explains which thresholds left no terms', async () => {
    const { code, err } = await cli('run', '--input', jsonl(corpus.slice(0, 3)), '--out', tmp(), '--no-cache', '--quiet');
    expect(code).toBe(1);
    expect(err).toContain('--max-df');
  });

  it('refuses as many themes as papers before doing the work', async () => {
    const { code, err } = await cli('run', '--input', jsonl(corpus), '--out', tmp(), '--k', '12', '--no-cache', '--quiet');
    expect(code).toBe(2);
    expect(err).toContain('--k');
  });

  it('clusters papers that are all alike without failing', async () => {
    const same = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `s${i}`, title: `Same title ${i}`, abstract: 'Identical abstract about graph neural networks and message passing.' }));
    const { code } = await cli('run', '--input', jsonl(same), '--out', tmp(), '--min-df', '1', '--max-df', '1', '--no-cache', '--quiet');
    expect(code).toBe(0);
  });

  it('names --stopwords when the word list cannot be read', async () => {
    const { code, err } = await cli('run', '--input', jsonl(corpus), '--out', tmp(), '--stopwords', '/nonexistent/words.txt', '--no-cache');
    expect(code).toBe(2);
    expect(err).toContain('--stopwords');
  });
});

describe('paper-themes run --quiet', () => {
  it('still warns about skipped records and duplicates', async () => {
    const file = jsonl([...corpus, 'not json', corpus[0]]);
    const { code, err } = await cli('run', '--input', file, '--out', tmp(), '--k', '3', '--min-df', '1', '--no-cache', '--quiet');
    expect(code).toBe(0);
    expect(err).toContain('warning: skipped');
    expect(err).toContain('warning: dropped 1 duplicate');
    expect(err).not.toContain('[1/8]');
  });
});

describe('paper-themes evaluate', () => {
  it('prints one row per variant and the default’s themes, and writes the JSON', async () => {
    const json = join(tmp(), 'eval.json');
    const { code, out, err } = await cli('evaluate', '--variants', 'default,no-phrases', '--k', '5', '--n-init', '5', '--no-cache', '--json', json);
    expect(code, err).toBe(0);
    expect(out).toContain('70 papers from');
    expect(out).toContain('| variant | k | dims | silhouette | npmi | topic_diversity | label_f1 | generic_labels | word_pair_labels | seconds |');
    expect(out).toContain('| id | papers | silhouette | NPMI | label F1 | label |');
    expect(out).toMatch(/\| default \| 5 \| 14 \| 0\.\d{3} \|/);
    expect(out).toMatch(/\| no-phrases \| 5 \| 14 \|/);
    expect(out).toContain('Themes of "default"');
    expect(err).toContain('no-phrases: single words only');
    expect(err).toContain('[2/8] tokenize');
    // No report is drawn, so no UMAP layout is fitted for it.
    expect(err).toContain('[6/8] map: PCA, not measured (no report is drawn)');
    expect(err).not.toContain('UMAP fitted');
    const evaluation = JSON.parse(readFileSync(json, 'utf8'));
    expect(evaluation.rows.map((r: { variant: string }) => r.variant)).toEqual(['default', 'no-phrases']);
    expect(evaluation.rows[0].themes).toHaveLength(5);
    expect(evaluation.rows[0].quality.npmi).toBeTypeOf('number');
    expect(evaluation.rows[0].quality.label_f1).toBeGreaterThan(0);
    expect(evaluation.rows[0].themes[0].labelF1).toBeGreaterThan(0);
    expect(evaluation.rows[0].quality.topic_diversity).not.toBe(evaluation.rows[1].quality.topic_diversity);
  });

  it('adds V-measure, NMI and ARI for labelled input', async () => {
    const labelled = jsonl(Array.from({ length: 12 }, (_, i) => JSON.stringify({ ...JSON.parse(good(i, topics[i % 3])), label: topics[i % 3] })));
    const { code, out } = await cli('evaluate', '--input', labelled, '--variants', 'default', '--k', '3', '--min-df', '1', '--no-cache', '--quiet');
    expect(code).toBe(0);
    expect(out).toContain('| v_measure | nmi | ari |');
  });

  it('runs the bm25 variant with the --bm25-k1 and --bm25-b given, and names a bad --bm25-k1', async () => {
    const json = join(tmp(), 'eval.json');
    const { code, err } = await cli('evaluate', '--variants', 'default,bm25', '--bm25-k1', '1.2', '--bm25-b', '0.5', '--k', '5', '--n-init', '5', '--no-cache', '--quiet', '--json', json);
    expect(code, err).toBe(0);
    const rows = JSON.parse(readFileSync(json, 'utf8')).rows as Array<{ variant: string; quality: Record<string, number> }>;
    expect(rows.map((r) => r.variant)).toEqual(['default', 'bm25']);
    // Other weights, other silhouettes in the reduced space.
    expect(rows[1].quality.silhouette).not.toBe(rows[0].quality.silhouette);
    const bad = await cli('run', '--out', tmp(), '--no-runs-index', '--no-cache', '--bm25-k1=-1');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('paper-themes: --bm25-k1: "-1" is not valid; expected a number from 0 to 1000');
  });

  it('warns that --bm25-k1 and --bm25-b do nothing in a run without --weighting bm25', async () => {
    const out = tmp();
    const ignored = await cli('run', '--out', out, '--no-runs-index', '--no-cache', '--k', '5', '--quiet', '--bm25-k1', '5', '--bm25-b', '0.2');
    expect(ignored.code).toBe(0);
    expect(ignored.err).toContain('warning: --bm25-k1 5 has no effect without --weighting bm25');
    expect(ignored.err).toContain('warning: --bm25-b 0.2 has no effect without --weighting bm25');
    const used = await cli('run', '--out', tmp(), '--no-runs-index', '--no-cache', '--k', '5', '--quiet', '--weighting', 'bm25', '--bm25-k1', '5');
    expect(used.code).toBe(0);
    expect(used.err).not.toContain('has no effect');
  });

  it('names --variants when a variant is unknown, and refuses --out', async () => {
    const bad = await cli('evaluate', '--variants', 'default,stemming', '--no-cache');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--variants: "default,stemming" is not valid');
    const out = await cli('evaluate', '--out', tmp());
    expect(out.code).toBe(2);
    expect(out.err).toMatch(/Unknown option '--out'/);
  });
});
