import { centroidScores } from '../src/label/centroidScores.js';
import { representativePapers } from '../src/label/representativePapers.js';
import { candidateColumns, chooseLabel } from '../src/label/chooseLabel.js';
import { classTermCounts } from '../src/label/classTermCounts.js';
import { classTfidf } from '../src/label/classTfidf.js';
import { groupStatistics } from '../src/label/groupStatistics.js';
import { labelFigures, type LabelFigures } from '../src/label/labelFigures.js';
import { labelHeading } from '../src/label/labelHeading.js';
import { labelMatches, labelQuery, termColumns } from '../src/label/labelQuery.js';
import { isNounPhrase } from '../src/label/nounPhrase.js';
import { pinnedLabels, type LabelPins } from '../src/label/pinnedLabels.js';
import { subsumingPhrases } from '../src/label/subsumption.js';
import { termEvenness, termPresence } from '../src/label/termPresence.js';
import { themeLabel } from '../src/label/themeLabel.js';
import { termRelations, topTerms, type RankedTerm } from '../src/label/topTerms.js';
import { createPhraseTagger, type TagPhrase } from '../src/tokenize/winkTokenizer.js';
import type { TfidfModel } from '../src/vectorize/tfidf.js';
import { npmiCoherence } from '../src/metrics/npmi.js';
import { silhouetteByCluster } from '../src/metrics/silhouette.js';
import { topicDiversity } from '../src/metrics/topicDiversity.js';
import { round } from './stageRecord.js';
import { looseFits } from '../src/metrics/looseFits.js';
import { isLooseTheme } from '../src/metrics/looseThemes.js';
import type { Assignment, CsrMatrix, DenseMatrix, Paper, Theme, ThemeQuality } from '../src/types.js';

export interface LabelParams {
  topTermCount: number;
  representativeCount: number;
  /** See TopTermsParams.absorbShare. */
  absorbShare: number;
  /** A paper mentions a term fully from this many occurrences (the title weight; see termPresence). */
  fullMentions: number;
  /** A term is generic when its termEvenness is at least this. */
  genericEvenness: number;
  /** A term stands for a longer phrase holding at least this share of its occurrences (subsumingPhrases). */
  subsumeShare: number;
  /** Labels given by the user, by theme id or top term. */
  pins?: LabelPins;
}

export const DEFAULT_LABEL_PARAMS = {
  topTermCount: 10,
  representativeCount: 5,
  absorbShare: 0.3,
  genericEvenness: 0.9,
  subsumeShare: 0.8,
} as const;

/** How a label is chosen among a theme's candidates (see LabelChoiceParams); broadWordShare is 2/k. */
const LABEL_CHOICE = { poolSize: 40, coverTarget: 0.6, minF1Gain: 0.05, phraseShare: 0.15 } as const;

/** Abstracts read for a heading's writing: the theme's first papers, enough to see the usual one. */
const HEADING_SAMPLE = 100;

export interface LabelInput {
  papers: readonly Paper[];
  counts: CsrMatrix;
  vectorizer: TfidfModel;
  vectors: DenseMatrix;
  /** Each paper's 2-D map position (stage 6). */
  map: { x: Float64Array; y: Float64Array };
  labels: Int32Array;
  centres: Float64Array;
  k: number;
  /**
   * Sets of theme ids to label as one theme each (the merges of the theme hierarchy): the
   * union of their papers against the other themes, by the same rules as a theme's label.
   */
  groups?: readonly (readonly number[])[];
}

export interface LabelOutput {
  themes: Theme[];
  assignments: Assignment[];
  /** Mean NPMI of the themes' top terms and the topic diversity of all top terms. */
  coherence: { npmi: number; diversity: number };
  /** How well the labels name their themes (see labelFigures). */
  labelQuality: LabelFigures;
  /** One label and heading per entry of `input.groups`, in its order (step 7 of label). */
  groupLabels: Array<{ label: string; heading: string }>;
}

/**
 * Stage 6, label. In: cluster labels and centres, term counts, reduced vectors. Out: themes
 * (c-TF-IDF top terms, phrases preferred; a label of one or two noun phrases; representative
 * papers that match the label; quality: silhouette, NPMI coherence of the top terms, share of
 * unique top terms, and the label's precision, recall and F1 as a query; loose when
 * silhouette and NPMI are both low), each paper's assignment with its cosine score to the
 * theme centre (a loose fit when far below the theme's median), and the run's coherence,
 * topic diversity and label figures.
 */
