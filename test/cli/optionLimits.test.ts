import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { projectPath } from '../../src/projectRoot.js';

// Every run here is on the bundled corpus (70 papers, 1,194 terms with the default options).
const tmp = () => mkdtempSync(join(tmpdir(), 'paper-themes-limits-'));

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

/** A run of the bundled corpus into a fresh folder, with no cache and no runs index. */
async function run(...args: string[]) {
  const out = tmp();
  const result = await cli('run', '--out', out, '--no-runs-index', '--no-cache', '--quiet', ...args);
  const read = (file: string) => readFileSync(join(out, file), 'utf8');
  return { ...result, dir: out, read, runJson: () => JSON.parse(read('run.json')) as { parameters: Record<string, unknown> } };
}

/** Exit 2 with one line naming the option, its value and the allowed range, no stack trace. */
function expectRefused(result: { code: number; err: string }, option: string, range: string) {
  expect(result.code).toBe(2);
  expect(result.err.split('\n')[0]).toMatch(new RegExp(`^paper-themes: ${option}: "\\d+" is not valid; expected .*${range}`));
  expect(result.err).not.toMatch(/\n\s+at /);
}

describe('run: options beyond any sensible value are refused before the work', () => {
  it('refuses --n-init 100000000 with exit 2 naming --n-init and its range', async () => {
    expectRefused(await run('--n-init', '100000000'), '--n-init', 'from 1 to 1000');
  });

  it('refuses --title-weight 100000 with exit 2 naming --title-weight and its range', async () => {
    expectRefused(await run('--title-weight', '100000'), '--title-weight', 'from 1 to 10');
  });

  it('refuses --workers 100000 with exit 2 naming --workers and its range', async () => {
    expectRefused(await run('--workers', '100000'), '--workers', 'from 1 to 128');
  });

  it('refuses --dims 100000 with exit 2 naming --dims and its range', async () => {
    expectRefused(await run('--dims', '100000'), '--dims', 'from 2 to 1000');
  });
});

describe('run: options beyond what the corpus allows are clamped, said and recorded', () => {
  it('uses at most min(papers, terms) components for --dims, with a warning, in run.json and the report', async () => {
    const result = await run('--dims', '500');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^warning: --dims 500: .*70 papers.*using 70$/m);
    const parameters = result.runJson().parameters;
    expect(parameters).toMatchObject({ dims: 70, dims_requested: 500 });
    expect(parameters.clamped).toMatch(/dims 500 -> 70/);
    const explained = (JSON.parse(result.read('run.json')) as { reduction: { components: number; explained_variance_ratio: number[] } }).reduction;
    expect(explained.components).toBe(70);
    expect(explained.explained_variance_ratio).toHaveLength(70);
    const html = result.read('index.html');
    expect(html).toContain('<dt>dims_requested</dt><dd>500</dd>');
    expect(html).toContain('<dt>clamped</dt>');
  });

  it('searches at most k = papers - 1 for --k-range, with a warning, in run.json and the report', async () => {
    const result = await run('--k-range', '100-200');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^warning: --k-range 100-200: .*70 papers.*69-69$/m);
    const record = JSON.parse(result.read('run.json')) as { parameters: Record<string, unknown>; clustering: { k: number } };
    expect(record.parameters).toMatchObject({ k_range: [69, 69], k_range_requested: '100-200', k: 'auto (69)' });
    expect(record.parameters.clamped).toMatch(/k-range 100-200 -> 69-69/);
    expect(record.clustering.k).toBe(69);
    expect(result.read('index.html')).toContain('<dt>k_range_requested</dt><dd>100-200</dd>');
  });

  it('lowers only the top of a --k-range that reaches past the corpus', async () => {
    const result = await run('--k-range', '3-500', '--n-init', '3');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^warning: --k-range 3-500: .*3-69$/m);
    expect(result.runJson().parameters).toMatchObject({ k_range: [3, 69], k_range_requested: '3-500' });
  });

  it('records nothing as clamped when the options fit the corpus', async () => {
    const result = await run('--dims', '20', '--k-range', '2-8');
    expect(result.code).toBe(0);
    // The one warning left is about the k found (the top of 2-8), not about an option lowered.
    expect(result.err.split('\n').filter((line) => line.startsWith('warning:') && !line.startsWith('warning: --k auto:'))).toEqual([]);
    const parameters = result.runJson().parameters;
    expect(parameters).toMatchObject({ dims: 20, k_range: [2, 8] });
    expect(parameters).not.toHaveProperty('clamped');
    expect(parameters).not.toHaveProperty('dims_requested');
    expect(result.read('index.html')).not.toContain('clamped');
  });
});

describe('evaluate takes the same limits', () => {
  it('refuses --n-init 100000000 and --title-weight 100000 with exit 2', async () => {
    expectRefused(await cli('evaluate', '--no-cache', '--quiet', '--variants', 'default', '--n-init', '100000000'), '--n-init', 'from 1 to 1000');
    expectRefused(await cli('evaluate', '--no-cache', '--quiet', '--variants', 'default', '--title-weight', '100000'), '--title-weight', 'from 1 to 10');
  });

  it('clamps --dims to what the corpus allows, with a warning, and shows the dims used', async () => {
    const result = await cli('evaluate', '--no-cache', '--quiet', '--variants', 'default', '--dims', '500', '--k', '5');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^warning: --dims 500: .*using 70$/m);
    expect(result.out).toMatch(/^\| default \| 5 \| 70 \|/m);
  });
});

describe('nightly: a config value out of range is refused before the night starts', () => {
  it.each([
    [{ hfDaily: { baseUrl: 'file:///etc/passwd' } }, 'hfDaily.baseUrl'],
    [{ http: { timeoutMs: 1e10 } }, 'http.timeoutMs'],
    [{ arxiv: { delayMs: 1e10 } }, 'arxiv.delayMs'],
  ])('%j: exit 2, one line naming the file and the key', async (content, key) => {
    const dir = tmp();
    const file = join(dir, 'nightly.json');
    writeFileSync(file, JSON.stringify({
      store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), sources: ['hf-daily'], ...content,
    }));
    const result = await cli('nightly', '--config', file, '--date', '2026-11-20', '--quiet');
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toMatch(new RegExp(`^paper-themes: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: "${key.replace('.', '\\.')}": .* is not valid; expected `));
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'papers.sqlite'))).toBe(false);
  });
});

describe('nightly: a --k beyond the stored papers is lowered, said and recorded', () => {
  it('fits k = papers - 1 with a warning, in run.json and the report', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'inbox'));
    copyFileSync(projectPath('data/corpus/hf-trending-mar12.txt'), join(dir, 'inbox', 'papers.txt'));
    const file = join(dir, 'nightly.json');
    writeFileSync(file, JSON.stringify({ store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), sources: ['inbox'] }));
    const result = await cli('nightly', '--config', file, '--date', '2026-11-20', '--quiet', '--k', '100');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^warning: --k 100: 70 papers allow at most k = 69; using 69$/m);
    const night = join(dir, 'reports', '2026-11-20');
    const parameters = (JSON.parse(readFileSync(join(night, 'run.json'), 'utf8')) as { parameters: Record<string, unknown> }).parameters;
    expect(parameters).toMatchObject({ k: 69, k_requested: 100, clamped: 'k 100 -> 69' });
    expect(readFileSync(join(night, 'index.html'), 'utf8')).toContain('<dt>k_requested</dt><dd>100</dd>');
  });
});
