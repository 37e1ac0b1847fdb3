import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, it, expect } from 'vitest';
import { IngestError } from '../../src/ingest/ingestErrors.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/ingest/${name}`, import.meta.url));
const SEED = fileURLToPath(new URL('../../data/corpus/hf-trending-mar12.txt', import.meta.url));

const tmp = mkdtempSync(join(tmpdir(), 'paper-themes-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a file into this run's temporary directory and returns its path. */
function tmpFile(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const line = (title: string, id?: string): string => JSON.stringify({ id, title, abstract: `About ${title}.` });

describe('readCorpus', () => {
  it('reads the bundled seed page: 70 papers, no issues, dated Mar 12', async () => {
    const result = await readCorpus(SEED);
    expect(result.format).toBe('seed-page');
    expect(result.papers).toHaveLength(70);
    expect(result.issues).toEqual([]);
    expect(result.duplicatesDropped).toBe(0);
    expect(result.corpusDate).toBe('Mar 12');
    expect(result.papers[0].title).toBe('Ergotropy and Capacity Optimization in Heisenberg Spin Chain Quantum Batteries');
  });

  it('gunzips a .jsonl.gz file', async () => {
    const path = tmpFile('papers.jsonl.gz', gzipSync([line('One', 'a'), line('Two', 'b')].join('\n')));
    const result = await readCorpus(path);
    expect(result.format).toBe('jsonl');
    expect(result.papers.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('gunzips by the magic bytes whatever the extension', async () => {
    const path = tmpFile('misnamed.jsonl', gzipSync(line('Only', 'x')));
    expect((await readCorpus(path)).papers.map((p) => p.title)).toEqual(['Only']);
  });

  it('reports corrupt gzip data as an IngestError', async () => {
    const path = tmpFile('corrupt.jsonl.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    await expect(readCorpus(path)).rejects.toThrow(`${path}: corrupt gzip data`);
  });

  it('detects the format by sniffing when the name has no known extension', async () => {
    const path = tmpFile('export', 'Title,Abstract\nT,A\n');
    const result = await readCorpus(path);
    expect(result.format).toBe('csv');
    expect(result.papers).toHaveLength(1);
  });

  it('returns the skipped records of a CSV as issues carrying the path', async () => {
    const path = fixture('quoted.csv');
    const result = await readCorpus(path);
    expect(result.format).toBe('csv');
    expect(result.papers).toHaveLength(4);
    expect(result.issues.map((i) => i.line)).toEqual([6, 8, 9]);
    expect(result.issues.every((i) => i.file === path)).toBe(true);
  });

  it('lists the duplicates it drops with the rule, keeps the first of each, and keeps same-titled papers with distinct ids', async () => {
    const path = tmpFile(
      'dups.jsonl',
      [line('Model Merging', 'm1'), line('model merging!', 'm2'), line('Other', 'm1'), line('Pruning', 'p'), line('Model merging')].join('\n'),
    );
    const result = await readCorpus(path);
    expect(result.duplicatesDropped).toBe(2);
    expect(result.papers.map((p) => p.id)).toEqual(['m1', 'm2', 'p']);
    expect(result.duplicates).toEqual([
      { kept: 'm1', dropped: 'm1', rule: 'same id' },
      { kept: 'm1', dropped: result.duplicates[1].dropped, rule: 'same title and abstract' },
    ]);
    expect(result.duplicates[1].dropped).toMatch(/^t-/);
  });

  it('reads one paper from the written forms of one arXiv id', async () => {
    const ids = ['arXiv:1811.00783', '1811.00783', '1811.00783v2', 'https://arxiv.org/abs/1811.00783v1', 'https://arxiv.org/pdf/1811.00783v1.pdf'];
    const path = tmpFile('arxiv-forms.jsonl', ids.map((id, i) => JSON.stringify({ id, title: `Version ${i}`, abstract: `Text ${i}.` })).join('\n'));
    const result = await readCorpus(path);
    expect(result.papers.map((p) => [p.id, p.title])).toEqual([['1811.00783', 'Version 0']]);
    expect(result.duplicates.map((d) => d.rule)).toEqual(['same id', 'same id', 'same id', 'same id']);
  });

  it('reads a file of title-less medical abstracts, each a paper with a derived, marked title', async () => {
    const abstracts = [
      'BACKGROUND: Sepsis is a leading cause of death in intensive care units. METHODS: We reviewed 1,200 admissions to three hospitals. RESULTS: Early antibiotics lowered mortality.',
      'BACKGROUND: Delirium is common after cardiac surgery in older adults. METHODS: We followed 300 patients for one year. RESULTS: Delirium predicted later dementia.',
      'OBJECTIVE: To estimate the prevalence of hypertension among adolescents in rural districts. DESIGN: Cross-sectional survey of 4,500 pupils.',
      'Vitamin D supplementation has been proposed to reduce fractures in elderly women living in care homes, but trials disagree. We pooled 14 randomised trials.',
      'OBJECTIVE: To estimate the prevalence of hypertension among adolescents in urban districts. DESIGN: Cross-sectional survey of 3,900 pupils.',
    ];
    const jsonl = tmpFile('medline.jsonl', abstracts.map((abstract, i) => JSON.stringify({ pmid: 1000 + i, title: '', abstract })).join('\n'));
    const csv = tmpFile('medline.csv', `pmid,title,abstract\n${abstracts.map((a, i) => `${1000 + i},,"${a}"`).join('\n')}\n`);
    for (const path of [jsonl, csv]) {
      const result = await readCorpus(path);
      expect(result.issues).toEqual([]);
      expect(result.papers).toHaveLength(5);
      expect(new Set(result.papers.map((p) => p.id)).size).toBe(5);
      expect(result.papers.every((p) => p.titleDerived === true)).toBe(true);
      expect(result.papers[0].title).toBe('Sepsis is a leading cause of death in intensive care units');
    }
  });

  it('throws "<file>: file not found" for a missing path', async () => {
    const path = join(tmp, 'no-such-file.jsonl');
    await expect(readCorpus(path)).rejects.toThrow(IngestError);
    await expect(readCorpus(path)).rejects.toThrow(`${path}: file not found`);
  });

  it('throws "<file>: empty file" for an empty or whitespace-only file', async () => {
    await expect(readCorpus(fixture('empty.txt'))).rejects.toThrow(`${fixture('empty.txt')}: empty file`);
    const blank = tmpFile('blank.jsonl', ' \n\t\n');
    await expect(readCorpus(blank)).rejects.toThrow(`${blank}: empty file`);
  });

  it('throws for an unknown format', async () => {
    const path = tmpFile('notes.xml', '<papers/>');
    await expect(readCorpus(path)).rejects.toThrow(/notes\.xml: unknown format .*expected \.txt seed page, \.jsonl\(\.gz\) or \.csv$/);
  });

  it('passes on the fatal missing-column error of a CSV', async () => {
    const path = fixture('no-abstract.csv');
    await expect(readCorpus(path)).rejects.toThrow(`${path}: missing required column "abstract"`);
  });

  it('throws when no usable paper is left, counting the problems and quoting the first', async () => {
    const path = tmpFile('bad.jsonl', '{"title": ""}\n[1]\n');
    await expect(readCorpus(path)).rejects.toThrow(
      `${path}: no usable papers (2 problems, first: line 1: missing abstract)`,
    );
  });

  it('in strict mode throws on any issue, listing the first three with line numbers', async () => {
    const path = fixture('papers-mixed.jsonl');
    await expect(readCorpus(path, { strict: true })).rejects.toThrow(
      /papers-mixed\.jsonl: 8 problems in strict mode: line 5: malformed JSON: .*; line 6: not a JSON object \(got array\)[^;]*; line 9: missing abstract; and 5 more$/,
    );
  });

  it('in strict mode reads a clean file normally', async () => {
    const result = await readCorpus(fixture('seed-tiny.txt'), { strict: true });
    expect(result.papers).toHaveLength(3);
    expect(result.corpusDate).toBe('Mar 12');
  });

  it('outside strict mode keeps the good records of a file with bad lines', async () => {
    const result = await readCorpus(fixture('papers-mixed.jsonl'));
    expect(result.papers).toHaveLength(5);
    expect(result.issues).toHaveLength(8);
    expect(result).not.toHaveProperty('corpusDate');
  });
});

describe('readCorpus on bytes that are not clean UTF-8', () => {
  const jsonl = (titles: string[]) => titles.map((t, i) => line(t, `p${i}`)).join('\n');

  it('skips a record with invalid UTF-8, reporting its line, column and byte, and reads the others', async () => {
    const bytes = Buffer.concat([Buffer.from(`${line('Good one', 'a')}\n{"id":"b","title":"M`), Buffer.from([0xfc]), Buffer.from(`ller","abstract":"About it."}\n${line('Good two', 'c')}\n`)]);
    const result = await readCorpus(tmpFile('latin1.jsonl', bytes));
    expect(result.papers.map((p) => p.id)).toEqual(['a', 'c']);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].line).toBe(2);
    expect(result.issues[0].problem).toMatch(/^invalid UTF-8 \(byte 0xFC at column 21\)/);
    for (const paper of result.papers) expect(JSON.stringify(paper)).not.toMatch(/[\uFFFD\uFDD0]/);
  });

  it('names the line of the bad byte inside a multi-line CSV record', async () => {
    const bytes = Buffer.concat([Buffer.from('title,abstract\nT1,"First line\nsecond '), Buffer.from([0xe9, 0x41]), Buffer.from('"\nT2,A2\n')]);
    const result = await readCorpus(tmpFile('latin1.csv', bytes));
    expect(result.papers.map((p) => p.title)).toEqual(['T2']);
    expect(result.issues.map((i) => [i.line, i.problem.slice(0, 37)])).toEqual([[3, 'invalid UTF-8 (byte 0xE9 at column 8)']]);
  });

  it('refuses a file that is all another encoding, pointing at the first bad byte', async () => {
    const path = tmpFile('all-latin1.txt', Buffer.from('Caf\xe9 models for na\xefve users\nWe study caf\xe9 models for na\xefve users and their many applications in depth, with experiments.\n', 'latin1'));
    await expect(readCorpus(path)).rejects.toThrow(/no usable papers .*line 1: invalid UTF-8 \(byte 0xE9 at column 4\)/);
  });

  it('keeps a record whose bad byte is in a field that is not read, and says so', async () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"a","title":"T","abstract":"A","note":"'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    const result = await readCorpus(tmpFile('note.jsonl', bytes));
    expect(result.papers.map((p) => p.id)).toEqual(['a']);
    expect(result.issues.map((i) => i.line)).toEqual([1]);
    expect(result.issues[0].problem).toMatch(/invalid UTF-8 \(byte 0xFF at column 46\).*not read/);
  });

  it('keeps a genuine U+FFFD that was valid UTF-8 in the file', async () => {
    const result = await readCorpus(tmpFile('fffd.jsonl', line('Broken \uFFFD glyph', 'a')));
    expect(result.papers[0].title).toBe('Broken \uFFFD glyph');
    expect(result.issues).toEqual([]);
  });

  it.each([
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jsonl(['Détection of ünïcode', 'Second']), 'utf16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(jsonl(['Détection of ünïcode', 'Second']), 'utf16le').swap16()])],
  ])('reads a %s file with a byte order mark', async (name, bytes) => {
    const result = await readCorpus(tmpFile(`${name}.jsonl`, bytes));
    expect(result.papers.map((p) => p.title)).toEqual(['Détection of ünïcode', 'Second']);
    expect(result.issues).toEqual([]);
  });

  it('refuses a UTF-16 file that is cut in the middle of a character, naming its encoding', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jsonl(['Cut short']), 'utf16le'), Buffer.from([0x41])]);
    const path = tmpFile('cut.jsonl', bytes);
    await expect(readCorpus(path)).rejects.toThrow(`${path}: invalid UTF-16LE data`);
  });

  it('reads a gzipped UTF-16 file', async () => {
    const bytes = gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jsonl(['Zipped wide text']), 'utf16le')]));
    expect((await readCorpus(tmpFile('wide.jsonl.gz', bytes))).papers.map((p) => p.title)).toEqual(['Zipped wide text']);
  });

  it('reads a UTF-16 little-endian file without a byte order mark, as spreadsheet exports write it', async () => {
    const result = await readCorpus(tmpFile('nobom.csv', Buffer.from('title,abstract\nWide title,Wide abstract\n', 'utf16le')));
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([['Wide title', 'Wide abstract']]);
  });

  it('removes NUL bytes and terminal control characters from every text field', async () => {
    const result = await readCorpus(tmpFile('controls.jsonl', JSON.stringify({ id: 'a\u0000b', title: 'Red \u001b[31malert\u0007', abstract: 'Text\u009b with\u0000 \u202econtrols', authors: ['Eve\u001b]0;x'], url: 'https://x.org/\u0000a' })));
    expect(result.papers[0]).toMatchObject({ id: 'ab', title: 'Red [31malert', abstract: 'Text with controls', authors: ['Eve]0;x'], url: 'https://x.org/a' });
    expect(JSON.stringify(result.papers[0])).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('quotes snippets in issues escaped, so no control character reaches the terminal', async () => {
    const path = tmpFile('escape.jsonl', `${line('Fine', 'a')}\nx\u001b[2J\u009b31m not json\n`);
    const result = await readCorpus(path);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].problem).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(result.issues[0].problem).toContain('\\u001b[2J');
  });
});

