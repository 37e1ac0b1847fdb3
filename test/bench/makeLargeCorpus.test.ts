import { describe, expect, it } from 'vitest';
import { makeLargeCorpus, perturb } from '../../bench/makeLargeCorpus.js';

const row = { id: 'arXiv:1', title: 'Bayesian optimization of expensive black box functions', abstract: 'First sentence here. Second one follows. Third closes it.', label: 'stat.ML' };

describe('makeLargeCorpus', () => {
  it('repeats the rows until the requested size, originals first', () => {
    const rows = makeLargeCorpus([row, { ...row, id: 'arXiv:2' }], 5);
    expect(rows.map((r) => r.id)).toEqual(['arXiv:1', 'arXiv:2', 'arXiv:1#1', 'arXiv:2#1', 'arXiv:1#2']);
  });

  it('makes each copy a different text with the same label, deterministically', () => {
    const a = perturb(row, 1);
    expect(a.abstract).not.toBe(row.abstract);
    expect(a.title).not.toBe(row.title);
    expect(a.label).toBe('stat.ML');
    expect(perturb(row, 1)).toEqual(a);
    expect(perturb(row, 2).abstract).not.toBe(a.abstract);
  });
});
