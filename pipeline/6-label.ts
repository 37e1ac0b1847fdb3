import { centroidScores, representatives } from '../src/label/centroidScores.js';
import { classTermCounts } from '../src/label/classTermCounts.js';
import { classTfidf } from '../src/label/classTfidf.js';
import { themeLabel } from '../src/label/themeLabel.js';
import { termRelations, topTerms } from '../src/label/topTerms.js';
import type { Projection2d } from '../src/reduce/project2d.js';
import type { TfidfModel } from '../src/vectorize/tfidf.js';
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
}

/**
 * Stage 6, label. In: cluster labels and centres, term counts, reduced vectors. Out: themes
 * (c-TF-IDF top terms, phrases preferred, a 1-3 word label, representative papers) and each
 * paper's assignment with its cosine score to the theme centre.
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
  const themes: Theme[] = Array.from({ length: k }, (_, c) => {
    const terms = topTerms(
      weights.subarray(c * V, (c + 1) * V),
      counts.subarray(c * V, (c + 1) * V),
      vectorizer.vocabulary,
      vectorizer.displayForms,
      relations,
      { count: params.topTermCount, absorbShare: params.absorbShare },
    );
    return {
      id: c,
      label: themeLabel(terms),
      size: sizes[c],
      topTerms: terms,
      representativeIds: closest[c].map((i) => input.papers[i].id),
    };
  });
  const assignments = input.papers.map((paper, i) => ({
    paperId: paper.id,
    themeId: input.labels[i],
    score: scores[i],
    x: input.map.x[i],
    y: input.map.y[i],
  }));
  return { themes, assignments };
}
