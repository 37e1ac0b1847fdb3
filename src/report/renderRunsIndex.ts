import { format } from 'd3';
import { escapeHtml } from './escapeHtml.js';
import { pageHead } from './pageHead.js';

/** What the runs index shows of one run; read from the run folder's run.json. */
export interface RunListing {
  /** Folder name, relative to the index page. */
  folder: string;
  /** ISO time the run finished; runs without one sort last. */
  finishedAt?: string;
  /** Nightly runs: the night (YYYY-MM-DD); nights sort by it, newest first. */
  night?: string;
  corpus?: string;
  papers?: number;
  themes?: number;
  silhouette?: number;
  /** Nightly: 'refit' or 'fold-in'. */
  kind?: string;
  /** Labels of the largest themes, largest first. */
  topThemes: string[];
}

const formatCount = format(',d');
const formatQuality = format('.3f');

/**
 * Newest first: by night for nightly runs, else by finishing time; runs with neither last,
 * then by folder name for a stable order.
 */
export function sortRuns(runs: readonly RunListing[]): RunListing[] {
  // A night re-run later still sorts as that night.
  const when = (run: RunListing) => run.night ?? run.finishedAt;
  return [...runs].sort((a, b) => {
    const x = when(a);
    const y = when(b);
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return x < y ? 1 : -1;
    }
    return a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0;
  });
}

/**
 * `reports/index.html`: every run folder beside it, newest first, each linking to its
 * report. Static HTML with no script, so it opens anywhere; all text is escaped and folder
 * names are percent-encoded in links.
 */
export function renderRunsIndex(runs: readonly RunListing[]): string {
  const rows = sortRuns(runs).map((run) => {
    const href = `${encodeURIComponent(run.folder)}/index.html`;
    const cell = (value: number | undefined, show: (v: number) => string) =>
      `<td class="num">${value === undefined || !Number.isFinite(value) ? '' : show(value)}</td>`;
    return [
      '<tr>',
      `<td><a href="${escapeHtml(href)}">${escapeHtml(run.folder)}</a></td>`,
      `<td>${escapeHtml(run.finishedAt === undefined ? '' : run.finishedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</td>`,
      `<td>${escapeHtml(`${run.corpus ?? ''}${run.kind === undefined ? '' : ` (${run.kind})`}`)}</td>`,
      cell(run.papers, formatCount),
      cell(run.themes, formatCount),
      cell(run.silhouette, formatQuality),
      `<td>${run.topThemes.map(escapeHtml).join('; ')}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    ...pageHead({ title: 'paper-themes runs', csp: "default-src 'none'; style-src 'unsafe-inline'", style: STYLE }),
    '<main>',
    '<h1>paper-themes runs</h1>',
    `<p class="hint">${formatCount(runs.length)} ${runs.length === 1 ? 'run' : 'runs'}, newest first.` +
      `${runs.some((run) => run.kind === 'fold-in') ? ' A fold-in night assigns its new papers to the themes of the night before and shows the silhouette of the refit those themes come from.' : ''}</p>`,
    '<div class="scroll">',
    '<table>',
    '<thead><tr><th>Run</th><th>Finished (UTC)</th><th>Corpus</th><th>Papers</th><th>Themes</th><th>Silhouette</th><th>Largest themes</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLE = `
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 20px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
.hint { color: #59636e; }
.scroll { overflow-x: auto; background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #d1d9e0; }
th { white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
a { color: #0b57d0; }
`;
