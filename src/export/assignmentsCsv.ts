import { paperUrl } from '../report/paperUrl.js';
import type { RunSummary } from '../types.js';
import { csvCell, csvHeader, csvRow } from './csvCell.js';

/**
 * Column order is part of the file format that downstream notebooks rely on: new columns
 * go last. `title_derived` is `true` when the record had no title and `title` is the first
 * sentence of its abstract, so the title column never passes for an author's title.
 * `loose_fit` is `true` when the paper's score is far below its theme's median (see
 * src/metrics/looseFits.ts): k-means still assigned it, but it fits no theme well.
 */
export const ASSIGNMENTS_COLUMNS = [
  'paper_id',
  'title',
  'theme_id',
  'theme_label',
  'score',
  'x',
  'y',
  'date',
  'url',
  'title_derived',
  'loose_fit',
] as const;

/** Six decimals keep cosine scores and map coordinates exact enough to re-plot, yet diffable. */
const DECIMALS = 6;

/**
 * One row per paper, in summary order: where each paper landed and why (score), plus the
 * map position, so the assignment table can be re-plotted or joined without the HTML.
 * Returns UTF-8-ready text without a BOM; the caller writes it.
 *
 * Throws when `papers` and `assignments` are out of step: silently pairing a title with
 * another paper's theme would corrupt every downstream analysis.
 */
export function assignmentsCsv(summary: RunSummary): string {
  const { papers, assignments } = summary;
  if (papers.length !== assignments.length) {
    throw new Error(
      `assignmentsCsv: ${papers.length} papers but ${assignments.length} assignments`,
    );
  }
  const labels = new Map(summary.themes.map((theme) => [theme.id, theme.label]));
  const rows = papers.map((paper, i) => {
    const a = assignments[i];
    if (a.paperId !== paper.id) {
      throw new Error(
        `assignmentsCsv: assignment ${i} is for paper "${a.paperId}", expected "${paper.id}"`,
      );
    }
    return csvRow([
      csvCell(paper.id),
      csvCell(paper.title),
      csvCell(a.themeId),
      csvCell(labels.get(a.themeId)),
      csvCell(a.score, DECIMALS),
      csvCell(a.x, DECIMALS),
      csvCell(a.y, DECIMALS),
      csvCell(paper.date),
      // The record's own url as given; else the page the report links, such as an arXiv id's.
      csvCell(paper.url ?? paperUrl(paper)),
      csvCell(paper.titleDerived === true ? 'true' : 'false'),
      csvCell(a.looseFit === true ? 'true' : 'false'),
    ]);
  });
  return csvHeader(ASSIGNMENTS_COLUMNS) + rows.join('');
}
