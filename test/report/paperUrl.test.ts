import { describe, expect, it } from 'vitest';
import { paperUrl } from '../../src/report/paperUrl.js';

describe('paperUrl', () => {
  it('links arXiv ids, bare or prefixed, new and old style, to their abstract page', () => {
    expect(paperUrl({ id: 'arXiv:1304.1039' })).toBe('https://arxiv.org/abs/1304.1039');
    expect(paperUrl({ id: '2403.01234v2' })).toBe('https://arxiv.org/abs/2403.01234v2');
    expect(paperUrl({ id: 'hep-th/9901001' })).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(paperUrl({ id: 'math.GT/0309136' })).toBe('https://arxiv.org/abs/math.GT/0309136');
  });

  it('prefers an explicit http(s) url', () => {
    expect(paperUrl({ id: 'arXiv:1304.1039', url: ' https://example.org/p/1 ' })).toBe('https://example.org/p/1');
  });

  it('never returns a script, data or relative url', () => {
    expect(paperUrl({ id: 't-abc', url: 'javascript:alert(1)' })).toBeUndefined();
    expect(paperUrl({ id: 't-abc', url: 'data:text/html,<b>x</b>' })).toBeUndefined();
    expect(paperUrl({ id: 't-abc', url: '/relative/path' })).toBeUndefined();
    expect(paperUrl({ id: 'arXiv:1304.1039', url: 'javascript:alert(1)' })).toBe('https://arxiv.org/abs/1304.1039');
  });

  it('has nothing for title-derived ids', () => {
    expect(paperUrl({ id: 't-0123456789ab' })).toBeUndefined();
    expect(paperUrl({ id: '12345' })).toBeUndefined();
  });
});
