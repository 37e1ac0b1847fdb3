import { describe, expect, it } from 'vitest';
import { entryToLine, isCacheLine, lineToEntry, memoryTokenCache, rulesKey, textKey } from '../../src/tokenize/tokenCache.js';

const doc = { surfaces: ['models', 'merging'], lemmas: ['model', 'merge'], gaps: [2, 0] };

describe('textKey and rulesKey', () => {
  it('give the same key for the same text and a different one otherwise', () => {
    expect(textKey('a paper')).toBe(textKey('a paper'));
    expect(textKey('a paper')).not.toBe(textKey('a paper.'));
    expect(textKey('x')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('change with the tokenizer version and with its parameters', () => {
    const base = rulesKey('v1', { extraStopWords: ['paper'] });
    expect(rulesKey('v2', { extraStopWords: ['paper'] })).not.toBe(base);
    expect(rulesKey('v1', { extraStopWords: ['paper', 'method'] })).not.toBe(base);
  });
});

describe('cache lines', () => {
  it('round-trip an entry, and an empty document', () => {
    const key = textKey('t');
    expect(lineToEntry(entryToLine(key, doc))).toEqual([key, doc]);
    const empty = { surfaces: [], lemmas: [], gaps: [] };
    expect(lineToEntry(entryToLine(key, empty))).toEqual([key, empty]);
  });

  it('reject a damaged line', () => {
    const line = entryToLine(textKey('t'), doc);
    expect(lineToEntry(line.slice(0, line.length - 1))).toBeUndefined();
    expect(lineToEntry(line.slice(0, 20))).toBeUndefined();
  });

  it('are judged whole by isCacheLine exactly when lineToEntry parses them', () => {
    const key = textKey('t');
    const whole = [entryToLine(key, doc), entryToLine(key, { surfaces: [], lemmas: [], gaps: [] }), entryToLine(key, { surfaces: ['a'], lemmas: ['a'], gaps: [2] })];
    const line = whole[0];
    const damaged = [
      ...Array.from({ length: line.length }, (_, n) => line.slice(0, n)), // every cut of a crashed write
      line.replace('models merging', 'models  merging'),
      line.replace('\t20', '\t23'),
      `${line}\textra`,
      `x${line.slice(1).replace(key.slice(1), key.slice(2))}`,
    ];
    for (const candidate of [...whole, ...damaged]) {
      expect(isCacheLine(candidate), JSON.stringify(candidate)).toBe(lineToEntry(candidate) !== undefined);
    }
    for (const candidate of whole) expect(isCacheLine(candidate)).toBe(true);
  });
});

describe('memoryTokenCache', () => {
  it('returns what was added', () => {
    const cache = memoryTokenCache();
    expect(cache.get('k')).toBeUndefined();
    cache.add([['k', doc]]);
    expect(cache.get('k')).toEqual(doc);
  });
});