describe('readCorpus size limits', () => {
  it('refuses a file larger than the limit, naming the file and the limit', async () => {
    const path = tmpFile('big.jsonl', `${line('Big', 'a')}\n`.repeat(10_000));
    await expect(readCorpus(path, { maxInputBytes: 200_000 })).rejects.toThrow(`${path}: larger than the input limit of 0.2 MB`);
  });

  it('refuses a gzip file that inflates beyond the limit, without inflating all of it', async () => {
    const bomb = gzipSync(Buffer.alloc(50_000_000, 0x20));
    expect(bomb.length).toBeLessThan(200_000);
    const path = tmpFile('bomb.jsonl.gz', bomb);
    await expect(readCorpus(path, { maxInputBytes: 200_000 })).rejects.toThrow(`${path}: inflates to more than the input limit of 0.2 MB`);
  });

  it('refuses an endless device such as /dev/zero at the limit instead of reading forever', async () => {
    await expect(readCorpus('/dev/zero', { maxInputBytes: 300_000 })).rejects.toThrow('/dev/zero: larger than the input limit of 0.3 MB');
  });

  it('reads a file just under the limit', async () => {
    const path = tmpFile('small.jsonl', line('Small', 'a'));
    expect((await readCorpus(path, { maxInputBytes: 1_000 })).papers).toHaveLength(1);
  });
});

