import type { CsrMatrix } from '../types.js';

/** Separator of a two-phrase label ("bayesian optimization · surrogate models"). */
export const LABEL_SEPARATOR = ' · ';

/**
 * A label as a search query: papers match when they contain any of its parts; a part is
 * one vocabulary column (a phrase or word), or, for text the vocabulary does not hold as a
 * whole (a label pinned by hand), all of its words the vocabulary holds. An empty list of
 * columns matches nothing.
 */
export type LabelQuery = number[][];

/** The parts of a label: split at " · " and at ", " (labels of earlier versions, pins). */
export function labelParts(label: string): string[] {
  return label.split(/ · |, /).map((part) => part.trim()).filter(Boolean);
}

/**
 * Where each term text is in a vocabulary: keys first, then display forms ("networks" finds
 * the column of "network"). Made once per run and shared by every label's query.
 */
export function termColumns(vocabulary: readonly string[], displayForms: readonly string[]): Map<string, number> {
  const column = new Map<string, number>();
  vocabulary.forEach((key, j) => column.set(key, j));
  displayForms.forEach((form, j) => { if (!column.has(form)) column.set(form, j); });
  return column;
}

/**
 * The query of a label over a vocabulary (`columns` from termColumns): each part is looked up
 * by its key or its display form, lower-cased; else it is the words of it the vocabulary
 * holds (punctuation ignored; a word the papers never use cannot find any), and none of them
 * makes it match nothing.
 */
export function labelQuery(label: string, columns: ReadonlyMap<string, number>): LabelQuery {
  return labelParts(label.toLowerCase()).map((part) => {
    const whole = columns.get(part);
    if (whole !== undefined) return [whole];
    return part.split(/[^\p{L}\p{N}-]+/u).flatMap((word) => {
      const j = columns.get(word);
      return j === undefined ? [] : [j];
    });
  });
}

/** Whether row r of `counts` matches the query (see LabelQuery). */
export function rowMatches(counts: CsrMatrix, r: number, query: LabelQuery): boolean {
  const start = counts.indptr[r];
  const end = counts.indptr[r + 1];
  const has = (j: number) => {
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (counts.indices[mid] < j) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && counts.indices[lo] === j;
  };
  return query.some((part) => part.length > 0 && part.every(has));
}

/** How well a label finds its theme's papers, used as a query over titles and abstracts. */
export interface LabelMatch {
  /** Share of the papers the label finds that belong to the theme. */
  precision: number;
  /** Share of the theme's papers the label finds. */
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 of each theme's label as a query: for theme c with query Q(c),
 * found = papers matching Q(c); precision = |found ∩ c| / |found|, recall = |found ∩ c| / |c|.
 * `counts` is papers x vocabulary (any non-zero is a mention in the title or abstract).
 */
export function labelMatches(counts: CsrMatrix, labels: Int32Array, queries: readonly LabelQuery[]): LabelMatch[] {
  const k = queries.length;
  const sizes = new Float64Array(k);
  for (let r = 0; r < counts.rows; r++) sizes[labels[r]]++;
  // Postings of the query columns only: one pass over the matrix, then set operations.
  const slot = new Int32Array(counts.cols).fill(-1);
  const lists: number[][] = [];
  for (const query of queries) for (const part of query) for (const j of part) if (slot[j] < 0) slot[j] = lists.push([]) - 1;
  for (let r = 0; r < counts.rows; r++) {
    for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) {
      const s = slot[counts.indices[p]];
      if (s >= 0) lists[s].push(r);
    }
  }
  const postings = (j: number) => lists[slot[j]];
  const seen = new Int32Array(counts.rows).fill(-1);
  return queries.map((query, c) => {
    let found = 0;
    let hits = 0;
    for (const part of query) {
      if (part.length === 0) continue;
      // Rows holding every column of the part: the shortest posting list, filtered.
      const partLists = part.map(postings).sort((a, b) => a.length - b.length);
      for (const r of partLists[0]) {
        if (seen[r] === c || !partLists.every((list, i) => i === 0 || includesSorted(list, r))) continue;
        seen[r] = c;
        found++;
        if (labels[r] === c) hits++;
      }
    }
    const precision = found > 0 ? hits / found : 0;
    const recall = sizes[c] > 0 ? hits / sizes[c] : 0;
    return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
  });
}

function includesSorted(list: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo] === value;
}
