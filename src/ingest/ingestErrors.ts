import type { IngestIssue } from '../types.js';

/**
 * A fatal ingest problem: the file as a whole cannot be used (not found, empty, unknown
 * format, missing column, nothing usable, or any issue in strict mode). Recoverable
 * per-record problems are `IngestIssue`s instead, so one bad line never loses a corpus.
 *
 * The message always starts with the file name, because a pipeline run may read several
 * inputs and the user must know which one to fix.
 */
export class IngestError extends Error {
  /** The file the problem is about, as the caller named it. */
  readonly file: string;

  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'IngestError';
    this.file = file;
  }
}

/** One issue as a human reads it in messages and logs: `line 12: missing title`. */
export function describeIssue(issue: IngestIssue): string {
  return `line ${issue.line}: ${issue.problem}`;
}
