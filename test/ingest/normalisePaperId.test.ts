import { describe, expect, it } from 'vitest';
import { isArxivId, normalisePaperId } from '../../src/ingest/normalisePaperId.js';
import { paperUrl } from '../../src/report/paperUrl.js';

describe('normalisePaperId', () => {
  it('gives every written form of a new-style arXiv id the bare id without version', () => {
    for (const form of [
      '1811.00783', 'arXiv:1811.00783', 'ARXIV:1811.00783', 'arxiv: 1811.00783', '1811.00783v2', 'arXiv:1811.00783v12',
      'https://arxiv.org/abs/1811.00783v1', 'http://arxiv.org/abs/1811.00783', 'arxiv.org/abs/1811.00783',
      'https://www.arxiv.org/abs/1811.00783', 'http://export.arxiv.org/abs/1811.00783v3',
      'https://arxiv.org/pdf/1811.00783', 'https://arxiv.org/pdf/1811.00783v2.pdf', 'https://arxiv.org/pdf/1811.00783.pdf',
      '  1811.00783  ', 'https://doi.org/10.48550/arXiv.1811.00783', '10.48550/ARXIV.1811.00783',
    ]) {
      expect(normalisePaperId(form), form).toBe('1811.00783');
    }
  });

  it('keeps five-digit new-style numbers whole', () => {
    expect(normalisePaperId('arXiv:2403.01234v3')).toBe('2403.01234');
  });

  it('gives every written form of an old-style arXiv id the archive/number without version or subject class', () => {
    for (const form of [
      'hep-th/9901001', 'hep-th/9901001v2', 'arXiv:hep-th/9901001', 'https://arxiv.org/abs/hep-th/9901001v1',
      'https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'HEP-TH/9901001',
    ]) {
      expect(normalisePaperId(form), form).toBe('hep-th/9901001');
    }
    expect(normalisePaperId('math.GT/0309136v1')).toBe('math/0309136');
    expect(normalisePaperId('arXiv:cond-mat/0102536')).toBe('cond-mat/0102536');
  });

  it('leaves other ids as they are, only trimmed', () => {
    for (const [raw, id] of [
      [' W2741809807 ', 'W2741809807'], ['10.1000/xyz123', '10.1000/xyz123'], ['p1', 'p1'], ['t-0123456789ab', 't-0123456789ab'],
      ['PMC1234567', 'PMC1234567'], ['18110.0783', '18110.0783'], ['1811.00783x', '1811.00783x'], ['hep-th/990100', 'hep-th/990100'],
      ['https://example.org/abs/1811.00783', 'https://example.org/abs/1811.00783'], ['12', '12'],
    ]) {
      expect(normalisePaperId(raw), raw).toBe(id);
    }
  });

  it('tells arXiv ids from others', () => {
    expect(isArxivId('https://arxiv.org/abs/1811.00783v1')).toBe(true);
    expect(isArxivId('hep-th/9901001')).toBe(true);
    expect(isArxivId('p1')).toBe(false);
  });

  it('gives ids the report still links to their arXiv page', () => {
    for (const [raw, url] of [
      ['https://arxiv.org/pdf/1811.00783v2.pdf', 'https://arxiv.org/abs/1811.00783'],
      ['arXiv:hep-th/9901001v1', 'https://arxiv.org/abs/hep-th/9901001'],
      ['math.GT/0309136', 'https://arxiv.org/abs/math/0309136'],
    ]) {
      expect(paperUrl({ id: normalisePaperId(raw) }), raw).toBe(url);
    }
  });
});
