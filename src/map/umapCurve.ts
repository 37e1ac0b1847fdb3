/**
 * UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), with a and b fitted by least
 * squares to the target curve f(d) = 1 for d < minDist, exp(−(d − minDist) / spread)
 * beyond, on 300 points of [0, 3·spread] (as the reference UMAP's find_ab_params). Solved
 * by Gauss–Newton with step halving from a = b = 1; for minDist 0.1, spread 1 it gives
 * a ≈ 1.577, b ≈ 0.895.
 */
export function umapCurve(minDist: number, spread: number): { a: number; b: number } {
  const xs = Array.from({ length: 300 }, (_, i) => (3 * spread * i) / 299);
  const ys = xs.map((x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / spread)));
  const loss = (a: number, b: number) => xs.reduce((s, x, i) => s + (1 / (1 + a * x ** (2 * b)) - ys[i]) ** 2, 0);
  let a = 1;
  let b = 1;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    // J^T J and J^T r for the residuals r_i = model(x_i) − y_i.
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    xs.forEach((x, i) => {
      if (x === 0) return;
      const p = x ** (2 * b);
      const denominator = 1 + a * p;
      const r = 1 / denominator - ys[i];
      const da = -p / denominator ** 2;
      const db = (-a * p * 2 * Math.log(x)) / denominator ** 2;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    });
    const det = jaa * jbb - jab * jab;
    if (det === 0) break;
    let stepA = -(jbb * ga - jab * gb) / det;
    let stepB = -(jaa * gb - jab * ga) / det;
    let improved = false;
    for (let halving = 0; halving < 30; halving++) {
      const next = loss(a + stepA, b + stepB);
      if (a + stepA > 0 && b + stepB > 0 && next <= current) {
        a += stepA;
        b += stepB;
        improved = current - next > 1e-15;
        current = next;
        break;
      }
      stepA /= 2;
      stepB /= 2;
    }
    if (!improved) break;
  }
  return { a, b };
}
