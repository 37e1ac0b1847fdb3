import type { FeatureCorpus } from '../src/tokenize/phrases.js';
import { countTerms, fitTfidf, weightTfidf, type TfidfModel, type TfidfParams } from '../src/vectorize/tfidf.js';
import type { CsrMatrix } from '../src/types.js';

export interface VectorizeOutput {
  model: TfidfModel;
  /** Raw counts, papers x vocabulary (the labelling stage needs them). */
  counts: CsrMatrix;
  /** Term weights (tf-idf or BM25, see weightTfidf), papers x vocabulary, l2-normalised rows. */
  tfidf: CsrMatrix;
}

/** Stage 3, vectorize. In: features per paper. Out: the fitted vectorizer and sparse matrices. */
export function vectorize(input: { features: FeatureCorpus }, params: TfidfParams): VectorizeOutput {
  const model = fitTfidf(input.features, params);
  const counts = countTerms(model, input.features);
  return { model, counts, tfidf: weightTfidf(model, counts) };
}
