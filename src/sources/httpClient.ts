/** How to fetch: every limit is explicit so tests can make them small. */
export interface HttpOptions {
  /** Per attempt, milliseconds. */
  timeoutMs: number;
  /** Attempts after the first one, for network errors, timeouts, 429 and 5xx. */
  retries: number;
  /** First back-off, milliseconds; doubled at each retry (a Retry-After header wins, capped at 60 s). */
  backoffMs: number;
  /** Identifies us to the servers, as arXiv asks. */
  userAgent: string;
  /** Where progress lines go (one per retry). */
  log?: (line: string) => void;
}

export const DEFAULT_HTTP: HttpOptions = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 2_000,
  userAgent: 'paper-themes (https://github.com/paper-themes; nightly topic clustering)',
};

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
 * at once (retrying a 404 helps nobody).
 */
export async function getText(url: string, options: HttpOptions): Promise<string> {
  let lastError = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let wait = options.backoffMs * 2 ** attempt;
    try {
      const response = await fetch(url, {
        headers: { 'user-agent': options.userAgent, accept: 'application/json, application/atom+xml, */*' },
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'follow',
      });
      if (response.ok) return await response.text();
      await response.body?.cancel();
      lastError = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) throw new HttpError(url, response.status, lastError);
      const retryAfter = Number(response.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.min(60_000, retryAfter * 1000);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const e = error as Error & { cause?: { code?: string } };
      lastError = e.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
    }
    if (attempt < options.retries) {
      options.log?.(`GET ${url}: ${lastError}; retrying in ${(wait / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  throw new HttpError(url, null, `${lastError} after ${options.retries + 1} attempts`);
}
