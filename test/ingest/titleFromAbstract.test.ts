import { describe, expect, it } from 'vitest';
import { DERIVED_TITLE_MAX_CHARS, titleFromAbstract } from '../../src/ingest/titleFromAbstract.js';

describe('titleFromAbstract', () => {
  it('is the first sentence, without its full stop', () => {
    expect(titleFromAbstract('We study model merging. It works well.')).toBe('We study model merging');
  });

  it('keeps a question or exclamation mark that ends the first sentence', () => {
    expect(titleFromAbstract('Which multimodal model should we use for classification? Previous studies suggest CLIP.'))
      .toBe('Which multimodal model should we use for classification?');
  });

  it('does not end the sentence at an abbreviation or a decimal point', () => {
    expect(titleFromAbstract('Doses of 1.5 mg, e.g. in adults, vs. placebo were given. Then more.'))
      .toBe('Doses of 1.5 mg, e.g. in adults, vs. placebo were given');
  });

  it('skips the heading of a structured abstract', () => {
    expect(titleFromAbstract('BACKGROUND: Hypertension is common in the elderly. METHODS: We enrolled 300 patients.'))
      .toBe('Hypertension is common in the elderly');
    expect(titleFromAbstract('Objective. To assess statin use in adults. Design: cohort.')).toBe('To assess statin use in adults');
  });

  it('shortens a long first sentence at a word boundary and marks the cut with an ellipsis', () => {
    const abstract = 'This retrospective multicentre cohort study of adults admitted to intensive care units with sepsis examines mortality. More.';
    const title = titleFromAbstract(abstract);
    expect(title.length).toBeLessThanOrEqual(DERIVED_TITLE_MAX_CHARS);
    expect(title.endsWith('…')).toBe(true);
    const kept = title.slice(0, -1);
    expect(abstract.startsWith(kept)).toBe(true);
    expect(abstract[kept.length]).toBe(' ');
    expect(kept.length).toBeGreaterThan(DERIVED_TITLE_MAX_CHARS - 20);
  });

  it('cuts a single enormous word at the limit', () => {
    const title = titleFromAbstract('x'.repeat(500));
    expect(title).toBe(`${'x'.repeat(DERIVED_TITLE_MAX_CHARS - 1)}…`);
  });

  it('takes the whole text when it has no sentence end', () => {
    expect(titleFromAbstract('A short note on graphs')).toBe('A short note on graphs');
  });
});
