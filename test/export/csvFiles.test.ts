import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPORT_FILES, reportFiles } from '../../pipeline/8-report.js';
import { main } from '../../pipeline/cli/main.js';
import type { RunSummary } from '../../src/types.js';

/**
 * The CSV files as they land on disk, where analysts open them: their first bytes (a UTF-8
 * byte order mark only under --csv-bom, for Excel), CRLF record ends, RFC 4180 quoting of
 * commas, quotes and line breaks, accents and other non-ASCII text byte-exact, and the same
 * files read back by Python's csv module (/usr/bin/python3, present wherever the tests run).
 */

const PYTHON = '/usr/bin/python3';
const BOM = [0xef, 0xbb, 0xbf];

const TITLES = {
  accents: 'Équations de Navier–Stokes: straße, über, ½, 中文, 😀',
  quoting: 'Commas, "quotes" and more',
  newline: 'Line one\nline two',
  formula: '=SUM(A1)',
  plain: 'Plain title',
};

const summary: RunSummary = {
  corpusName: 'accents',
  parameters: {},
  quality: {},
  papers: [
    { id: '2403.10007', title: TITLES.accents, abstract: '', date: '2024-03-15' },
    { id: 'hep-th/9901001', title: TITLES.quoting, abstract: '' },
    { id: 't-0123456789ab', title: TITLES.newline, abstract: '', url: 'https://example.org/own' },
    { id: 'p4', title: TITLES.formula, abstract: '' },
    { id: 'p5', title: TITLES.plain, abstract: '' },
  ],
  assignments: [
    { paperId: '2403.10007', themeId: 0, score: 0.91, x: -1.25, y: 0.5 },
    { paperId: 'hep-th/9901001', themeId: 1, score: 0.5, x: 2, y: -3 },
    { paperId: 't-0123456789ab', themeId: 0, score: 0.75, x: 0, y: 0 },
    { paperId: 'p4', themeId: 1, score: 0.25, x: 1, y: 1 },
    { paperId: 'p5', themeId: 0, score: 0.6, x: 1, y: 2 },
  ],
  themes: [
    { id: 0, label: 'réseaux de neurones · modèles', size: 3, topTerms: [{ term: 'réseau', weight: 0.4 }, { term: 'naïve, "bayes"', weight: 0.3 }], representativeIds: ['2403.10007', 't-0123456789ab'] },
    { id: 1, label: 'größe', size: 2, topTerms: [{ term: 'größe', weight: 0.5 }], representativeIds: ['hep-th/9901001'] },
  ],
};

/** The report's CSV files written to a new folder, as the report stage writes them (UTF-8). */
function writeCsvs(csvBom: boolean): { dir: string; assignments: string; themes: string } {
  const dir = mkdtempSync(join(tmpdir(), 'paper-themes-csv-'));
  for (const [name, content] of reportFiles(summary, { csvBom })) if (name.endsWith('.csv')) writeFileSync(join(dir, name), content);
  return { dir, assignments: join(dir, REPORT_FILES.assignments), themes: join(dir, REPORT_FILES.themes) };
}

/** Text outside quoted fields: where the record ends are. */
function unquoted(text: string): string {
  return text.replace(/"(?:[^"]|"")*"/g, '""');
}

