/**
 * The project's own vocabulary. Every stage speaks these types; wink-nlp, ml-* and vega
 * objects never leave their adapters.
 */

/**
 * One research paper as ingested. `id` is always set: arXiv ids in their normalised form
 * (`1811.00783`), other source ids trimmed, and for records without one an id derived from
 * the title (`t-...`), or from the abstract when there is no title either (`a-...`).
 */
export interface Paper {
  id: string;
  /** The paper's title; for a record without one, the first sentence of its abstract (see `titleDerived`). */
  title: string;
  /** Set when the record had no title and `title` was derived from the abstract. */
  titleDerived?: true;
  abstract: string;
  date?: string;
  /** Gold label, when the input is labelled (benchmark corpora). */
  label?: string;
  labels?: string[];
  authors?: string[];
  url?: string;
}

export type InputFormat = 'seed-page' | 'jsonl' | 'csv';

/** A recoverable problem with one record of an input file: reported, skipped. */
export interface IngestIssue {
  file: string;
  /** 1-based line number where the bad record starts. */
  line: number;
  problem: string;
}

/** A record dropped because it is a paper already kept (see src/ingest/paperIdentity.ts). */
export interface DuplicateRecord {
  /** Id of the kept paper. */
  kept: string;
  /** Id of the dropped record, as it was read. */
  dropped: string;
  rule: 'same id' | 'same title and abstract';
}

export interface IngestResult {
  papers: Paper[];
  issues: IngestIssue[];
  /** How many records were dropped as duplicates (`duplicates.length`). */
  duplicatesDropped: number;
  /** Every dropped duplicate, in file order. */
  duplicates: DuplicateRecord[];
  format: InputFormat;
  /** Date printed on the source, when it has one (the seed page shows e.g. "Mar 12"). */
  corpusDate?: string;
}

/**
 * Compressed sparse rows. Row r's entries are `indices[indptr[r] .. indptr[r+1])` with
 * values at the same positions; column indices are strictly increasing within a row.
 */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array; // length rows + 1
  indices: Int32Array; // length nnz
  values: Float64Array; // length nnz
}

/** Dense row-major matrix: element (r, c) is `data[r * cols + c]`. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface WeightedTerm {
  /** Display form, e.g. "model merging" (the most frequent surface form of the feature). */
  term: string;
  weight: number;
}

/** A theme (cluster) after labelling. Ids are 0..k-1, ordered by size, largest first. */
export interface Theme {
  id: number;
  /** One or two phrases as written in the papers, lower case, joined by " · " (the CSVs' text). */
  label: string;
  /** The label as a heading ("Monte Carlo tree search"), as the report shows it. */
  heading?: string;
  size: number;
  topTerms: WeightedTerm[];
  /** Paper ids closest to the theme centroid, closest first. */
  representativeIds: string[];
  /** How good the theme is; every run sets it (optional for hand-made themes). */
  quality?: ThemeQuality;
  /** Weak: silhouette and NPMI both low (src/metrics/looseThemes.ts). Flagged, never hidden. */
  loose?: boolean;
  /** The label is the user's (--labels, the nightly config's pins), not chosen by the label stage. */
  pinned?: boolean;
  /** For a pinned theme, the label and heading the label stage chose (what it reads as once the pin is removed). */
  chosen?: { label: string; heading: string };
}

/** Per-theme quality figures (see src/metrics). */
export interface ThemeQuality {
  /** Mean cosine silhouette of the theme's papers, in [-1, 1]. */
  silhouette: number;
  /** NPMI coherence of the theme's top-10 terms over the corpus, in [-1, 1]. */
  npmi: number;
  /** Share of its top-10 terms that no other theme has among its top 10. */
  uniqueTerms: number;
  /** The label used as a query over titles and abstracts: share of the papers it finds that are the theme's. */
  labelPrecision?: number;
  /** ... and share of the theme's papers it finds. */
  labelRecall?: number;
  labelF1?: number;
}

/** Where one paper landed. */
export interface Assignment {
  paperId: string;
  themeId: number;
  /** Cosine similarity between the paper's reduced vector and its theme centroid. */
  score: number;
  /** 2-D map coordinates (projection of the reduced vectors). */
  x: number;
  y: number;
  /** Score far below the theme's median (src/metrics/looseFits.ts); the paper is still assigned. */
  looseFit?: boolean;
}

