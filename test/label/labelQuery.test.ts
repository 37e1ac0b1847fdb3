import { describe, expect, it } from 'vitest';
import { labelMatches, labelParts, labelQuery, rowMatches, termColumns } from '../../src/label/labelQuery.js';
import { csrFromDense } from '../../src/linalg/csr.js';

const VOCABULARY = ['knot', 'invariant', 'knot invariant', 'sensor network', 'energy harvesting', 'tree', 'search', 'model'];
const DISPLAY = ['knots', 'invariants', 'knot invariants', 'sensor networks', 'energy harvesting', 'tree', 'search', 'model'];
const column = (key: string) => VOCABULARY.indexOf(key);
const columns = termColumns(VOCABULARY, DISPLAY);

/** Papers x vocabulary, from the terms each paper mentions (any count is a mention). */
function papersMentioning(papers: string[][]) {
  return csrFromDense(papers.map((terms) => VOCABULARY.map((key) => (terms.includes(key) ? 2 : 0))));
}

describe('labelParts', () => {
  it('splits a label at " · " and at ", " (older labels and pins)', () => {
    expect(labelParts('knot invariants · braid groups')).toEqual(['knot invariants', 'braid groups']);
    expect(labelParts('pruning, network')).toEqual(['pruning', 'network']);
    expect(labelParts('mixture of experts')).toEqual(['mixture of experts']);
  });
});

describe('labelQuery', () => {
  it('finds each part by its key or its display form, whatever its case', () => {
    expect(labelQuery('knot invariant', columns)).toEqual([[column('knot invariant')]]);
    expect(labelQuery('Knot invariants · sensor networks', columns)).toEqual([[column('knot invariant')], [column('sensor network')]]);
  });

  it('makes a part the vocabulary does not hold whole into the words of it that it holds (a pinned label)', () => {
    expect(labelQuery('Tree search for games', columns)).toEqual([[column('tree'), column('search')]]);
  });

  it('gives a part none of whose words the papers use no column, so it matches nothing', () => {
    expect(labelQuery('quantum gravity', columns)).toEqual([[]]);
    const counts = papersMentioning([['knot', 'tree', 'search', 'model']]);
    expect(rowMatches(counts, 0, [[]])).toBe(false);
  });
});

/**
 * Ten papers, theme 0 = papers 0-4, theme 1 = papers 5-9.
 *   "knot invariant" in papers 0, 1, 2 and 5: precision 3/4, recall 3/5, F1 2/3.
 *   "sensor network" in 5, 6, 7 and "energy harvesting" in 6, 8, 0: the label of both
 *   finds 0, 5, 6, 7, 8 (6 once): precision 4/5, recall 4/5, F1 4/5.
 *   "tree search" as a pin, held as the words "tree" and "search": both in 3 and 4, "tree"
 *   alone in 9, "search" alone in 7 and 8: precision 1, recall 2/5, F1 4/7.
 */
const PAPERS = [
  ['knot invariant', 'knot', 'invariant', 'energy harvesting'], ['knot invariant', 'knot', 'invariant'], ['knot invariant', 'knot', 'invariant', 'model'],
  ['tree', 'search'], ['tree', 'search', 'model'],
  ['sensor network', 'knot invariant', 'knot', 'invariant'], ['sensor network', 'energy harvesting'], ['sensor network', 'search'], ['energy harvesting', 'model', 'search'], ['tree'],
];
const THEMES = Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);

describe('labelMatches: a label as a query for its theme’s papers', () => {
  const counts = papersMentioning(PAPERS);

  it('gives precision = found in theme / found, recall = found in theme / theme size, and their F1', () => {
    const queries = [labelQuery('knot invariants', columns), labelQuery('sensor networks · energy harvesting', columns)];
    const [knots, sensors] = labelMatches(counts, THEMES, queries);
    expect(knots.precision).toBeCloseTo(3 / 4, 12);
    expect(knots.recall).toBeCloseTo(3 / 5, 12);
    expect(knots.f1).toBeCloseTo(2 / 3, 12);
    expect(sensors.precision).toBeCloseTo(4 / 5, 12);
    expect(sensors.recall).toBeCloseTo(4 / 5, 12);
    expect(sensors.f1).toBeCloseTo(4 / 5, 12);
  });

  it('finds a paper by a part of several words only when it holds every word', () => {
    const [trees] = labelMatches(counts, THEMES, [labelQuery('tree search', columns), labelQuery('model', columns)]);
    expect(trees.precision).toBe(1);
    expect(trees.recall).toBeCloseTo(2 / 5, 12);
    expect(trees.f1).toBeCloseTo(4 / 7, 12);
  });

  it('agrees with rowMatches paper by paper', () => {
    const queries = [labelQuery('knot invariants', columns), labelQuery('sensor networks · energy harvesting', columns), labelQuery('tree search', columns)];
    const matches = labelMatches(counts, Int32Array.of(0, 0, 0, 1, 1, 1, 2, 2, 2, 2), queries);
    queries.forEach((query, c) => {
      const found = PAPERS.map((_, r) => r).filter((r) => rowMatches(counts, r, query));
      const themeSize = c === 2 ? 4 : 3;
      const hits = found.filter((r) => (r < 3 ? 0 : r < 6 ? 1 : 2) === c).length;
      expect(matches[c].precision).toBeCloseTo(hits / found.length, 12);
      expect(matches[c].recall).toBeCloseTo(hits / themeSize, 12);
    });
  });

  it('scores 0 for a label that finds nothing', () => {
    const [none] = labelMatches(counts, THEMES, [labelQuery('quantum gravity', columns), labelQuery('model', columns)]);
    expect(none).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
