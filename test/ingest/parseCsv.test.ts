import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { IngestError } from '../../src/ingest/ingestErrors.js';
import { paperIdFromAbstract, paperIdFromTitle } from '../../src/ingest/paperId.js';
import { parseCsv } from '../../src/ingest/parseCsv.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

const quoted = parseCsv(fixture('quoted.csv'), 'quoted.csv');

describe('parseCsv', () => {
  it('reads a file of 200,000 rows', () => {
    const rows = ['id,title,abstract', ...Array.from({ length: 200_000 }, (_, i) => `p${i},Title ${i},Abstract number ${i}.`)];
    const result = parseCsv(`${rows.join('\n')}\n`, 'large.csv');
    expect(result.issues).toEqual([]);
    expect(result.papers).toHaveLength(200_000);
    expect(result.papers[199_999]).toMatchObject({ id: 'p199999', title: 'Title 199999' });
  });

  it('reads quoted fields containing commas, doubled quotes and newlines', () => {
    expect(quoted.papers[0]).toEqual({
      id: 'p1',
      title: 'Sparse Attention, Revisited',
      abstract: 'We revisit sparse attention, showing that "local" windows suffice. A second line of the same abstract.',
      labels: ['cs.LG', 'cs.CL'],
      authors: ['Ada Lovelace', 'Alan Turing'],
      url: 'https://example.org/p1',
    });
  });

  it('matches header names case-insensitively and accepts summary for abstract', () => {
    expect(quoted.papers.map((p) => p.title)).toEqual(['Sparse Attention, Revisited', 'Plain Title', 'An abstract whose title is blank', 'Derived Id Paper']);
  });

  it('leaves empty optional cells out of the paper', () => {
    expect(quoted.papers[1]).toEqual({ id: 'p2', title: 'Plain Title', abstract: 'Plain abstract without quotes.' });
  });

  it('derives the id from the title when the id cell is empty', () => {
    expect(quoted.papers[3].id).toBe(paperIdFromTitle('Derived Id Paper'));
  });

  it('reports rows with too few or too many fields at the line where the row starts', () => {
    expect(quoted.issues.filter((i) => i.problem.startsWith('expected'))).toEqual([
      { file: 'quoted.csv', line: 6, problem: 'expected 6 fields, got 3' },
      { file: 'quoted.csv', line: 9, problem: 'expected 6 fields, got 7' },
    ]);
  });

  it('reports rows with an empty abstract', () => {
    expect(quoted.issues.filter((i) => i.problem.startsWith('empty')).map((i) => [i.line, i.problem])).toEqual([
      [8, 'empty abstract'],
    ]);
  });

  it('accepts a row with an empty title cell, deriving a marked title from the abstract', () => {
    expect(quoted.papers.find((p) => p.id === 'p4')).toEqual({
      id: 'p4', title: 'An abstract whose title is blank', abstract: 'An abstract whose title is blank.', titleDerived: true,
    });
  });

  it('reads a file of title-less abstracts, each its own paper with an id from its abstract', () => {
    const abstracts = [
      'OBJECTIVE: To assess whether early mobilisation shortens hospital stay after hip fracture. DESIGN: Randomised trial.',
      'OBJECTIVE: To assess whether early mobilisation shortens hospital stay after knee replacement. DESIGN: Cohort.',
      'Chronic kidney disease affects one in ten adults worldwide, yet most cases go undiagnosed until late stages of the disease. We screened 5,000 adults.',
    ];
    const text = `pmid,title,abstract\n${abstracts.map((a) => `,,"${a}"`).join('\n')}\n`;
    const result = parseCsv(text, 'medline.csv');
    expect(result.issues).toEqual([]);
    expect(result.papers.map((p) => p.title)).toEqual([
      'To assess whether early mobilisation shortens hospital stay after hip fracture',
      'To assess whether early mobilisation shortens hospital stay after knee replacement',
      'Chronic kidney disease affects one in ten adults worldwide, yet most cases go undiagnosed…',
    ]);
    expect(result.papers.every((p) => p.titleDerived === true)).toBe(true);
    expect(result.papers.map((p) => p.id)).toEqual(abstracts.map(paperIdFromAbstract));
  });

  it('normalises arXiv ids in the id column', () => {
    const result = parseCsv('id,title,abstract\narXiv:1811.00783v2,T,A\nhttps://arxiv.org/pdf/2403.01234v1.pdf,U,B\nPMC77,V,C\n', 'f.csv');
    expect(result.papers.map((p) => p.id)).toEqual(['1811.00783', '2403.01234', 'PMC77']);
  });

  it('counts lines after a quoted multi-line field and a blank line', () => {
    const text = 'title,abstract\n"Multi\nline\ntitle","A"\n\nBad row\nT,A';
    expect(parseCsv(text, 'f.csv').issues).toEqual([{ file: 'f.csv', line: 6, problem: 'expected 2 fields, got 1' }]);
  });

  it('keeps stray quotes inside a field as text instead of losing the following rows', () => {
    const result = parseCsv('title,abstract\n"Bro"ken,x\nun"quoted,y\nStill,Read', 'f.csv');
    expect(result.papers.map((p) => p.title)).toEqual(['"Bro"ken', 'un"quoted', 'Still']);
    expect(result.issues).toEqual([]);
  });

  it('reports an unclosed quote at the line where its row starts, and reads the rows after it', () => {
    const text = 'title,abstract\nGood,One\n\n\nStill,Read\n"Unclosed,quote\nnext,row\n';
    const result = parseCsv(text, 'f.csv');
    expect(result.papers.map((p) => p.title)).toEqual(['Good', 'Still', 'next']);
    expect(result.issues).toEqual([{ file: 'f.csv', line: 6, problem: 'malformed CSV: unclosed quote in the field opened on line 6' }]);
  });

  it('does not let an unclosed quote merge the next row into a garbage title when a later quote closes it', () => {
    const text = 'id,title,abstract\np1,Good,One\np5,"Broken title,abs five\np6,"Paper six",abs six\np7,Seven,abs seven\n';
    const result = parseCsv(text, 'f.csv');
    expect(result.papers.map((p) => [p.id, p.title])).toEqual([['p1', 'Good'], ['p6', 'Paper six'], ['p7', 'Seven']]);
    expect(result.issues).toEqual([{ file: 'f.csv', line: 3, problem: 'malformed CSV: unclosed quote in the field opened on line 3' }]);
  });

  it('names the line of the unclosed quote when its row started on an earlier line', () => {
    const text = 'title,abstract,url\n"Two\nline title","abs\nx",https://x\n"Multi\nline","broken,https://y\nT,A,U\n';
    const result = parseCsv(text, 'f.csv');
    expect(result.papers.map((p) => p.title)).toEqual(['Two line title', 'T']);
    expect(result.issues).toEqual([{ file: 'f.csv', line: 5, problem: 'malformed CSV: unclosed quote in the field opened on line 6' }]);
  });

  it('reads a quoted field over several lines with doubled quotes inside as one field', () => {
    const text = 'title,abstract\n"A ""quoted""\ntitle","First line\nsecond ""line"", end"\nT,A\n';
    const result = parseCsv(text, 'f.csv');
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([['A "quoted" title', 'First line second "line", end'], ['T', 'A']]);
    expect(result.issues).toEqual([]);
  });

  it('keeps a stray quote in a one-line field of a row whose other field spans lines', () => {
    const result = parseCsv('title,abstract\n"Bro"ken,"multi\nline"\nT,A\n', 'f.csv');
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([['"Bro"ken', 'multi line'], ['T', 'A']]);
    expect(result.issues).toEqual([]);
  });

  it('names the lines a row with the wrong number of fields spans', () => {
    const result = parseCsv('id,title,abstract\np5,"Broken,abs five\np6,Paper six,abs six"\np7,T,A\n', 'f.csv');
    expect(result.papers.map((p) => p.id)).toEqual(['p7']);
    expect(result.issues).toEqual([{ file: 'f.csv', line: 2, problem: 'expected 3 fields, got 2 (the row spans lines 2-3: is a quote unclosed?)' }]);
  });

  it('refuses a file with more unclosed quotes than any CSV file has, naming the first', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `"open ${i},abstract ${i}\nline ${i}`);
    expect(() => parseCsv(`title,abstract\n${rows.join('\n')}\n`, 'f.csv')).toThrow(/^f\.csv: more than 100 unclosed quotes \(the first on line 2\)/);
  });

  it('strips a UTF-8 byte order mark before reading the header', () => {
    const result = parseCsv('\uFEFFTitle,Abstract\nT,A', 'f.csv');
    expect(result.papers).toEqual([{ id: paperIdFromTitle('T'), title: 'T', abstract: 'A' }]);
  });

  it('splits labels and authors on semicolons, dropping empty entries', () => {
    const result = parseCsv('title,abstract,labels,authors,label\nT,A,a; b;;,X ; Y,main', 'f.csv');
    expect(result.papers[0]).toMatchObject({ labels: ['a', 'b'], authors: ['X', 'Y'], label: 'main' });
  });

  it('throws an IngestError naming the file and the missing abstract column', () => {
    const parse = (): unknown => parseCsv(fixture('no-abstract.csv'), 'no-abstract.csv');
    expect(parse).toThrow(IngestError);
    expect(parse).toThrow(/^no-abstract\.csv: missing required column "abstract" \(or "summary"\)/);
  });

  it('throws an IngestError naming the missing title column', () => {
    expect(() => parseCsv('id,abstract\n1,A', 'f.csv')).toThrow(/^f\.csv: missing required column "title"/);
  });

  it('throws an IngestError when there is no header row at all', () => {
    expect(() => parseCsv('\n\n', 'f.csv')).toThrow(/^f\.csv: no CSV header row/);
  });
});
