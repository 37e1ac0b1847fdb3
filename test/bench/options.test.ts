import { describe, expect, it } from 'vitest';
import { BenchOptionError, parseBenchArgs } from '../../bench/options.js';

describe('parseBenchArgs', () => {
  it('applies the defaults', () => {
    expect(parseBenchArgs(['--corpus', 'c.jsonl'])).toEqual({
      corpus: 'c.jsonl', k: 24, repeat: 3, dims: 100, nInit: 10, seed: 42, json: null, skipSklearn: false, warm: false,
    });
  });

  it('reads every option', () => {
    const argv = ['--corpus', 'c.jsonl.gz', '--k', '12', '--repeat', '5', '--json', 'out.json', '--dims', '50',
      '--n-init', '3', '--seed', '7', '--skip-sklearn', '--warm'];
    expect(parseBenchArgs(argv)).toEqual({
      corpus: 'c.jsonl.gz', k: 12, repeat: 5, dims: 50, nInit: 3, seed: 7, json: 'out.json', skipSklearn: true, warm: true,
    });
  });

  it('answers --help and -h without needing --corpus', () => {
    expect(parseBenchArgs(['--help'])).toEqual({ help: true });
    expect(parseBenchArgs(['-h'])).toEqual({ help: true });
  });

  it('names the bad option', () => {
    const bad: [string[], RegExp][] = [
      [[], /--corpus/],
      [['--corpus', 'c', '--k', '1'], /--k: expected an integer >= 2, got "1"/],
      [['--corpus', 'c', '--k', 'auto'], /--k/],
      [['--corpus', 'c', '--repeat', '0'], /--repeat/],
      [['--corpus', 'c', '--repeat', '2.5'], /--repeat/],
      [['--corpus', 'c', '--dims', '-3'], /--dims/],
      [['--corpus', 'c', '--n-init', 'x'], /--n-init/],
      [['--corpus', 'c', '--seed', String(2 ** 32)], /--seed: expected an integer from 0 to 4294967295/],
      [['--corpus', 'c', '--kk', '3'], /--kk/],
      [['--corpus', 'c', '--k'], /--k/],
      [['--corpus', 'c', 'extra'], /extra/],
    ];
    for (const [argv, message] of bad) {
      expect(() => parseBenchArgs(argv)).toThrow(BenchOptionError);
      expect(() => parseBenchArgs(argv)).toThrow(message);
    }
  });
});