export function label(input: LabelInput, params: LabelParams): LabelOutput {
  const { k, vectorizer } = input;
  const V = vectorizer.vocabulary.length;
  const sizes = new Array<number>(k).fill(0);
  input.labels.forEach((c) => sizes[c]++);
  const members: number[][] = Array.from({ length: k }, () => []);
  input.labels.forEach((c, i) => members[c].push(i));

  // 1. Term statistics by theme: counts, c-TF-IDF, mentions, spread, longer phrases.
  const { counts, weights, presence, evenness } = classStatistics(
    classTermCounts(input.counts, input.labels, k), termPresence(input.counts, input.labels, k, params.fullMentions), sizes);
  const relations = termRelations(vectorizer.vocabulary);
  const termTotals = columnSums(counts, k, V);
  const subsumedBy = subsumingPhrases(termTotals, relations, params.subsumeShare);

  // 2. Top terms, phrases preferred over their parts, fragments left out.
  const tag = createPhraseTagger();
  const columnOf = termColumns(vectorizer.vocabulary, vectorizer.displayForms);
  const isGeneric = genericWords(columnOf, evenness, params.genericEvenness);
  const nounPhrase = nounPhraseFilter(vectorizer, tag);
  const ranked = Array.from({ length: k }, (_, c) =>
    topTerms(weights.subarray(c * V, (c + 1) * V), counts.subarray(c * V, (c + 1) * V),
      vectorizer.vocabulary, vectorizer.displayForms, relations, { count: params.topTermCount, absorbShare: params.absorbShare }, nounPhrase));

  // 3. Labels: noun phrases that find the theme's papers, or the user's pins.
  const headingLike = (column: number) => nounPhrase(column) && !vectorizer.displayForms[column].split(' ').filter((w) => w !== 'of').every(isGeneric);
  const presenceTotals = columnSums(presence, k, V);
  const documentFrequency = columnDocumentFrequency(input.counts);
  const chosen = ranked.map((terms, c) => chooseLabel({
    weights: weights.subarray(c * V, (c + 1) * V),
    presence: presence.subarray(c * V, (c + 1) * V),
    presenceTotals, documentFrequency, evenness, subsumedBy, acronyms: relations.acronyms,
    counts: input.counts, members: members[c], headingLike, displayForms: vectorizer.displayForms,
  }, sizes[c], { ...LABEL_CHOICE, broadWordShare: 2 / k }) ?? themeLabel(terms));
  const pinned = pinnedLabels(params.pins, ranked.map((terms) => terms.map((t) => t.term)));
  const labels = chosen.map((text, c) => pinned[c] ?? text);

  // 4. Label quality: each label as a query over titles and abstracts.
  const queries = labels.map((text) => labelQuery(text, columnOf));
  const matches = labelMatches(input.counts, input.labels, queries);

  // 5. Representatives: members the label finds that fit the theme best, tight fits first.
  const scores = centroidScores(input.vectors, input.centres, input.labels);
  const looseFit = looseFits(scores, input.labels);
  const chosenRepresentatives = ranked.map((terms, c) => representativePapers(
    members[c], scores, looseFit, input.counts, queries[c], terms.map((t) => t.column), terms.map((t) => t.weight), params.representativeCount));

  // 6. Coherence of the top terms, silhouettes, assignments.
  const columns = ranked.map((terms) => terms.map((t: RankedTerm) => t.column));
  const coherence = npmiCoherence(input.counts, columns);
  const diversity = topicDiversity(columns);
  const silhouettes = sizes.filter((size) => size > 0).length < 2
    ? new Float64Array(k)
    : silhouetteByCluster(input.vectors, input.labels);
  const themes: Theme[] = ranked.map((terms, c) => withLooseFlag({
    id: c,
    label: labels[c],
    heading: pinned[c] ?? labelHeading(labels[c], members[c].slice(0, HEADING_SAMPLE).map((i) => input.papers[i].abstract)),
    ...(pinned[c] === null ? {} : {
      pinned: true,
      chosen: { label: chosen[c], heading: labelHeading(chosen[c], members[c].slice(0, HEADING_SAMPLE).map((i) => input.papers[i].abstract)) },
    }),
    size: sizes[c],
    topTerms: terms.map(({ term, weight }) => ({ term, weight })),
    representativeIds: chosenRepresentatives[c].map((i) => input.papers[i].id),
    quality: {
      silhouette: round(silhouettes[c] ?? Number.NaN, 6),
      npmi: round(coherence.perTheme[c], 6),
      uniqueTerms: round(diversity.perTheme[c], 6),
      labelPrecision: round(matches[c].precision, 6),
      labelRecall: round(matches[c].recall, 6),
      labelF1: round(matches[c].f1, 6),
    },
  }));
  const assignments = input.papers.map((paper, i) => ({
    paperId: paper.id,
    themeId: input.labels[i],
    score: scores[i],
    x: input.map.x[i],
    y: input.map.y[i],
    looseFit: looseFit[i] === 1,
  }));
  const figures = labelFigures(labels, matches, isGeneric);

  // 7. Groups of themes (hierarchy merges): each union labelled as one theme among the rest,
  // its statistics summed from the themes' (groupStatistics).
  const themeStatistics = { counts, presence, sizes, termTotals };
  const groupLabels = (input.groups ?? []).map((group) => {
    const stats = groupStatistics(themeStatistics, group);
    const groupMembers = papersOf(input.labels, k, group);
    const terms = topTerms(stats.weights, stats.counts, vectorizer.vocabulary, vectorizer.displayForms, relations,
      { count: params.topTermCount, absorbShare: params.absorbShare }, nounPhrase);
    // Generic words are those of the corpus's themes (headingLike); the scores use the partition,
    // whose evenness is needed at the label candidates only.
    const evenness = new Float64Array(V).fill(Number.NaN);
    for (const column of candidateColumns(stats.weights, subsumedBy, LABEL_CHOICE.poolSize)) evenness[column] = stats.evenness(column);
    const text = chooseLabel({
      weights: stats.weights, presence: stats.presence, presenceTotals, documentFrequency, evenness, subsumedBy,
      acronyms: relations.acronyms, counts: input.counts, members: groupMembers, headingLike, displayForms: vectorizer.displayForms,
    }, stats.size, { ...LABEL_CHOICE, broadWordShare: 2 / stats.classes }) ?? themeLabel(terms);
    return { label: text, heading: labelHeading(text, groupMembers.slice(0, HEADING_SAMPLE).map((i) => input.papers[i].abstract)) };
  });
  return {
    groupLabels,
    themes,
    assignments,
    coherence: { npmi: round(coherence.mean, 6), diversity: round(diversity.overall, 6) },
    labelQuality: { labelF1: round(figures.labelF1, 6), genericLabels: round(figures.genericLabels, 6), wordPairLabels: round(figures.wordPairLabels, 6) },
  };
}

