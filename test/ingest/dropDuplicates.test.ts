import { describe, it, expect } from 'vitest';
import { dropDuplicates } from '../../src/ingest/dropDuplicates.js';
import type { Paper } from '../../src/types.js';

const paper = (id: string, title: string): Paper => ({ id, title, abstract: `Abstract of ${id}.` });

describe('dropDuplicates', () => {
  it('keeps every paper and reports zero dropped when there are no duplicates', () => {
    const papers = [paper('a', 'One'), paper('b', 'Two')];
    expect(dropDuplicates(papers)).toEqual({ papers, dropped: 0 });
  });

  it('keeps the first of papers sharing an id', () => {
    const result = dropDuplicates([paper('a', 'One'), paper('a', 'Another Title'), paper('b', 'Two')]);
    expect(result.papers.map((p) => p.title)).toEqual(['One', 'Two']);
    expect(result.dropped).toBe(1);
  });

  it('keeps the first of papers whose titles normalise to the same text', () => {
    const result = dropDuplicates([paper('x1', 'Model Merging!'), paper('b', 'Two'), paper('x2', 'model  merging')]);
    expect(result.papers.map((p) => p.id)).toEqual(['x1', 'b']);
    expect(result.dropped).toBe(1);
  });

  it('preserves the original order of the kept papers', () => {
    const result = dropDuplicates([paper('c', 'C'), paper('a', 'A'), paper('c', 'C'), paper('b', 'B'), paper('a', 'A')]);
    expect(result.papers.map((p) => p.id)).toEqual(['c', 'a', 'b']);
    expect(result.dropped).toBe(2);
  });

  it('compares titles that normalise to nothing by id only', () => {
    const result = dropDuplicates([paper('a', '?!'), paper('b', '...')]);
    expect(result.dropped).toBe(0);
  });

  it('does not modify its input', () => {
    const papers = [paper('a', 'One'), paper('a', 'One')];
    dropDuplicates(papers);
    expect(papers).toHaveLength(2);
  });
});
