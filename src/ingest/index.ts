/** The ingest stage: corpus files in, de-duplicated `Paper`s and per-record issues out. */
export { readCorpus, type ReadCorpusOptions } from './readCorpus.js';
export { detectFormat } from './detectFormat.js';
export { parseSeedPage, type SeedPageParse } from './parseSeedPage.js';
export { parseJsonLines, paperFromJson, type JsonLinesParse } from './parseJsonLines.js';
export { parseCsv, type CsvParse } from './parseCsv.js';
export { dropDuplicates } from './dropDuplicates.js';
export { normaliseTitle } from './normaliseTitle.js';
export { paperIdFromTitle, paperIdFromAbstract, isDerivedPaperId } from './paperId.js';
export { normalisePaperId, isArxivId } from './normalisePaperId.js';
export { duplicateRule, type DuplicateRule } from './paperIdentity.js';
export { titleFromAbstract } from './titleFromAbstract.js';
export { IngestError, describeIssue } from './ingestErrors.js';
