/**
 * Class-based TF-IDF (Grootendorst 2022, as in BERTopic): each class is treated as one
 * long document.
 *
 *   W(t, c) = tf(t, c) * ln(1 + A / f(t))
 *   tf(t, c) = count of t in class c / total count of all terms in class c
 *   f(t)     = count of t over all classes
 *   A        = average total count per class
 *
 * Input and output are dense k x V row-major matrices (k classes, V terms).
 */
export function classTfidf(classCounts: Float64Array, k: number, vocabularySize: number): Float64Array {
  const V = vocabularySize;
  const termTotals = new Float64Array(V);
  const classTotals = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < V; t++) {
      termTotals[t] += classCounts[c * V + t];
      classTotals[c] += classCounts[c * V + t];
    }
  }
  let grandTotal = 0;
  for (let c = 0; c < k; c++) grandTotal += classTotals[c];
  const averagePerClass = grandTotal / k;
  const weights = new Float64Array(k * V);
  for (let c = 0; c < k; c++) {
    if (classTotals[c] === 0) continue;
    for (let t = 0; t < V; t++) {
      const count = classCounts[c * V + t];
      if (count === 0) continue;
      weights[c * V + t] = (count / classTotals[c]) * Math.log(1 + averagePerClass / termTotals[t]);
    }
  }
  return weights;
}
