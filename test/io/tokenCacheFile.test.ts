import { appendFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/outputError.js';
import { openTokenCacheFile } from '../../src/io/tokenCacheFile.js';
import { textKey } from '../../src/tokenize/tokenCache.js';

const doc = (word: string) => ({ surfaces: [word], lemmas: [word], gaps: [2] });

describe('openTokenCacheFile', () => {
  it('keeps flushed entries for the next process, per set of rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-cache-'));
    const first = openTokenCacheFile(dir, 'rules1');
    first.add([[textKey('a'), doc('alpha')]]);
    first.flush();
    const again = openTokenCacheFile(dir, 'rules1');
    expect(again.loaded).toBe(1);
    expect(again.get(textKey('a'))).toEqual(doc('alpha'));
    expect(openTokenCacheFile(dir, 'rules2').get(textKey('a'))).toBeUndefined();
  });

  it('writes nothing before flush and each entry once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-cache-'));
    const cache = openTokenCacheFile(dir, 'r');
    cache.add([[textKey('a'), doc('alpha')]]);
    expect(openTokenCacheFile(dir, 'r').loaded).toBe(0);
    cache.add([[textKey('a'), doc('alpha')]]);
    cache.flush();
    expect(readFileSync(cache.path, 'utf8').trimEnd().split('\n')).toHaveLength(1);
  });

  it('survives a damaged last line (a crash mid-write): skips it and appends on a new line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-cache-'));
    const cache = openTokenCacheFile(dir, 'r');
    cache.add([[textKey('a'), doc('alpha')]]);
    cache.flush();
    appendFileSync(cache.path, `${textKey('b')}\tbet`);
    const reopened = openTokenCacheFile(dir, 'r');
    expect(reopened.loaded).toBe(1);
    reopened.add([[textKey('c'), doc('gamma')]]);
    reopened.flush();
    const last = openTokenCacheFile(dir, 'r');
    expect(last.loaded).toBe(2);
    expect(last.get(textKey('c'))).toEqual(doc('gamma'));
  });

  it('fails with an OutputError naming the cache file when it cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-cache-'));
    const cache = openTokenCacheFile(dir, 'r');
    cache.add([[textKey('a'), doc('alpha')]]);
    mkdirSync(cache.path); // a folder where the file should be: EISDIR, even for root
    expect(() => cache.flush()).toThrow(new OutputError(cache.path, 'it is a folder (EISDIR)'));
  });
});
