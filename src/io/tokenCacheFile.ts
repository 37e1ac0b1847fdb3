import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir } from './ensureDir.js';
import { asOutputError } from './outputError.js';
import { entryToLine, isCacheLine, lineToEntry, type TokenCache } from '../tokenize/tokenCache.js';

/**
 * The tokens cache on disk: one append-only file per set of tokenization rules,
 * `<dir>/tokens-<rules>.tsv`, one entry per line. Appending whole lines and syncing on
 * flush means a crash can at worst leave a damaged last line, which loading skips.
 */
/** Where the tokens cache of these rules lives in `dir`. */
export function tokenCacheFilePath(dir: string, rules: string): string {
  return join(dir, `tokens-${rules}.tsv`);
}

export function openTokenCacheFile(dir: string, rules: string): TokenCache & { path: string; loaded: number } {
  ensureDir(dir);
  const path = tokenCacheFilePath(dir, rules);
  // Entries are kept as their lines, checked but not split: a warm run encodes them
  // straight from the line (CorpusEncoder.addLine), without a string per token.
  const entries = new Map<string, string>();
  let damagedEnd = false;
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    damagedEnd = text.length > 0 && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (line && isCacheLine(line)) entries.set(line.slice(0, 32), line);
    }
  }
  let pending: string[] = [];
  return {
    keeps: true,
    path,
    loaded: entries.size,
    get: (key) => {
      const line = entries.get(key);
      return line === undefined ? undefined : lineToEntry(line)?.[1];
    },
    line: (key) => entries.get(key),
    add(added) {
      for (const [key, doc] of added) {
        if (entries.has(key)) continue;
        const line = entryToLine(key, doc);
        entries.set(key, line);
        pending.push(line);
      }
    },
    flush() {
      if (pending.length === 0) return;
      try {
        const fd = openSync(path, 'a');
        try {
          // After a crash mid-line, start on a fresh line so the damage stays in one entry.
          appendFileSync(fd, `${damagedEnd ? '\n' : ''}${pending.join('\n')}\n`);
          damagedEnd = false;
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        throw asOutputError(error, path);
      }
      pending = [];
    },
  };
}
