/**
 * CSV field and record encoding shared by every export.
 *
 * Two concerns live here because they must be applied together and in the right order:
 * RFC 4180 quoting (so any text round-trips through a standard parser) and the
 * spreadsheet-formula guard (so a paper titled `=HYPERLINK(...)` opens as text, not as a
 * live formula, when a reviewer double-clicks the CSV; OWASP "CSV Injection" advice).
 */

import { removeControlCharacters } from '../text/sanitizeText.js';

/** Line terminator required by RFC 4180, section 2.1. */
export const CSV_EOL = '\r\n';

/**
 * The UTF-8 byte order mark (EF BB BF once encoded). Excel reads a CSV opened by
 * double-click as UTF-8 only when it starts with one, else in the system's legacy code page
 * ("Ã©" for "é"); pandas' read_csv drops it, but Python's csv module reads it into the first
 * column's name unless the file is opened with encoding 'utf-8-sig'. Hence an option.
 */
export const UTF8_BOM = '\ufeff';

/** A whole CSV file's text, with the byte order mark in front when `bom` is set. */
export function csvFile(text: string, options: { bom: boolean }): string {
  return options.bom ? UTF8_BOM + text : text;
}

/** First characters that make Excel, LibreOffice and Sheets evaluate a cell as a formula. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A trigger that starts a cell for some other reader of the same file: after a `;` (the
 * separator of semicolon-locale spreadsheets, where `a;=cmd()` is two cells), a tab (TSV
 * import) or a line break, past any spaces or tabs. Group 1 is what stands before it.
 */
const TRIGGER_IN_LATER_CELL = /([;\t\r\n][ \t]*)(?=[=+\-@])/g;

/** RFC 4180 fields must be quoted when they contain a quote, the separator or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Prefixes `'` to text that a spreadsheet would otherwise run as a formula: at the start,
 * and before a `=`, `+`, `-` or `@` that starts a part after a `;`, a tab or a line break
 * (`a; =b` becomes `a; '=b`), so the text is inert in comma- and semicolon-locale
 * spreadsheets alike. Text such as "bayesian optimization; surrogate models" is unchanged.
 * Only text is guarded: numbers are emitted by {@link csvCell} as numbers, and a leading
 * `-` there is a sign the consumer needs to keep.
 */
export function guardFormula(text: string): string {
  const start = text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
  return start.replace(TRIGGER_IN_LATER_CELL, "$1'");
}

/** RFC 4180 quoting: wrap in double quotes and double inner quotes, only when required. */
export function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Encodes one value as a CSV field.
 *
 * - text: control characters and bidi overrides removed (tab and line breaks kept),
 *   formula-guarded, then quoted if needed;
 * - number: written as a plain number (with `fractionDigits` fixed decimals when given),
 *   never guarded so that spreadsheets still read negative values as numbers (a value that
 *   rounds to zero is written without a minus sign); NaN and
 *   infinities become an empty field because no consumer can parse them consistently;
 * - null/undefined: empty field (a missing optional value such as a paper without a date).
 */
export function csvCell(value: string | number | null | undefined, fractionDigits?: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (fractionDigits === undefined) return String(value);
    const fixed = value.toFixed(fractionDigits);
    // A tiny negative rounds to "-0.000000"; a signed zero only confuses diffs and readers.
    return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
  }
  // Ingest removes control characters; labels pinned in a nightly config never pass it.
  return quoteField(guardFormula(removeControlCharacters(value)));
}

/** Joins already-encoded fields (see {@link csvCell}) into one CRLF-terminated record. */
export function csvRow(cells: readonly string[]): string {
  return cells.join(',') + CSV_EOL;
}

/** Header record: column names go through the same encoding as any other text. */
export function csvHeader(names: readonly string[]): string {
  return csvRow(names.map((name) => csvCell(name)));
}
