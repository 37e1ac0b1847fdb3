import { describeFetchFailure } from './fetchFailure.js';

/** How to fetch: every limit is explicit so tests can make them small. */
export interface HttpOptions {
  /** Per attempt (redirects and reading the body included), milliseconds. */
  timeoutMs: number;
  /** Attempts after the first one, for network errors, timeouts, 429 and 5xx. */
  retries: number;
  /** First back-off, milliseconds; doubled at each retry (a Retry-After header wins); every wait at most 60 s. */
  backoffMs: number;
  /** Identifies us to the servers, as arXiv asks. */
  userAgent: string;
  /**
   * Largest response body read, in bytes (after decompression); a larger one fails. The
   * body is read as a stream and counted, so memory stays bounded whatever is sent.
   */
  maxResponseBytes?: number;
  /** Redirects followed per request; only to the same host (and port), over http(s). */
  maxRedirects?: number;
  /** Where progress lines go (one per retry). */
  log?: (line: string) => void;
}

const MB = 1024 * 1024;

export const DEFAULT_HTTP = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 2_000,
  userAgent: 'paper-themes (https://github.com/paper-themes; nightly topic clustering)',
  // Far above any API answer: an arXiv entry is ~2.5 KB (test/fixtures/sources), so its largest page (2,000 entries) is ~5 MB.
  maxResponseBytes: 50 * MB,
  maxRedirects: 5,
} satisfies Required<Omit<HttpOptions, 'log'>>;

/** A request that failed for good: the message says what was tried and what came back. */
export class HttpError extends Error {
  readonly status: number | null;
  constructor(url: string, status: number | null, message: string) {
    super(`GET ${url}: ${message}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

/**
 * GET `url` with Node's fetch and return the body as text. Network errors, timeouts, 429
 * and 5xx answers are retried with exponential back-off; any other non-2xx status fails
 * at once (retrying a 404 helps nobody), and so do a refused redirect, a body over the
 * size limit and a TLS failure.
 */
export async function getText(url: string, options: HttpOptions): Promise<string> {
  const target = httpUrl(url);
  let lastError = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let wait = retryWait(attempt, options.backoffMs, null);
    try {
      const signal = AbortSignal.timeout(options.timeoutMs);
      const response = await fetchOnSameHost(url, target, options, signal);
      if (response.ok) return await readText(url, response, options.maxResponseBytes ?? DEFAULT_HTTP.maxResponseBytes);
      await response.body?.cancel();
      lastError = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) throw new HttpError(url, response.status, lastError);
      wait = retryWait(attempt, options.backoffMs, response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const failure = describeFetchFailure(error, target, options.timeoutMs);
      if (failure.permanent) throw new HttpError(url, null, failure.message);
      lastError = failure.message;
    }
    if (attempt < options.retries) {
      options.log?.(`GET ${url}: ${lastError}; retrying in ${(wait / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  throw new HttpError(url, null, `${lastError} after ${options.retries + 1} attempts`);
}

/** Longest pause between two attempts: a nightly job must not sleep for hours on one source. */
const MAX_WAIT_MS = 60_000;

/** Milliseconds before retry `attempt` + 1: the back-off doubled per attempt, or Retry-After (seconds); at most 60 s. */
export function retryWait(attempt: number, backoffMs: number, retryAfter: string | null): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : backoffMs * 2 ** attempt;
  return Math.min(MAX_WAIT_MS, wait);
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpError(url, null, 'not a valid URL');
  }
  if (!isHttp(parsed)) throw new HttpError(url, null, `scheme ${parsed.protocol} refused (only http and https)`);
  return parsed;
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/**
 * Fetches `target`, following redirects by hand so that each hop is checked: a redirect to
 * another host or scheme, a loop and a long chain each fail with their own message.
 */
async function fetchOnSameHost(url: string, target: URL, options: HttpOptions, signal: AbortSignal): Promise<Response> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_HTTP.maxRedirects;
  const chain = [target];
  for (;;) {
    const current = chain[chain.length - 1];
    const response = await fetch(current, {
      headers: { 'user-agent': options.userAgent, accept: 'application/json, application/atom+xml, */*' },
      signal,
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.body?.cancel();
    const hop = `HTTP ${response.status} redirect to`;
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new HttpError(url, response.status, `${hop} ${JSON.stringify(location)}, not a valid URL`);
    }
    if (!isHttp(next)) throw new HttpError(url, response.status, `${hop} ${next.href}: scheme ${next.protocol} refused`);
    if (next.host !== current.host) throw new HttpError(url, response.status, `${hop} another host (${next.href}) refused`);
    if (chain.some((seen) => seen.href === next.href)) {
      throw new HttpError(url, response.status, `redirect loop: ${[...chain, next].map(pathOf).join(' -> ')}`);
    }
    if (chain.length > maxRedirects) {
      throw new HttpError(url, response.status, `too many redirects (more than ${maxRedirects}), last to ${pathOf(next)}`);
    }
    chain.push(next);
  }
}

function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** The body as UTF-8 text, read as a stream and given up on once it passes `maxBytes`. */
async function readText(url: string, response: Response, maxBytes: number): Promise<string> {
  const limit = `${formatBytes(maxBytes)} (the http.maxResponseMB limit)`;
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new HttpError(url, response.status, `response over ${formatBytes(maxBytes)}: Content-Length ${declared} (the http.maxResponseMB limit)`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new HttpError(url, response.status, `response over ${limit}`);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function formatBytes(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`;
}
