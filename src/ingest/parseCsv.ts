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

/** One record as csv-parse found it, with the 1-based lines where it starts and ends. */
type Row = { line: number; lastLine: number; fields: string[] } | { line: number; error: string };

/** Multi-valued cells (`labels`, `authors`) separate their values with semicolons. */
const LIST_SEPARATOR = ';';

/**
 * Unclosed quotes a file may have before it is refused: each one costs a new parse of the
 * rest of the file, and a file with this many is not CSV with RFC 4180 quoting.
 */
const MAX_UNCLOSED_QUOTES = 100;

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

function isBlankRecord(fields: string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/**
 * The line (0-based, within `raw`) where a quoted field opens that runs over a line break
 * without being closed properly: it reaches the end of `raw`, or meets a lone quote (not
 * doubled, not followed by a comma or the end of the record) after swallowing a line break.
 * That is an unclosed quote eating the following rows; csv-parse's relax_quotes would keep
 * them as text of the field. A stray quote before any line break ("Bro"ken) is left to
 * relax_quotes, as are well-formed multi-line fields. -1 when there is none.
 */
function unclosedQuoteLine(raw: string): number {
  const n = raw.length;
  let line = 0;
  let i = 0;
  while (i < n) {
    if (raw.charCodeAt(i) === QUOTE) {
      const openLine = line;
      i++;
      for (;;) {
        if (i >= n) return openLine;
        const c = raw.charCodeAt(i);
        if (c === QUOTE) {
          const next = raw.charCodeAt(i + 1);
          if (next === QUOTE) {
            i += 2;
            continue;
          }
          i++;
          if (i >= n || next === COMMA || next === NEWLINE) break;
          if (line > openLine) return openLine;
          break;
        }
        if (c === NEWLINE) line++;
        i++;
      }
    }
    while (i < n && raw.charCodeAt(i) !== COMMA && raw.charCodeAt(i) !== NEWLINE) i++;
    if (raw.charCodeAt(i) === NEWLINE) line++;
    i++;
  }
  return -1;
}

/** Thrown from csv-parse's callback to stop at an unclosed quote; parsing resumes after its line. */
class UnclosedQuote {
  constructor(readonly rowLine: number, readonly quoteLine: number) {}
}

/**
 * Runs csv-parse over `text`, the file from line `from` on, and pairs every record (or record-level error)
 * with the lines it spans. csv-parse reports the line where a record *ends* (quoted fields
 * may span lines), so the start is the first non-blank line after the previous record.
 * Errors become rows instead of aborting the parse, so the records read before them still
 * count. Returns the rows and, when a row holds an unclosed quote, where it was opened.
 */
function readSegment(text: string, lines: readonly string[], from: number): { rows: Row[]; unclosed?: UnclosedQuote } {
  const rows: Row[] = [];
  let previousEnd = from - 1;
  const startAfter = (end: number): number => {
    let line = end + 1;
    while (line < lines.length && lines[line - 1].trim() === '') line++;
    return line;
  };
  /** The unclosed quote in lines start..end, if any. */
  const unclosedIn = (start: number, end: number): UnclosedQuote | undefined => {
    const offset = unclosedQuoteLine(lines.slice(start - 1, end).join('\n'));
    return offset < 0 ? undefined : new UnclosedQuote(start, start + offset);
  };
  const absolute = (segmentLine: number) => from - 1 + segmentLine;

  try {
    // Rows are collected in the callbacks (which see records and errors in file order), so
    // on_record returns null to keep csv-parse from building a second copy.
    parse(text, {
      relax_column_count: true,
      // Stray quotes inside fields (`"Bro"ken`) are kept as text; an unclosed quote that
      // runs over line breaks is caught by unclosedQuoteLine.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (!error) return undefined;
        const line = startAfter(previousEnd);
        if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
          const unclosed = unclosedIn(line, lines.length);
          if (unclosed) throw unclosed;
        }
        rows.push({ line, error: `malformed CSV: ${error.message}` });
        // csv-parse gives the line where it noticed the error; the next record starts after it.
        previousEnd = Math.max(typeof error.lines === 'number' ? absolute(error.lines) : 0, line);
        return undefined;
      },
      on_record: (record: string[], context: InfoRecord) => {
        const line = startAfter(previousEnd);
        const lastLine = absolute(context.lines);
        if (lastLine > line) {
          const unclosed = unclosedIn(line, lastLine);
          if (unclosed) throw unclosed;
        }
        rows.push({ line, lastLine, fields: record });
        previousEnd = lastLine;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof UnclosedQuote) return { rows, unclosed: error };
    throw error;
  }
  return { rows };
}

/**
 * All records of the file (see readSegment). An unclosed quote is reported at the line
 * where its row starts and reading resumes on the line after the quote, so it never
 * swallows the rows that follow it.
 */
function readRows(text: string, file: string): Row[] {
  // One line-ending convention keeps csv-parse's line count equal to an editor's.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  const rows: Row[] = [];
  let firstUnclosed: number | undefined;
  for (let from = 1, unclosedCount = 0; ; ) {
    const segment = readSegment(from === 1 ? normalised : lines.slice(from - 1).join('\n'), lines, from);
    // One by one: spreading a large file's rows as arguments overflows the stack.
    for (const row of segment.rows) rows.push(row);
    if (!segment.unclosed) return rows;
    const { rowLine, quoteLine } = segment.unclosed;
    firstUnclosed ??= quoteLine;
    if (++unclosedCount > MAX_UNCLOSED_QUOTES) {
      throw new IngestError(file, `more than ${MAX_UNCLOSED_QUOTES} unclosed quotes (the first on line ${firstUnclosed}): not CSV with RFC 4180 quoting?`);
    }
    rows.push({ line: rowLine, error: `malformed CSV: unclosed quote in the field opened on line ${quoteLine}` });
    from = quoteLine + 1;
  }
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

/** A wrong field count in a row over several lines is most likely a quote left open: say so. */
function withSpan(problem: string, row: { line: number; lastLine: number; fields: string[] }, width: number): string {
  if (row.lastLine === row.line || row.fields.length === width) return problem;
  return `${problem} (the row spans lines ${row.line}-${row.lastLine}: is a quote unclosed?)`;
}

/**
 * Parses RFC 4180 CSV with a header row (`title` and `abstract` or `summary` required;
 * `id, date, label, labels, authors, url` optional, names case-insensitive). Rows with the
 * wrong number of fields, an empty abstract or an unclosed quote become issues carrying
 * the line where the row starts (an empty title is derived from the abstract); stray quotes
 * inside fields are kept as text. An unclosed quote is reported and the rows after it are
 * still read. A missing required column is fatal (IngestError), as are more than
 * MAX_UNCLOSED_QUOTES unclosed quotes.
 *
 * Pure: takes the text and the file name (used in issues and errors).
 */
export function parseCsv(text: string, file: string): CsvParse {
  const rows = readRows(text, file).filter((row) => 'error' in row || !isBlankRecord(row.fields));
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
    if ('problem' in result) issues.push({ file, line: row.line, problem: withSpan(result.problem, row, header.fields.length) });
    else papers.push(result);
  }
  return { papers, issues };
}
