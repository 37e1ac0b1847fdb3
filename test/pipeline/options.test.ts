import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUT,
  DEFAULT_OUT,
  defaultKRange,
  defaultNInit,
  defaultOptions,
  normaliseOptions,
  OptionError,
  type RawOptions,
} from '../../pipeline/options.js';
import { projectPath } from '../../src/projectRoot.js';

/** The error thrown by normaliseOptions(raw), or fails the test if none is. */
function errorOf(raw: RawOptions): unknown {
  try {
    normaliseOptions(raw);
  } catch (error) {
    return error;
  }
  throw new Error(`normaliseOptions(${JSON.stringify(raw)}) did not throw`);
}

describe('defaultOptions', () => {
  it('has the documented defaults', () => {
    const o = defaultOptions();
    expect(o).toEqual({
      input: projectPath(DEFAULT_INPUT),
      out: DEFAULT_OUT,
      k: 'auto',
      kRange: null,
      seed: 42,
      dims: null,
      center: true,
      nInit: null,
      kmeans: 'full',
      refine: true,
      weighting: 'tfidf',
      map: 'umap',
      merges: [],
      reduceTo: null,
      bm25K1: 1.2,
      bm25B: 0.5,
      minDf: 2,
      maxDf: 0.5,
      maxFeatures: null,
      phraseMinDf: null,
      titleWeight: 2,
      lemmas: true,
      phrases: true,
      stopwordsFile: projectPath('data/stopwords/boilerplate.txt'),
      labelsFile: null,
      workers: availableParallelism(),
      cacheDir: projectPath('data/cache'),
      strict: false,
      quiet: false,
      runsIndex: resolve('reports/index.html'),
      maxInputMb: 2000,
      csvBom: false,
    });
    expect(DEFAULT_OUT).toBe('reports/latest');
  });

  it('refreshes reports/index.html for a run folder inside a reports folder, and nothing elsewhere', () => {
    expect(normaliseOptions({ out: '/srv/x/reports/2026-11-26' }).runsIndex).toBe('/srv/x/reports/index.html');
    expect(normaliseOptions({ out: '/tmp/today' }).runsIndex).toBeNull();
    expect(normaliseOptions({ out: '/srv/x/reports/latest', runsIndex: false }).runsIndex).toBeNull();
    expect(normaliseOptions({ out: '/tmp/today', runsIndex: '/tmp/runs.html' }).runsIndex).toBe('/tmp/runs.html');
    expect(() => normaliseOptions({ runsIndex: ' ' })).toThrow(/^--runs-index:/);
  });

  it('takes --max-input-mb as whole megabytes from 1 to 2000 (the most fs reads into one Buffer)', () => {
    expect(normaliseOptions({ maxInputMb: '64' }).maxInputMb).toBe(64);
    expect(normaliseOptions({ maxInputMb: 2000 }).maxInputMb).toBe(2000);
    for (const bad of ['0', '2001', '1.5', 'lots', -1]) expect(() => normaliseOptions({ maxInputMb: bad })).toThrow(/^--max-input-mb: .* expected an integer from 1 to 2000/);
  });

  it('turns the tokens cache off with cacheDir false and moves it with a path', () => {
    expect(normaliseOptions({ cacheDir: false }).cacheDir).toBeNull();
    expect(normaliseOptions({ cacheDir: '/tmp/c' }).cacheDir).toBe('/tmp/c');
    expect(() => normaliseOptions({ cacheDir: '' })).toThrow(/^--cache:/);
  });

  it('scales the phrase threshold with the corpus: 2 for small ones, 1 per 2,000 papers', async () => {
    const { defaultPhraseMinDf } = await import('../../pipeline/options.js');
    expect(defaultPhraseMinDf(70)).toBe(2);
    expect(defaultPhraseMinDf(36_000)).toBe(18);
  });

  it('takes the worker count from the command line', () => {
    expect(normaliseOptions({ workers: '3' }).workers).toBe(3);
    expect(() => normaliseOptions({ workers: '0' })).toThrow(/^--workers:/);
  });

  it('resolves the bundled input and stop-word list inside the project folder', () => {
    const o = defaultOptions();
    expect(isAbsolute(o.input)).toBe(true);
    expect(o.input.replaceAll('\\', '/')).toMatch(/\/data\/corpus\/hf-trending-mar12\.txt$/);
    expect(isAbsolute(o.stopwordsFile)).toBe(true);
    expect(o.stopwordsFile.replaceAll('\\', '/')).toMatch(/\/data\/stopwords\/boilerplate\.txt$/);
  });

  it('returns a fresh object each time', () => {
    const a = defaultOptions();
    a.seed = 7;
    expect(defaultOptions().seed).toBe(42);
  });
});

