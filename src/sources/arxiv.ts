import { XMLParser } from 'fast-xml-parser';
import { isArxivId, normalisePaperId } from '../ingest/normalisePaperId.js';
import type { Paper } from '../types.js';
import { getText, type HttpOptions } from './httpClient.js';
import { collapseWhitespace, SourceError, type PaperSource, type SourceBatch } from './source.js';

export interface ArxivOptions {
  /** e.g. http://export.arxiv.org */
  baseUrl: string;
  /** Search query, e.g. `cat:cs.LG`. */
  query: string;
  /** Results per request (arXiv allows up to 2,000; smaller pages are kinder). */
  pageSize: number;
  /** Stop after this many papers. */
  maxResults: number;
  /** Pause between requests: arXiv asks for at most one every 3 seconds. */
  delayMs: number;
  http: HttpOptions;
}

/**
 * The newest papers of an arXiv search through the arXiv API (Atom feed):
 * `{baseUrl}/api/query?search_query=...&sortBy=submittedDate&sortOrder=descending&start=S&max_results=N`,
 * paged with `start` until `maxResults`, an empty page, or papers older than the night's
 * previous day (submitted before `night` minus one day) are reached.
 */
export function arxivSource(options: ArxivOptions): PaperSource {
  return {
    name: 'arxiv',
    async fetch(night: string): Promise<SourceBatch> {
      const oldest = previousDay(night);
      const papers: Paper[] = [];
      const problems: string[] = [];
      for (let start = 0; start < options.maxResults; start += options.pageSize) {
        if (start > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const size = Math.min(options.pageSize, options.maxResults - start);
        const url = `${options.baseUrl.replace(/\/+$/, '')}/api/query?search_query=${encodeURIComponent(options.query)}` +
          `&sortBy=submittedDate&sortOrder=descending&start=${start}&max_results=${size}`;
        const page = parseArxivFeed(await getText(url, options.http));
        problems.push(...page.problems);
        const recent = page.papers.filter((p) => p.date === undefined || p.date >= oldest);
        papers.push(...recent);
        if (page.papers.length < size || recent.length < page.papers.length) break;
      }
      return { papers, problems, committed: () => {} };
    },
  };
}

function previousDay(night: string): string {
  const date = new Date(`${night}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'entry' || name === 'author', parseTagValue: false });

/** Papers of an arXiv Atom feed; an entry without id, title or summary is a problem, skipped. */
export function parseArxivFeed(xml: string): { papers: Paper[]; problems: string[] } {
  let feed: { feed?: { entry?: Array<Record<string, unknown>> } };
  try {
    feed = parser.parse(xml, true) as typeof feed;
  } catch (error) {
    throw new SourceError('arxiv', `the response is not well-formed XML (${(error as Error).message})`);
  }
  if (feed?.feed === undefined) throw new SourceError('arxiv', 'the response is not an Atom feed');
  const papers: Paper[] = [];
  const problems: string[] = [];
  (feed.feed.entry ?? []).forEach((entry, i) => {
    const idUrl = text(entry.id)?.trim();
    // The form ingest gives the same paper (no version, no subject class), so copies from other sources match.
    const id = idUrl !== undefined && /arxiv\.org\/abs\//i.test(idUrl) && isArxivId(idUrl) ? normalisePaperId(idUrl) : undefined;
    const title = text(entry.title);
    const summary = text(entry.summary);
    if (id === undefined || !title || !summary) {
      problems.push(`arxiv entry ${i}: no arXiv id, title or summary`);
      return;
    }
    const authors = ((entry.author as Array<{ name?: unknown }> | undefined) ?? []).map((a) => text(a?.name)).filter((n): n is string => Boolean(n));
    const published = text(entry.published)?.slice(0, 10);
    papers.push({
      id,
      title: collapseWhitespace(title),
      abstract: collapseWhitespace(summary),
      url: `https://arxiv.org/abs/${id}`,
      ...(published ? { date: published } : {}),
      ...(authors.length ? { authors } : {}),
    });
  });
  return { papers, problems };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
