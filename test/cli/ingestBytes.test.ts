import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';

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

describe('paper-themes run on inputs beyond the size limit', () => {
  it('refuses a gzip bomb with exit code 1, naming the file and the limit, without a stack trace', async () => {
    const input = write('bomb.jsonl.gz', gzipSync(Buffer.alloc(30_000_000, 0x20)));
    const { code, err } = await cli(...runArgs(input, tmp()), '--max-input-mb', '2');
    expect(code).toBe(1);
    expect(err).toContain(`${input}: inflates to more than the input limit of 2 MB`);
    expect(err).not.toContain('    at ');
  });

  it('refuses --input /dev/zero at the limit instead of reading forever', async () => {
    const { code, err } = await cli(...runArgs('/dev/zero', tmp()), '--max-input-mb', '1');
    expect(code).toBe(1);
    expect(err).toContain('/dev/zero: larger than the input limit of 1 MB');
  });

  it('refuses a FIFO that streams more than the limit, and reads one that stays under it', async () => {
    const dir = tmp();
    const fifo = join(dir, 'papers.jsonl');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes '${JSON.stringify(papers[0])}' | head -c 3000000 > '${fifo}'`], { stdio: 'ignore' });
    const refused = await cli(...runArgs(fifo, tmp()), '--max-input-mb', '1');
    writer.kill();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${fifo}: larger than the input limit of 1 MB`);

    const lines = papers.map((p) => JSON.stringify(p)).join('\n');
    const small = spawn('sh', ['-c', `printf '%s\\n' '${lines.replaceAll("'", "'\\''")}' > '${fifo}'`], { stdio: 'ignore' });
    const read = await cli(...runArgs(fifo, tmp()), '--max-input-mb', '1');
    small.kill();
    expect(read.err).toBe('');
    expect(read.code).toBe(0);
  });

  it('refuses a --max-input-mb that is not a whole number from 1 to 2000 with exit code 2', async () => {
    const { code, err } = await cli('run', '--max-input-mb', '0');
    expect(code).toBe(2);
    expect(err).toContain('--max-input-mb: "0" is not valid; expected an integer from 1 to 2000');
  });
});

describe('paper-themes run on text with hostile bytes', () => {
  it('skips a record with invalid UTF-8 with a warning naming file and line, and writes no U+FFFD', async () => {
    const lines = papers.map((p) => Buffer.from(`${JSON.stringify(p)}\n`));
    lines[3] = Buffer.from(`${JSON.stringify(papers[3])}\n`.replace('study', 'st\u0000udy').replace('\u0000', '\u00e9'), 'latin1');
    const input = write('mixed.jsonl', Buffer.concat(lines));
    const out = tmp();
    const { code, err } = await cli(...runArgs(input, out));
    expect(code).toBe(0);
    expect(err).toMatch(new RegExp(`${input} line 4: invalid UTF-8 \\(byte 0xE9 at column \\d+\\)`));
    expect(assigned(out).map(([id]) => id)).not.toContain('p3');
    expect(readFileSync(join(out, 'assignments.csv'), 'utf8')).not.toContain('\uFFFD');
  });

  it('writes no control character from a title to the CSV, the report or the terminal, and no bidi override to the report', async () => {
    const hostile = papers.map((p, i) => (i === 2 ? { ...p, title: `\u001b[2J\u001b]0;pwned\u0007${p.title}\u202e\u0000` } : p));
    const input = write('hostile.jsonl', hostile.map((p) => JSON.stringify(p)).join('\n'));
    const out = tmp();
    const { code, out: stdout, err } = await cli('run', '--input', input, '--out', out, '--k', '3', '--min-df', '1', '--no-cache');
    expect(code).toBe(0);
    const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (const file of ['assignments.csv', 'themes.csv', 'index.html', 'run.json']) expect(readFileSync(join(out, file), 'utf8'), file).not.toMatch(controls);
    expect(stdout + err).not.toMatch(controls);
  });
});

describe('paper-themes run on a corpus with a 200,000-letter word', () => {
  it('finishes and makes no feature of the word', async () => {
    const long = papers.map((p, i) => (i === 0 ? { ...p, abstract: `${p.abstract} ${'x'.repeat(200_000)}` } : p));
    const input = write('long.jsonl', long.map((p) => JSON.stringify(p)).join('\n'));
    const out = tmp();
    expect((await cli(...runArgs(input, out))).code).toBe(0);
    const themes = readFileSync(join(out, 'themes.csv'), 'utf8');
    expect(themes).not.toContain('xxxxxxxxxx');
  });
});
