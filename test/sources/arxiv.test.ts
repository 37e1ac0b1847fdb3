import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { arxivSource, parseArxivFeed } from '../../src/sources/arxiv.js';
import { localServer } from './localServer.js';

const fixture = readFileSync(new URL('../fixtures/sources/arxiv_api.xml', import.meta.url), 'utf8');
const http = { timeoutMs: 500, retries: 1, backoffMs: 10, userAgent: 'test' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

describe('parseArxivFeed', () => {
  it('reads id (without version), title and summary with whitespace collapsed, date, authors', () => {
    const { papers, problems } = parseArxivFeed(fixture);
    expect(problems).toEqual([]);
    expect(papers.map((p) => p.id)).toEqual(['hep-ex/0307015', '1706.03762']);
    expect(papers[0]).toMatchObject({
      title: 'Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA',
      date: '2003-07-07',
      url: 'https://arxiv.org/abs/hep-ex/0307015',
      authors: ['H1 Collaboration'],
    });
    expect(papers[0].abstract).toMatch(/^Multi-electron production is studied at high electron transverse momentum in positron- and/);
    expect(papers[1].authors!.length).toBeGreaterThan(1);
  });

  it('gives ids in the normalised form ingest uses (https, subject class, version)', () => {
    const entry = (id: string) => `<entry><id>${id}</id><title>T ${id}</title><summary>S.</summary></entry>`;
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${
      ['https://arxiv.org/abs/2611.00001v3', 'http://arxiv.org/abs/math.GT/0309136v1', 'http://arxiv.org/abs/2611.00002'].map(entry).join('')}</feed>`;
    const { papers, problems } = parseArxivFeed(xml);
    expect(problems).toEqual([]);
    expect(papers.map((p) => [p.id, p.url])).toEqual([
      ['2611.00001', 'https://arxiv.org/abs/2611.00001'],
      ['math/0309136', 'https://arxiv.org/abs/math/0309136'],
      ['2611.00002', 'https://arxiv.org/abs/2611.00002'],
    ]);
  });

  it('skips an entry whose id is not an arXiv abstract address', () => {
    const xml = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://example.org/x/1</id><title>T</title><summary>S.</summary></entry></feed>';
    expect(parseArxivFeed(xml).problems).toEqual(['arxiv entry 0: no arXiv id, title or summary']);
  });

  it('rejects malformed XML and non-feeds', () => {
    expect(() => parseArxivFeed(fixture.slice(0, fixture.length / 2))).toThrow(/arxiv: the response is not well-formed XML/);
    expect(() => parseArxivFeed('<html><body>busy</body></html>')).toThrow(/not an Atom feed/);
  });
});

/** A feed of `count` entries numbered from `first`, all submitted on `date`. */
function feed(first: number, count: number, date: string): string {
  const entries = Array.from({ length: count }, (_, i) => `<entry><id>http://arxiv.org/abs/2611.${String(first + i).padStart(5, '0')}v1</id>
    <published>${date}T10:00:00Z</published><title>Paper ${first + i}</title><summary>About ${first + i}.</summary>
    <author><name>A</name></author></entry>`).join('');
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entries}</feed>`;
}

describe('arxivSource', () => {
  it('pages with start and max_results, waiting between requests, until a short page', async () => {
    const server = await localServer((req, res) => {
      const start = Number(new URL(req.url!, 'http://x').searchParams.get('start'));
      res.end(feed(start, start === 0 ? 3 : 2, '2026-11-26'));
    });
    close = server.close;
    const began = Date.now();
    const batch = await arxivSource({ baseUrl: server.baseUrl, query: 'cat:cs.LG', pageSize: 3, maxResults: 10, delayMs: 150, http }).fetch('2026-11-27');
    expect(batch.papers).toHaveLength(5);
    expect(server.urls).toEqual([
      '/api/query?search_query=cat%3Acs.LG&sortBy=submittedDate&sortOrder=descending&start=0&max_results=3',
      '/api/query?search_query=cat%3Acs.LG&sortBy=submittedDate&sortOrder=descending&start=3&max_results=3',
    ]);
    expect(Date.now() - began).toBeGreaterThanOrEqual(150);
  });

  it('stops at papers older than the day before the night', async () => {
    const server = await localServer((req, res) => {
      const start = Number(new URL(req.url!, 'http://x').searchParams.get('start'));
      res.end(feed(start, 3, start === 0 ? '2026-11-26' : '2026-11-20'));
    });
    close = server.close;
    const batch = await arxivSource({ baseUrl: server.baseUrl, query: 'cat:cs.LG', pageSize: 3, maxResults: 30, delayMs: 0, http }).fetch('2026-11-27');
    expect(batch.papers).toHaveLength(3);
    expect(server.urls).toHaveLength(2);
  });
});
