import { describe, expect, it } from 'vitest';
import { renderRunsIndex, sortRuns, type RunListing } from '../../src/report/renderRunsIndex.js';

const runs: RunListing[] = [
  { folder: 'latest', finishedAt: '2026-11-25T02:00:00.000Z', corpus: 'hf.txt', papers: 70, themes: 12, silhouette: 0.3481, topThemes: ['diffusion models', 'training data'] },
  { folder: '2026-11-26', finishedAt: '2026-11-26T02:00:00.000Z', corpus: 'day.jsonl', papers: 1234, themes: 20, silhouette: 0.1, topThemes: ['<img src=x onerror=alert(1)>'] },
  { folder: 'broken', topThemes: [] },
  { folder: 'a b&c', finishedAt: '2026-11-24T02:00:00.000Z', topThemes: [] },
];

describe('sortRuns', () => {
  it('puts the newest first and runs without a finishing time last', () => {
    expect(sortRuns(runs).map((r) => r.folder)).toEqual(['2026-11-26', 'latest', 'a b&c', 'broken']);
  });
});

describe('renderRunsIndex', () => {
  const html = renderRunsIndex(runs);
  const rows = html.match(/<tr>[\s\S]*?<\/tr>/g)!.slice(1);

  it('has one row per run, newest first, linking to each report', () => {
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('<a href="2026-11-26/index.html">2026-11-26</a>');
    expect(rows[1]).toContain('<td class="num">70</td><td class="num">12</td><td class="num">0.348</td>');
    expect(rows[1]).toContain('<td>diffusion models; training data</td>');
    expect(html).toContain('4 runs, newest first.');
  });

  it('shows finishing times as UTC without milliseconds', () => {
    expect(rows[0]).toContain('<td>2026-11-26 02:00:00Z</td>');
  });

  it('percent-encodes folder names in links and escapes all text', () => {
    expect(rows[2]).toContain('<a href="a%20b%26c/index.html">a b&amp;c</a>');
    expect(html).not.toContain('<img');
    expect(rows[0]).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('lists a run with unreadable figures with empty cells', () => {
    expect(rows[3]).toContain('<td class="num"></td><td class="num"></td><td class="num"></td>');
  });

  it('has no script and forbids every fetch', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;"');
  });
});
