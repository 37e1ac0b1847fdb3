import { removeControlCharacters } from '../text/sanitizeText.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_HTTP, type HttpOptions } from '../sources/httpClient.js';

export const SOURCE_NAMES = ['inbox', 'hf-daily', 'arxiv'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/**
 * Everything the nightly job needs, normalised once: from `data/nightly.json` when it
 * exists (every key optional), then the command line. Paths are resolved against the
 * project folder.
 */
export interface NightlyConfig {
  /** The SQLite store. */
  store: string;
  /** Reports folder: one sub-folder per night, `latest/` and `index.html`. */
  reports: string;
  inbox: string;
  /** Sources asked, in order. */
  sources: SourceName[];
  /** The demo corpus, seeded into an empty store only when `demo` says why; null: none. */
  bundledCorpus: string | null;
  /**
   * Why an empty store is seeded with `bundledCorpus` (`--demo`, or a fresh clone: see
   * demoSeeding); null, the default: never, so demo papers never enter a user's store.
   */
  demo: string | null;
  /** Cluster the papers of the last N nights only; null: every paper in the store. */
  windowDays: number | null;
  /** Last night's themes a cluster must overlap (Jaccard of their papers) to keep its id. */
  matchThreshold: number;
  /** Under k auto, keep last night's k unless another beats its silhouette by more. */
  keepKWithin: number;
  /**
   * A full (warm-started) refit runs at least every this many nights; the nights between
   * fold the new papers into the last refit's themes (1: refit every night).
   */
  refitEveryNights: number;
  /** A fold-in night turns into a refit when more than this share of its new papers fit no theme well (loose fits). */
  refitLooseShare: number;
  /** Labels pinned by theme id; they survive later nights. */
  pins: Record<string, string>;
  /** Themes kept merged, by stable id: each group is one theme, under its smallest id, every night. */
  merges: Array<[number, number]>;
  hfDaily: { baseUrl: string };
  arxiv: { baseUrl: string; query: string; pageSize: number; maxResults: number; delayMs: number };
  http: HttpOptions;
}

export class ConfigError extends Error {
  constructor(where: string, key: string, value: unknown, expected: string) {
    super(`${where}: "${key}": ${JSON.stringify(value)} is not valid; expected ${expected}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG_FILE = 'data/nightly.json';

/** The keys a config file may hold (every field of NightlyConfig but `demo`, which only the command line sets). */
export const CONFIG_KEYS = [
  'store', 'reports', 'inbox', 'sources', 'windowDays', 'matchThreshold', 'keepKWithin', 'refitEveryNights', 'refitLooseShare',
  'pins', 'merges', 'hfDaily', 'arxiv', 'http', 'bundledCorpus',
] as const satisfies ReadonlyArray<Exclude<keyof NightlyConfig, 'demo'>>;

/** A pinned label is a theme's name in the report, not a paragraph. */
const MAX_PIN_LENGTH = 200;

export function defaultNightlyConfig(root: string): NightlyConfig {
  return {
    store: resolve(root, 'data/papers.sqlite'),
    reports: resolve(root, 'reports'),
    inbox: resolve(root, 'data/inbox'),
    sources: ['inbox'],
    bundledCorpus: resolve(root, 'data/corpus/hf-trending-mar12.txt'),
    demo: null,
    windowDays: null,
    matchThreshold: 0.3,
    keepKWithin: 0.02,
    refitEveryNights: 7,
    refitLooseShare: 0.25,
    pins: {},
    merges: [],
    hfDaily: { baseUrl: 'https://huggingface.co' },
    arxiv: { baseUrl: 'http://export.arxiv.org', query: 'cat:cs.LG', pageSize: 100, maxResults: 500, delayMs: 3000 },
    http: DEFAULT_HTTP,
  };
}

/** Reads the config file (when it exists) over the defaults; errors name the file and key. */
export function loadNightlyConfig(root: string, file: string | null): NightlyConfig {
  const config = defaultNightlyConfig(root);
  const path = resolve(root, file ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (file !== null) throw new ConfigError(path, 'file', file, 'an existing JSON config file');
    return config;
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(path, '(file)', '…', `valid JSON (${(error as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(path, '(file)', raw, 'a JSON object');
  const text = (key: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(path, key, value, 'a non-empty string');
    return value;
  };
  const number = (key: string, value: unknown, min: number, max = Infinity) => {
    if (typeof value !== 'number' || !(value >= min && value <= max)) throw new ConfigError(path, key, value, `a number in [${min}, ${max}]`);
    return value;
  };
  const integer = (key: string, value: unknown, min: number, max: number, orNull = '') => {
    if (!Number.isInteger(value) || !((value as number) >= min && (value as number) <= max)) throw new ConfigError(path, key, value, `an integer in [${min}, ${max}]${orNull}`);
    return value as number;
  };
  // Joined with paths by the sources and printed in every log line: http(s), a host, no secrets.
  const baseUrl = (key: string, value: unknown) => {
    const url = URL.canParse(text(key, value)) ? new URL(value as string) : null;
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') throw new ConfigError(path, key, value, 'an http(s) URL such as https://huggingface.co');
    if (url.username !== '' || url.password !== '') throw new ConfigError(path, key, value, 'an http(s) URL without user or password');
    if (url.search !== '' || url.hash !== '' || (value as string).includes('?') || (value as string).includes('#')) throw new ConfigError(path, key, value, 'an http(s) URL without query or fragment');
    return value as string;
  };
  const at = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const object = (key: string, value: unknown, keys: readonly string[]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(path, key, value, `an object with ${keys.join(', ')}`);
    for (const sub of Object.keys(value)) {
      if (!keys.includes(sub)) throw new ConfigError(path, `${key}.${sub}`, (value as Record<string, unknown>)[sub], `one of the keys ${keys.join(', ')}`);
    }
    return value as Record<string, unknown>;
  };
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'store': config.store = at(text(key, value)); break;
      case 'reports': config.reports = at(text(key, value)); break;
      case 'inbox': config.inbox = at(text(key, value)); break;
      case 'bundledCorpus': config.bundledCorpus = value === null ? null : at(text(key, value)); break;
      case 'sources': config.sources = parseSources(value, (v) => new ConfigError(path, key, v, `a list of ${SOURCE_NAMES.join(', ')}`)); break;
      case 'windowDays': config.windowDays = value === null ? null : integer(key, value, 1, 36500, ' or null'); break;
      case 'matchThreshold': config.matchThreshold = number(key, value, 0, 1); break;
      case 'keepKWithin': config.keepKWithin = number(key, value, 0, 2); break;
      case 'refitEveryNights': config.refitEveryNights = integer(key, value, 1, 10_000); break;
      case 'refitLooseShare': config.refitLooseShare = number(key, value, 0, 1); break;
      case 'pins': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(path, key, value, 'an object of theme id -> label');
        for (const [id, label] of Object.entries(value)) {
          if (!/^\d+$/.test(id)) throw new ConfigError(path, `pins.${id}`, id, 'a theme id (an integer)');
          if (text(`pins.${id}`, label).length > MAX_PIN_LENGTH) throw new ConfigError(path, `pins.${id}`, label, `a label of at most ${MAX_PIN_LENGTH} characters`);
          config.pins[id] = removeControlCharacters(label as string);
        }
        break;
      }
      case 'merges': {
        if (!Array.isArray(value)) throw new ConfigError(path, key, value, 'a list of theme id pairs, e.g. [[3, 7], [2, 5]]');
        config.merges = value.map((pair, i) => {
          if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((id) => Number.isSafeInteger(id) && id >= 0) || pair[0] === pair[1]) {
            throw new ConfigError(path, `merges[${i}]`, pair, 'two different theme ids, e.g. [3, 7]');
          }
          return [pair[0], pair[1]] as [number, number];
        });
        break;
      }
      case 'hfDaily': {
        const h = object(key, value, ['baseUrl']);
        if (h.baseUrl !== undefined) config.hfDaily = { baseUrl: baseUrl('hfDaily.baseUrl', h.baseUrl) };
        break;
      }
      case 'arxiv': {
        const a = object(key, value, ['baseUrl', 'query', 'pageSize', 'maxResults', 'delayMs']);
        config.arxiv = { ...config.arxiv };
        if (a.baseUrl !== undefined) config.arxiv.baseUrl = baseUrl('arxiv.baseUrl', a.baseUrl);
        if (a.query !== undefined) config.arxiv.query = text('arxiv.query', a.query);
        // arXiv serves at most 2,000 results a request and 30,000 a query.
        if (a.pageSize !== undefined) config.arxiv.pageSize = integer('arxiv.pageSize', a.pageSize, 1, 2000);
        if (a.maxResults !== undefined) config.arxiv.maxResults = integer('arxiv.maxResults', a.maxResults, 1, 30_000);
        if (a.delayMs !== undefined) config.arxiv.delayMs = number('arxiv.delayMs', a.delayMs, 0, 60_000);
        break;
      }
      case 'http': {
        const h = object(key, value, ['timeoutMs', 'retries', 'backoffMs', 'maxResponseMB', 'maxRedirects']);
        config.http = { ...config.http };
        if (h.timeoutMs !== undefined) config.http.timeoutMs = number('http.timeoutMs', h.timeoutMs, 100, 600_000);
        if (h.retries !== undefined) config.http.retries = integer('http.retries', h.retries, 0, 10);
        if (h.backoffMs !== undefined) config.http.backoffMs = number('http.backoffMs', h.backoffMs, 0, 60_000);
        if (h.maxResponseMB !== undefined) config.http.maxResponseBytes = integer('http.maxResponseMB', h.maxResponseMB, 1, 1024) * 1024 * 1024;
        if (h.maxRedirects !== undefined) config.http.maxRedirects = integer('http.maxRedirects', h.maxRedirects, 0, 20);
        break;
      }
      default:
        throw new ConfigError(path, key, value, `one of the known keys (${CONFIG_KEYS.join(', ')})`);
    }
  }
  return config;
}

export function parseSources(value: unknown, error: (v: unknown) => Error): SourceName[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => (SOURCE_NAMES as readonly string[]).includes(s))) throw error(value);
  return [...new Set(list as SourceName[])];
}
