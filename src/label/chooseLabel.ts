import type { CsrMatrix } from '../types.js';
import { LABEL_SEPARATOR } from './labelQuery.js';

/** What the label of one theme is chosen from (see chooseLabel). All arrays are per column. */
export interface LabelEvidence {
  /** The theme's c-TF-IDF row. */
  weights: Float64Array;
  /** The theme's termPresence row. */
  presence: Float32Array;
  /** termPresence summed over the themes. */
  presenceTotals: Float64Array;
  /** Papers of the corpus each term occurs in. */
  documentFrequency: Int32Array;
  /** termEvenness. */
  evenness: Float64Array;
  /** subsumingPhrases: the phrase a term stands for, or -1. */
  subsumedBy: Int32Array;
  /** The columns of each phrase's acronyms ("bo" for "bayesian optimization"); null for words. */
  acronyms: readonly (Int32Array | null)[];
  /** Papers x vocabulary counts (rows sorted by column) and the theme's rows in it. */
  counts: CsrMatrix;
  members: readonly number[];
  /** Whether a column reads as a heading (a noun phrase, not made only of generic words). */
  headingLike: (column: number) => boolean;
  displayForms: readonly string[];
}

export interface LabelChoiceParams {
  /** Candidates: the theme's terms with the highest c-TF-IDF weight, this many. */
  poolSize: number;
  /** A second phrase is considered when the first finds less than this share of the theme. */
  coverTarget: number;
  /** ... and added when the label then finds its papers with an F1 this much higher. */
  minF1Gain: number;
  /**
   * Headings are phrases where the theme has one: the best phrase is preferred to the best
   * single word when it scores at least this share of the word's score, or half this share
   * when it holds the word ("wireless" -> "wireless networks").
   */
  phraseShare: number;
  /**
   * A single word found in more than this share of the corpus's papers names no one theme
   * ("data" on a corpus of 24 fields) and is not a candidate; phrases holding it may be.
   */
  broadWordShare: number;
}

/** One scored candidate label phrase. */
export interface ScoredCandidate {
  column: number;
  /** presence(c, t) / presence(t): share of the term's mentions that fall in this theme. */
  precision: number;
  /** presence(c, t) / size(c): share of the theme that mentions the term. */
  coverage: number;
  score: number;
}

/**
 * The candidates of a theme, best first. Candidates are the `poolSize` terms of highest
 * c-TF-IDF weight, each replaced by the longer phrase it stands for (subsumedBy), kept when
 * heading-like. A candidate scores the harmonic mean of its precision and coverage (a label
 * should describe most of its theme's papers and few others), times its distinctiveness
 * (1 - evenness: a term every theme uses is a poor name for any), times its c-TF-IDF
 * weight relative to the theme's best (what sets the theme apart):
 *
 *   score(t) = 2 p r / (p + r) * (1 - evenness(t)) * w(t) / max w
 *
 * An acronym of another candidate ("bo", "mcts") is not a candidate itself: its phrase
 * takes its place when the acronym scores higher. Ties: the lower column.
 */
export function scoreCandidates(evidence: LabelEvidence, size: number, poolSize: number, broadWordShare = 1): ScoredCandidate[] {
  const { weights, presence, presenceTotals, evenness, subsumedBy } = evidence;
  const broad = (column: number) =>
    !evidence.displayForms[column].includes(' ') && evidence.documentFrequency[column] > broadWordShare * evidence.counts.rows;
  const pool = topColumns(weights, poolSize);
  if (pool.length === 0) return [];
  const maxWeight = weights[pool[0]];
  const scored: ScoredCandidate[] = [];
  for (const column of standingFor(pool, subsumedBy)) {
    if (!evidence.headingLike(column) || presence[column] === 0 || broad(column)) continue;
    const precision = presence[column] / presenceTotals[column];
    const coverage = size > 0 ? presence[column] / size : 0;
    const fit = (2 * precision * coverage) / (precision + coverage);
    const score = fit * (1 - evenness[column]) * (Math.max(0, weights[column]) / maxWeight);
    scored.push({ column, precision, coverage, score });
  }
  const byColumn = new Map(scored.map((c) => [c.column, c] as const));
  const abbreviations = new Set<number>();
  for (const candidate of scored) {
    for (const a of evidence.acronyms[candidate.column] ?? []) {
      const acronym = byColumn.get(a);
      if (acronym === undefined) continue;
      abbreviations.add(a);
      candidate.score = Math.max(candidate.score, acronym.score);
    }
  }
  return scored.filter((c) => !abbreviations.has(c.column)).sort((a, b) => b.score - a.score || a.column - b.column);
}

