/**
 * The corpus cannot give themes with these settings (too few papers or terms, nothing to
 * tell apart). Like a bad input file, it is the user's to fix: exit code 1, no stack trace.
 */
export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}
