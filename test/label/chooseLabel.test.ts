import { describe, expect, it } from 'vitest';
import { candidateColumns, chooseLabel, scoreCandidates, type LabelChoiceParams, type LabelEvidence } from '../../src/label/chooseLabel.js';
import { classTermCounts } from '../../src/label/classTermCounts.js';
import { classTfidf } from '../../src/label/classTfidf.js';
import { subsumingPhrases } from '../../src/label/subsumption.js';
import { termEvenness, termPresence } from '../../src/label/termPresence.js';
import { phraseParts, termRelations } from '../../src/label/topTerms.js';
import { csrFromDense } from '../../src/linalg/csr.js';

/** As the label stage sets them (pipeline/7-label.ts). */
const PARAMS: LabelChoiceParams = { poolSize: 40, coverTarget: 0.6, minF1Gain: 0.05, phraseShare: 0.15, broadWordShare: 2 / 3 };
const FULL_MENTIONS = 2;
const SUBSUME_SHARE = 0.8;

const VOCABULARY = [
  'model', 'knot', 'invariant', 'knot invariant', 'braid', 'group', 'braid group', 'sensor', 'network', 'sensor network',
  'energy', 'harvesting', 'energy harvesting', 'condensate', 'vortex',
];

/** A paper: how often it writes each term; a phrase counts for its parts too, as features do. */
type PaperTerms = Record<string, number>;
const times = (n: number, paper: PaperTerms): PaperTerms[] => Array.from({ length: n }, () => paper);

/**
 * Three themes of six papers; every paper writes "model" twice (three times in theme 2), so
 * it spreads evenly over the themes however often it is written.
 *   0: "knot invariant" in 5 papers, "braid group" in the sixth.
 *   1: "sensor network" in 3 papers, "energy harvesting" in the other 3.
 *   2: single words only, "condensate" in 2 papers, "vortex" in 2, 2 with neither.
 */
const THEMES: PaperTerms[][] = [
  [...times(5, { 'knot invariant': 2, 'model': 2 }), { 'braid group': 2, 'model': 2 }],
  [...times(3, { 'sensor network': 2, 'model': 2 }), ...times(3, { 'energy harvesting': 2, 'model': 2 })],
  [...times(2, { condensate: 2, model: 3 }), ...times(2, { vortex: 2, model: 3 }), ...times(2, { model: 3 })],
];

/** The evidence chooseLabel gets in the label stage, computed by the same modules from `themes`' papers. */
function evidenceOf(
  theme: number,
  headingLike: (column: number) => boolean = () => true,
  themes: PaperTerms[][] = THEMES,
  vocabulary: string[] = VOCABULARY,
): { evidence: LabelEvidence; size: number } {
  const column = new Map(vocabulary.map((key, j) => [key, j] as const));
  const papers = themes.flat();
  const labels = Int32Array.from(themes.flatMap((papers, c) => papers.map(() => c)));
  const rows = papers.map((paper) => {
    const row = new Array<number>(vocabulary.length).fill(0);
    for (const [term, n] of Object.entries(paper)) {
      for (const key of [term, ...(term.includes(' ') ? phraseParts(term) : [])]) row[column.get(key)!] += n;
    }
    return row;
  });
  const counts = csrFromDense(rows);
  const k = themes.length;
  const V = vocabulary.length;
  const sizes = themes.map((papers) => papers.length);
  const classCounts = classTermCounts(counts, labels, k);
  const presence = termPresence(counts, labels, k, FULL_MENTIONS);
  const presenceTotals = new Float64Array(V);
  const totals = new Float64Array(V);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < V; t++) {
      presenceTotals[t] += presence[c * V + t];
      totals[t] += classCounts[c * V + t];
    }
  }
  const documentFrequency = new Int32Array(V);
  for (const j of counts.indices) documentFrequency[j]++;
  const relations = termRelations(vocabulary);
  const evidence: LabelEvidence = {
    weights: classTfidf(classCounts, k, V).subarray(theme * V, (theme + 1) * V),
    presence: presence.subarray(theme * V, (theme + 1) * V),
    presenceTotals,
    documentFrequency,
    evenness: termEvenness(presence, sizes, V),
    subsumedBy: subsumingPhrases(totals, relations, SUBSUME_SHARE),
    acronyms: relations.acronyms,
    counts,
    members: Array.from(labels).flatMap((c, r) => (c === theme ? [r] : [])),
    headingLike,
    displayForms: vocabulary,
  };
  return { evidence, size: sizes[theme] };
}

const MODEL = VOCABULARY.indexOf('model');

