import { open, type FileHandle } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { IngestIssue, IngestResult, InputFormat, Paper } from '../types.js';
import { escapeControlCharacters, hasControlCharacters, removeControlCharacters } from '../text/sanitizeText.js';
import { decodeText, decodeUtf8, INVALID_MARKER, looksUtf16, showInvalidMarkers, type InvalidBytes } from './decodeText.js';
import { detectFormat } from './detectFormat.js';
import { dropDuplicates } from './dropDuplicates.js';
import { describeIssue, IngestError } from './ingestErrors.js';
import { parseCsv } from './parseCsv.js';
import { parseJsonLines } from './parseJsonLines.js';
import { parseSeedPage } from './parseSeedPage.js';

export interface ReadCorpusOptions {
  /** Fail on any bad record instead of skipping it (for curated inputs and CI). */
  strict?: boolean;
  /** Most bytes read from the file, and again after gunzip (default DEFAULT_MAX_INPUT_BYTES). */
  maxInputBytes?: number;
  /** Bytes of a JSON Lines file decoded at a time (default JSONL_PIECE_BYTES; smaller in tests). */
  pieceBytes?: number;
  /** Most bytes of a file read whole, CSV or saved page (default WHOLE_TEXT_LIMIT_MB; smaller in tests). */
  wholeTextBytes?: number;
  /** Told after each piece of a file read in pieces: bytes read so far, of how many (progress lines). */
  onPiece?: (done: number, total: number) => void;
}

/** One megabyte as the input limit counts it (10^6 bytes, as `--max-input-mb` says). */
export const MEGABYTE = 1_000_000;

/**
 * The largest input limit: a JSON Lines file is decoded a piece at a time, so the limit is
 * what Node reads into one Buffer: fs refuses to read a file of more than 2 GiB
 * (2,147,483,647 bytes) at once.
 */
export const MAX_INPUT_LIMIT_MB = 2000;

/**
 * The largest CSV or saved page: those are decoded whole, into one JavaScript string, and
 * V8 caps a string at 2^29 - 24 (536,870,888) characters; 512 MB of UTF-8 is at most that.
 */
export const WHOLE_TEXT_LIMIT_MB = 512;

/** Bytes of UTF-8 JSON Lines decoded into one string at a time, well under V8's cap. */
export const JSONL_PIECE_BYTES = 256 * 1_000_000;

/**
 * Default input limit: the largest possible (the 36,000-abstract benchmark is 44 MB, a
 * 200,000-abstract corpus about 250 MB), while a gzip bomb or an endless device such as
 * /dev/zero is refused after at most this much memory.
 */
export const DEFAULT_MAX_INPUT_BYTES = MAX_INPUT_LIMIT_MB * MEGABYTE;

/** Bytes per read from a pipe or device, whose size is not known in advance. */
const STREAM_CHUNK = 1 << 20;

const gunzipAsync = promisify(gunzip);

/** How many issues a fatal message quotes; the rest are counted. */
const ISSUES_IN_MESSAGE = 3;

/** What a user can do about bytes that are not UTF-8. */
const CONVERT_HINT = 'is the file in another encoding? convert it to UTF-8, e.g. iconv -f latin1 -t utf-8';

/** Gzip is recognised by its magic bytes, not the name: downloads are often misnamed. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `12.5` for 12,500,000 bytes: the limit as the user gave it. */
function inMegabytes(bytes: number): string {
  return String(Number((bytes / MEGABYTE).toPrecision(6)));
}

function limitNote(limit: number): string {
  const remedy = limit < DEFAULT_MAX_INPUT_BYTES ? `raise it with --max-input-mb, at most ${MAX_INPUT_LIMIT_MB}` : 'the most one input file can hold';
  return `the input limit of ${inMegabytes(limit)} MB (${remedy})`;
}

function readFailure(path: string, error: unknown): IngestError {
  if (error instanceof IngestError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new IngestError(path, 'file not found');
  if (code === 'EISDIR') return new IngestError(path, 'is a directory, not a file');
  return new IngestError(path, `cannot read file: ${(error as Error).message}`);
}

/** Reads a pipe or device in chunks, counting, and stops past `limit`. */
async function readCounting(handle: FileHandle, path: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(STREAM_CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, STREAM_CHUNK, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > limit) throw new IngestError(path, `larger than ${limitNote(limit)}`);
    chunks.push(bytesRead === STREAM_CHUNK ? chunk : chunk.subarray(0, bytesRead));
  }
}

