import { join } from 'node:path';
import { assignmentsCsv } from '../src/export/assignmentsCsv.js';
import { csvFile } from '../src/export/csvCell.js';
import { hierarchyCsv } from '../src/export/hierarchyCsv.js';
import { themesCsv } from '../src/export/themesCsv.js';
import { stageFolder, type StagedFolder } from '../src/io/replaceFolder.js';
import { renderReport } from '../src/report/renderReport.js';
import { libraryVersions } from '../src/io/libraryVersions.js';
import { encodeModelFiles } from '../src/model/modelFiles.js';
import { themeModelFiles, type ThemeModel } from '../src/model/themeModel.js';
import type { RunSummary } from '../src/types.js';
import { MODEL_FOLDER } from './assign.js';
import type { RunRecord } from './runRecord.js';

export const REPORT_FILES = {
  assignments: 'assignments.csv',
  themes: 'themes.csv',
  hierarchy: 'hierarchy.csv',
  html: 'index.html',
  run: 'run.json',
} as const;

/** A run's folder written but not yet in place: see {@link report} and {@link commitReport}. */
export interface StagedReport {
  /** The paths the report's files will have once the folder is committed. */
  files: string[];
  folder: StagedFolder;
  /** The model's files as written under model/ (what run.json's `model` entry describes). */
  modelFiles: Array<[string, Uint8Array | string]>;
}

/**
 * Stage 8, report and export. In: the run summary and the fitted ThemeModel. Out:
 * assignments.csv, themes.csv, hierarchy.csv, index.html and model/, written into a new
 * folder beside `out` that {@link commitReport} swaps in whole once run.json (written
 * last, once this stage's own timing is known) is added. Shared by run, relabel and the
 * nightly job.
 */
export function report(input: { summary: RunSummary; model: ThemeModel }, params: { out: string; csvBom: boolean }): StagedReport {
  const contents = reportFiles(input.summary, { csvBom: params.csvBom });
  const modelFiles = encodeModelFiles(themeModelFiles(input.model), `paper-themes ${libraryVersions()['paper-themes']}`);
  const folder = stageFolder(params.out);
  try {
    const files = contents.map(([name, content]) => {
      folder.write(name, content);
      return join(params.out, name);
    });
    for (const [name, content] of modelFiles) folder.writeBytes(join(MODEL_FOLDER, name), content);
    return { files, folder, modelFiles };
  } catch (error) {
    folder.discard();
    throw error;
  }
}

/** Writes run.json into the staged folder and puts the folder in place; returns every path written. */
export function commitReport(staged: StagedReport, out: string, record: RunRecord): string[] {
  staged.folder.write(REPORT_FILES.run, `${JSON.stringify(record, null, 2)}\n`);
  staged.folder.commit();
  return [...staged.files, join(out, REPORT_FILES.run)];
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
