import { describeIssue } from '../src/ingest/ingestErrors.js';
import { ingest } from './1-ingest.js';
import { defaultDims } from './4-reduce.js';
import { CorpusError } from './corpusError.js';
import { fitThemeModel } from './fitThemeModel.js';
import { LIMITS, OptionError, type PipelineOptions } from './options.js';
import type { StageRecord } from './stageRecord.js';

/**
 * One configuration `evaluate` compares: a name, what it changes, and the change itself as
 * a function of the corpus size (so "half the dimensions" means half of that corpus's
 * default).
 */
export interface Variant {
  name: string;
  description: string;
  options: (base: PipelineOptions, papers: number) => Partial<PipelineOptions>;
}

/** Dimensions of a run with these options: the given ones, else the default for n papers. */
function dimsOf(base: PipelineOptions, papers: number): number {
  return base.dims ?? defaultDims(papers, Number.POSITIVE_INFINITY);
}

/** The configurations `evaluate` knows, each one change from the options given. */
export const VARIANTS: readonly Variant[] = [
  { name: 'default', description: 'the options as given', options: () => ({}) },
  { name: 'no-refine', description: 'k-means themes without the TF-IDF refinement', options: () => ({ refine: false }) },
  { name: 'no-lemmas', description: 'words as written instead of lemmas', options: () => ({ lemmas: false }) },
  { name: 'no-phrases', description: 'single words only, no 2-3 word phrases', options: () => ({ phrases: false }) },
  { name: 'title-x1', description: 'title counted once instead of twice', options: () => ({ titleWeight: 1 }) },
  { name: 'bm25', description: 'BM25 term weights (--bm25-k1, --bm25-b) instead of tf-idf', options: () => ({ weighting: 'bm25' }) },
  { name: 'lsa', description: 'LSA (SVD of the uncentred TF-IDF) instead of PCA', options: () => ({ center: false }) },
  {
    name: 'half-dims', description: 'half the SVD components',
    options: (base, n) => ({ dims: Math.max(2, Math.round(dimsOf(base, n) / 2)) }),
  },
  {
    name: 'double-dims', description: 'twice the SVD components',
    options: (base, n) => ({ dims: Math.min(LIMITS.dims[1], dimsOf(base, n) * 2) }),
  },
];

export const DEFAULT_VARIANTS = VARIANTS.map((v) => v.name);

/** What one configuration gave. */
export interface EvaluationRow {
  variant: string;
  description: string;
  k: number;
  dims: number;
  /** silhouette, npmi, topic_diversity; with gold labels also v_measure, nmi, ari, ... */
  quality: Record<string, number>;
  /** Wall time of steps 2-6 (the tokens cache makes later variants' tokenizing cheap). */
  seconds: number;
  themes: Array<{ id: number; label: string; size: number; silhouette: number; npmi: number; labelF1?: number }>;
}

export interface Evaluation {
  input: string;
  papers: number;
  labelled: boolean;
  rows: EvaluationRow[];
}

/** Variant names, checked: an unknown name is an OptionError naming --variants. */
export function parseVariants(text: string): string[] {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const known = new Set(DEFAULT_VARIANTS);
  const unknown = names.filter((name) => !known.has(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new OptionError('variants', text, `a comma-separated list of ${DEFAULT_VARIANTS.join(', ')}`);
  }
  return [...new Set(names)];
}

/**
 * Ingests the corpus once, then runs steps 2-6 for each variant on it and collects the
 * quality figures, so a user sees what each choice (lemmas, phrases, title weight, centring,
 * dimensions) buys on their own data. Writes nothing but the tokens cache.
 */
export async function evaluate(
  options: PipelineOptions,
  variants: readonly string[],
  log: (line: string) => void = () => {},
  warn: (line: string) => void = log,
): Promise<Evaluation> {
  const corpus = await ingest({ path: options.input }, { strict: options.strict, maxInputMb: options.maxInputMb });
  for (const issue of corpus.issues.slice(0, 20)) warn(`skipped ${issue.file} ${describeIssue(issue)}`);
  const { papers } = corpus;
  if (papers.length < 3) throw new CorpusError(`${papers.length} papers are too few to find themes in (at least 3 are needed)`);
  if (options.k !== 'auto' && options.k >= papers.length) {
    throw new OptionError('k', options.k, `fewer themes than the ${papers.length} papers`);
  }
  const rows: EvaluationRow[] = [];
  for (const name of variants) {
    const variant = VARIANTS.find((v) => v.name === name);
    if (variant === undefined) throw new OptionError('variants', name, `one of ${DEFAULT_VARIANTS.join(', ')}`);
    log(`${variant.name}: ${variant.description}`);
    const started = process.hrtime.bigint();
    const stages: StageRecord[] = [];
    const { fit: fitted } = await fitThemeModel(papers, { ...options, ...variant.options(options, papers.length) }, stages, (line) => log(`  ${line}`), { warn, noReportMap: true });
    rows.push({
      variant: variant.name,
      description: variant.description,
      k: fitted.clusters.k,
      dims: fitted.dims,
      quality: fitted.quality,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      themes: fitted.labelled.themes.map((t) => ({
        id: t.id, label: t.label, size: t.size, silhouette: t.quality!.silhouette, npmi: t.quality!.npmi, labelF1: t.quality!.labelF1,
      })),
    });
  }
  return { input: options.input, papers: papers.length, labelled: 'v_measure' in (rows[0]?.quality ?? {}), rows };
}

/** The comparison as a Markdown table (it reads as plain text in a terminal too). */
export function evaluationTable(evaluation: Evaluation): string {
  const figures = ['silhouette', 'npmi', 'topic_diversity', 'label_f1', 'generic_labels', 'word_pair_labels', ...(evaluation.labelled ? ['v_measure', 'nmi', 'ari'] : [])];
  const header = ['variant', 'k', 'dims', ...figures, 'seconds'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of evaluation.rows) {
    const cells = [row.variant, String(row.k), String(row.dims), ...figures.map((f) => format(row.quality[f])), row.seconds.toFixed(1)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The first variant's themes, one line each: what the figures are about. */
export function themesTable(row: EvaluationRow): string {
  const lines = ['| id | papers | silhouette | NPMI | label F1 | label |', '|---:|---:|---:|---:|---:|---|'];
  for (const t of row.themes) lines.push(`| ${t.id} | ${t.size} | ${format(t.silhouette)} | ${format(t.npmi)} | ${format(t.labelF1)} | ${t.label} |`);
  return lines.join('\n');
}

function format(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(3);
}