describe('readCorpus on JSON Lines larger than one piece', () => {
  // The arXiv sample, then a line that is not JSON, a line with bytes that are not UTF-8,
  // a duplicate, and papers after them: several pieces of a few hundred bytes each.
  const sample = readFileSync(fixture('arxiv-sample.jsonl'));
  const bytes = Buffer.concat([
    sample,
    Buffer.from('{"title": "broken\n'),
    Buffer.from('{"id": "x1", "title": "Caf'), Buffer.from([0xe9]), Buffer.from('", "abstract": "Bytes in Latin-1."}\n'),
    sample.subarray(0, sample.indexOf(0x0a) + 1),
    Buffer.from(`${line('Late paper one', 'late-1')}\n${line('Late paper two', 'late-2')}\n`),
  ]);
  const path = tmpFile('pieces.jsonl', bytes);

  it('reads the same papers, issues (at the file\'s line numbers) and duplicates as read whole', async () => {
    const whole = await readCorpus(path);
    expect(whole.issues.length).toBeGreaterThanOrEqual(2);
    for (const pieceBytes of [2100, 5000, 20_000]) {
      const pieces = await readCorpus(path, { pieceBytes });
      expect(pieces).toEqual(whole);
    }
    expect(whole.papers.at(-1)?.id).toBe('late-2');
    expect(whole.duplicatesDropped).toBe(1);
  });

  it('tells how far it has read after each piece, up to the whole file', async () => {
    const heard: Array<[number, number]> = [];
    await readCorpus(path, { pieceBytes: 5000, onPiece: (done, total) => heard.push([done, total]) });
    expect(heard.length).toBeGreaterThan(2);
    expect(heard.every(([, total]) => total === bytes.length)).toBe(true);
    expect(heard.at(-1)![0]).toBe(bytes.length);
    for (let i = 1; i < heard.length; i++) expect(heard[i][0]).toBeGreaterThan(heard[i - 1][0]);
  });

  it('refuses a line longer than a piece, naming its line', async () => {
    const long = tmpFile('long.jsonl', `${line('Short', 's')}\n${line('L'.repeat(5000), 'l')}\n`);
    await expect(readCorpus(long, { pieceBytes: 1000 })).rejects.toThrow(/long\.jsonl: line 2: longer than 0\.001 MB/);
  });

  it('refuses a CSV larger than the whole-text limit, saying to convert it to JSON Lines', async () => {
    const csv = tmpFile('big.csv', `title,abstract\n${Array.from({ length: 40 }, (_, i) => `Paper ${i},About paper ${i}.`).join('\n')}\n`);
    await expect(readCorpus(csv, { wholeTextBytes: 500 })).rejects.toThrow(/big\.csv: larger than 0\.0005 MB after gunzip: .*convert it to UTF-8 JSON Lines/);
    expect((await readCorpus(csv)).papers).toHaveLength(40);
  });
});