/**
 * The file's bytes, at most `limit` of them. A regular file is refused by its size before
 * it is read; anything else (a pipe, /dev/stdin, /dev/zero) is read in chunks and refused
 * as soon as it passes the limit.
 */
async function readBytes(path: string, limit: number): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readFailure(path, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new IngestError(path, 'is a directory, not a file');
    if (!stat.isFile()) return await readCounting(handle, path, limit);
    if (stat.size > limit) throw new IngestError(path, `larger than ${limitNote(limit)}`);
    const bytes = await handle.readFile();
    if (bytes.length > limit) throw new IngestError(path, `larger than ${limitNote(limit)}`);
    return bytes;
  } catch (error) {
    throw readFailure(path, error);
  } finally {
    await handle.close();
  }
}

/** Gunzips when the bytes are gzip, inflating at most `limit` bytes. */
async function gunzipIfNeeded(path: string, bytes: Buffer, limit: number): Promise<Buffer> {
  if (!isGzip(bytes)) return bytes;
  try {
    // 1 MiB output chunks: zlib's default 16 KiB makes thousands of round trips to the thread
    // pool on a large file. zlib stops at maxOutputLength, so a gzip bomb costs the limit,
    // not its inflated size.
    return await gunzipAsync(bytes, { chunkSize: 1 << 20, maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new IngestError(path, `inflates to more than ${limitNote(limit)}`);
    }
    throw new IngestError(path, `corrupt gzip data: ${(error as Error).message}`);
  }
}

function parse(format: InputFormat, text: string, file: string): Pick<IngestResult, 'papers' | 'issues' | 'corpusDate'> {
  switch (format) {
    case 'seed-page':
      return parseSeedPage(text, file);
    case 'jsonl':
      return parseJsonLines(text, file);
    case 'csv':
      return parseCsv(text, file);
  }
}

/**
 * Control characters removed from the fields the parsers do not pass through
 * collapseWhitespace (ids, URLs, dates, labels); titles, abstracts and authors are clean.
 */
function withoutControlCharacters(paper: Paper): Paper {
  const dirty = (value: string | undefined) => value !== undefined && hasControlCharacters(value);
  const { id, url, date, label, labels } = paper;
  if (!dirty(id) && !dirty(url) && !dirty(date) && !dirty(label) && !(labels !== undefined && labels.some(dirty))) return paper;
  const result: Paper = { ...paper, id: removeControlCharacters(id) };
  if (url !== undefined) result.url = removeControlCharacters(url);
  if (date !== undefined) result.date = removeControlCharacters(date);
  if (label !== undefined) result.label = removeControlCharacters(label);
  if (labels !== undefined) result.labels = labels.map(removeControlCharacters);
  return result;
}

/** The invalid sequences (their indices) a paper's text holds. */
function invalidIn(paper: Paper): number[] {
  return [...JSON.stringify(paper).matchAll(INVALID_MARKER)].map((m) => Number(m[1]));
}

/**
 * Papers holding invalid UTF-8 are set aside, each reported at the line of its first bad
 * sequence: their text is not what was written (most likely another encoding), and a
 * reported record can be fixed and read again, while a silently altered one would enter
 * themes and stores under a wrong title. Bad bytes outside any paper's fields (an unused
 * column or field) are reported on their line too.
 */
function setAsideInvalid(papers: Paper[], issues: IngestIssue[], invalid: readonly InvalidBytes[], file: string) {
  const describe = (bad: InvalidBytes) => `invalid UTF-8 (byte ${bad.bytes} at column ${bad.column})`;
  const kept: Paper[] = [];
  const found = new Set<number>();
  const added: IngestIssue[] = [];
  for (const paper of papers) {
    const indices = invalidIn(paper);
    if (indices.length === 0) {
      kept.push(paper);
      continue;
    }
    for (const index of indices) found.add(index);
    const first = invalid[Math.min(...indices)];
    added.push({ file, line: first.line, problem: `${describe(first)}: ${CONVERT_HINT}` });
  }
  const reportedLines = new Set(issues.map((issue) => issue.line));
  const linesDone = new Set(added.map((issue) => issue.line));
  invalid.forEach((bad, index) => {
    if (found.has(index) || linesDone.has(bad.line)) return;
    linesDone.add(bad.line);
    // On a line the parser rejected anyway, the bad bytes are the likely cause.
    const problem = reportedLines.has(bad.line) ? `${describe(bad)}: ${CONVERT_HINT}` : `${describe(bad)} in a field that is not read; the record is kept`;
    added.push({ file, line: bad.line, problem });
  });
  const all = [...added, ...issues].sort((a, b) => a.line - b.line);
  return { papers: kept, issues: all };
}

/** `line 3: missing title; line 9: ...; and 4 more`. */
function summariseIssues(issues: readonly IngestIssue[]): string {
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).map(describeIssue).join('; ');
  const rest = issues.length - ISSUES_IN_MESSAGE;
  return rest > 0 ? `${shown}; and ${rest} more` : shown;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Reads one corpus file into papers: the ingest stage's only I/O. Reads at most
 * `maxInputBytes` (before and after gunzip), gunzips when the bytes are gzip, decodes UTF-8
 * or UTF-16, detects the format, parses, and drops duplicates (each listed in `duplicates`,
 * see dropDuplicates). Bad records (invalid UTF-8 included) are reported as issues and
 * skipped, unless `strict`; control characters are removed from every field. A file with no
 * usable paper left is an error, as are missing, empty, unrecognised and too large files
 * (all IngestError naming the path). UTF-8 JSON Lines larger than a piece are decoded a
 * piece at a time (up to MAX_INPUT_LIMIT_MB); everything else is decoded whole (up to
 * WHOLE_TEXT_LIMIT_MB).
 */
export async function readCorpus(path: string, options: ReadCorpusOptions = {}): Promise<IngestResult> {
  const limit = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const bytes = await gunzipIfNeeded(path, await readBytes(path, limit), limit);
  const pieceBytes = options.pieceBytes ?? JSONL_PIECE_BYTES;
  const checked = bytes.length > pieceBytes && isUtf8JsonLines(path, bytes)
    ? readJsonLinesInPieces(path, bytes, pieceBytes, options.onPiece)
    : readWhole(path, bytes, options.wholeTextBytes ?? WHOLE_TEXT_LIMIT_MB * MEGABYTE);
  return finishCorpus(path, checked, options);
}

/** JSON Lines in UTF-8 (not UTF-16), judged by the name and the first line, as detectFormat does. */
function isUtf8JsonLines(path: string, bytes: Buffer): boolean {
  if (looksUtf16(bytes)) return false;
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 16)).toString('utf8');
  try {
    return detectFormat(path, head) === 'jsonl';
  } catch {
    return false;
  }
}

