import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { paperIdFromAbstract, paperIdFromTitle } from '../../src/ingest/paperId.js';
import { looksLikeAbstract, parseSeedPage } from '../../src/ingest/parseSeedPage.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

const ABSTRACT =
  'We propose a method that improves the optimisation of deep networks by adapting the step size to the local curvature, and show consistent gains on vision and language benchmarks.';

describe('parseSeedPage', () => {
  it('reads title/abstract pairs after the five header lines, with the date as corpusDate', () => {
    const result = parseSeedPage(fixture('seed-tiny.txt'), 'seed-tiny.txt');
    expect(result.corpusDate).toBe('Mar 12');
    expect(result.issues).toEqual([]);
    expect(result.papers.map((p) => p.title)).toEqual([
      'Bayesian Optimization with Noisy Evaluations',
      'Model Merging via Task Arithmetic: Does It Scale?',
      'MoE$^2$: Fast Mixture-of-Experts Inference',
    ]);
    expect(result.papers[0].abstract).toMatch(/^We study Bayesian optimization .* benchmarks\.$/);
  });

  it('derives each id from the title', () => {
    const [first] = parseSeedPage(fixture('seed-tiny.txt'), 'seed-tiny.txt').papers;
    expect(first.id).toBe(paperIdFromTitle('Bayesian Optimization with Noisy Evaluations'));
  });

  it('parses a page without its header and then has no corpusDate', () => {
    const result = parseSeedPage(`Short Title\n\n${ABSTRACT}\n`, 'p.txt');
    expect(result.papers).toHaveLength(1);
    expect(result).not.toHaveProperty('corpusDate');
  });

  it('recognises header lines case-insensitively and in any subset', () => {
    const result = parseSeedPage(`NEW\nsubscribe\nJan 5\nShort Title\n${ABSTRACT}`, 'p.txt');
    expect(result.corpusDate).toBe('Jan 5');
    expect(result.papers.map((p) => p.title)).toEqual(['Short Title']);
    expect(result.issues).toEqual([]);
  });

  it('reports a title followed by another title as "title without an abstract" at its 1-based line', () => {
    const result = parseSeedPage(fixture('seed-broken.txt'), 'seed-broken.txt');
    expect(result.issues[0]).toEqual({
      file: 'seed-broken.txt',
      line: 5,
      problem: 'title without an abstract: "A Title Whose Abstract Went Missing"',
    });
  });

  it('reports titles without an abstract, keeps the good pairs, and keeps an abstract whose title was lost', () => {
    const result = parseSeedPage(fixture('seed-broken.txt'), 'seed-broken.txt');
    expect(result.issues.map((i) => [i.line, i.problem.split(':')[0]])).toEqual([
      [5, 'title without an abstract'],
      [17, 'title without an abstract'],
    ]);
    expect(result.papers.map((p) => [p.title, p.titleDerived])).toEqual([
      ['Data Selection for Instruction Tuning', undefined],
      ['This stray paragraph repeats an abstract without any title before it, as happens when a…', true],
      ['Pruning Large Language Models Without Retraining', undefined],
    ]);
    expect(result.papers[1].id).toBe(paperIdFromAbstract(result.papers[1].abstract));
  });

  it('counts lines the same with CRLF line endings and a BOM', () => {
    const text = '\uFEFFNew\r\n\r\nOrphan Title\r\n\r\nShort Title\r\n\r\n' + ABSTRACT + '\r\n';
    const result = parseSeedPage(text, 'p.txt');
    expect(result.issues.map((i) => i.line)).toEqual([3]);
    expect(result.papers).toHaveLength(1);
  });

  it('collapses runs of whitespace inside titles and abstracts', () => {
    const result = parseSeedPage(`  Spaced   Title \n${ABSTRACT.replace(/ /g, '   ')}`, 'p.txt');
    expect(result.papers[0].title).toBe('Spaced Title');
    expect(result.papers[0].abstract).toBe(ABSTRACT);
  });

  it('reads the bundled Mar 12 seed page: 70 papers, no issues', () => {
    const text = readFileSync(new URL('../../data/corpus/hf-trending-mar12.txt', import.meta.url), 'utf8');
    const result = parseSeedPage(text, 'hf-trending-mar12.txt');
    expect(result.papers).toHaveLength(70);
    expect(result.issues).toEqual([]);
    expect(result.corpusDate).toBe('Mar 12');
    expect(result.papers[0].title).toBe('Ergotropy and Capacity Optimization in Heisenberg Spin Chain Quantum Batteries');
  });
});

describe('looksLikeAbstract', () => {
  it('treats a line of 25 or more words as an abstract', () => {
    expect(looksLikeAbstract(Array(25).fill('w').join(' '))).toBe(true);
    expect(looksLikeAbstract(Array(24).fill('w').join(' '))).toBe(false);
  });

  it('treats a line of 200 or more characters as an abstract', () => {
    expect(looksLikeAbstract('x'.repeat(200))).toBe(true);
    expect(looksLikeAbstract('x'.repeat(199))).toBe(false);
  });
});
