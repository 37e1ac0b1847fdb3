import { describe, expect, it } from 'vitest';
import { labelHeading } from '../../src/label/labelHeading.js';

const MCTS_ABSTRACTS = [
  'Monte Carlo tree search (MCTS) balances exploration and exploitation in large game trees.',
  'We parallelise Monte Carlo tree search on GPUs; MCTS rollouts run in batches.',
  'A survey of MCTS variants: monte carlo tree search with learned value networks.',
  'Planning with Monte Carlo\ntree search in partially observable games.',
];

describe('labelHeading', () => {
  it('writes each part as the abstracts most often do ("Monte Carlo tree search")', () => {
    expect(labelHeading('monte carlo tree search', MCTS_ABSTRACTS)).toBe('Monte Carlo tree search');
    expect(labelHeading('bose-einstein condensate', ['A Bose-Einstein condensate of sodium atoms.', 'Vortices in a Bose-Einstein condensate.'])).toBe('Bose-Einstein condensate');
  });

  it('keeps the capitals of an acronym the abstracts write only in capitals ("MCTS", "LLM", "LLMs")', () => {
    expect(labelHeading('mcts', MCTS_ABSTRACTS)).toBe('MCTS');
    const llm = ['We fine-tune an LLM on code.', 'LLMs reason poorly about LLM outputs.', 'Each LLM is prompted twice.'];
    expect(labelHeading('llm', llm)).toBe('LLM');
    expect(labelHeading('llms', llm)).toBe('LLMs');
  });

  it('ignores a phrase written in capitals throughout (a title in capitals), even when it is the most frequent writing', () => {
    const shouted = ['MONTE CARLO TREE SEARCH FOR GO.', 'MONTE CARLO TREE SEARCH AGAIN.', 'Results of Monte Carlo tree search.'];
    expect(labelHeading('monte carlo tree search', shouted)).toBe('Monte Carlo tree search');
  });

  it('capitalises the first part only, keeping the writing of the second', () => {
    expect(labelHeading('knot invariants · jones polynomial', ['Knot invariants such as the Jones polynomial.', 'knot invariants and the Jones polynomial'])).toBe('Knot invariants · Jones polynomial');
    expect(labelHeading('wireless sensor networks · energy harvesting', ['wireless sensor networks with energy harvesting'])).toBe('Wireless sensor networks · energy harvesting');
  });

  it('matches whole words only; a part the abstracts never write keeps its own form, first letter up', () => {
    // "Search" inside "Research" is not a writing of "search".
    expect(labelHeading('search', ['Research on Search.', 'Research.', 'Research!'])).toBe('Search');
    expect(labelHeading('tree search', ['no such words here'])).toBe('Tree search');
  });

  it('breaks a tie between writings towards fewer capitals', () => {
    expect(labelHeading('tree search · game trees', ['Tree Search and game trees', 'tree search and Game Trees'])).toBe('Tree search · game trees');
  });
});