/** Papers and issues of a parse, with the format, invalid bytes set aside and messages shown. */
type CheckedParse = Pick<IngestResult, 'papers' | 'issues' | 'corpusDate' | 'format'>;

/** A file decoded into one string and parsed whole (every format; at most WHOLE_TEXT_LIMIT_MB). */
function readWhole(path: string, bytes: Buffer, wholeTextBytes: number): CheckedParse {
  if (bytes.length > wholeTextBytes) {
    throw new IngestError(path, `larger than ${inMegabytes(wholeTextBytes)} MB after gunzip: a CSV file, saved page or UTF-16 file is read whole and can be at most that; convert it to UTF-8 JSON Lines (one paper per line), which is read a piece at a time, or split it`);
  }
  const decoded = decodeText(path, bytes);
  if (decoded.text.replace(/^\uFEFF/, '').trim() === '') throw new IngestError(path, 'empty file');
  let parsed: Pick<IngestResult, 'papers' | 'issues' | 'corpusDate'>;
  let format: InputFormat;
  try {
    format = detectFormat(path, decoded.text);
    parsed = parse(format, decoded.text, path);
  } catch (error) {
    if (error instanceof IngestError) throw new IngestError(path, shownFor(decoded.invalid)(error.message.slice(path.length + 2)));
    throw error;
  }
  const result: CheckedParse = { ...checkParse(path, parsed, decoded.invalid, 0), format };
  if (parsed.corpusDate !== undefined) result.corpusDate = parsed.corpusDate;
  return result;
}

/** Messages quote input: invalid-byte markers back as the bytes, control characters escaped. */
function shownFor(invalid: readonly InvalidBytes[]): (message: string) => string {
  return (message) => escapeControlCharacters(invalid.length > 0 ? showInvalidMarkers(message, invalid) : message);
}

/**
 * A parse with the papers holding invalid bytes set aside and every issue's message shown
 * (shownFor), its line moved by `lineOffset` (the lines before a piece).
 */
function checkParse(path: string, parsed: Pick<IngestResult, 'papers' | 'issues'>, invalid: readonly InvalidBytes[], lineOffset: number): Pick<IngestResult, 'papers' | 'issues'> {
  const checked = invalid.length > 0 ? setAsideInvalid(parsed.papers, parsed.issues, invalid, path) : parsed;
  const shown = shownFor(invalid);
  return { papers: checked.papers, issues: checked.issues.map((issue) => ({ ...issue, line: issue.line + lineOffset, problem: shown(issue.problem) })) };
}

