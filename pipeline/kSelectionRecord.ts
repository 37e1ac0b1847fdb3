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
