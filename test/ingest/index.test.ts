import { describe, it, expect } from 'vitest';
import * as ingest from '../../src/ingest/index.js';

describe('ingest index', () => {
  it('exposes the public functions of the ingest stage', () => {
    for (const name of [
      'readCorpus',
      'detectFormat',
      'parseSeedPage',
      'parseJsonLines',
      'paperFromJson',
      'parseCsv',
      'dropDuplicates',
      'normaliseTitle',
      'paperIdFromTitle',
      'paperIdFromAbstract',
      'isDerivedPaperId',
      'normalisePaperId',
      'isArxivId',
      'duplicateRule',
      'titleFromAbstract',
      'describeIssue',
    ] as const) {
      expect(typeof ingest[name], name).toBe('function');
    }
  });

  it('exposes IngestError so callers can catch fatal ingest problems', () => {
    expect(new ingest.IngestError('f', 'd')).toBeInstanceOf(Error);
  });
});
