import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'paper-themes-bytes-'));

/** Runs the CLI in-process, capturing what it writes. */
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const io = {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  };
  const code = await main(args, io);
  return { code, out, err };
}

const topics = ['bayesian optimization', 'model merging', 'data selection'];
const paper = (i: number) => {
  const topic = topics[i % 3];
  return { id: `p${i}`, title: `${topic} study number ${i}`, abstract: `We study ${topic} in depth, with ${topic} experiments, ${topic} theory and ${topic} applications across settings ${i % 3}.` };
};
const papers = Array.from({ length: 12 }, (_, i) => paper(i));

function write(name: string, content: string | Uint8Array): string {
  const file = join(tmp(), name);
  writeFileSync(file, content);
  return file;
}

/** assignments.csv of a run as [paper_id, title] pairs. */
function assigned(out: string): string[][] {
  return readFileSync(join(out, 'assignments.csv'), 'utf8').trim().split('\r\n').slice(1).map((row) => row.split(',').slice(0, 2));
}

const runArgs = (input: string, out: string) => ['run', '--input', input, '--out', out, '--k', '3', '--min-df', '1', '--no-cache', '--quiet'];

describe('paper-themes run on a CSV file with an unclosed quote', () => {
  it('warns naming the line, and the next paper is read as itself, not merged into a garbage title', async () => {
    const rows = papers.map((p) => `${p.id},"${p.title}","${p.abstract}"`);
    rows[4] = `p4,"${papers[4].title},${papers[4].abstract}`;
    const input = write('papers.csv', `id,title,abstract\n${rows.join('\n')}\n`);
    const out = tmp();
    const { code, err } = await cli(...runArgs(input, out));
    expect(code).toBe(0);
    expect(err).toContain(`${input} line 6: malformed CSV: unclosed quote in the field opened on line 6`);
    const rowsOut = assigned(out);
    expect(rowsOut.map(([id]) => id).sort()).toEqual(papers.filter((p) => p.id !== 'p4').map((p) => p.id).sort());
    expect(rowsOut.find(([id]) => id === 'p5')?.[1]).toBe(papers[5].title);
  });
});
