import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hashOfSpan, scanWords, splitWords, type SplitWord } from '../../src/tokenize/splitWords.js';
import { parseJsonLines } from '../../src/ingest/parseJsonLines.js';
import { parseSeedPage } from '../../src/ingest/parseSeedPage.js';
import { stripMarkup } from '../../src/tokenize/stripMarkup.js';
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

/** The words of scanWords as SplitWords, checking each span's hash on the way. */
function scanned(text: string): SplitWord[] {
  const words: SplitWord[] = [];
  scanWords(text, {
    span: (lower, start, end, hash, gap) => {
      const surface = lower.slice(start, end);
      expect(hash).toBe(hashOfSpan(surface, 0, surface.length));
      words.push({ surface, gap });
    },
    word: (surface, gap) => words.push({ surface, gap }),
  });
  return words;
}

describe('scanWords', () => {
  it('gives the words and gaps of splitWords on edge cases of the grammar', () => {
    const cases = [
      "Zipf's law holds; w.h.p. the e.g. case",
      "models' outputs, rock'n'roll, it's-fine, don't'",
      'state-of-the-art a-1 x-1 model- -tuned --double -- a--b',
      'gains of 3.5x over gpt-4 models, 1,000.5e3abc and 2019.the end',
      "trailing ' apostrophe 'quoted' and ''double'' ' x'",
      'tabs\tand\nnew\r\nlines \u000bvertical\fform feed',
      'UPPER Case MiXeD-Case O\'Neil',
      'symbols: a+b=c, (x_1) [y] {z} <w> #tag @user $5 100% a/b a|b a~b a`b a^b',
      '', '   ', '-', "'", '7', 'a',
      // Not ASCII: the regular-expression path.
      'caf\u00e9 na\u00efve \uFB01ne-tuning \u2019quoted\u2019 fine\u2010tuning',
    ];
    for (const text of cases) expect(scanned(text), text).toEqual(splitWords(text));
  });

  it('gives the words and gaps of splitWords on every bundled abstract', () => {
    const seed = parseSeedPage(readFileSync(new URL('../../data/corpus/hf-trending-mar12.txt', import.meta.url), 'utf8'), 'seed').papers;
    const arxiv = parseJsonLines(readFileSync(new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url), 'utf8'), 'arxiv').papers;
    for (const paper of [...seed, ...arxiv]) {
      const text = stripMarkup(`${paper.title}. ${paper.abstract}`);
      expect(scanned(text)).toEqual(splitWords(text));
    }
  });
});