describe('readCorpus on JSON Lines in pieces, with every kind of line end', () => {
  const rows = Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? '{"title": "broken' : line(`Paper ${i}`, `p${i}`)));
  const cases: Array<[string, string | Buffer]> = [
    ['crlf', rows.join('\r\n')],
    ['lone-cr', rows.map((row, i) => `${row}${i % 3 === 0 ? '\r' : '\n'}`).join('')],
    ['cr-only', rows.join('\r')],
    ['cr-cr-lf', rows.join('\r\r\n')],
    ['mid-bom', rows.map((row, i) => (i % 7 === 3 ? `\uFEFF${row}` : row)).join('\n')],
    ['no-final-break', rows.join('\n')],
    // Latin-1 bytes on line 20 of a file with lone CRs, and a line that starts with the
    // bytes of a UTF-16 byte order mark (Latin-1 "ÿþ"): both reported at their lines.
    ['latin1-after-lone-cr', Buffer.concat(rows.map((row, i) => Buffer.concat([Buffer.from(row), i === 20 ? Buffer.from([0x20, 0xe9]) : Buffer.alloc(0), Buffer.from(i % 2 ? '\r' : '\n')])))],
    ['utf16-bytes-at-a-line-start', Buffer.concat(rows.map((row, i) => Buffer.concat([i === 11 || i === 25 ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(`${row}\n`)])))],
  ];
  it.each(cases)('%s: the papers and the issues at the lines of reading it whole', async (name, text) => {
    const path = tmpFile(`ends-${name}.jsonl`, text);
    const whole = await readCorpus(path);
    expect(whole.issues.length).toBeGreaterThan(0);
    for (const pieceBytes of [150, 333, 1000]) expect(await readCorpus(path, { pieceBytes }), `${name}, pieces of ${pieceBytes}`).toEqual(whole);
  });

  it('calls a file of blank lines larger than a piece empty, as read whole', async () => {
    const path = tmpFile('blank.jsonl', `\uFEFF${'\n'.repeat(300)}`);
    await expect(readCorpus(path)).rejects.toThrow(/blank\.jsonl: empty file/);
    await expect(readCorpus(path, { pieceBytes: 100 })).rejects.toThrow(/blank\.jsonl: empty file/);
  });
});

describe('readCorpus line numbers of invalid UTF-8', () => {
  it('counts lines as the parser does: a lone CR ends a line', async () => {
    const text = Buffer.concat([Buffer.from(`${line('One', 'a')}\r${line('Two', 'b')}\r{"id": "c", "title": "Caf`), Buffer.from([0xe9]), Buffer.from('", "abstract": "x"}\r')]);
    const result = await readCorpus(tmpFile('cr-latin1.jsonl', text));
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].line).toBe(3);
  });
});
