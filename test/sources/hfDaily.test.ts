import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hfDailySource, parseHfDaily } from '../../src/sources/hfDaily.js';
import { localServer } from './localServer.js';

const fixture = readFileSync(new URL('../fixtures/sources/hf_daily_papers.json', import.meta.url), 'utf8');
const http = { timeoutMs: 500, retries: 1, backoffMs: 10, userAgent: 'test' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

describe('parseHfDaily', () => {
  it('reads the paper under `paper`: arXiv id, title, summary, date, authors, link', () => {
    const { papers, problems } = parseHfDaily(fixture);
    expect(problems).toEqual([]);
    expect(papers).toHaveLength(2);
    expect(papers[0]).toMatchObject({
      id: '2602.23229',
      title: 'Large Multimodal Models as General In-Context Classifiers',
      date: '2026-02-26',
      url: 'https://arxiv.org/abs/2602.23229',
    });
    expect(papers[0].authors?.slice(0, 2)).toEqual(['Marco Garosi', 'Matteo Farina']);
    expect(papers[0].abstract.startsWith('Which multimodal model should we use for classification?')).toBe(true);
  });

  it('normalises the arXiv id, so it matches the same paper from an inbox file, and links the bare id', () => {
    const items = JSON.parse(fixture) as Array<{ paper: { id: string } }>;
    items[0].paper.id = ' arXiv:2602.23229v2 ';
    items[1].paper.id = 'https://arxiv.org/abs/hep-th/9901001v1';
    const { papers } = parseHfDaily(JSON.stringify(items));
    expect(papers.map((p) => [p.id, p.url])).toEqual([
      ['2602.23229', 'https://arxiv.org/abs/2602.23229'],
      ['hep-th/9901001', 'https://arxiv.org/abs/hep-th/9901001'],
    ]);
  });

  it('skips an item without a paper and says which', () => {
    const items = JSON.parse(fixture) as unknown[];
    const { papers, problems } = parseHfDaily(JSON.stringify([{ title: 'no paper' }, ...items]));
    expect(papers).toHaveLength(2);
    expect(problems).toEqual(['hf-daily item 0: no paper id, title or summary']);
  });

  it('rejects garbage and non-arrays', () => {
    expect(() => parseHfDaily('<html>')).toThrow(/hf-daily: the response is not JSON/);
    expect(() => parseHfDaily('{"error": "x"}')).toThrow(/expected a JSON array/);
  });
});

describe('hfDailySource', () => {
  it('asks the configured server for the night and parses the answer', async () => {
    const server = await localServer((_, res) => res.end(fixture));
    close = server.close;
    const batch = await hfDailySource({ baseUrl: server.baseUrl, http }).fetch('2026-03-06');
    expect(server.urls).toEqual(['/api/daily_papers?date=2026-03-06']);
    expect(batch.papers.map((p) => p.id)).toEqual(['2602.23229', expect.any(String)]);
  });

  it('fails on a truncated answer', async () => {
    const server = await localServer((_, res) => res.end(fixture.slice(0, 500)));
    close = server.close;
    await expect(hfDailySource({ baseUrl: server.baseUrl, http }).fetch('2026-03-06')).rejects.toThrow(/not JSON/);
  });
});