/**
 * The label of a theme: its best candidate phrase, and a second when the first does not
 * cover the theme (finds less than `coverTarget` of its papers) and the two together find
 * the theme's papers clearly better (F1 up by `minF1Gain`), joined by " · ". A phrase is
 * preferred to a single word unless the word scores far better (see
 * LabelChoiceParams.phraseShare); the second part is neither inside the first nor holds it,
 * and two single words are never paired. Null when no candidate is heading-like.
 */
export function chooseLabel(evidence: LabelEvidence, size: number, params: LabelChoiceParams): string | null {
  const scored = scoreCandidates(evidence, size, params.poolSize, params.broadWordShare);
  if (scored.length === 0) return null;
  const name = (c: ScoredCandidate) => evidence.displayForms[c.column];
  const isWord = (c: ScoredCandidate) => !name(c).includes(' ');
  let first = scored[0];
  if (isWord(first)) {
    const word = first;
    const holding = scored.find((c) => !isWord(c) && name(c).split(' ').includes(name(word)));
    const phrase = scored.find((c) => !isWord(c));
    if (holding && holding.score >= (params.phraseShare / 2) * word.score) first = holding;
    else if (phrase && phrase.score >= params.phraseShare * word.score) first = phrase;
  }
  const candidates = [first, ...scored.filter((c) => c !== first)];
  const found = memberMentions(evidence, candidates.slice(0, 8).map((c) => c.column));
  const f1 = (inTheme: number, outside: number) => {
    const precision = inTheme + outside > 0 ? inTheme / (inTheme + outside) : 0;
    const recall = size > 0 ? inTheme / size : 0;
    return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  };
  const firstHits = count(found[0]);
  if (firstHits >= params.coverTarget * size) return name(first);
  const firstOutside = evidence.documentFrequency[first.column] - firstHits;
  const base = f1(firstHits, firstOutside);
  const firstText = ` ${name(first)} `;
  let best: { candidate: ScoredCandidate; f1: number } | null = null;
  for (let i = 1; i < found.length; i++) {
    const candidate = candidates[i];
    const text = ` ${name(candidate)} `;
    if (firstText.includes(text) || text.includes(firstText)) continue;
    if (isWord(first) && isWord(candidate)) continue;
    let union = 0;
    for (let m = 0; m < found[0].length; m++) if (found[0][m] || found[i][m]) union++;
    // Papers outside the theme found by either: at most the sum (a conservative F1).
    const outside = firstOutside + evidence.documentFrequency[candidate.column] - count(found[i]);
    const joint = f1(union, outside);
    if (joint >= base + params.minF1Gain && (best === null || joint > best.f1)) best = { candidate, f1: joint };
  }
  return best === null ? name(first) : `${name(first)}${LABEL_SEPARATOR}${name(best.candidate)}`;
}

/**
 * The columns scoreCandidates considers for a theme, in pool order: the `poolSize` columns
 * of highest weight, each replaced by the phrase it stands for (subsumedBy), each once. Only
 * at these columns does the choice of a label read `evidence.presence` and `evenness`.
 */
export function candidateColumns(weights: Float64Array, subsumedBy: Int32Array, poolSize: number): number[] {
  return standingFor(topColumns(weights, poolSize), subsumedBy);
}

/** The pool's columns, each replaced by the phrase it stands for, first occurrences kept. */
function standingFor(pool: readonly number[], subsumedBy: Int32Array): number[] {
  const seen = new Set<number>();
  for (const top of pool) seen.add(subsumedBy[top] >= 0 ? subsumedBy[top] : top);
  return [...seen];
}

/** For each column, which of the theme's members mention it (1) or not (0). */
function memberMentions(evidence: LabelEvidence, columns: readonly number[]): Uint8Array[] {
  const { counts, members } = evidence;
  const slot = new Int32Array(counts.cols).fill(-1);
  columns.forEach((column, i) => (slot[column] = i));
  const found = columns.map(() => new Uint8Array(members.length));
  members.forEach((r, m) => {
    for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) {
      const i = slot[counts.indices[p]];
      if (i >= 0) found[i][m] = 1;
    }
  });
  return found;
}

function count(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i];
  return n;
}

/** The `count` columns of highest positive weight, best first (ties: the lower column). */
function topColumns(weights: Float64Array, count: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < weights.length; j++) {
    if (!(weights[j] > 0)) continue;
    if (best.length === count && weights[j] <= weights[best[best.length - 1]]) continue;
    let at = best.length;
    while (at > 0 && weights[j] > weights[best[at - 1]]) at--;
    best.splice(at, 0, j);
    if (best.length > count) best.pop();
  }
  return best;
}
