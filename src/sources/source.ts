import type { Paper } from '../types.js';

/** What a source brought for one night. */
export interface SourceBatch {
  papers: Paper[];
  /** Records skipped, as readable lines (`file line 3: missing title`). */
  problems: string[];
  /**
   * Called once the papers are committed to the store (e.g. the inbox moves its files to
   * done/ only then, so a crash before the commit loses nothing).
   */
  committed(): void;
}

/**
 * A place new papers come from. Each source is a small module behind this interface; the
 * nightly job asks every configured source in turn, and one source failing (it throws)
 * never stops the others.
 */
export interface PaperSource {
  readonly name: string;
  fetch(night: string): Promise<SourceBatch>;
}

/** A source failed as a whole (network, HTTP status, malformed response). */
export class SourceError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}

/** Collapses the whitespace that feeds hard-wrap (arXiv titles and summaries). */
export { collapseWhitespace } from '../text/collapseWhitespace.js';
