import { describe, expect, it } from 'vitest';
import { paperText } from '../../pipeline/2-tokenize.js';

describe('paperText', () => {
  it('is the title, title-weight times, then the abstract', () => {
    expect(paperText({ id: 'a', title: 'Model merging', abstract: 'We merge.' }, 2)).toBe('Model merging. Model merging. We merge.');
  });

  it('leaves out a title derived from the abstract, so its first sentence does not count twice', () => {
    expect(paperText({ id: 'a', title: 'We merge', abstract: 'We merge. It works.', titleDerived: true }, 2)).toBe('We merge. It works.');
  });
});