describe('the CSV files, byte by byte', () => {
  it('start with the header itself by default, and with EF BB BF then the header under --csv-bom', () => {
    const plain = writeCsvs(false);
    const bom = writeCsvs(true);
    expect([...readFileSync(plain.assignments).subarray(0, 8)]).toEqual([...Buffer.from('paper_id')]);
    expect([...readFileSync(plain.themes).subarray(0, 8)]).toEqual([...Buffer.from('theme_id')]);
    expect([...readFileSync(bom.assignments).subarray(0, 11)]).toEqual([...BOM, ...Buffer.from('paper_id')]);
    expect([...readFileSync(bom.themes).subarray(0, 11)]).toEqual([...BOM, ...Buffer.from('theme_id')]);
    // The mark is the only difference, and the index.html has none.
    expect(readFileSync(bom.assignments).subarray(3)).toEqual(readFileSync(plain.assignments));
    expect(readFileSync(bom.themes).subarray(3)).toEqual(readFileSync(plain.themes));
    const html = reportFiles(summary, { csvBom: true }).find(([name]) => name === REPORT_FILES.html)![1];
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('end every record with CRLF, and keep a line break inside a title as written, inside quotes', () => {
    const bytes = readFileSync(writeCsvs(false).assignments, 'utf8');
    const outside = unquoted(bytes);
    expect(outside.split('\r\n').length - 1).toBe(summary.papers.length + 1);
    expect(outside.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(bytes.endsWith('\r\n')).toBe(true);
    expect(bytes).toContain(',"Line one\nline two",');
  });

  it('quote commas and quotes as RFC 4180 says (doubled quotes), and guard a formula', () => {
    const assignments = readFileSync(writeCsvs(false).assignments, 'utf8');
    expect(assignments).toContain(',"Commas, ""quotes"" and more",');
    expect(assignments).toContain(",'=SUM(A1),");
    const themes = readFileSync(writeCsvs(false).themes, 'utf8');
    expect(themes).toContain(',"réseau; naïve, ""bayes""",');
  });

  it('write accents and other non-ASCII text as UTF-8, byte-exact, and read them back unchanged', () => {
    const bytes = readFileSync(writeCsvs(false).assignments);
    expect(bytes.includes(Buffer.from([0xc3, 0x89]))).toBe(true); // É
    expect(bytes.includes(Buffer.from([0xf0, 0x9f, 0x98, 0x80]))).toBe(true); // 😀
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.title)).toEqual([TITLES.accents, TITLES.quoting, TITLES.newline, `'${TITLES.formula}`, TITLES.plain]);
    expect(rows.map((r) => r.theme_label)).toEqual(['réseaux de neurones · modèles', 'größe', 'réseaux de neurones · modèles', 'größe', 'réseaux de neurones · modèles']);
  });

  it('are byte-identical when written twice from the same run', () => {
    expect(reportFiles(summary, { csvBom: false })).toEqual(reportFiles(summary, { csvBom: false }));
    expect(reportFiles(summary, { csvBom: true })).toEqual(reportFiles(summary, { csvBom: true }));
  });
});

/**
 * Reads each file with Python's csv.DictReader, opened as the csv docs say
 * (encoding='utf-8', newline=''), as most scripts do (encoding='utf-8' alone), and with
 * encoding='utf-8-sig' (which drops a byte order mark); prints the header and rows as JSON.
 */
const READ_WITH_PYTHON = `
import csv, json, sys
out = {}
for path in sys.argv[1:]:
    for name, kwargs in (('docs', dict(encoding='utf-8', newline='')), ('plain', dict(encoding='utf-8')), ('sig', dict(encoding='utf-8-sig', newline=''))):
        with open(path, **kwargs) as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        out[path + ' ' + name] = {'header': reader.fieldnames, 'rows': rows}
print(json.dumps(out))
`;

type PythonRead = Record<string, { header: string[]; rows: Array<Record<string, string>> }>;

function readWithPython(...paths: string[]): PythonRead {
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_WITH_PYTHON, ...paths], { encoding: 'utf8' })) as PythonRead;
}