describe('normaliseOptions', () => {
  it('returns the defaults for an empty raw object', () => {
    expect(normaliseOptions({})).toEqual(defaultOptions());
  });

  it('treats undefined and null values as not given', () => {
    expect(normaliseOptions({ k: undefined, seed: null, maxDf: undefined, center: null })).toEqual(defaultOptions());
  });

  it('turns numeric strings from the command line into numbers', () => {
    const o = normaliseOptions({
      k: '5',
      seed: '0',
      dims: '50',
      nInit: '10',
      minDf: '3',
      maxDf: '0.8',
      maxFeatures: '5000',
      phraseMinDf: '4',
      titleWeight: '1',
    });
    expect(o).toMatchObject({
      k: 5,
      seed: 0,
      dims: 50,
      nInit: 10,
      minDf: 3,
      maxDf: 0.8,
      maxFeatures: 5000,
      phraseMinDf: 4,
      titleWeight: 1,
    });
  });

  it('accepts integers written with surrounding spaces', () => {
    expect(normaliseOptions({ k: ' 7 ', seed: '\t3' })).toMatchObject({ k: 7, seed: 3 });
  });

  it('accepts typed values from code as they are', () => {
    const o = normaliseOptions({ k: 4, kRange: [3, 9], seed: 1, maxDf: 0.25, center: true, strict: true, quiet: true });
    expect(o).toMatchObject({ k: 4, kRange: [3, 9], seed: 1, maxDf: 0.25, center: true, strict: true, quiet: true });
  });

  it('keeps k = "auto"', () => {
    expect(normaliseOptions({ k: 'auto' }).k).toBe('auto');
  });

  it.each([
    ['3-9', [3, 9]],
    ['3:9', [3, 9]],
    ['3,9', [3, 9]],
    [' 2 - 30 ', [2, 30]],
    ['4-4', [4, 4]],
  ])('reads --k-range %j as %j', (value, expected) => {
    expect(normaliseOptions({ kRange: value }).kRange).toEqual(expected);
  });

  it('returns a new k range array rather than the caller’s', () => {
    const given: [number, number] = [2, 5];
    const o = normaliseOptions({ kRange: given });
    expect(o.kRange).toEqual([2, 5]);
    expect(o.kRange).not.toBe(given);
  });

  it('accepts the bounds of --max-df: 1 and small shares', () => {
    expect(normaliseOptions({ maxDf: '1' }).maxDf).toBe(1);
    expect(normaliseOptions({ maxDf: '1e-3' }).maxDf).toBe(0.001);
    expect(normaliseOptions({ maxDf: 1 }).maxDf).toBe(1);
  });

  it('takes --weighting and BM25\'s k1 and b, bounds included', () => {
    expect(normaliseOptions({ weighting: 'bm25', bm25K1: '1.2', bm25B: '0.5' })).toMatchObject({ weighting: 'bm25', bm25K1: 1.2, bm25B: 0.5 });
    expect(normaliseOptions({ bm25K1: '0', bm25B: '0' })).toMatchObject({ bm25K1: 0, bm25B: 0 });
    expect(normaliseOptions({ bm25K1: 1000, bm25B: 1 })).toMatchObject({ bm25K1: 1000, bm25B: 1 });
    expect(normaliseOptions({ weighting: 'tfidf' }).weighting).toBe('tfidf');
  });

  it('takes --merge pairs (repeated) and --reduce-to, and checks them against a given --k before the work', () => {
    expect(normaliseOptions({ merges: ['3,7', ' 2 , 5 '] }).merges).toEqual([[3, 7], [2, 5]]);
    expect(normaliseOptions({ merges: '3,7' }).merges).toEqual([[3, 7]]);
    expect(normaliseOptions({ merges: [[1, 0]] }).merges).toEqual([[1, 0]]);
    expect(normaliseOptions({ reduceTo: '5' }).reduceTo).toBe(5);
    expect((errorOf({ merges: ['3'] }) as Error).message).toBe('--merge: "3" is not valid; expected two different theme ids A,B, e.g. 3,7');
    expect((errorOf({ merges: ['4,4'] }) as Error).message).toContain('two different theme ids');
    expect((errorOf({ merges: ['-1,2'] }) as Error).message).toContain('two different theme ids');
    expect((errorOf({ reduceTo: '0' }) as Error).message).toBe('--reduce-to: "0" is not valid; expected a number of themes >= 1');
    expect((errorOf({ merges: ['1,2'], reduceTo: 3 }) as Error).message).toContain('not both --merge and --reduce-to');
    expect((errorOf({ k: 8, merges: ['3,9'] }) as Error).message).toBe('--merge: "3,9" is not valid; expected ids of the --k 8 themes, 0 to 7');
    expect((errorOf({ k: 8, reduceTo: 8 }) as Error).message).toBe('--reduce-to: 8 is not valid; expected fewer themes than --k 8');
  });

  it('takes --map umap or pca', () => {
    expect(normaliseOptions({}).map).toBe('umap');
    expect(normaliseOptions({ map: 'pca' }).map).toBe('pca');
    expect((errorOf({ map: 'tsne' }) as Error).message).toBe('--map: "tsne" is not valid; expected one of umap, pca');
  });

  it('keeps paths as given', () => {
    const o = normaliseOptions({ input: 'papers.jsonl', out: 'out/dir', stopwordsFile: 'my-stop.txt' });
    expect(o).toMatchObject({ input: 'papers.jsonl', out: 'out/dir', stopwordsFile: 'my-stop.txt' });
  });

  it('leaves options that were not given at their defaults', () => {
    const o = normaliseOptions({ k: '6' });
    expect({ ...o, k: 'auto' }).toEqual(defaultOptions());
  });

  it.each<[keyof RawOptions, unknown, string]>([
    ['k', '1', '--k'],
    ['k', 1, '--k'],
    ['k', '2.5', '--k'],
    ['k', 3.5, '--k'],
    ['k', 'abc', '--k'],
    ['k', 'Auto', '--k'],
    ['k', '', '--k'],
    ['k', true, '--k'],
    ['kRange', '1-5', '--k-range'],
    ['kRange', '5-3', '--k-range'],
    ['kRange', '2-', '--k-range'],
    ['kRange', 'a-b', '--k-range'],
    ['kRange', '2..5', '--k-range'],
    ['kRange', '2-5-8', '--k-range'],
    ['kRange', [2], '--k-range'],
    ['kRange', [2, 3, 4], '--k-range'],
    ['kRange', [2.5, 4], '--k-range'],
    ['kRange', ['2', '5'], '--k-range'],
    ['kRange', 5, '--k-range'],
    ['seed', '-1', '--seed'],
    ['seed', -1, '--seed'],
    ['seed', '1.5', '--seed'],
    ['seed', 'x', '--seed'],
    ['dims', '1', '--dims'],
    ['dims', 'ten', '--dims'],
    ['nInit', '0', '--n-init'],
    ['minDf', '0', '--min-df'],
    ['minDf', '0.5', '--min-df'],
    ['maxDf', '0', '--max-df'],
    ['maxDf', 0, '--max-df'],
    ['maxDf', '1.5', '--max-df'],
    ['maxDf', -0.1, '--max-df'],
    ['maxDf', 'half', '--max-df'],
    ['maxDf', '', '--max-df'],
    ['maxDf', ' ', '--max-df'],
    ['maxDf', Number.NaN, '--max-df'],
    ['maxDf', true, '--max-df'],
    ['maxFeatures', '0', '--max-features'],
    ['maxFeatures', 'all', '--max-features'],
    ['phraseMinDf', '0', '--phrase-min-df'],
    ['titleWeight', '0', '--title-weight'],
    ['titleWeight', '1.5', '--title-weight'],
    ['input', '', '--input'],
    ['input', '   ', '--input'],
    ['input', 5, '--input'],
    ['out', '', '--out'],
    ['stopwordsFile', '', '--stopwords'],
    ['kmeans', 'elkan', '--kmeans'],
    ['weighting', 'BM25', '--weighting'],
    ['weighting', 'tf-idf', '--weighting'],
    ['weighting', true, '--weighting'],
    ['map', 'tsne', '--map'],
    ['map', 'UMAP', '--map'],
    ['bm25K1', '-0.5', '--bm25-k1'],
    ['bm25K1', '1001', '--bm25-k1'],
    ['bm25K1', 'two', '--bm25-k1'],
    ['bm25K1', '', '--bm25-k1'],
    ['bm25K1', Number.POSITIVE_INFINITY, '--bm25-k1'],
    ['bm25K1', Number.NaN, '--bm25-k1'],
    ['bm25B', '1.5', '--bm25-b'],
    ['bm25B', -0.1, '--bm25-b'],
    ['bm25B', 'half', '--bm25-b'],
    ['bm25B', true, '--bm25-b'],
    ['center', 'yes', '--center'],
    ['center', 1, '--center'],
    ['strict', 'true', '--strict'],
    ['quiet', 0, '--quiet'],
  ])('rejects %s = %j with an OptionError naming %s', (key, value, option) => {
    const error = errorOf({ [key]: value });
    expect(error).toBeInstanceOf(OptionError);
    expect(error).toBeInstanceOf(Error);
    const { name, message } = error as OptionError;
    expect(name).toBe('OptionError');
    // starts with the option itself, e.g. "--k:" and not "--k-range:"
    expect(message.startsWith(`${option}: `)).toBe(true);
    expect(message).toContain(JSON.stringify(value));
    expect(message).toContain('expected');
  });

  it('says what is accepted in the message', () => {
    expect((errorOf({ k: '1' }) as Error).message).toBe('--k: "1" is not valid; expected an integer >= 2 or "auto"');
    expect((errorOf({ maxDf: '2' }) as Error).message).toBe(
      '--max-df: "2" is not valid; expected a share of documents in (0, 1]',
    );
    expect((errorOf({ bm25B: '2' }) as Error).message).toBe('--bm25-b: "2" is not valid; expected a number from 0 to 1');
    expect((errorOf({ weighting: 'okapi' }) as Error).message).toBe('--weighting: "okapi" is not valid; expected one of tfidf, bm25');
    expect((errorOf({ kRange: '1-5' }) as Error).message).toMatch(/^--k-range: "1-5" is not valid; expected .*2-30/);
  });

  it('names the first bad option when several are bad', () => {
    expect((errorOf({ maxDf: '2', k: '1' }) as Error).message).toMatch(/^--k: /);
  });
});

