import type { IngestIssue, IngestResult, Paper } from '../types.js';
import { recordIdentity } from './recordIdentity.js';
import { collapseWhitespace } from '../text/collapseWhitespace.js';

/** What a parser hands back: the usable papers and the per-record problems it skipped. */
export type SeedPageParse = Pick<IngestResult, 'papers' | 'issues' | 'corpusDate'>;

/**
 * Boilerplate lines of a saved Hugging Face "trending papers" page, lower-cased. The saved
 * page shows "New" as "new", so they are compared case-insensitively.
 */
const KNOWN_HEADER_LINES = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'byak and the research community',
]);

/** The page's date, e.g. `Mar 12` (no year is shown). */
const DATE_LINE = /^[A-Z][a-z]{2} \d{1,2}$/;

/** Abstracts are paragraphs; the longest real titles are ~20 words / ~150 chars. */
const ABSTRACT_MIN_WORDS = 25;
const ABSTRACT_MIN_CHARS = 200;

const QUOTE_MAX_CHARS = 60;

/** True for a known boilerplate line of the page header (not the date). */
export function isSeedHeaderLine(line: string): boolean {
  return KNOWN_HEADER_LINES.has(line.trim().toLowerCase());
}

/** True for a line shaped like the page's date line, e.g. `Mar 12`. */
export function isSeedDateLine(line: string): boolean {
  return DATE_LINE.test(line.trim());
}

/**
 * The seed page has no markup telling titles from abstracts, but their lengths never
 * overlap: an abstract has >= 25 words or >= 200 chars, anything shorter is a title.
 */
export function looksLikeAbstract(line: string): boolean {
  const text = line.trim();
  if (text.length >= ABSTRACT_MIN_CHARS) return true;
  return text.split(/\s+/).length >= ABSTRACT_MIN_WORDS;
}

/** Splits on any line ending so line numbers match what an editor shows. */
export function splitLines(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  // Most files have no carriage return, and a plain split is several times faster than the pattern.
  return body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
}

/** A short excerpt for issue messages, so the user can find the line by eye too. */
function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_MAX_CHARS ? `${text.slice(0, QUOTE_MAX_CHARS)}...` : text);
}

/**
 * Index of the first body line, and the page date if the header shows one. The header is
 * the leading run of known boilerplate and date lines (blank lines between them allowed);
 * it is optional, so a page pasted without it still parses.
 */
function readHeader(lines: string[]): { bodyStart: number; corpusDate?: string } {
  let corpusDate: string | undefined;
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '' || isSeedHeaderLine(line)) continue;
    if (isSeedDateLine(line) && corpusDate === undefined) {
      corpusDate = line;
      continue;
    }
    break;
  }
  return corpusDate === undefined ? { bodyStart: index } : { bodyStart: index, corpusDate };
}

/**
 * Parses the text of a saved "trending papers" page: an optional header, then alternating
 * title and abstract lines (blank lines between them are not required). Titles and
 * abstracts are classified by length, not by position, so one missing abstract costs one
 * paper instead of shifting every pair after it: a title without an abstract becomes an
 * issue and is skipped; an abstract without a title is a paper with a derived title.
 *
 * Pure: takes the text and the file name (used only in issues).
 */
export function parseSeedPage(text: string, file: string): SeedPageParse {
  const lines = splitLines(text);
  const { bodyStart, corpusDate } = readHeader(lines);
  const papers: Paper[] = [];
  const issues: IngestIssue[] = [];
  let pending: { title: string; line: number } | undefined;

  const titleWithoutAbstract = (title: { title: string; line: number }): void => {
    issues.push({ file, line: title.line, problem: `title without an abstract: ${quote(title.title)}` });
  };

  for (let index = bodyStart; index < lines.length; index++) {
    const text = collapseWhitespace(lines[index]);
    if (text === '') continue;
    const line = index + 1;
    if (!looksLikeAbstract(text)) {
      if (pending) titleWithoutAbstract(pending);
      pending = { title: text, line };
    } else if (pending) {
      papers.push({ id: recordIdentity(undefined, pending.title, text).id, title: pending.title, abstract: text });
      pending = undefined;
    } else {
      // A title line was lost (the page shows every summary as one paragraph): still a paper.
      const { id, title } = recordIdentity(undefined, undefined, text);
      papers.push({ id, title, abstract: text, titleDerived: true });
    }
  }
  if (pending) titleWithoutAbstract(pending);

  return corpusDate === undefined ? { papers, issues } : { papers, issues, corpusDate };
}
