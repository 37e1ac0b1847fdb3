import { averageLinkage, type Linkage } from '../src/hierarchy/averageLinkage.js';
import { centroidCosines, cosineDistances } from '../src/hierarchy/centroidCosines.js';
import { classicalMds } from '../src/hierarchy/classicalMds.js';
import { leafOrder, mergeLeaves } from '../src/hierarchy/linkageTree.js';
import type { ThemeMerge, ThemeViews } from '../src/types.js';
import { round } from './stageRecord.js';

/**
 * The theme-level views of issue 15, in two steps around the label stage:
 *
 *   centres (k x d) -> themeStructure: cosine similarities S, distances D = 1 - S,
 *                      average linkage of D, leaf order, classical MDS of D
 *   + sizes, merge labels (label stage, `groups`) -> themeViews: plain, rounded data
 *
 * In the numbering of the clusters (theme ids 0..k-1); the nightly job gives the themes
 * their stable ids with {@link withThemeIds}.
 */

/** Above this many themes there are no theme views (the heatmap alone would be k^2 cells). */
export const MAX_VIEW_THEMES = 100;

/** Decimals kept: similarities and map positions as drawn, merge distances for the CSV. */
const SIMILARITY_DECIMALS = 4;
const POSITION_DECIMALS = 4;
const DISTANCE_DECIMALS = 6;

export interface ThemeStructure {
  k: number;
  similarity: Float64Array;
  linkage: Linkage;
  order: Int32Array;
  /** k x 2 intertopic map positions. */
  positions: Float64Array;
  /** Theme ids under each merge, ascending: what the label stage labels (LabelInput.groups). */
  groups: number[][];
}

/** Hierarchy, similarities and map of the themes from their k x d centroids; null above MAX_VIEW_THEMES. */
export function themeStructure(centres: Float64Array, k: number, d: number): ThemeStructure | null {
  if (k < 2 || k > MAX_VIEW_THEMES) return null;
  const similarity = centroidCosines(centres, k, d);
  const distances = cosineDistances(similarity, k);
  const linkage = averageLinkage(distances, k);
  return { k, similarity, linkage, order: leafOrder(linkage), positions: classicalMds(distances, k, 2), groups: mergeLeaves(linkage) };
}

/**
 * The plain data of the report and run.json: `sizes` are the themes' papers, `labels` one
 * label and heading per merge (the label stage's `groupLabels`).
 */
export function themeViews(structure: ThemeStructure, sizes: readonly number[], labels: ReadonlyArray<{ label: string; heading: string }>): ThemeViews {
  const { k, linkage, order, similarity, positions } = structure;
  const paperCount = (themes: readonly number[]) => themes.reduce((s, c) => s + sizes[c], 0);
  const merges: ThemeMerge[] = structure.groups.map((themes, m) => ({
    node: k + m,
    left: linkage.left[m],
    right: linkage.right[m],
    distance: round(linkage.distance[m], DISTANCE_DECIMALS),
    size: paperCount(themes),
    themes,
    label: labels[m].label,
    heading: labels[m].heading,
  }));
  const ids = Array.from(order);
  return {
    leafOrder: ids,
    similarity: ids.map((i) => ids.map((j) => round(similarity[i * k + j], SIMILARITY_DECIMALS))),
    positions: Array.from({ length: k }, (_, c) => ({
      themeId: c, x: round(positions[2 * c], POSITION_DECIMALS), y: round(positions[2 * c + 1], POSITION_DECIMALS),
    })),
    merges,
  };
}

/**
 * The views with cluster c renamed to theme id `ids[c]` (the nightly job's stable ids, or
 * the ids merged themes keep), and the merges renumbered from `firstNode` (by default the
 * largest id + 1), so that no merge number is a theme id.
 */
export function withThemeIds(views: ThemeViews, ids: readonly number[], firstNode = Math.max(...ids) + 1): ThemeViews {
  const k = ids.length;
  const first = firstNode;
  const node = (n: number) => (n < k ? ids[n] : first + (n - k));
  return {
    leafOrder: views.leafOrder.map((c) => ids[c]),
    similarity: views.similarity,
    positions: views.positions.map((p) => ({ ...p, themeId: ids[p.themeId] })),
    merges: views.merges.map((m) => ({
      ...m, node: node(m.node), left: node(m.left), right: node(m.right), themes: m.themes.map((c) => ids[c]).sort((a, b) => a - b),
    })),
  };
}

/**
 * run.json's `hierarchy`: how it was built and its merges (node, children, distance, papers,
 * theme ids, label, heading); null when the run has none (more than MAX_VIEW_THEMES themes).
 */
export function hierarchyRecord(views: ThemeViews | undefined): Record<string, unknown> | null {
  if (views === undefined) return null;
  return {
    method: 'average linkage of the theme centroids (reduced space), cosine distance',
    leaf_order: views.leafOrder,
    merges: views.merges.map((m) => ({
      node: m.node, left: m.left, right: m.right, distance: m.distance, size: m.size, themes: m.themes, label: m.label, heading: m.heading,
    })),
  };
}