describe('OptionError', () => {
  it('builds its message from the option, the value and what is expected', () => {
    const error = new OptionError('dims', 'x', 'an integer >= 2');
    expect(error.message).toBe('--dims: "x" is not valid; expected an integer >= 2');
    expect(error.name).toBe('OptionError');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('defaultKRange', () => {
  it('is 2 to round(sqrt(2n)): [2, 12] for 70 papers', () => {
    expect(defaultKRange(70)).toEqual([2, 12]);
    expect(defaultKRange(50)).toEqual([2, 10]); // sqrt(100)
    expect(defaultKRange(8)).toEqual([2, 4]); // sqrt(16)
  });

  it('never goes below [2, 2] for tiny corpora', () => {
    expect(defaultKRange(0)).toEqual([2, 2]);
    expect(defaultKRange(1)).toEqual([2, 2]); // round(sqrt 2) = 1, raised to 2
  });

  it('is capped at 30', () => {
    expect(defaultKRange(450)).toEqual([2, 30]); // sqrt(900) = 30
    expect(defaultKRange(10_000)).toEqual([2, 30]);
  });
});

describe('defaultNInit', () => {
  it('is 100 restarts below 1,000 papers and 10 from 1,000 on', () => {
    expect(defaultNInit(10)).toBe(100);
    expect(defaultNInit(999)).toBe(100);
    expect(defaultNInit(1000)).toBe(10);
    expect(defaultNInit(50_000)).toBe(10);
  });
});

describe('normaliseOptions on integers beyond exact doubles', () => {
  it('rejects a seed above 2^53', () => {
    expect(() => normaliseOptions({ seed: '99999999999999999999' })).toThrow(/^--seed:/);
  });
});

describe('normaliseOptions upper bounds (values that are never sensible)', () => {
  it.each<[keyof RawOptions, string, string, RegExp]>([
    ['nInit', '100000000', '--n-init', /from 1 to 1000/],
    ['nInit', '1001', '--n-init', /from 1 to 1000/],
    ['titleWeight', '100000', '--title-weight', /from 1 to 10/],
    ['titleWeight', '11', '--title-weight', /from 1 to 10/],
    ['workers', '100000', '--workers', /from 1 to 128/],
    ['workers', '129', '--workers', /from 1 to 128/],
    ['dims', '100000', '--dims', /from 2 to 1000/],
    ['dims', '1001', '--dims', /from 2 to 1000/],
  ])('refuses %s = %j naming %s and the allowed range', (key, value, option, range) => {
    const error = errorOf({ [key]: value });
    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message.startsWith(`${option}: "${value}" is not valid; expected `)).toBe(true);
    expect((error as Error).message).toMatch(range);
  });

  it('accepts each bound itself', () => {
    expect(normaliseOptions({ nInit: '1000', titleWeight: '10', workers: '128', dims: '1000' }))
      .toMatchObject({ nInit: 1000, titleWeight: 10, workers: 128, dims: 1000 });
  });
});
