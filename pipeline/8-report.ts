import { join } from 'node:path';
import { assignmentsCsv } from '../src/export/assignmentsCsv.js';
import { csvFile } from '../src/export/csvCell.js';
import { hierarchyCsv } from '../src/export/hierarchyCsv.js';
import { themesCsv } from '../src/export/themesCsv.js';
import { stageFolder, type StagedFolder } from '../src/io/replaceFolder.js';
import { renderReport } from '../src/report/renderReport.js';
import type { RunSummary } from '../src/types.js';

export const REPORT_FILES = {
  assignments: 'assignments.csv',
  themes: 'themes.csv',
  hierarchy: 'hierarchy.csv',
  html: 'index.html',
  run: 'run.json',
} as const;

/**
 * Stage 7, report and export. In: the run summary. Out: assignments.csv, themes.csv,
 * hierarchy.csv and index.html, written into a new folder beside `out` that the runner swaps in whole once it
 * has added run.json (written last, once this stage's own timing is known). Returns the
 * paths the files will have and the folder, still to be committed.
 */
export function report(input: { summary: RunSummary }, params: { out: string; csvBom: boolean }): { files: string[]; folder: StagedFolder } {
  const contents = reportFiles(input.summary, { csvBom: params.csvBom });
  const folder = stageFolder(params.out);
  const files = contents.map(([name, content]) => {
    folder.write(name, content);
    return join(params.out, name);
  });
  return { files, folder };
}

/**
 * The report's files as (name, content): assignments.csv, themes.csv, hierarchy.csv and
 * index.html; the CSVs start with a UTF-8 byte order mark when `csvBom` is set (for Excel:
 * see csvFile).
 */
export function reportFiles(summary: RunSummary, options: { csvBom: boolean }): Array<[string, string]> {
  const bom = { bom: options.csvBom };
  return [
    [REPORT_FILES.assignments, csvFile(assignmentsCsv(summary), bom)],
    [REPORT_FILES.themes, csvFile(themesCsv(summary), bom)],
    [REPORT_FILES.hierarchy, csvFile(hierarchyCsv(summary), bom)],
    [REPORT_FILES.html, renderReport(summary)],
  ];
}