/** Line-break bytes, as splitLines (parseSeedPage.ts) breaks lines: \n, \r\n or a lone \r. */
const LF = 0x0a;
const CR = 0x0d;

/** Index just past the line break at `i` (a CRLF kept whole), or -1 when none is there. */
function pastBreakAt(bytes: Buffer, i: number): number {
  if (bytes[i] === LF) return i + 1;
  if (bytes[i] === CR) return bytes[i + 1] === LF ? i + 2 : i + 1;
  return -1;
}

/** Index just past the last line break in bytes[start, end); -1 when there is none. */
function pastLastBreak(bytes: Buffer, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) {
    const past = pastBreakAt(bytes, i);
    if (past >= 0) return past;
  }
  return -1;
}

/** Index just past the first line break at or after `from` (the end when there is none). */
function pastNextBreak(bytes: Buffer, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    const past = pastBreakAt(bytes, i);
    if (past >= 0) return past;
  }
  return bytes.length;
}

/** Line breaks in a piece: each \n, and each \r not followed by \n. */
function lineBreaks(piece: Buffer): number {
  let count = 0;
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] === LF || (piece[i] === CR && piece[i + 1] !== LF)) count++;
  }
  return count;
}

/** Whether a UTF-8 byte order mark starts at `at` (decoding would drop it at a piece's start). */
function bomAt(bytes: Buffer, at: number): boolean {
  return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

/**
 * A JSON Lines file larger than one piece: cut at line breaks into pieces of about
 * `pieceBytes` (a line-break byte never occurs inside a UTF-8 sequence), each decoded and
 * parsed on its own, with line numbers counted from the file's start. A piece never starts
 * with a byte order mark, which decoding would drop there and not in the middle of the
 * file. The papers and issues are those of parsing the file whole (tested).
 */
function readJsonLinesInPieces(path: string, bytes: Buffer, pieceBytes: number, onPiece?: (done: number, total: number) => void): CheckedParse {
  const papers: Paper[] = [];
  const issues: IngestIssue[] = [];
  let lineOffset = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(bytes.length, start + pieceBytes);
    if (end < bytes.length) {
      const cut = pastLastBreak(bytes, start, end);
      if (cut < 0) throw new IngestError(path, `line ${lineOffset + 1}: longer than ${inMegabytes(pieceBytes)} MB, no paper is that long`);
      end = cut;
      while (end < bytes.length && bomAt(bytes, end)) end = pastNextBreak(bytes, end);
    }
    const piece = bytes.subarray(start, end);
    // The file was judged UTF-8 as a whole: a piece is never taken for UTF-16.
    const { text, invalid } = decodeUtf8(piece);
    const checked = checkParse(path, parseJsonLines(text, path), invalid, lineOffset);
    for (const paper of checked.papers) papers.push(paper);
    for (const issue of checked.issues) issues.push(issue);
    lineOffset += lineBreaks(piece);
    start = end;
    onPiece?.(end, bytes.length);
  }
  // Nothing but blanks (after a byte order mark): what reading it whole calls it.
  if (papers.length === 0 && issues.length === 0 && bytes.subarray(bomAt(bytes, 0) ? 3 : 0).every((b) => b === 0x20 || b === 0x09 || b === LF || b === CR)) {
    throw new IngestError(path, 'empty file');
  }
  return { papers, issues, format: 'jsonl' };
}

/** Control characters out, duplicates dropped, and the checks on what is left. */
function finishCorpus(path: string, checked: CheckedParse, options: ReadCorpusOptions): IngestResult {
  const { papers, duplicates } = dropDuplicates(checked.papers.map(withoutControlCharacters));
  const { issues, format } = checked;

  if (papers.length === 0) {
    const first = issues[0] ? `, first: ${describeIssue(issues[0])}` : '';
    throw new IngestError(path, `no usable papers (${plural(issues.length, 'problem')}${first})`);
  }
  if (options.strict && issues.length > 0) {
    throw new IngestError(path, `${plural(issues.length, 'problem')} in strict mode: ${summariseIssues(issues)}`);
  }

  const result: IngestResult = { papers, issues, duplicatesDropped: duplicates.length, duplicates, format };
  if (checked.corpusDate !== undefined) result.corpusDate = checked.corpusDate;
  return result;
}