describe('scoreCandidates: the generic-term penalty, measured from the corpus', () => {
  it('finds "model" spread evenly over the themes (evenness 1) and the theme words in one theme only (0)', () => {
    const { evenness } = evidenceOf(0).evidence;
    expect(evenness[MODEL]).toBeCloseTo(1, 12);
    for (const term of ['knot invariant', 'sensor network', 'condensate']) expect(evenness[VOCABULARY.indexOf(term)]).toBe(0);
  });

  it('scores "model" 0 although it is the theme’s heaviest c-TF-IDF term and in every paper', () => {
    const { evidence, size } = evidenceOf(2);
    expect(Math.max(...evidence.weights)).toBe(evidence.weights[MODEL]);
    const model = scoreCandidates(evidence, size, PARAMS.poolSize).find((c) => c.column === MODEL)!;
    expect(model.coverage).toBe(1);
    expect(model.score).toBe(0);
  });

  it('scores the harmonic mean of precision and coverage, times 1 - evenness, times weight / best weight', () => {
    const { evidence, size } = evidenceOf(2);
    const condensate = VOCABULARY.indexOf('condensate');
    const scored = scoreCandidates(evidence, size, PARAMS.poolSize).find((c) => c.column === condensate)!;
    // In 2 of 6 papers and in no other theme: precision 1, coverage 1/3, fit 0.5.
    expect(scored.precision).toBe(1);
    expect(scored.coverage).toBeCloseTo(1 / 3, 12);
    expect(scored.score).toBeCloseTo(0.5 * (evidence.weights[condensate] / evidence.weights[MODEL]), 12);
  });
});

describe('candidateColumns: where a label\u2019s choice reads the evidence', () => {
  it('lists the pool\u2019s columns with each subsumed term replaced by its phrase, each once', () => {
    const { evidence } = evidenceOf(0);
    const columns = candidateColumns(evidence.weights, evidence.subsumedBy, PARAMS.poolSize);
    expect(new Set(columns).size).toBe(columns.length);
    for (const column of columns) expect(evidence.subsumedBy[column]).toBe(-1);
    expect(columns).toContain(VOCABULARY.indexOf('knot invariant'));
    expect(columns).not.toContain(VOCABULARY.indexOf('knot'));
  });

  it('is all that scoreCandidates and chooseLabel read of presence and evenness', () => {
    for (let theme = 0; theme < THEMES.length; theme++) {
      const { evidence, size } = evidenceOf(theme);
      const columns = candidateColumns(evidence.weights, evidence.subsumedBy, PARAMS.poolSize);
      const evenness = new Float64Array(evidence.evenness.length).fill(Number.NaN);
      const presence = new Float32Array(evidence.presence.length).fill(Number.NaN);
      for (const column of columns) {
        evenness[column] = evidence.evenness[column];
        presence[column] = evidence.presence[column];
      }
      const onlyCandidates = { ...evidence, evenness, presence };
      expect(scoreCandidates(onlyCandidates, size, PARAMS.poolSize)).toEqual(scoreCandidates(evidence, size, PARAMS.poolSize));
      expect(chooseLabel(onlyCandidates, size, PARAMS)).toBe(chooseLabel(evidence, size, PARAMS));
    }
  });
});

describe('chooseLabel', () => {
  it('never labels a theme by a term spread evenly over all themes, even when every term may be a heading', () => {
    for (let theme = 0; theme < THEMES.length; theme++) {
      const { evidence, size } = evidenceOf(theme);
      expect(chooseLabel(evidence, size, PARAMS)).not.toMatch(/\bmodel\b/);
    }
  });

  it('names a theme by one phrase when it covers the theme, though a second would find the last paper', () => {
    const { evidence, size } = evidenceOf(0);
    // "knot invariant" finds 5 of 6 papers, at least coverTarget 0.6.
    expect(chooseLabel(evidence, size, PARAMS)).toBe('knot invariant');
    // Asked to cover more than 5/6, it adds "braid group": F1 10/11 -> 1.
    expect(chooseLabel(evidence, size, { ...PARAMS, coverTarget: 0.9 })).toBe('knot invariant · braid group');
  });

  it('joins two phrases by " · " when the first covers only half the theme and the second the rest', () => {
    const { evidence, size } = evidenceOf(1);
    expect(chooseLabel(evidence, size, PARAMS)).toBe('sensor network · energy harvesting');
  });

  it('adds no second phrase whose F1 gain is below minF1Gain', () => {
    const { evidence, size } = evidenceOf(1);
    // Alone, "sensor network" has F1 2/3; with "energy harvesting" 1: a gain of 1/3.
    expect(chooseLabel(evidence, size, { ...PARAMS, minF1Gain: 0.34 })).toBe('sensor network');
  });

  it('never pairs two single words ("condensate", "vortex"), however much the pair would find', () => {
    const { evidence, size } = evidenceOf(2);
    expect(chooseLabel(evidence, size, PARAMS)).toBe('condensate');
  });

  it('is null when no candidate reads as a heading', () => {
    const { evidence, size } = evidenceOf(0, () => false);
    expect(chooseLabel(evidence, size, PARAMS)).toBeNull();
  });
});