/** Everything the HTML report and the CSV exports need; plain data, no library objects. */
export interface RunSummary {
  /** Human name of the corpus, e.g. the input file's base name. */
  corpusName: string;
  corpusDate?: string;
  parameters: Record<string, string | number | boolean>;
  /** Quality figures by name (silhouette, v_measure, nmi, ari, ...). */
  quality: Record<string, number>;
  /** How `--k auto` chose k: the silhouette of each k tried. Absent when k was given. */
  kSelection?: KSelectionSummary;
  /** Nightly runs: how themes grew, appeared and faded over the nights. */
  trends?: ThemeTrends;
  /** How the themes relate: their hierarchy, similarities and intertopic map (see ThemeViews). */
  themeViews?: ThemeViews;
  /** Themes joined (--merge, --reduce-to, the nightly config's merges): each under the id it keeps, with the ids it joined. */
  merged?: Array<{ id: number; themes: number[] }>;
  /** Same order as `assignments`. */
  papers: Paper[];
  assignments: Assignment[];
  themes: Theme[];
}

/** How `--k auto` chose k, as the report and run.json show it. */
export interface KSelectionSummary {
  criterion: string;
  chosen: number;
  /** The end of the sentence "k = N, ...": the rule, or why last night's k was kept. */
  reason: string;
  /** When the chosen k is at the top (or, above 2, the bottom) of the range searched. */
  edge?: { edge: 'top' | 'bottom'; note: string; suggestedRange: [number, number] | null };
  curve: Array<{ k: number; silhouette: number }>;
}

/** Themes over the nights of the nightly job (see src/nightly/themeTrends.ts). */
export interface ThemeTrends {
  nights: string[];
  /**
   * Per (night, theme): `papers`, the theme's size that night (the store's papers it held),
   * and `gained`, the papers it took of that night's new ones (papers no earlier night had
   * clustered); null for a night stored without it.
   */
  series: Array<{ night: string; themeId: number; label: string; papers: number; gained: number | null }>;
  /** New papers tonight: clustered tonight and not by last night's run. */
  newPapers: number;
  /**
   * Tonight's themes, largest first: last night's size (null: new), tonight's gain, the gain
   * its share of last night's papers predicts (`expected`, null for a new theme), the status
   * (src/nightly/themeTrends.ts) and last night's label when it differs (`was`).
   */
  tonight: Array<{
    id: number; label: string; size: number; previous: number | null; gained: number; expected: number | null;
    status: 'new' | 'growing' | 'fading' | 'steady'; was: string | null;
  }>;
  /** Last night's themes not found tonight. */
  ended: Array<{ id: number; label: string; size: number }>;
  /** Themes of these nights whose label changed under their id: each label, with the night it first had it. */
  labelHistory: Array<{ id: number; labels: Array<{ night: string; label: string }> }>;
  /** Run-level quality falling night over night (src/nightly/qualityTrend.ts); empty when not. */
  qualityWarnings: QualityWarning[];
}

/** A run-level quality figure falling night over night (src/nightly/qualityTrend.ts). */
export interface QualityWarning {
  metric: 'silhouette' | 'npmi';
  rule: 'falling' | 'below-best';
  /** The nights the rule looked at, oldest first, the last being tonight. */
  values: Array<{ night: string; value: number }>;
  /** One sentence, as the report, the log and run.json say it. */
  note: string;
}

/**
 * Theme-level views (issue 15), computed from the theme centroids in the reduced space:
 * an average-linkage hierarchy on cosine distance, the centroids' cosine similarities, and
 * an intertopic map (classical MDS of the cosine distances). Numbers are rounded as shown.
 */
export interface ThemeViews {
  /** Theme ids in the dendrogram's leaf order (also the heatmap's rows and columns). */
  leafOrder: number[];
  /** Cosine similarity of the theme centroids: row i, column j for leafOrder[i], leafOrder[j]; 4 decimals. */
  similarity: number[][];
  /** Each theme's place in the intertopic map, in theme order; 4 decimals. */
  positions: Array<{ themeId: number; x: number; y: number }>;
  /** The merges in the order made (distance never decreasing); the last is the root. */
  merges: ThemeMerge[];
}

/**
 * One merge of the theme hierarchy. Nodes are theme ids or merge numbers; merges are
 * numbered from the largest theme id + 1 up (k to 2k - 2 when the ids are 0 to k - 1).
 */
export interface ThemeMerge {
  node: number;
  /**
   * The two nodes joined, left drawn above right (the leaf order visits left first); in a
   * run the lower number is left, in the nightly job the lower cluster number before renaming.
   */
  left: number;
  right: number;
  /** Average cosine distance between the two nodes' theme centroids; 6 decimals. */
  distance: number;
  /** Papers under the node. */
  size: number;
  /** Theme ids under the node, ascending. */
  themes: number[];
  /** The label of the union of those themes' papers, lower case (as theme labels). */
  label: string;
  /** The label as a heading. */
  heading: string;
}
