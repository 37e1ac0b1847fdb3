import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
