import { defaultDims } from './4-reduce.js';
import { defaultKRange, type PipelineOptions } from './options.js';

/** An option the corpus cannot honour, lowered to what it allows. */
export interface Clamp {
  /** The option as typed, without its dashes: `dims`, `k-range`, `k`. */
  option: string;
  requested: string;
  used: string;
  /** The warning line: what was asked, why it cannot be, what is used instead. */
  warning: string;
}

export interface CorpusBoundedOptions {
  dims: number;
  kRange: [number, number];
  k: number | 'auto';
  /** Options given beyond the corpus, in the order dims, k-range, k; empty when all fit. */
  clamps: Clamp[];
}

/**
 * Dims and k as this corpus allows them. The SVD has at most min(papers, terms) components
 * (it computes no more whatever is asked), and k-means at most papers - 1 themes. Values
 * chosen by default always fit; given ones beyond the corpus are lowered and reported, so
 * run.json and the report say what was used rather than what was asked.
 */
export function boundByCorpus(
  options: Pick<PipelineOptions, 'dims' | 'kRange' | 'k'>,
  papers: number,
  terms: number,
): CorpusBoundedOptions {
  const clamps: Clamp[] = [];
  const maxDims = Math.min(papers, terms);
  let dims = options.dims ?? defaultDims(papers, terms);
  if (dims > maxDims) {
    clamps.push({
      option: 'dims', requested: String(dims), used: String(maxDims),
      warning: `--dims ${dims}: the corpus allows at most ${maxDims} components (${papers} papers, ${terms} terms); using ${maxDims}`,
    });
    dims = maxDims;
  }
  const maxK = papers - 1;
  const allowsAtMost = `${papers} papers allow at most k = ${maxK}`;
  let kRange = options.kRange ?? defaultKRange(papers);
  if (kRange[1] > maxK) {
    const used: [number, number] = [Math.min(kRange[0], maxK), maxK];
    clamps.push({
      option: 'k-range', requested: kRange.join('-'), used: used.join('-'),
      warning: `--k-range ${kRange.join('-')}: ${allowsAtMost}; searching ${used.join('-')}`,
    });
    kRange = used;
  }
  let k = options.k;
  if (k !== 'auto' && k > maxK) {
    clamps.push({ option: 'k', requested: String(k), used: String(maxK), warning: `--k ${k}: ${allowsAtMost}; using ${maxK}` });
    k = maxK;
  }
  return { dims, kRange, k, clamps };
}

/**
 * The parameters that show a clamp (run.json and the report): each option's requested
 * value beside the one used, and one `clamped` line listing them. Nothing when none was.
 */
export function clampParameters(clamps: readonly Clamp[]): Record<string, string | number> {
  if (clamps.length === 0) return {};
  const requested = Object.fromEntries(clamps.map((c) => [
    `${c.option.replace('-', '_')}_requested`, /^\d+$/.test(c.requested) ? Number(c.requested) : c.requested,
  ]));
  return { ...requested, clamped: clamps.map((c) => `${c.option} ${c.requested} -> ${c.used}`).join('; ') };
}
