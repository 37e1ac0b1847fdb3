import { join } from 'node:path';
import { assignmentsCsv } from '../src/export/assignmentsCsv.js';
import { themesCsv } from '../src/export/themesCsv.js';
import { writeFileAtomic } from '../src/io/writeAtomic.js';
import { renderReport } from '../src/report/renderReport.js';
import type { RunSummary } from '../src/types.js';

export const REPORT_FILES = {
  assignments: 'assignments.csv',
  themes: 'themes.csv',
  html: 'index.html',
  run: 'run.json',
} as const;

/**
 * Stage 7, report and export. In: the run summary. Out: assignments.csv, themes.csv and
 * index.html in `out`, each written atomically (run.json is written last, by the runner,
 * once this stage's own timing is known). Returns the paths written.
 */
export function report(input: { summary: RunSummary }, params: { out: string }): string[] {
  return reportFiles(input.summary).map(([name, content]) => {
    const path = join(params.out, name);
    writeFileAtomic(path, content);
    return path;
  });
}

/** The report's files as (name, content): assignments.csv, themes.csv and index.html. */
export function reportFiles(summary: RunSummary): Array<[string, string]> {
  return [
    [REPORT_FILES.assignments, assignmentsCsv(summary)],
    [REPORT_FILES.themes, themesCsv(summary)],
    [REPORT_FILES.html, renderReport(summary)],
  ];
}
