import { parse, type CsvError, type InfoRecord } from 'csv-parse/sync';
import type { IngestIssue, IngestResult, Paper } from '../types.js';
import { IngestError } from './ingestErrors.js';
import { recordIdentity } from './recordIdentity.js';
import { collapseWhitespace } from '../text/collapseWhitespace.js';

/** The usable papers of a CSV file and the rows that were skipped. */
export type CsvParse = Pick<IngestResult, 'papers' | 'issues'>;

/** Column name (lower-case) → index in the header row. */
type Columns = Map<string, number>;

/** Indices of the columns every row needs. */
interface RequiredColumns {
  title: number;
  abstract: number;
}

/** One record as csv-parse found it, with the 1-based line where it starts. */
type Row = { line: number; fields: string[] } | { line: number; error: string };

/** Multi-valued cells (`labels`, `authors`) separate their values with semicolons. */
const LIST_SEPARATOR = ';';

function isBlankRecord(fields: string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/**
 * Runs csv-parse and pairs every record (or record-level error) with the line it starts on.
 * csv-parse reports the line where a record *ends* (quoted fields may span lines), so the
 * start is the first non-blank line after the previous record. Errors become rows instead
 * of aborting the parse, so the records read before them still count.
 */
function readRows(text: string): Row[] {
  // One line-ending convention keeps csv-parse's line count equal to an editor's.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const rows: Row[] = [];
  let previousEnd = 0;
  const startAfter = (end: number): number => {
    let line = end + 1;
    while (line < lines.length && lines[line - 1].trim() === '') line++;
    return line;
  };

  // Rows are collected in the callbacks (which see records and errors in file order), so
  // on_record returns null to keep csv-parse from building a second copy.
  parse(normalised, {
    relax_column_count: true,
    // Stray quotes inside fields (`"Bro"ken`) are kept as text: strict quoting would make
    // csv-parse lose its place and swallow every following row.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return undefined;
      const line = startAfter(previousEnd);
      rows.push({ line, error: `malformed CSV: ${error.message}` });
      // csv-parse gives the line where it noticed the error; the next record starts after it.
      previousEnd = Math.max(typeof error.lines === 'number' ? error.lines : 0, line);
      return undefined;
    },
    on_record: (record: string[], context: InfoRecord) => {
      rows.push({ line: startAfter(previousEnd), fields: record });
      previousEnd = context.lines;
      return null;
    },
  });
  return rows;
}

/** Maps header names case-insensitively; the first of repeated names wins. */
function readHeader(fields: string[]): Columns {
  const columns: Columns = new Map();
  fields.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (!columns.has(key)) columns.set(key, index);
  });
  return columns;
}

/** Throws when a required column is missing: without it no row is usable. */
function requireColumns(columns: Columns, file: string): RequiredColumns {
  const title = columns.get('title');
  const abstract = columns.get('abstract') ?? columns.get('summary');
  const missing = [
    ...(title === undefined ? ['"title"'] : []),
    ...(abstract === undefined ? ['"abstract" (or "summary")'] : []),
  ];
  if (title === undefined || abstract === undefined) {
    const found = [...columns.keys()].filter((k) => k !== '').join(', ') || 'none';
    throw new IngestError(file, `missing required column ${missing.join(' and ')} in the CSV header (found: ${found})`);
  }
  return { title, abstract };
}

function cell(fields: string[], columns: Columns, name: string): string | undefined {
  const index = columns.get(name);
  const value = index === undefined ? undefined : fields[index]?.trim();
  return value === '' ? undefined : value;
}

function listCell(fields: string[], columns: Columns, name: string): string[] | undefined {
  const values = cell(fields, columns, name)
    ?.split(LIST_SEPARATOR)
    .map(collapseWhitespace)
    .filter((v) => v !== '');
  return values && values.length > 0 ? values : undefined;
}

/** Copies only the defined entries, so absent optional fields are absent keys, not `undefined`. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One data row → a paper, or the reason it is unusable. */
function paperFromRow(
  fields: string[],
  columns: Columns,
  required: RequiredColumns,
  width: number,
): Paper | { problem: string } {
  if (fields.length !== width) return { problem: `expected ${width} fields, got ${fields.length}` };
  const title = collapseWhitespace(fields[required.title]);
  const abstract = collapseWhitespace(fields[required.abstract]);
  // An empty title cell is a paper whose title is derived (recordIdentity); no abstract is not.
  if (abstract === '') return { problem: 'empty abstract' };
  const identity = recordIdentity(cell(fields, columns, 'id'), title, abstract);
  return {
    id: identity.id,
    title: identity.title,
    abstract,
    ...definedOnly({
      titleDerived: identity.titleDerived,
      date: cell(fields, columns, 'date'),
      label: cell(fields, columns, 'label'),
      labels: listCell(fields, columns, 'labels'),
      authors: listCell(fields, columns, 'authors'),
      url: cell(fields, columns, 'url'),
    }),
  };
}

/**
 * Parses RFC 4180 CSV with a header row (`title` and `abstract` or `summary` required;
 * `id, date, label, labels, authors, url` optional, names case-insensitive). Rows with the
 * wrong number of fields, an empty abstract or an unclosed quote become issues carrying
 * the line where the row starts; stray quotes inside fields are kept as text. A missing
 * required column is fatal (IngestError).
 *
 * Pure: takes the text and the file name (used in issues and errors).
 */
export function parseCsv(text: string, file: string): CsvParse {
  const rows = readRows(text).filter((row) => 'error' in row || !isBlankRecord(row.fields));
  const header = rows[0];
  if (header === undefined) throw new IngestError(file, 'no CSV header row');
  if ('error' in header) throw new IngestError(file, `unreadable CSV header (line ${header.line}): ${header.error}`);
  const columns = readHeader(header.fields);
  const required = requireColumns(columns, file);

  const papers: Paper[] = [];
  const issues: IngestIssue[] = [];
  for (const row of rows.slice(1)) {
    if ('error' in row) {
      issues.push({ file, line: row.line, problem: row.error });
      continue;
    }
    const result = paperFromRow(row.fields, columns, required, header.fields.length);
    if ('problem' in result) issues.push({ file, line: row.line, problem: result.problem });
    else papers.push(result);
  }
  return { papers, issues };
}