/**
 * Term statistics of k classes from their class term counts and mentions (k x V,
 * row-major; see classTermCounts, termPresence): c-TF-IDF and spread over the classes
 * (termEvenness).
 */
function classStatistics(counts: Float64Array, presence: Float32Array, sizes: readonly number[]) {
  const k = sizes.length;
  const V = counts.length / Math.max(1, k);
  return { counts, weights: classTfidf(counts, k, V), presence, evenness: termEvenness(presence, sizes, V) };
}

/** The papers of the themes in `group`, ascending. */
function papersOf(labels: Int32Array, k: number, group: readonly number[]): number[] {
  const inGroup = new Uint8Array(k);
  for (const c of group) inGroup[c] = 1;
  const papers: number[] = [];
  for (let i = 0; i < labels.length; i++) if (inGroup[labels[i]]) papers.push(i);
  return papers;
}

/** The theme with `loose` set from its (rounded) quality figures, as run.json shows them. */
function withLooseFlag(theme: Theme & { quality: ThemeQuality }): Theme {
  return { ...theme, loose: isLooseTheme(theme.quality) };
}

/** Sums of a dense k x V row-major matrix over its rows. */
function columnSums(matrix: ArrayLike<number>, k: number, V: number): Float64Array {
  const sums = new Float64Array(V);
  for (let c = 0; c < k; c++) for (let t = 0; t < V; t++) sums[t] += matrix[c * V + t];
  return sums;
}

/** Papers each column occurs in. */
function columnDocumentFrequency(counts: CsrMatrix): Int32Array {
  const df = new Int32Array(counts.cols);
  for (let p = 0; p < counts.indices.length; p++) df[counts.indices[p]]++;
  return df;
}

/** Whether a word (as written or as its lemma) is a vocabulary term spread evenly over the themes. */
function genericWords(columnOf: ReadonlyMap<string, number>, evenness: Float64Array, threshold: number): (word: string) => boolean {
  return (word) => {
    const j = columnOf.get(word);
    return j !== undefined && evenness[j] >= threshold;
  };
}

/** Whether a column's display form is a noun phrase (isNounPhrase, tagged once per column). */
function nounPhraseFilter(vectorizer: TfidfModel, tag: TagPhrase): (column: number) => boolean {
  const known = new Map<number, boolean>();
  return (column) => {
    let ok = known.get(column);
    if (ok === undefined) {
      const text = vectorizer.displayForms[column];
      ok = isNounPhrase(text.split(' '), tag(text));
      known.set(column, ok);
    }
    return ok;
  };
}
