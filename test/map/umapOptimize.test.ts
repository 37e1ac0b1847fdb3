import { describe, expect, it } from 'vitest';
import { fuzzyGraph } from '../../src/map/fuzzyGraph.js';
import { nearestByDot } from '../../src/map/nearestByDot.js';
import { umapCurve } from '../../src/map/umapCurve.js';
import { umapOptimize } from '../../src/map/umapOptimize.js';
import { mapSilhouette } from '../../src/metrics/mapSilhouette.js';
import { createRandom } from '../../src/random/seededRandom.js';
import { plantedClusters } from './plantedClusters.js';

describe('umapOptimize', () => {
  const { X, labels } = plantedClusters(4, 40, 20, 0.12, 9);
  const graph = fuzzyGraph(nearestByDot(X, X, 10, true));
  const { a, b } = umapCurve(0.1, 1);
  const start = () => Float64Array.from({ length: 2 * X.rows }, (_, i) => Math.sin(i * 78.233) * 10);
  const all = Int32Array.from({ length: X.rows }, (_, i) => i);
  const silhouetteOf = (e: Float64Array) => mapSilhouette(e.filter((_, i) => i % 2 === 0), e.filter((_, i) => i % 2 === 1), labels, 4, all);

  it('pulls neighbours together and pushes the rest apart: mixed points become one region per cluster', () => {
    const embedding = start();
    expect(silhouetteOf(embedding)).toBeLessThan(0.1);
    umapOptimize(graph, embedding, { epochs: 200, a, b, negativeRate: 5, repulsion: 1, random: createRandom(1) });
    expect(silhouetteOf(embedding)).toBeGreaterThan(0.6);
  });

  it('needs the repulsion: without negative samples each cluster collapses onto a point', () => {
    const withinSpread = (e: Float64Array) => {
      let total = 0;
      for (let c = 0; c < 4; c++) {
        const members = [...all].filter((i) => labels[i] === c);
        const mx = members.reduce((s, i) => s + e[2 * i], 0) / members.length;
        const my = members.reduce((s, i) => s + e[2 * i + 1], 0) / members.length;
        total += members.reduce((s, i) => s + Math.hypot(e[2 * i] - mx, e[2 * i + 1] - my), 0) / members.length;
      }
      return total / 4;
    };
    const collapsed = start();
    umapOptimize(graph, collapsed, { epochs: 200, a, b, negativeRate: 5, repulsion: 0, random: createRandom(1) });
    const repelled = start();
    umapOptimize(graph, repelled, { epochs: 200, a, b, negativeRate: 5, repulsion: 1, random: createRandom(1) });
    expect(withinSpread(collapsed)).toBeLessThan(0.2 * withinSpread(repelled));
  });

  it('changes nothing with zero epochs', () => {
    const embedding = start();
    umapOptimize(graph, embedding, { epochs: 0, a, b, negativeRate: 5, repulsion: 1, random: createRandom(1) });
    expect(Array.from(embedding)).toEqual(Array.from(start()));
  });
});
