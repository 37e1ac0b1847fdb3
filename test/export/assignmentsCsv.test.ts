import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { assignmentsCsv } from '../../src/export/assignmentsCsv.js';
import type { RunSummary } from '../../src/types.js';
import { IMG_INJECTION, SCRIPT_INJECTION, summary } from '../fixtures/report/summary.js';

const HEADER = 'paper_id,title,theme_id,theme_label,score,x,y,date,url,title_derived,loose_fit';

function tiny(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    corpusName: 'tiny',
    parameters: {},
    quality: {},
    papers: [
      { id: 'a', title: '=SUM(A1)', abstract: '', date: '2024-01-02', url: 'https://example.org/a' },
      { id: 'b', title: 'Commas, "quotes"\nand newlines', abstract: '' },
    ],
    assignments: [
      { paperId: 'a', themeId: 1, score: 0.123456789, x: -1.5, y: 2 },
      { paperId: 'b', themeId: 0, score: -0.25, x: 0, y: -0.0000004 },
    ],
    themes: [
      { id: 0, label: '-negative label', size: 1, topTerms: [], representativeIds: ['b'] },
      { id: 1, label: 'sums', size: 1, topTerms: [], representativeIds: ['a'] },
    ],
    ...overrides,
  };
}

describe('assignmentsCsv', () => {
  it('starts with the exact header line, CRLF-terminated, with no BOM', () => {
    const text = assignmentsCsv(tiny());
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes one CRLF-terminated row per paper in summary order', () => {
    const rows = csvParse(assignmentsCsv(summary));
    expect(rows.length).toBe(summary.papers.length);
    expect(rows.map((r) => r.paper_id)).toEqual(summary.papers.map((p) => p.id));
    expect(assignmentsCsv(summary).endsWith('\r\n')).toBe(true);
  });

  it('writes score, x and y with six decimals, unguarded minus signs and no negative zero', () => {
    const [a, b] = csvParse(assignmentsCsv(tiny()));
    expect(a).toMatchObject({ score: '0.123457', x: '-1.500000', y: '2.000000', theme_id: '1' });
    expect(b).toMatchObject({ score: '-0.250000', x: '0.000000', y: '0.000000' });
  });

  it('guards formula-like titles and labels, quotes commas, quotes and newlines', () => {
    const [a, b] = csvParse(assignmentsCsv(tiny()));
    expect(a.title).toBe("'=SUM(A1)");
    expect(a.theme_label).toBe('sums');
    expect(b.title).toBe('Commas, "quotes"\nand newlines');
    expect(b.theme_label).toBe("'-negative label");
  });

  it('leaves date and url empty when the paper has none', () => {
    const [a, b] = csvParse(assignmentsCsv(tiny()));
    expect(a).toMatchObject({ date: '2024-01-02', url: 'https://example.org/a' });
    expect(b).toMatchObject({ date: '', url: '' });
  });

  it('fills url with the arXiv abstract page of an arXiv id, as the report links it, and keeps a url given', () => {
    const rows = csvParse(assignmentsCsv(tiny({
      papers: [
        { id: '2403.10007', title: 'new-style id', abstract: '' },
        { id: 'hep-th/9901001', title: 'old-style id', abstract: '', url: 'https://example.org/own' },
      ],
      assignments: [
        { paperId: '2403.10007', themeId: 0, score: 0.5, x: 0, y: 0 },
        { paperId: 'hep-th/9901001', themeId: 1, score: 0.5, x: 0, y: 0 },
      ],
    })));
    expect(rows.map((r) => r.url)).toEqual(['https://arxiv.org/abs/2403.10007', 'https://example.org/own']);
  });

  it('round-trips the fixture titles, including the HTML-injection ones, unchanged', () => {
    const rows = csvParse(assignmentsCsv(summary));
    const titles = rows.map((r) => r.title);
    expect(titles).toContain(IMG_INJECTION);
    expect(titles).toContain(SCRIPT_INJECTION);
    for (const [i, row] of rows.entries()) {
      const original = summary.papers[i].title;
      expect(row.title).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
      expect(Number(row.score)).toBeCloseTo(summary.assignments[i].score, 6);
      expect(Number(row.theme_id)).toBe(summary.assignments[i].themeId);
    }
  });

  it('refuses papers and assignments that are out of step', () => {
    const s = tiny();
    expect(() => assignmentsCsv({ ...s, assignments: [s.assignments[1], s.assignments[0]] })).toThrow(/expected "a"/);
    expect(() => assignmentsCsv({ ...s, assignments: s.assignments.slice(0, 1) })).toThrow(/2 papers but 1/);
  });

  it('says in title_derived which titles were derived from the abstract, so the title column stays honest', () => {
    const papers = [
      { id: 'a', title: 'A real title', abstract: 'x' },
      { id: 'b', title: 'We study sepsis in adults', abstract: 'We study sepsis in adults. More.', titleDerived: true as const },
    ];
    const rows = csvParse(assignmentsCsv(tiny({ papers })));
    expect(rows.map((r) => [r.paper_id, r.title, r.title_derived])).toEqual([
      ['a', 'A real title', 'false'],
      ['b', 'We study sepsis in adults', 'true'],
    ]);
  });

  it('says in its last column, loose_fit, which papers fit their theme loosely (false when not set)', () => {
    const s = tiny();
    const assignments = [{ ...s.assignments[0], looseFit: true }, { ...s.assignments[1], looseFit: false }];
    const text = assignmentsCsv({ ...s, assignments });
    expect(text.split('\r\n')[0].split(',').at(-1)).toBe('loose_fit');
    expect(csvParse(text).map((r) => [r.paper_id, r.loose_fit])).toEqual([['a', 'true'], ['b', 'false']]);
    expect(csvParse(assignmentsCsv(s)).map((r) => r.loose_fit)).toEqual(['false', 'false']);
  });
});
