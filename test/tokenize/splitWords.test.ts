import { describe, expect, it } from 'vitest';
import { splitWords } from '../../src/tokenize/splitWords.js';
import { ADJACENT, BREAK } from '../../src/tokenize/tokenizedDoc.js';

const surfaces = (text: string) => splitWords(text).map((w) => w.surface);

describe('splitWords', () => {
  it('lower-cases words and marks what stood before each: white space only, or a break', () => {
    expect(splitWords('Model Merging, at scale')).toEqual([
      { surface: 'model', gap: BREAK },
      { surface: 'merging', gap: ADJACENT },
      { surface: 'at', gap: BREAK },
      { surface: 'scale', gap: ADJACENT },
    ]);
  });

  it('joins parts linked by a hyphen without spaces, ASCII or Unicode, and breaks at a spaced dash', () => {
    expect(surfaces('State-of-the-art fine\u2010tuning - not joined')).toEqual(['state-of-the-art', 'fine-tuning', 'not', 'joined']);
    expect(splitWords('a - b')[1].gap).toBe(BREAK);
    expect(splitWords('covid-19 cases')[1].gap).toBe(BREAK);
  });

  it('breaks at numbers and words starting with a digit, which are not words', () => {
    const words = splitWords('gains of 3.5x over gpt-4 models');
    expect(words.map((w) => w.surface)).toEqual(['gains', 'of', 'over', 'gpt', 'models']);
    expect(words[2].gap).toBe(BREAK);
    expect(words[4].gap).toBe(BREAK);
  });

  it('normalises compatibility characters (ligatures, full-width letters) and keeps accented letters', () => {
    expect(surfaces('\uFB01ne-tuning on \uFF21\uFF29 for Erdős graphs')).toEqual(['fine-tuning', 'on', 'ai', 'for', 'erdős', 'graphs']);
  });

  it('gives the same words for the same text whatever was split before', () => {
    const text = "Zipf's law holds; w.h.p. the e.g. case";
    const first = splitWords(text);
    splitWords('unrelated words w.h.p');
    expect(splitWords(text)).toEqual(first);
    expect(first.map((w) => w.surface)).toEqual(['zipf', 'law', 'holds', 'w', 'h', 'p', 'the', 'e', 'g', 'case']);
  });
});