const MORE_VOCABULARY = [
  'mcts', 'monte', 'carlo', 'tree', 'search', 'monte carlo', 'carlo tree', 'tree search', 'monte carlo tree', 'carlo tree search',
  'monte carlo tree search', 'wireless', 'network', 'wireless network', 'knot', 'energy', 'harvesting', 'energy harvesting',
];

/**
 * Three themes of six papers:
 *   0: "mcts" in all six, "monte carlo tree search" written out in three of them.
 *   1: "wireless" in all six, "wireless network" in four (the word is often alone).
 *   2: "knot" in all six, "energy harvesting" in one.
 */
const MORE_THEMES: PaperTerms[][] = [
  [...times(3, { mcts: 2 }), ...times(3, { 'mcts': 2, 'monte carlo tree search': 2 })],
  [...times(2, { wireless: 2 }), ...times(4, { 'wireless': 2, 'wireless network': 2 })],
  [...times(5, { knot: 2 }), { 'knot': 2, 'energy harvesting': 2 }],
];
const more = (theme: number) => evidenceOf(theme, () => true, MORE_THEMES, MORE_VOCABULARY);

describe('chooseLabel: phrases before words, acronyms by their phrase', () => {
  it('puts a phrase in the place of its acronym, with the acronym’s score when higher ("mcts")', () => {
    const { evidence, size } = more(0);
    const scored = scoreCandidates(evidence, size, PARAMS.poolSize);
    const column = (key: string) => MORE_VOCABULARY.indexOf(key);
    expect(scored.map((c) => c.column)).not.toContain(column('mcts'));
    // The acronym is in every paper, the phrase in half: the phrase takes the acronym's fit 1.
    expect(scored[0].column).toBe(column('monte carlo tree search'));
    expect(scored[0].score).toBeCloseTo(1, 12);
    expect(chooseLabel(evidence, size, PARAMS)).toBe('monte carlo tree search');
  });

  it('prefers a phrase holding the top word to the word ("wireless" -> "wireless network")', () => {
    const { evidence, size } = more(1);
    const [word] = scoreCandidates(evidence, size, PARAMS.poolSize);
    expect(evidence.displayForms[word.column]).toBe('wireless');
    expect(chooseLabel(evidence, size, PARAMS)).toBe('wireless network');
  });

  it('keeps the word when every phrase scores far below it', () => {
    const { evidence, size } = more(2);
    expect(chooseLabel(evidence, size, PARAMS)).toBe('knot');
    // With no such margin the phrase goes first (and, finding one paper, takes the word as its second part).
    expect(chooseLabel(evidence, size, { ...PARAMS, phraseShare: 0 })).toBe('energy harvesting · knot');
  });
});

describe('chooseLabel: a single word in most of the corpus names no theme', () => {
  // Theme 2 writes "data" in every paper, and so do all of theme 1 and one paper of theme
  // 0: 13 of 18 papers, more than 2/k = 2/3 of them. It is concentrated (evenness below
  // the generic 0.9), so only the breadth rule keeps it from naming theme 2, whose papers
  // share nothing else but "vortex" (in 3 of them).
  const vocabulary = [...VOCABULARY, 'data'];
  const themes: PaperTerms[][] = [
    [...times(5, { 'knot invariant': 2 }), { 'braid group': 2, data: 1 }],
    times(6, { 'sensor network': 2, data: 1 }),
    [...times(3, { data: 4, vortex: 1 }), ...times(3, { data: 4 })],
  ];
  const { evidence, size } = evidenceOf(2, () => true, themes, vocabulary);
  const data = vocabulary.indexOf('data');

  it('would take the broad word without the rule', () => {
    expect(evidence.documentFrequency[data]).toBe(13);
    expect(evidence.evenness[data]).toBeLessThan(0.9);
    expect(chooseLabel(evidence, size, { ...PARAMS, broadWordShare: 1 })).toBe('data');
  });

  it('leaves out a single word found in more than broadWordShare of the papers', () => {
    expect(scoreCandidates(evidence, size, PARAMS.poolSize, PARAMS.broadWordShare).map((c) => vocabulary[c.column])).not.toContain('data');
    expect(chooseLabel(evidence, size, PARAMS)).toBe('vortex');
  });
});
