import { describe, it, expect } from 'vitest';
import { describeIssue, IngestError } from '../../src/ingest/ingestErrors.js';

describe('IngestError', () => {
  it('names the file at the start of its message and keeps it as a property', () => {
    const error = new IngestError('data/x.csv', 'empty file');
    expect(error.message).toBe('data/x.csv: empty file');
    expect(error.file).toBe('data/x.csv');
  });

  it('is an Error with its own name, so callers can tell it from bugs', () => {
    const error = new IngestError('f', 'd');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(IngestError);
    expect(error.name).toBe('IngestError');
  });
});

describe('describeIssue', () => {
  it('formats an issue as "line N: problem"', () => {
    expect(describeIssue({ file: 'f', line: 12, problem: 'missing title' })).toBe('line 12: missing title');
  });
});
