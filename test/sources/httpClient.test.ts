import { afterEach, describe, expect, it } from 'vitest';
import { getText, HttpError, type HttpOptions } from '../../src/sources/httpClient.js';
import { localServer } from './localServer.js';

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

  it('reports a refused connection after its retries', async () => {
    const server = await localServer((_, res) => res.end());
    const url = `${server.baseUrl}/x`;
    await server.close();
    await expect(getText(url, fast)).rejects.toThrow(/ECONNREFUSED.*after 3 attempts|fetch failed.*after 3 attempts/);
  });
});
