import { describe, it, expect } from 'vitest';
import { detectFormat } from '../../src/ingest/detectFormat.js';
import { IngestError } from '../../src/ingest/ingestErrors.js';

const ABSTRACT =
  'We propose a method that improves the optimisation of deep networks by adapting the step size to the local curvature, and show consistent gains on vision and language benchmarks.';

describe('detectFormat', () => {
  it('maps .jsonl, .ndjson and .json to jsonl, .csv to csv and .txt to seed-page', () => {
    expect(detectFormat('a.jsonl', '')).toBe('jsonl');
    expect(detectFormat('a.ndjson', '')).toBe('jsonl');
    expect(detectFormat('a.json', '')).toBe('jsonl');
    expect(detectFormat('a.csv', '')).toBe('csv');
    expect(detectFormat('a.txt', '')).toBe('seed-page');
  });

  it('ignores a trailing .gz and the case of the extension', () => {
    expect(detectFormat('dir/arxiv.JSONL.gz', '')).toBe('jsonl');
    expect(detectFormat('papers.csv.GZ', '')).toBe('csv');
  });

  it('trusts the extension over the content, unless the content is a JSON object', () => {
    expect(detectFormat('a.csv', 'New\nSubscribe\n')).toBe('csv');
    expect(detectFormat('a.csv', '{"title":"x"}')).toBe('jsonl');
  });

  it('sniffs JSON Lines when the first non-blank character is {', () => {
    expect(detectFormat('stdin', '\n  {"title": "T"}')).toBe('jsonl');
  });

  it('sniffs CSV when the first line names a title column and has a comma', () => {
    expect(detectFormat('export.dat', 'ID,Title,Abstract\n1,T,A')).toBe('csv');
  });

  it('sniffs a seed page from its header', () => {
    expect(detectFormat('page', 'New\n\nGet trending papers in your email inbox!')).toBe('seed-page');
    expect(detectFormat('page', 'Mar 12\n\nTitle')).toBe('seed-page');
  });

  it('sniffs a headerless seed page from alternating short and long lines', () => {
    expect(detectFormat('page', `One Title\n\n${ABSTRACT}\n\nTwo Title\n\n${ABSTRACT}\n\nThree`)).toBe('seed-page');
  });

  it('throws an IngestError naming the file and the accepted formats when nothing matches', () => {
    const detect = (): unknown => detectFormat('notes.xml', '<?xml version="1.0"?>\n<papers/>');
    expect(detect).toThrow(IngestError);
    expect(detect).toThrow(
      'notes.xml: unknown format (extension ".xml", content starts "<?xml version=\\"1.0\\"?>"): expected .txt seed page, .jsonl(.gz) or .csv',
    );
  });

  it('does not take two short lines in a row for a seed page', () => {
    expect(() => detectFormat('x', 'just\nsome\nwords')).toThrow(/unknown format/);
  });
});

describe('detectFormat on a misnamed file', () => {
  it('reads a JSON object on the first line as JSON Lines even when named .txt', async () => {
    const { detectFormat } = await import('../../src/ingest/detectFormat.js');
    expect(detectFormat('papers.txt', '{"title": "A", "abstract": "B"}\n')).toBe('jsonl');
  });
});
