import { describe, expect, it } from 'vitest';
import { MAX_PIN_LENGTH, parseLabelPins, pinnedLabels } from '../../src/label/pinnedLabels.js';

const TOP_TERMS = [
  ['knot invariants', 'jones polynomial', 'braid'],
  ['monte carlo tree search', 'game', 'rollout policies'],
  ['game tree', 'Monte Carlo tree search', 'pruning'],
];

describe('pinnedLabels', () => {
  it('pins by theme id', () => {
    expect(pinnedLabels({ byTheme: { 2: 'Game-tree pruning' }, byTerm: {} }, TOP_TERMS)).toEqual([null, null, 'Game-tree pruning']);
  });

  it('pins by top term, case-insensitively, the theme where the term ranks highest', () => {
    // "monte carlo tree search" is first in theme 1, second in theme 2.
    expect(pinnedLabels({ byTheme: {}, byTerm: { 'MONTE CARLO TREE SEARCH': 'MCTS' } }, TOP_TERMS)).toEqual([null, 'MCTS', null]);
  });

  it('gives a second term pin of the same theme the next theme holding its term', () => {
    const pins = { byTheme: {}, byTerm: { 'monte carlo tree search': 'MCTS', 'game': 'Games' } };
    // "game" ranks 2nd in theme 1, taken; no other theme has it.
    expect(pinnedLabels(pins, TOP_TERMS)).toEqual([null, 'MCTS', null]);
    const both = { byTheme: {}, byTerm: { 'game': 'Games', 'monte carlo tree search': 'MCTS' } };
    expect(pinnedLabels(both, TOP_TERMS)).toEqual([null, 'Games', 'MCTS']);
  });

  it('lets a pin by id win over a pin by term, and ignores ids past the last theme and unknown terms', () => {
    const pins = { byTheme: { 1: 'Planning', 7: 'Nothing' }, byTerm: { 'monte carlo tree search': 'MCTS', 'quantum gravity': 'QG' } };
    expect(pinnedLabels(pins, TOP_TERMS)).toEqual([null, 'Planning', null]);
    expect(pinnedLabels(undefined, TOP_TERMS)).toEqual([null, null, null]);
  });
});

describe('parseLabelPins', () => {
  it('sorts digit keys into theme ids and other keys into terms, trimming labels', () => {
    expect(parseLabelPins('\uFEFF{"03": " Model merging ", "monte carlo tree search": "MCTS"}')).toEqual({
      byTheme: { 3: 'Model merging' },
      byTerm: { 'monte carlo tree search': 'MCTS' },
    });
  });

  it('removes control and bidi characters from labels, which reach the terminal and every output', () => {
    expect(parseLabelPins(JSON.stringify({ 2: 'Evil\u202e txt.exe', 3: '\u001b[31mRed' }))).toEqual({ byTheme: { 2: 'Evil txt.exe', 3: '[31mRed' }, byTerm: {} });
    expect(() => parseLabelPins(JSON.stringify({ 2: '\u202e' }))).toThrow('"2": the label must be a non-empty string');
  });

  it('names the line of a JSON syntax error', () => {
    expect(() => parseLabelPins('{\n"3": "a",\n"4" "b"\n}')).toThrow(/not valid JSON at line 3/);
  });

  it('refuses what is not an object of non-empty, short string labels, naming the key', () => {
    expect(() => parseLabelPins('["a"]')).toThrow(/expected a JSON object/);
    expect(() => parseLabelPins('{"3": 4}')).toThrow(/"3": the label must be a non-empty string/);
    expect(() => parseLabelPins('{"3": "  "}')).toThrow(/"3": the label must be a non-empty string/);
    expect(() => parseLabelPins(JSON.stringify({ knots: 'k'.repeat(MAX_PIN_LENGTH + 1) }))).toThrow(/"knots": a label of at most 200 characters/);
    expect(() => parseLabelPins('{" ": "x"}')).toThrow(/an empty key/);
  });
});
