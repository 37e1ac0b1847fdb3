import { describe, expect, it } from 'vitest';
import { subsumingPhrases } from '../../src/label/subsumption.js';
import { termRelations } from '../../src/label/topTerms.js';

/** The pipeline's share (DEFAULT_LABEL_PARAMS.subsumeShare). */
const SHARE = 0.8;

/** subsumingPhrases over a vocabulary with the given occurrence counts, as key -> key (or null). */
function subsumed(totals: Record<string, number>, share = SHARE): Record<string, string | null> {
  const vocabulary = Object.keys(totals).sort();
  const into = subsumingPhrases(Float64Array.from(vocabulary, (key) => totals[key]), termRelations(vocabulary), share);
  return Object.fromEntries(vocabulary.map((key, j) => [key, into[j] < 0 ? null : vocabulary[into[j]]]));
}

/**
 * Twelve abstracts write "Monte Carlo tree search" in full; "tree search" is also written
 * alone (beam and A* tree search) 28 more times, "tree" 60 more (decision trees), "search"
 * 90 more.
 */
const MCTS = {
  'monte': 12, 'carlo': 12, 'tree': 100, 'search': 130,
  'monte carlo': 12, 'carlo tree': 12, 'tree search': 40,
  'monte carlo tree': 12, 'carlo tree search': 12, 'monte carlo tree search': 12,
};

describe('subsumingPhrases', () => {
  it('replaces phrases that occur only inside a longer one by it ("carlo tree search", "monte carlo tree" -> "monte carlo tree search")', () => {
    const into = subsumed(MCTS);
    expect(into['carlo tree search']).toBe('monte carlo tree search');
    expect(into['monte carlo tree']).toBe('monte carlo tree search');
    expect(into['monte carlo']).toBe('monte carlo tree search');
    expect(into['carlo tree']).toBe('monte carlo tree search');
  });

  it('follows a chain to its end, so the phrase it gives is never itself replaced', () => {
    const into = subsumed(MCTS);
    expect(into.carlo).toBe('monte carlo tree search');
    expect(into.monte).toBe('monte carlo tree search');
    expect(into['monte carlo tree search']).toBeNull();
    for (const target of Object.values(into)) if (target !== null) expect(into[target]).toBeNull();
  });

  it('keeps a phrase that also occurs on its own often ("tree search": 12 of its 40 occurrences are inside)', () => {
    const into = subsumed(MCTS);
    expect(into['tree search']).toBeNull();
    expect(into.tree).toBeNull();
    expect(into.search).toBeNull();
  });

  it('replaces a term when the longer phrase holds at least `share` of its occurrences, not below', () => {
    const pair = (alone: number) => ({ 'knot': 8 + alone, 'knot invariant': 8, 'invariant': 8 });
    expect(subsumed(pair(2))['knot']).toBe('knot invariant'); // 8 of 10 = 0.8
    expect(subsumed(pair(3))['knot']).toBeNull(); // 8 of 11 < 0.8
    expect(subsumed(pair(3), 0.7)['knot']).toBe('knot invariant');
  });

  it('counts X and Y of "X of Y" as its parts ("mixture" -> "mixture of expert"; "expert" is common alone)', () => {
    const into = subsumed({ 'mixture': 10, 'expert': 40, 'mixture of expert': 9 });
    expect(into.mixture).toBe('mixture of expert');
    expect(into.expert).toBeNull();
  });

  it('picks the containing phrase with the most occurrences', () => {
    const into = subsumed({ 'sensor': 20, 'sensor network': 18, 'sensor node': 6, 'network': 60, 'node': 30 });
    expect(into.sensor).toBe('sensor network');
    expect(into.network).toBeNull();
  });

  it('never replaces by a phrase that does not occur, nor a term that does not occur', () => {
    const into = subsumed({ 'knot': 0, 'knot invariant': 0, 'invariant': 5 });
    expect(into.knot).toBeNull();
    expect(into.invariant).toBeNull();
  });
});
