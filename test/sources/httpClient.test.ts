import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { getText, HttpError, retryWait, type HttpOptions } from '../../src/sources/httpClient.js';
import { localServer } from './localServer.js';

/** The message of what `promise` rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  const message = (error as Error).message;
  expect(message).not.toContain('fetch failed');
  return message;
}

const fast: HttpOptions = { timeoutMs: 500, retries: 2, backoffMs: 10, userAgent: 'test' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

describe('getText', () => {
  it('returns the body of a 200 answer and sends our user agent', async () => {
    let agent = '';
    const server = await localServer((req, res) => { agent = req.headers['user-agent'] ?? ''; res.end('hello'); });
    close = server.close;
    expect(await getText(`${server.baseUrl}/x`, fast)).toBe('hello');
    expect(agent).toBe('test');
  });

  it('retries 500 and 429 answers with back-off, then succeeds', async () => {
    const server = await localServer((_, res, hit) => {
      res.statusCode = hit === 1 ? 500 : hit === 2 ? 429 : 200;
      res.end(hit === 3 ? 'ok' : 'busy');
    });
    close = server.close;
    const lines: string[] = [];
    expect(await getText(`${server.baseUrl}/x`, { ...fast, log: (l) => lines.push(l) })).toBe('ok');
    expect(server.hits.get('/x')).toBe(3);
    expect(lines).toEqual([expect.stringContaining('HTTP 500; retrying'), expect.stringContaining('HTTP 429; retrying')]);
  });

  it('gives up after the retries with the last error', async () => {
    const server = await localServer((_, res) => { res.statusCode = 503; res.end(); });
    close = server.close;
    await expect(getText(`${server.baseUrl}/x`, fast)).rejects.toThrow(/HTTP 503 after 3 attempts/);
    expect(server.hits.get('/x')).toBe(3);
  });

  it('fails at once on a 404, without retrying', async () => {
    const server = await localServer((_, res) => { res.statusCode = 404; res.end(); });
    close = server.close;
    const error = await getText(`${server.baseUrl}/x`, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(404);
    expect(server.hits.get('/x')).toBe(1);
  });

  it('times out a slow answer and retries it', async () => {
    const server = await localServer((_, res, hit) => {
      if (hit === 1) setTimeout(() => res.end('late'), 2000);
      else res.end('quick');
    });
    close = server.close;
    expect(await getText(`${server.baseUrl}/x`, { ...fast, timeoutMs: 200 })).toBe('quick');
  });

  it('gives up on a body that trickles in for longer than the timeout', async () => {
    const server = await localServer((_, res) => {
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('a')), 20);
    });
    close = server.close;
    expect(await failure(getText(`${server.baseUrl}/x`, { ...fast, timeoutMs: 200, retries: 1 }))).toMatch(/: no complete answer within 200 ms after 2 attempts$/);
  });

  it('reports a refused connection after its retries', async () => {
    const server = await localServer((_, res) => res.end());
    const url = `${server.baseUrl}/x`;
    await server.close();
    await expect(getText(url, fast)).rejects.toThrow(/: connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\) after 3 attempts$/);
  });
});


describe('getText: response size', () => {
  it('stops reading an endless response at the cap and names the cap, without retrying', async () => {
    let sent = 0;
    const server = await localServer((_, res) => {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    close = server.close;
    const message = await failure(getText(`${server.baseUrl}/big`, { ...fast, timeoutMs: 5000, maxResponseBytes: 1024 * 1024 }));
    expect(message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/big: response over 1 MB \(the http\.maxResponseMB limit\)$/);
    expect(server.hits.get('/big')).toBe(1);
    // The client hung up: the server could not write far beyond the cap (socket buffers aside).
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a response whose Content-Length is over the cap before reading it', async () => {
    const server = await localServer((_, res) => {
      res.setHeader('content-length', String(10 * 1024 * 1024));
      res.write('x'.repeat(100));
    });
    close = server.close;
    const message = await failure(getText(`${server.baseUrl}/x`, { ...fast, maxResponseBytes: 1024 * 1024 }));
    expect(message).toMatch(/response over 1 MB: Content-Length 10485760 \(the http\.maxResponseMB limit\)$/);
    expect(server.hits.get('/x')).toBe(1);
  });

  it('counts the inflated bytes of a gzipped response: a small gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024)); // ~20 KB on the wire
    const server = await localServer((_, res) => { res.setHeader('content-encoding', 'gzip'); res.end(bomb); });
    close = server.close;
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await failure(getText(`${server.baseUrl}/x`, { ...fast, maxResponseBytes: 1024 * 1024 }))).toMatch(/response over 1 MB \(the http\.maxResponseMB limit\)$/);
  });

  it('returns a response of exactly the cap, and counts bytes, not characters', async () => {
    const body = 'é'.repeat(500); // 1,000 bytes
    const server = await localServer((_, res) => res.end(body));
    close = server.close;
    expect(await getText(`${server.baseUrl}/x`, { ...fast, maxResponseBytes: 1000 })).toBe(body);
    expect(await failure(getText(`${server.baseUrl}/x`, { ...fast, maxResponseBytes: 999 }))).toMatch(/response over 999 bytes/);
  });
});

describe('getText: redirects', () => {
  const redirecting = (routes: Record<string, string>) => localServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (routes[path] !== undefined) {
      res.statusCode = 302;
      res.setHeader('location', routes[path]);
      res.end();
    } else res.end(`at ${path}`);
  });

  it('follows redirects on the same host, relative or absolute', async () => {
    const server = await redirecting({ '/a': '/b', '/b': 'c' });
    close = server.close;
    expect(await getText(`${server.baseUrl}/a`, fast)).toBe('at /c');
    const second = await localServer((req, res) => {
      if (req.url === '/old') { res.statusCode = 301; res.setHeader('location', `${second.baseUrl}/new`); res.end(); } else res.end('moved');
    });
    close = async () => { await server.close(); await second.close(); };
    expect(await getText(`${second.baseUrl}/old`, fast)).toBe('moved');
  });

  it('refuses a redirect to another host, naming it, without retrying', async () => {
    const server = await localServer((_, res) => { res.statusCode = 302; res.setHeader('location', 'http://localhost:9/steal'); res.end(); });
    close = server.close;
    const message = await failure(getText(`${server.baseUrl}/x`, fast));
    expect(message).toMatch(/: HTTP 302 redirect to another host \(http:\/\/localhost:9\/steal\) refused$/);
    expect(server.hits.get('/x')).toBe(1);
  });

  it('names a redirect loop', async () => {
    const server = await redirecting({ '/a': '/b', '/b': '/a' });
    close = server.close;
    const message = await failure(getText(`${server.baseUrl}/a`, fast));
    expect(message).toMatch(/: redirect loop: \/a -> \/b -> \/a$/);
    expect(server.hits.get('/a')).toBe(1);
  });

  it('names too many redirects', async () => {
    const server = await redirecting(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/r${i}`, `/r${i + 1}`])));
    close = server.close;
    expect(await failure(getText(`${server.baseUrl}/r0`, { ...fast, maxRedirects: 3 }))).toMatch(/: too many redirects \(more than 3\), last to \/r4$/);
    expect(await getText(`${server.baseUrl}/r7`, { ...fast, maxRedirects: 3 })).toBe('at /r10');
  });

  it('refuses a redirect to another scheme', async () => {
    const server = await redirecting({ '/x': 'file:///etc/passwd' });
    close = server.close;
    expect(await failure(getText(`${server.baseUrl}/x`, fast))).toMatch(/: HTTP 302 redirect to file:\/\/\/etc\/passwd: scheme file: refused$/);
  });
});

describe('getText: failures named by their cause', () => {
  it('refuses a URL that is not http(s), naming the scheme', async () => {
    expect(await failure(getText('file:///etc/passwd', fast))).toBe('GET file:///etc/passwd: scheme file: refused (only http and https)');
    expect(await failure(getText('not a url', fast))).toBe('GET not a url: not a valid URL');
  });

  it('names a failed DNS lookup and the host', async () => {
    expect(await failure(getText('http://no-such-host.invalid/x', { ...fast, retries: 0 }))).toMatch(/: DNS lookup failed for no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\) after 1 attempts$/);
  });

  it('names a TLS failure, without retrying it', async () => {
    const server = await localServer((_, res) => res.end('plain http'));
    close = server.close;
    const message = await failure(getText(`${server.baseUrl.replace('http:', 'https:')}/x`, fast));
    expect(message).toMatch(/: TLS failed: .*wrong version number.* \(ERR_SSL_WRONG_VERSION_NUMBER\)$/);
  });
});

describe('retryWait', () => {
  it('doubles the back-off at each retry', () => {
    expect([0, 1, 2].map((attempt) => retryWait(attempt, 2000, null))).toEqual([2000, 4000, 8000]);
  });

  it('honours a Retry-After header in seconds', () => {
    expect(retryWait(0, 2000, '7')).toBe(7000);
    expect(retryWait(0, 2000, 'soon')).toBe(2000);
  });

  it('never waits more than 60 s, whatever the back-off, retries or Retry-After', () => {
    expect(retryWait(9, 60_000, null)).toBe(60_000);
    expect(retryWait(0, 2000, '86400')).toBe(60_000);
  });
});