describe("the CSV files read by Python's csv module", () => {
  it('give the header, the accents, the quoted fields, the line break and the arXiv urls as written (default files)', () => {
    const { assignments, themes } = writeCsvs(false);
    const read = readWithPython(assignments, themes);
    for (const how of ['docs', 'plain', 'sig']) {
      const a = read[`${assignments} ${how}`];
      expect(a.header).toEqual(['paper_id', 'title', 'theme_id', 'theme_label', 'score', 'x', 'y', 'date', 'url', 'title_derived', 'loose_fit']);
      expect(a.rows.map((r) => r.title)).toEqual([TITLES.accents, TITLES.quoting, TITLES.newline, `'${TITLES.formula}`, TITLES.plain]);
      expect(a.rows[0]).toMatchObject({ paper_id: '2403.10007', theme_label: 'réseaux de neurones · modèles', score: '0.910000', x: '-1.250000', date: '2024-03-15' });
      // url: an arXiv id's abstract page (new and old style), else the record's own, else empty.
      expect(a.rows.map((r) => r.url)).toEqual(['https://arxiv.org/abs/2403.10007', 'https://arxiv.org/abs/hep-th/9901001', 'https://example.org/own', '', '']);
      const t = read[`${themes} ${how}`];
      expect(t.header[0]).toBe('theme_id');
      expect(t.rows.map((r) => [r.theme_label, r.top_terms, r.representative_1])).toEqual([
        ['réseaux de neurones · modèles', 'réseau; naïve, "bayes"', TITLES.accents],
        ['größe', 'größe', TITLES.quoting],
      ]);
    }
  });

  it("read the --csv-bom files alike with encoding='utf-8-sig', and see the mark in the first column's name without it", () => {
    const plain = writeCsvs(false);
    const bom = writeCsvs(true);
    const read = readWithPython(plain.assignments, bom.assignments, bom.themes);
    expect(read[`${bom.assignments} sig`]).toEqual(read[`${plain.assignments} docs`]);
    expect(read[`${bom.themes} sig`].header[0]).toBe('theme_id');
    // The trade-off the README states: with encoding='utf-8' the mark stays in the first name.
    expect(read[`${bom.assignments} docs`].header[0]).toBe('\ufeffpaper_id');
    expect(read[`${bom.assignments} docs`].rows.map((r) => r.title)).toEqual(read[`${plain.assignments} docs`].rows.map((r) => r.title));
  });
});

describe('paper-themes run --csv-bom', () => {
  it('writes every CSV with the mark, the report without, and nothing else changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-csv-bom-'));
    const input = join(dir, 'papers.jsonl');
    const topics = ['bayesian optimization', 'model merging', 'data selection'];
    writeFileSync(input, Array.from({ length: 12 }, (_, i) => JSON.stringify({
      id: `2403.${10000 + i}`, title: `Études de ${topics[i % 3]} ${i}`,
      abstract: `We study ${topics[i % 3]} in depth, with ${topics[i % 3]} experiments, ${topics[i % 3]} theory and applications ${i % 3}.`,
    })).join('\n'));
    const io = { out: { write: () => true }, err: { write: () => true } };
    const run = (out: string, ...extra: string[]) => main(['run', '--input', input, '--out', join(dir, out), '--k', '3', '--no-cache', '--no-runs-index', '--workers', '1', '--quiet', ...extra], io);
    expect(await run('plain')).toBe(0);
    expect(await run('bom', '--csv-bom')).toBe(0);
    for (const name of [REPORT_FILES.assignments, REPORT_FILES.themes, REPORT_FILES.hierarchy]) {
      const plain = readFileSync(join(dir, 'plain', name));
      const bom = readFileSync(join(dir, 'bom', name));
      expect([...plain.subarray(0, 3)]).not.toEqual(BOM);
      expect([...bom.subarray(0, 3)]).toEqual(BOM);
      expect(bom.subarray(3)).toEqual(plain);
    }
    expect(readFileSync(join(dir, 'bom', REPORT_FILES.html))).toEqual(readFileSync(join(dir, 'plain', REPORT_FILES.html)));
    const rows = parse(readFileSync(join(dir, 'bom', REPORT_FILES.assignments), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows[0].title).toMatch(/^Études de /);
    expect(rows.every((r) => r.url === `https://arxiv.org/abs/${r.paper_id}`)).toBe(true);
  });
});
