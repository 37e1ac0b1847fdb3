import type { RunSummary } from '../types.js';
import { csvCell, csvHeader, csvRow } from './csvCell.js';
import { parentOfTheme } from './hierarchyCsv.js';

export const THEMES_COLUMNS = [
  'theme_id',
  'theme_label',
  'size',
  'silhouette',
  'npmi',
  'unique_terms',
  'label_precision',
  'label_recall',
  'label_f1',
  'top_terms',
  'representative_1',
  'representative_2',
  'representative_3',
  'loose',
  'parent',
] as const;

/** Quality figures: silhouette, NPMI, unique-term share and label match, to 4 decimals (cells stay short). */
const QUALITY_DECIMALS = 4;

/** Fixed number of representative columns, so every row has the same shape. */
const REPRESENTATIVES = 3;

/** `; ` rather than `,` so the joined terms stay readable and need no quoting in most rows. */
const TERM_SEPARATOR = '; ';

/**
 * One row per theme, in id order: the summary a reader skims before opening the report.
 * Representatives are shown by title (ids mean nothing to a reader); an id with no matching
 * paper, or a theme with fewer than three representatives, leaves the cell empty. `loose`
 * is `true` for a weak theme (silhouette and NPMI both low; see src/metrics/looseThemes.ts);
 * `parent` is the merge of the theme hierarchy that first joins the theme (a node of
 * hierarchy.csv), empty when the run has no hierarchy.
 */
export function themesCsv(summary: RunSummary): string {
  const titles = new Map(summary.papers.map((paper) => [paper.id, paper.title]));
  const themes = [...summary.themes].sort((a, b) => a.id - b.id);
  const parents = parentOfTheme(summary.themeViews);
  const rows = themes.map((theme) => {
    const representatives = Array.from({ length: REPRESENTATIVES }, (_, i) => {
      const id = theme.representativeIds[i];
      return csvCell(id === undefined ? undefined : titles.get(id));
    });
    return csvRow([
      csvCell(theme.id),
      csvCell(theme.label),
      csvCell(theme.size),
      csvCell(theme.quality?.silhouette, QUALITY_DECIMALS),
      csvCell(theme.quality?.npmi, QUALITY_DECIMALS),
      csvCell(theme.quality?.uniqueTerms, QUALITY_DECIMALS),
      csvCell(theme.quality?.labelPrecision, QUALITY_DECIMALS),
      csvCell(theme.quality?.labelRecall, QUALITY_DECIMALS),
      csvCell(theme.quality?.labelF1, QUALITY_DECIMALS),
      csvCell(theme.topTerms.map((t) => t.term).join(TERM_SEPARATOR)),
      ...representatives,
      csvCell(theme.loose === true ? 'true' : 'false'),
      csvCell(parents.get(theme.id)),
    ]);
  });
  return csvHeader(THEMES_COLUMNS) + rows.join('');
}
