import { createHash } from 'node:crypto';
import type { TokenizedDoc } from './tokenizedDoc.js';

/**
 * Tokens already computed, by text: a paper seen before (same text, same tokenizer rules)
 * is never tokenized again. The nightly job relies on it: most of a night's corpus is the
 * previous nights' papers.
 */
export interface TokenCache {
  /**
   * Whether added entries are kept. False only for `--no-cache`, which holds nothing and
   * keeps nothing: then no keys are computed and nothing is sent to it.
   */
  readonly keeps: boolean;
  get(key: string): TokenizedDoc | undefined;
  /**
   * The entry as its cache line (see entryToLine), already checked (isCacheLine), when the
   * cache keeps lines: the encoder reads it without a string per token.
   */
  line?(key: string): string | undefined;
  /** The same for many keys at once (one pass over a store instead of one query a key). */
  lines?(keys: readonly string[]): (string | undefined)[];
  /** Remembers new entries; durable once `flush` returns. */
  add(entries: readonly [string, TokenizedDoc][]): void;
  flush(): void;
}

/** Cache key of a text: 128 bits of its SHA-256, hex. */
export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * Identity of the tokenization rules: the tokenizer version and its parameters (the
 * boilerplate list included). Entries made under other rules are never reused.
 */
export function rulesKey(version: string, params: object): string {
  return createHash('sha256').update(version).update(JSON.stringify(params)).digest('hex').slice(0, 16);
}

/** One cache entry as a line of text: key, surfaces, lemmas, gaps as digits; tab-separated. */
export function entryToLine(key: string, doc: TokenizedDoc): string {
  return `${key}\t${doc.surfaces.join(' ')}\t${doc.lemmas.join(' ')}\t${doc.gaps.join('')}`;
}

/**
 * Whether a cache line is whole, checked without splitting it: four tab-separated fields,
 * a 32-character key, as many surfaces and lemmas as gap digits (each 0, 1 or 2).
 */
export function isCacheLine(line: string): boolean {
  const t1 = line.indexOf('\t');
  const t2 = line.indexOf('\t', t1 + 1);
  const t3 = line.indexOf('\t', t2 + 1);
  if (t1 !== 32 || t2 < 0 || t3 < 0 || line.indexOf('\t', t3 + 1) >= 0) return false;
  const count = line.length - t3 - 1;
  for (let i = t3 + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 50) return false;
  }
  const words = (start: number, end: number) => {
    if (start === end) return 0;
    let n = 1;
    for (let i = line.indexOf(' ', start); i >= 0 && i < end; i = line.indexOf(' ', i + 1)) n++;
    return n;
  };
  return words(t1 + 1, t2) === count && words(t2 + 1, t3) === count;
}

/** Parses a cache line; undefined for a damaged one (e.g. the last line of a crashed write). */
export function lineToEntry(line: string): [string, TokenizedDoc] | undefined {
  if (!isCacheLine(line)) return undefined;
  const [key, surfaces, lemmas, gaps] = line.split('\t');
  return [key, {
    surfaces: surfaces === '' ? [] : surfaces.split(' '),
    lemmas: lemmas === '' ? [] : lemmas.split(' '),
    gaps: Array.from(gaps, Number),
  }];
}

/** No cache at all, for `--no-cache`: nothing is kept, so tokens can be freed after use. */
export function noTokenCache(): TokenCache {
  return { keeps: false, get: () => undefined, add: () => {}, flush: () => {} };
}

/** A cache in memory only, for tests. */
export function memoryTokenCache(): TokenCache {
  const entries = new Map<string, TokenizedDoc>();
  return {
    keeps: true,
    get: (key) => entries.get(key),
    add: (added) => added.forEach(([key, doc]) => entries.set(key, doc)),
    flush: () => {},
  };
}
