import { describe, it, expect } from 'vitest';
import { dropDuplicates } from '../../src/ingest/dropDuplicates.js';
import { paperIdFromAbstract, paperIdFromTitle } from '../../src/ingest/paperId.js';
import type { Paper } from '../../src/types.js';

const paper = (id: string, title: string, abstract = `Abstract of ${id}.`): Paper => ({ id, title, abstract });
/** A paper that came without an id, as the parsers make it. */
const noId = (title: string, abstract: string): Paper => ({ id: paperIdFromTitle(title), title, abstract });

describe('dropDuplicates', () => {
  it('keeps every paper and lists no duplicates when there are none', () => {
    const papers = [paper('a', 'One'), paper('b', 'Two')];
    expect(dropDuplicates(papers)).toEqual({ papers, duplicates: [] });
  });

  it('keeps the first of papers sharing an id and lists the dropped one with the rule', () => {
    const result = dropDuplicates([paper('a', 'One'), paper('a', 'Another Title'), paper('b', 'Two')]);
    expect(result.papers.map((p) => p.title)).toEqual(['One', 'Two']);
    expect(result.duplicates).toEqual([{ kept: 'a', dropped: 'a', rule: 'same id' }]);
  });

  it('compares arXiv ids in their normalised form', () => {
    const result = dropDuplicates([paper('1811.00783', 'One'), paper('arXiv:1811.00783v2', 'One, revised')]);
    expect(result.papers.map((p) => p.title)).toEqual(['One']);
    expect(result.duplicates).toEqual([{ kept: '1811.00783', dropped: 'arXiv:1811.00783v2', rule: 'same id' }]);
  });

  it('keeps papers with distinct source ids that share a title, even with the same abstract', () => {
    const papers = [
      paper('10.1/a', 'Rejoinder', 'We thank the discussants.'),
      paper('10.1/b', 'Rejoinder', 'We thank the discussants.'),
      paper('10.1/c', 'Erratum'),
      paper('10.1/d', 'ERRATUM'),
    ];
    expect(dropDuplicates(papers)).toEqual({ papers, duplicates: [] });
  });

  it('drops a paper without a source id whose title and abstract match a kept one up to case, punctuation and spacing', () => {
    const withId = paper('2403.01234', 'Model Merging', 'We merge models; it works.');
    const result = dropDuplicates([withId, noId('model merging!', 'We  MERGE models -- it works')]);
    expect(result.papers).toEqual([withId]);
    expect(result.duplicates).toEqual([{ kept: '2403.01234', dropped: paperIdFromTitle('Model Merging'), rule: 'same title and abstract' }]);
  });

  it('drops a paper with a source id that repeats a kept paper without one', () => {
    const first = noId('Model Merging', 'We merge models.');
    const result = dropDuplicates([first, paper('2403.01234', 'Model merging', 'We merge models.')]);
    expect(result.papers).toEqual([first]);
    expect(result.duplicates).toEqual([{ kept: first.id, dropped: '2403.01234', rule: 'same title and abstract' }]);
  });

  it('keeps a paper without a source id whose abstract differs by one word, under a distinct id', () => {
    const first = noId('Editorial', 'This issue is about graphs and their uses.');
    const second = noId('Editorial', 'This issue is about proteins and their uses.');
    const result = dropDuplicates([first, second]);
    expect(result.duplicates).toEqual([]);
    expect(result.papers.map((p) => p.abstract)).toEqual([first.abstract, second.abstract]);
    expect(result.papers[0].id).toBe(first.id);
    expect(result.papers[1].id).not.toBe(first.id);
    expect(result.papers[1].id.startsWith(`${first.id}-`)).toBe(true);
  });

  it('gives the same distinct id to the second paper whatever else is in the file', () => {
    const first = noId('Editorial', 'About graphs.');
    const second = noId('Editorial', 'About proteins.');
    const alone = dropDuplicates([first, second]).papers[1].id;
    const among = dropDuplicates([paper('x', 'X'), first, paper('y', 'Y'), second]).papers[3].id;
    expect(among).toBe(alone);
  });

  it('drops repeats of a paper without a source id (the same page read twice)', () => {
    const a = noId('Model Merging', 'We merge models.');
    const result = dropDuplicates([a, noId('Model Merging', 'We merge models.'), noId('Model Merging', 'We merge models.')]);
    expect(result.papers).toEqual([a]);
    expect(result.duplicates).toHaveLength(2);
  });

  it('keeps title-less papers with different abstracts and drops a repeated one', () => {
    const untitled = (abstract: string): Paper => ({ id: paperIdFromAbstract(abstract), title: abstract.slice(0, 20), abstract, titleDerived: true });
    const a = untitled('Background: aspirin lowers the risk of stroke in adults.');
    const b = untitled('Background: statins lower the risk of stroke in adults.');
    const result = dropDuplicates([a, b, untitled(a.abstract)]);
    expect(result.papers).toEqual([a, b]);
    expect(result.duplicates).toEqual([{ kept: a.id, dropped: a.id, rule: 'same title and abstract' }]);
  });

  it('preserves the original order of the kept papers', () => {
    const result = dropDuplicates([paper('c', 'C'), paper('a', 'A'), paper('c', 'C'), paper('b', 'B'), paper('a', 'A')]);
    expect(result.papers.map((p) => p.id)).toEqual(['c', 'a', 'b']);
    expect(result.duplicates.map((d) => d.dropped)).toEqual(['c', 'a']);
  });

  it('compares titles that normalise to nothing by their raw text', () => {
    const result = dropDuplicates([noId('?!', 'Same abstract.'), noId('...', 'Same abstract.')]);
    expect(result.duplicates).toEqual([]);
  });

  it('does not modify its input', () => {
    const papers = [noId('Editorial', 'About graphs.'), noId('Editorial', 'About proteins.')];
    const copy = structuredClone(papers);
    dropDuplicates(papers);
    expect(papers).toEqual(copy);
  });
});
