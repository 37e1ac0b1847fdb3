import { normalisePaperId } from '../ingest/normalisePaperId.js';
import type { Paper } from '../types.js';
import { getText, type HttpOptions } from './httpClient.js';
import { collapseWhitespace, SourceError, type PaperSource, type SourceBatch } from './source.js';

export interface HfDailyOptions {
  /** e.g. https://huggingface.co */
  baseUrl: string;
  http: HttpOptions;
}

/**
 * The Hugging Face daily papers of a night: `GET {baseUrl}/api/daily_papers?date=YYYY-MM-DD`,
 * a JSON array whose items hold the paper under `paper` (`id` is the arXiv id, `title`,
 * `summary`, `publishedAt`, `authors[].name`).
 */
export function hfDailySource(options: HfDailyOptions): PaperSource {
  return {
    name: 'hf-daily',
    async fetch(night: string): Promise<SourceBatch> {
      const url = `${options.baseUrl.replace(/\/+$/, '')}/api/daily_papers?date=${encodeURIComponent(night)}`;
      const text = await getText(url, options.http);
      const { papers, problems } = parseHfDaily(text);
      return { papers, problems, committed: () => {} };
    },
  };
}

/** Papers from a daily-papers response; an item without id, title or summary is a problem, skipped. */
export function parseHfDaily(text: string): { papers: Paper[]; problems: string[] } {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new SourceError('hf-daily', `the response is not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(items)) throw new SourceError('hf-daily', `expected a JSON array, got ${typeof items}`);
  const papers: Paper[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const paper = (item as { paper?: Record<string, unknown> } | null)?.paper;
    const id = paper?.id;
    const title = paper?.title;
    const summary = paper?.summary;
    if (typeof id !== 'string' || typeof title !== 'string' || typeof summary !== 'string' || !title.trim() || !summary.trim()) {
      problems.push(`hf-daily item ${i}: no paper id, title or summary`);
      return;
    }
    const authors = Array.isArray(paper!.authors)
      ? (paper!.authors as Array<{ name?: unknown }>).map((a) => a?.name).filter((n): n is string => typeof n === 'string')
      : [];
    const published = typeof paper!.publishedAt === 'string' ? paper!.publishedAt.slice(0, 10) : undefined;
    // The form ingest gives the same paper, so an inbox copy of it is stored once.
    const arxivId = normalisePaperId(id);
    papers.push({
      id: arxivId,
      title: collapseWhitespace(title),
      abstract: collapseWhitespace(summary),
      url: `https://arxiv.org/abs/${arxivId}`,
      ...(published ? { date: published } : {}),
      ...(authors.length ? { authors } : {}),
    });
  });
  return { papers, problems };
}
