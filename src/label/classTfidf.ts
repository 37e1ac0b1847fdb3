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
    classTfidfRow(classCounts.subarray(c * V, (c + 1) * V), classTotals[c], termTotals, averagePerClass, weights.subarray(c * V, (c + 1) * V));
  }
  return weights;
}

/**
 * One class's row of classTfidf, W(t, c) for every t, into `out` (length V, zeros): from
 * the class's counts (length V), their total, f(t) (`termTotals`) and A. A row of zeros
 * when the class has no counts. What classTfidf computes for each class; also the row of a
 * class formed by merging others (see groupStatistics), whose f(t) is unchanged.
 */
export function classTfidfRow(counts: Float64Array, classTotal: number, termTotals: Float64Array, averagePerClass: number, out: Float64Array): Float64Array {
  if (classTotal === 0) return out;
  for (let t = 0; t < counts.length; t++) {
    const count = counts[t];
    if (count === 0) continue;
    out[t] = (count / classTotal) * Math.log(1 + averagePerClass / termTotals[t]);
  }
  return out;
}
