import type { RunSummary, ThemeViews } from '../types.js';
import { csvCell, csvHeader, csvRow } from './csvCell.js';

export const HIERARCHY_COLUMNS = ['node', 'parent', 'left', 'right', 'distance', 'size', 'label', 'themes'] as const;

/** Merge distances as run.json gives them. */
const DISTANCE_DECIMALS = 6;

/** Between theme ids in the `themes` cell. */
const ID_SEPARATOR = '; ';

/**
 * The theme hierarchy as a tree, one row per merge node in the order the merges were made
 * (the root last): its number, its parent merge (empty for the root), the two nodes it
 * joins (theme ids or merge numbers), the average cosine distance at which they join, its
 * papers, its label, and its theme ids. A run without theme views gives the header alone.
 */
export function hierarchyCsv(summary: RunSummary): string {
  const views = summary.themeViews;
  const merges = views?.merges ?? [];
  const parent = new Map<number, number>();
  for (const m of merges) for (const child of [m.left, m.right]) parent.set(child, m.node);
  const rows = merges.map((m) => csvRow([
    csvCell(m.node),
    csvCell(parent.get(m.node)),
    csvCell(m.left),
    csvCell(m.right),
    csvCell(m.distance, DISTANCE_DECIMALS),
    csvCell(m.size),
    csvCell(m.label),
    csvCell(m.themes.join(ID_SEPARATOR)),
  ]));
  return csvHeader(HIERARCHY_COLUMNS) + rows.join('');
}

/** The merge that first joins each theme, by theme id (themes.csv's `parent`); empty without views. */
export function parentOfTheme(views: ThemeViews | undefined): Map<number, number> {
  const parents = new Map<number, number>();
  if (views === undefined) return parents;
  const themes = new Set(views.leafOrder);
  for (const m of views.merges) for (const child of [m.left, m.right]) if (themes.has(child)) parents.set(child, m.node);
  return parents;
}
