import { describe, expect, it } from 'vitest';
import { classTermCounts } from '../../src/label/classTermCounts.js';
import { classTfidf, classTfidfRow } from '../../src/label/classTfidf.js';
import { groupStatistics, type ThemeTermStatistics } from '../../src/label/groupStatistics.js';
import { classEvenness, termEvenness, termPresence } from '../../src/label/termPresence.js';
import { csrFromDense } from '../../src/linalg/csr.js';
import { createRandom } from '../../src/random/seededRandom.js';

/** 60 papers over 30 terms in 6 themes (theme 5 empty), whole counts as countTerms gives them; term c is theme c's. */
const K = 6;
const V = 30;
const random = createRandom(7);
const labels = Int32Array.from({ length: 60 }, (_, i) => (i % 9 === 8 ? 3 : i % 5));
const rows = Array.from(labels, (c) => Array.from({ length: V }, (_, t) => {
  const own = t === c ? 3 : 0;
  return random() < 0.2 + (t < 5 ? 0 : 0.1) ? own + 1 + Math.floor(random() * 4) : own;
}));
rows[0].fill(0); // a paper without any term
const counts = csrFromDense(rows);
const themeCounts = classTermCounts(counts, labels, K);
const themePresence = termPresence(counts, labels, K, 2);
const sizes = Array.from({ length: K }, (_, c) => labels.filter((l) => l === c).length);
const termTotals = new Float64Array(V);
for (let c = 0; c < K; c++) for (let t = 0; t < V; t++) termTotals[t] += themeCounts[c * V + t];
const themes: ThemeTermStatistics = { counts: themeCounts, presence: themePresence, sizes, termTotals };

/**
 * The partition with `group` as class 0 and the other themes as classes 1.. in id order, as
 * k x V matrices of summed theme rows (what the label stage built per merge before).
 */
function partition(group: readonly number[]) {
  const others = Array.from({ length: K }, (_, c) => c).filter((c) => !group.includes(c));
  const classes = others.length + 1;
  const classCounts = new Float64Array(classes * V);
  const presence = new Float32Array(classes * V);
  const classSizes = new Array<number>(classes).fill(0);
  for (let c = 0; c < K; c++) {
    const to = group.includes(c) ? 0 : others.indexOf(c) + 1;
    classSizes[to] += sizes[c];
    for (let t = 0; t < V; t++) {
      classCounts[to * V + t] += themeCounts[c * V + t];
      presence[to * V + t] += themePresence[c * V + t];
    }
  }
  return {
    classes, classSizes, counts: classCounts.subarray(0, V), presence: presence.subarray(0, V),
    weights: classTfidf(classCounts, classes, V).subarray(0, V), evenness: termEvenness(presence, classSizes, V),
  };
}

describe('groupStatistics: a union of themes against the other themes, from the themes\u2019 statistics', () => {
  const groups = [[2], [0, 3], [1, 2, 5], [0, 1, 2, 3, 5], [4], [3, 4], [0, 1, 2, 3, 4, 5]];

  it('gives, to the bit, the union\u2019s row of the partition\u2019s counts, presence, c-TF-IDF and evenness', () => {
    for (const group of groups) {
      const stats = groupStatistics(themes, group);
      const expected = partition(group);
      expect(stats.classes, `${group}`).toBe(expected.classes);
      expect(stats.size).toBe(expected.classSizes[0]);
      expect(Array.from(stats.counts)).toEqual(Array.from(expected.counts));
      expect(Array.from(stats.presence)).toEqual(Array.from(expected.presence));
      expect(Array.from(stats.weights)).toEqual(Array.from(expected.weights));
      expect(Array.from({ length: V }, (_, t) => stats.evenness(t))).toEqual(Array.from(expected.evenness));
    }
  });

  it('sums the counts of the union\u2019s papers, as classTermCounts of the merged labels does', () => {
    const group = [1, 2, 5];
    const merged = Int32Array.from(labels, (c) => (group.includes(c) ? 0 : 1));
    expect(Array.from(groupStatistics(themes, group).counts)).toEqual(Array.from(classTermCounts(counts, merged, 2).subarray(0, V)));
    expect(groupStatistics(themes, group).size).toBe(merged.filter((c) => c === 0).length);
  });

  it('labels a group of one theme with the theme\u2019s own c-TF-IDF row', () => {
    const weights = classTfidf(themeCounts, K, V);
    for (let c = 0; c < K; c++) {
      expect(Array.from(groupStatistics(themes, [c]).weights)).toEqual(Array.from(weights.subarray(c * V, (c + 1) * V)));
    }
  });

  it('has no evenness when the group is every theme (one class)', () => {
    const all = groupStatistics(themes, [0, 1, 2, 3, 4, 5]);
    expect(all.classes).toBe(1);
    expect(all.evenness(0)).toBe(0);
  });
});

describe('classTfidfRow and classEvenness: one row, one term', () => {
  it('gives each row of classTfidf, and zeros for a class without counts', () => {
    const classCounts = Float64Array.from([2, 1, 1, 0, 3, 0, 0, 0, 0]);
    const weights = classTfidf(classCounts, 3, 3);
    const totals = Float64Array.from([2, 4, 1]);
    for (let c = 0; c < 3; c++) {
      const row = classTfidfRow(classCounts.subarray(c * 3, c * 3 + 3), [4, 3, 0][c], totals, 7 / 3, new Float64Array(3));
      expect(Array.from(row)).toEqual(Array.from(weights.subarray(c * 3, c * 3 + 3)));
    }
  });

  it('gives termEvenness of one term from its presence in each class', () => {
    const presence = Float32Array.of(1, 2, 1, 0, 2, 0, 1, 0);
    const evenness = termEvenness(presence, [2, 4], 4);
    for (let t = 0; t < 4; t++) expect(classEvenness([presence[t], presence[4 + t]], [2, 4])).toBe(evenness[t]);
    expect(classEvenness([3], [4])).toBe(0);
    expect(classEvenness([0, 1], [0, 2])).toBe(0);
  });
});
