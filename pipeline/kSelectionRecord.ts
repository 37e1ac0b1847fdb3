import type { RunSummary } from '../src/types.js';
import type { KSelection } from './5-cluster.js';
import { round } from './stageRecord.js';

/** How `--k auto` chose k, as run.json's `clustering.k_selection` (run and nightly alike). */
export function kSelectionRecord(selection: KSelection | null, chosen: number) {
  if (selection === null) return null;
  return {
    criterion: selection.criterion,
    chosen,
    reason: selection.reason,
    best: selection.best,
    searched_range: [selection.curve[0].k, selection.curve[selection.curve.length - 1].k],
    edge: selection.edge?.edge ?? null,
    edge_note: selection.edge?.note ?? null,
    suggested_range: selection.edge?.suggestedRange ?? null,
    curve: selection.curve.map((c) => ({ k: c.k, silhouette: round(c.silhouette, 6), inertia: round(c.inertia, 6) })),
  };
}

/** run.json's k_selection as the report's KSelectionSummary (undefined when k was given). */
export function kSelectionSummary(selection: any): RunSummary['kSelection'] {
  if (selection === null || typeof selection !== 'object' || !Array.isArray(selection.curve)) return undefined;
  return {
    criterion: String(selection.criterion),
    chosen: Number(selection.chosen),
    reason: String(selection.reason),
    ...(selection.edge === null || selection.edge === undefined ? {} : { edge: { edge: selection.edge, note: String(selection.edge_note), suggestedRange: selection.suggested_range ?? null } }),
    curve: selection.curve.map((c: { k: number; silhouette: number }) => ({ k: c.k, silhouette: c.silhouette })),
  };
}
