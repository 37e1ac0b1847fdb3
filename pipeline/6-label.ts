import { centroidScores, representatives } from '../src/label/centroidScores.js';
import { classTermCounts } from '../src/label/classTermCounts.js';
import { classTfidf } from '../src/label/classTfidf.js';
import { themeLabel } from '../src/label/themeLabel.js';
import { termRelations, topTerms } from '../src/label/topTerms.js';
import type { Projection2d } from '../src/reduce/project2d.js';
import type { TfidfModel } from '../src/vectorize/tfidf.js';
import { npmiCoherence } from '../src/metrics/npmi.js';
import { silhouetteByCluster } from '../src/metrics/silhouette.js';
import { topicDiversity } from '../src/metrics/topicDiversity.js';
import { round } from './stageRecord.js';
import type { Assignment, CsrMatrix, DenseMatrix, Paper, Theme } from '../src/types.js';

export interface LabelParams {
  topTermCount: number;
  representativeCount: number;
  /** See TopTermsParams.absorbShare. */
  absorbShare: number;
}

export interface LabelInput {
  papers: readonly Paper[];
  counts: CsrMatrix;
  vectorizer: TfidfModel;
  vectors: DenseMatrix;
  map: Projection2d;
  labels: Int32Array;
  centres: Float64Array;
  k: number;
}

export interface LabelOutput {
  themes: Theme[];
  assignments: Assignment[];
  /** Mean NPMI of the themes' top terms and the topic diversity of all top terms. */
  coherence: { npmi: number; diversity: number };
}

/**
 * Stage 6, label. In: cluster labels and centres, term counts, reduced vectors. Out: themes
 * (c-TF-IDF top terms, phrases preferred, a 1-3 word label, representative papers, and
 * their quality: silhouette, NPMI coherence of the top terms, share of unique top terms),
 * each paper's assignment with its cosine score to the theme centre, and the run's
 * coherence and topic diversity (over the top `topTermCount` terms of each theme).
 */
export function label(input: LabelInput, params: LabelParams): LabelOutput {
  const { k, vectorizer } = input;
  const V = vectorizer.vocabulary.length;
  const counts = classTermCounts(input.counts, input.labels, k);
  const weights = classTfidf(counts, k, V);
  const scores = centroidScores(input.vectors, input.centres, input.labels);
  const closest = representatives(scores, input.labels, k, params.representativeCount);
  const relations = termRelations(vectorizer.vocabulary);
  const sizes = new Array<number>(k).fill(0);
  input.labels.forEach((c) => sizes[c]++);
  const ranked = Array.from({ length: k }, (_, c) =>
    topTerms(
      weights.subarray(c * V, (c + 1) * V),
      counts.subarray(c * V, (c + 1) * V),
      vectorizer.vocabulary,
      vectorizer.displayForms,
      relations,
      { count: params.topTermCount, absorbShare: params.absorbShare },
    ));
  const columns = ranked.map((terms) => terms.map((t) => t.column));
  const coherence = npmiCoherence(input.counts, columns);
  const diversity = topicDiversity(columns);
  const silhouettes = sizes.filter((size) => size > 0).length < 2
    ? new Float64Array(k)
    : silhouetteByCluster(input.vectors, input.labels);
  const themes: Theme[] = ranked.map((terms, c) => ({
    id: c,
    label: themeLabel(terms),
    size: sizes[c],
    topTerms: terms.map(({ term, weight }) => ({ term, weight })),
    representativeIds: closest[c].map((i) => input.papers[i].id),
    quality: {
      silhouette: round(silhouettes[c] ?? Number.NaN, 6),
      npmi: round(coherence.perTheme[c], 6),
      uniqueTerms: round(diversity.perTheme[c], 6),
    },
  }));
  const assignments = input.papers.map((paper, i) => ({
    paperId: paper.id,
    themeId: input.labels[i],
    score: scores[i],
    x: input.map.x[i],
    y: input.map.y[i],
  }));
  return { themes, assignments, coherence: { npmi: round(coherence.mean, 6), diversity: round(diversity.overall, 6) } };
}
