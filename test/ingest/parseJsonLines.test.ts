import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { paperIdFromAbstract, paperIdFromTitle } from '../../src/ingest/paperId.js';
import { parseJsonLines } from '../../src/ingest/parseJsonLines.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

const mixed = parseJsonLines(fixture('papers-mixed.jsonl'), 'papers-mixed.jsonl');
const problemAt = (line: number): string | undefined => mixed.issues.find((i) => i.line === line)?.problem;

describe('parseJsonLines', () => {
  it('keeps the five usable lines of the mixed fixture and reports the other eight', () => {
    expect(mixed.papers.map((p) => p.title)).toEqual([
      'Graph Neural Networks for Molecules',
      'Summary Alias Paper',
      'Numeric Id Paper',
      'No title field here',
      'Title is only spaces',
    ]);
    expect(mixed.issues.map((i) => i.line)).toEqual([5, 6, 9, 10, 11, 12, 13, 14]);
    expect(mixed.issues.every((i) => i.file === 'papers-mixed.jsonl')).toBe(true);
  });

  it('reads every optional field, collapses whitespace, and takes author names from objects', () => {
    expect(mixed.papers[0]).toEqual({
      id: 'a1',
      title: 'Graph Neural Networks for Molecules',
      abstract: 'We learn molecular properties with message passing.',
      date: '2024-03-01',
      label: 'cs.LG',
      labels: ['cs.LG', 'q-bio.BM'],
      authors: ['Ada Lovelace', 'Alan Turing'],
      url: 'https://example.org/a1',
    });
  });

  it('accepts summary as an alias of abstract and derives a missing id from the title', () => {
    expect(mixed.papers[1]).toEqual({
      id: paperIdFromTitle('Summary Alias Paper'),
      title: 'Summary Alias Paper',
      abstract: 'This record uses summary instead of abstract.',
    });
  });

  it('accepts a numeric id and treats null optional fields as absent', () => {
    expect(mixed.papers[2].id).toBe('42');
    expect(mixed.papers[2]).not.toHaveProperty('label');
  });

  it('ignores blank lines but keeps counting them for line numbers', () => {
    const result = parseJsonLines('\n  \n{"title":"T","abstract":"A"}\n\n{', 'f.jsonl');
    expect(result.papers).toHaveLength(1);
    expect(result.issues.map((i) => i.line)).toEqual([5]);
  });

  it('reports malformed JSON with the JSON.parse message', () => {
    let expected = '';
    try {
      JSON.parse('{"id": "a4", "title": "Broken JSON", "abstract": "missing closing brace"');
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(problemAt(5)).toBe(`malformed JSON: ${expected}`);
  });

  it('reports a line that is valid JSON but not an object', () => {
    expect(problemAt(6)).toMatch(/^not a JSON object \(got array\) \(a JSON array file must become JSON Lines/);
    expect(parseJsonLines('42\nnull', 'f').issues.map((i) => i.problem)).toEqual([
      'not a JSON object (got number)',
      'not a JSON object (got null)',
    ]);
  });

  it('accepts a missing or whitespace-only title, deriving a marked title from the abstract', () => {
    expect(problemAt(7)).toBeUndefined();
    expect(problemAt(8)).toBeUndefined();
    expect(mixed.papers.slice(3)).toEqual([
      { id: 'a6', title: 'No title field here', abstract: 'No title field here.', titleDerived: true },
      { id: 'a7', title: 'Title is only spaces', abstract: 'Title is only spaces.', titleDerived: true },
    ]);
  });

  it('accepts a null or empty title, and derives the id of a title-less paper from its abstract', () => {
    const abstracts = [
      'BACKGROUND: Sepsis is a leading cause of death in intensive care. METHODS: We reviewed 1,200 admissions.',
      'BACKGROUND: Delirium is common after cardiac surgery. METHODS: We followed 300 patients for a year.',
    ];
    const text = `${JSON.stringify({ title: null, abstract: abstracts[0] })}\n${JSON.stringify({ title: '', abstract: abstracts[1] })}\n`;
    const result = parseJsonLines(text, 'f.jsonl');
    expect(result.issues).toEqual([]);
    expect(result.papers.map((p) => [p.title, p.titleDerived])).toEqual([
      ['Sepsis is a leading cause of death in intensive care', true],
      ['Delirium is common after cardiac surgery', true],
    ]);
    expect(result.papers[0].id).toBe(paperIdFromAbstract(abstracts[0]));
    expect(result.papers[1].id).toBe(paperIdFromAbstract(abstracts[1]));
  });

  it('normalises arXiv ids in every written form to the bare id', () => {
    const text = ['arXiv:1811.00783', '1811.00783v2', 'https://arxiv.org/abs/1811.00783v1', ' hep-th/9901001v3 ', 'W123']
      .map((id, i) => JSON.stringify({ id, title: `T${i}`, abstract: 'A.' })).join('\n');
    expect(parseJsonLines(text, 'f').papers.map((p) => p.id)).toEqual(['1811.00783', '1811.00783', '1811.00783', 'hep-th/9901001', 'W123']);
  });

  it('still refuses a title-less record without an abstract', () => {
    expect(parseJsonLines('{"id": "x", "title": ""}', 'f').issues.map((i) => i.problem)).toEqual(['missing abstract']);
  });

  it('reports a missing abstract and an empty abstract', () => {
    expect(problemAt(9)).toBe('missing abstract');
    expect(problemAt(10)).toBe('empty abstract');
  });

  it('reports fields of the wrong type', () => {
    expect(problemAt(11)).toBe('title must be a string, got number');
    expect(problemAt(12)).toBe('labels must be an array of strings');
    expect(problemAt(13)).toBe('authors must be strings or objects with a string name');
    expect(problemAt(14)).toBe('date must be a string, got number');
  });

  it('lists every problem of a line in one issue', () => {
    const result = parseJsonLines('{"title": 1, "abstract": [], "url": false}', 'f');
    expect(result.issues).toEqual([
      {
        file: 'f',
        line: 1,
        problem: 'title must be a string, got number; abstract must be a string, got array; url must be a string, got boolean',
      },
    ]);
  });

  it('takes a single author string as one author and rejects a non-array authors value', () => {
    const ok = parseJsonLines('{"title":"T","abstract":"A","authors":"Ada Lovelace"}', 'f');
    expect(ok.papers[0].authors).toEqual(['Ada Lovelace']);
    const bad = parseJsonLines('{"title":"T","abstract":"A","authors":{"name":"Ada"}}', 'f');
    expect(bad.issues[0].problem).toBe('authors must be an array, got object');
  });

  it('ignores unknown fields such as the benchmark group', () => {
    const result = parseJsonLines('{"title":"T","abstract":"A","group":"physics"}', 'f');
    expect(result.papers[0]).not.toHaveProperty('group');
  });

  it('reads the arXiv benchmark sample with ids (normalised), labels and dates and no issues', () => {
    const result = parseJsonLines(fixture('arxiv-sample.jsonl'), 'arxiv-sample.jsonl');
    expect(result.issues).toEqual([]);
    expect(result.papers).toHaveLength(20);
    expect(result.papers[0]).toMatchObject({
      id: '1304.1039',
      title: 'Environmental structure and competitive scoring advantages in team competitions',
      label: 'physics.soc-ph',
      labels: ['physics.soc-ph', 'cs.SI', 'physics.data-an', 'stat.AP'],
      date: '2013-04-03',
    });
  });
});

describe('parseJsonLines on a JSON array file', () => {
  it('says to convert it to JSON Lines', async () => {
    const { parseJsonLines } = await import('../../src/ingest/parseJsonLines.js');
    const result = parseJsonLines('[{"title": "A", "abstract": "B"}]\n', 'papers.json');
    expect(result.papers).toHaveLength(0);
    expect(result.issues[0].problem).toContain('JSON Lines');
  });
});
