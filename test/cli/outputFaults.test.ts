import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { PaperStore } from '../../src/store/paperStore.js';

/** Writes whose path this returns true for fail with ENOSPC after half their content. */
const disk = vi.hoisted(() => ({ fullFor: null as null | ((path: string) => boolean) }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync = ((file: Parameters<typeof fs.writeFileSync>[0], data: string, options?: Parameters<typeof fs.writeFileSync>[2]) => {
    if (typeof file === 'string' && disk.fullFor?.(file)) {
      fs.writeFileSync(file, data.slice(0, data.length >> 1), options);
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return fs.writeFileSync(file, data, options);
  }) as typeof fs.writeFileSync;
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const { main } = await import('../../pipeline/cli/main.js');

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/paper-themes.js');

/**
 * File modes do not stop root, so as root the CLI children run without the capabilities
 * that override them (util-linux's setpriv), or else as an unprivileged user (nobody)
 * given the folders they write in.
 */
const asRoot = process.getuid?.() === 0;
const setpriv = asRoot ? ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) : undefined;
const asNobody = asRoot && setpriv === undefined;
const NOBODY = 65534;

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-themes-faults-'));
  if (asNobody) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

/** The command line of a CLI child, under setpriv when root. */
function childCommand(args: string[]): [string, string[]] {
  const cli = [bin, ...args];
  if (setpriv === undefined) return [process.execPath, cli];
  return [setpriv, ['--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--', process.execPath, ...cli]];
}

const good = (i: number, topic: string) =>
  JSON.stringify({ id: `p${i}`, title: `${topic} study number ${i}`, abstract: `We study ${topic} in depth, with ${topic} experiments, ${topic} theory and ${topic} applications across settings ${i % 3}.` });
const topics = ['bayesian optimization', 'model merging', 'data selection', 'protein folding'];
const corpus = Array.from({ length: 16 }, (_, i) => good(i, topics[i % 4]));

function corpusFile(): string {
  const file = join(tmp(), 'papers.jsonl');
  writeFileSync(file, `${corpus.join('\n')}\n`);
  return file;
}

const RUN = ['--min-df', '1', '--no-cache', '--workers', '1'];

/** Runs the CLI in-process, capturing what it writes. */
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

interface ChildResult { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

/**
 * Runs the built CLI as a child process (see childCommand for root). `closeOutput` closes its stdout (and `closeErrors` its stderr) at once, as
 * `| head -1` does once it has its line.
 */
function child(args: string[], options: { env?: Record<string, string>; closeOutput?: boolean; closeErrors?: boolean; stdoutTo?: string; stderrTo?: string } = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const [command, commandArgs] = childCommand(args);
    const proc = spawn(command, commandArgs, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', ...[options.stdoutTo, options.stderrTo].map((to) => (to === undefined ? 'pipe' : openSync(to, 'w')))],
      ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let out = '';
    let err = '';
    if (options.closeOutput) proc.stdout?.destroy();
    else proc.stdout?.on('data', (chunk) => (out += chunk));
    if (options.closeErrors) proc.stderr?.destroy();
    else proc.stderr?.on('data', (chunk) => (err += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** Each report file's SHA-256, by name; the model folder's files as `model/<name>`. */
function reportFiles(dir: string): Record<string, string> {
  const entries = readdirSync(dir).sort().flatMap((name) => (statSync(join(dir, name)).isDirectory()
    ? readdirSync(join(dir, name)).sort().map((inner) => join(name, inner))
    : [name]));
  return Object.fromEntries(entries.map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

/** The report's own files (the CSVs, the page, run.json), without the model's. */
const reportNames = (dir: string) => Object.keys(reportFiles(dir)).filter((name) => !name.startsWith('model/'));

/** Folders and files beside `dir` left by a swap (`.name.tmp-*`, `.name.old-*`). */
function leftovers(dir: string): string[] {
  return readdirSync(dirname(dir)).filter((entry) => entry.startsWith(`.${basename(dir)}.`));
}

/** One line on stderr, without a stack trace. */
function expectOneLine(err: string): void {
  expect(err).not.toMatch(/\n\s+at /);
  expect(err.trimEnd().split('\n'), err).toHaveLength(1);
}

describe('paper-themes run --out, killed or failing mid-write', () => {
  it('leaves the previous report whole when killed mid-write, and the next run removes the stale temporary', async () => {
    const input = corpusFile();
    const out = join(tmp(), 'report');
    expect((await child(['run', '--input', input, '--out', out, '--k', '4', '--quiet', ...RUN])).code).toBe(0);
    const before = reportFiles(out);
    expect(reportNames(out)).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'run.json', 'themes.csv']);
    expect(Object.keys(before)).toContain('model/manifest.json');

    const killed = await child(['run', '--input', input, '--out', out, '--k', '2', '--quiet', ...RUN], { env: { PAPER_THEMES_CRASH_AT: 'run-mid-report' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(reportFiles(out)).toEqual(before);
    expect(leftovers(out)).toHaveLength(1);

    const next = await child(['run', '--input', input, '--out', out, '--k', '2', '--quiet', ...RUN]);
    expect(next.code, next.err).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).clustering.k).toBe(2);
  });

  it('keeps the previous report and says the disk is full, exit code 5, when a write fails with ENOSPC', async () => {
    const input = corpusFile();
    const out = join(tmp(), 'report');
    expect((await cli('run', '--input', input, '--out', out, '--k', '4', '--quiet', ...RUN)).code).toBe(0);
    const before = reportFiles(out);
    disk.fullFor = (path) => path.endsWith('index.html') && path.includes(`.${basename(out)}.`);
    try {
      const { code, err } = await cli('run', '--input', input, '--out', out, '--k', '2', '--quiet', ...RUN);
      expect(code).toBe(5);
      expectOneLine(err);
      expect(err).toContain(join(out, 'index.html'));
      expect(err).toContain('no space left on device (ENOSPC)');
    } finally {
      disk.fullFor = null;
    }
    expect(reportFiles(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('creates no folder when the run fails before writing', async () => {
    const parent = tmp();
    const { code } = await cli('run', '--input', join(parent, 'missing.jsonl'), '--out', join(parent, 'new', 'report'), '--quiet', ...RUN);
    expect(code).toBe(1);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('paper-themes run, outputs that cannot be written, refused before the work', () => {
  it('refuses an --out folder that is read-only, with exit code 2, before tokenizing', async () => {
    const input = corpusFile();
    const out = join(tmp(), 'report');
    expect((await child(['run', '--input', input, '--out', out, '--k', '4', '--quiet', ...RUN])).code).toBe(0);
    const before = reportFiles(out);
    chmodSync(out, 0o555);
    const { code, err } = await child(['run', '--input', input, '--out', out, '--k', '2', ...RUN]);
    expect(code, err).toBe(2);
    expectOneLine(err);
    expect(err).toContain(`--out: cannot write ${out}: permission denied (EACCES)`);
    expect(reportFiles(out)).toEqual(before);
  });

  it('refuses an --out inside a read-only folder, with exit code 2, creating nothing', async () => {
    const parent = tmp();
    chmodSync(parent, 0o555);
    const { code, err } = await child(['run', '--input', corpusFile(), '--out', join(parent, 'new', 'report'), ...RUN]);
    expect(code, err).toBe(2);
    expectOneLine(err);
    expect(err).toContain(`--out: cannot write ${join(parent, 'new', 'report')}: permission denied (EACCES)`);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses an --out below a file (ENOTDIR), naming that file', async () => {
    const parent = tmp();
    writeFileSync(join(parent, 'notes.txt'), 'mine');
    const { code, err } = await cli('run', '--input', corpusFile(), '--out', join(parent, 'notes.txt', 'report'), ...RUN);
    expect(code).toBe(2);
    expectOneLine(err);
    expect(err).toContain(`${join(parent, 'notes.txt')} is not a folder (ENOTDIR)`);
  });

  it('refuses an --out folder holding files that are not a report, rather than replacing them', async () => {
    const out = tmp();
    writeFileSync(join(out, 'thesis.tex'), 'my work');
    const { code, err } = await cli('run', '--input', corpusFile(), '--out', out, ...RUN);
    expect(code).toBe(2);
    expectOneLine(err);
    expect(err).toContain('thesis.tex');
    expect(readdirSync(out)).toEqual(['thesis.tex']);
  });

  it('refuses a default runs index reports/index.html that is a folder, before the work', async () => {
    const reports = join(tmp(), 'reports');
    mkdirSync(join(reports, 'index.html'), { recursive: true });
    const { code, err } = await cli('run', '--input', corpusFile(), '--out', join(reports, 'today'), ...RUN);
    expect(code).toBe(2);
    expectOneLine(err);
    expect(err).toContain(`--runs-index: cannot write ${join(reports, 'index.html')}: it is a folder (EISDIR)`);
    expect(err).toContain('--no-runs-index');
    expect(err).not.toContain('[2/8] tokenize');
    expect(readdirSync(reports)).toEqual(['index.html']);
  });

  it('refuses a read-only reports/index.html, before the work', async () => {
    const reports = join(tmp(), 'reports');
    mkdirSync(reports);
    writeFileSync(join(reports, 'index.html'), 'kept');
    if (asNobody) chownSync(reports, NOBODY, NOBODY);
    chmodSync(join(reports, 'index.html'), 0o444);
    const { code, err } = await child(['run', '--input', corpusFile(), '--out', join(reports, 'today'), ...RUN]);
    expect(code, err).toBe(2);
    expectOneLine(err);
    expect(err).toContain(`--runs-index: cannot write ${join(reports, 'index.html')}: permission denied (EACCES)`);
    expect(readFileSync(join(reports, 'index.html'), 'utf8')).toBe('kept');
  });

  it('refuses a --runs-index that is a folder, before the work', async () => {
    const { code, err } = await cli('run', '--input', corpusFile(), '--out', join(tmp(), 'report'), '--runs-index', tmp(), ...RUN);
    expect(code).toBe(2);
    expectOneLine(err);
    expect(err).toMatch(/--runs-index: cannot write .*: it is a folder \(EISDIR\)/);
  });

  it('says a full disk for a runs index on /dev/full (ENOSPC), exit code 5, the report itself complete', async () => {
    const out = join(tmp(), 'report');
    const { code, err } = await cli('run', '--input', corpusFile(), '--out', out, '--runs-index', '/dev/full', '--quiet', '--k', '4', ...RUN);
    expect(code).toBe(5);
    expectOneLine(err);
    expect(err).toContain('cannot write /dev/full: no space left on device (ENOSPC)');
    expect(reportNames(out)).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'run.json', 'themes.csv']);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe('paper-themes evaluate --json and export --out, outputs that cannot be written', () => {
  it('refuses an evaluate --json that is a folder, before the work', async () => {
    const { code, out, err } = await cli('evaluate', '--input', corpusFile(), '--json', tmp(), '--variants', 'lsa', ...RUN);
    expect(code).toBe(2);
    expectOneLine(err);
    expect(err).toMatch(/--json: cannot write .*: it is a folder \(EISDIR\)/);
    expect(out).toBe('');
  });

  it('says a full disk for evaluate --json /dev/full (ENOSPC), exit code 5', async () => {
    const { code, err } = await cli('evaluate', '--input', corpusFile(), '--json', '/dev/full', '--variants', 'lsa', '--quiet', '--k', '4', ...RUN);
    expect(code).toBe(5);
    expectOneLine(err);
    expect(err).toContain('cannot write /dev/full: no space left on device (ENOSPC)');
  });

  it('refuses an export --out that is a folder, naming --out', async () => {
    const store = join(tmp(), 'papers.sqlite');
    new PaperStore(store).close();
    const folder = tmp();
    const { code, err } = await cli('export', '--run', 'latest', '--store', store, '--out', folder);
    expect(code).toBe(2);
    expectOneLine(err);
    expect(err).toContain(`--out: cannot write ${folder}: it is a folder (EISDIR)`);
  });
});

describe('paper-themes output to a pipe that closes early', () => {
  it('exits 0 without a stack trace when stdout closes at once (| head -1), the report written', async () => {
    const out = join(tmp(), 'report');
    const result = await child(['run', '--input', corpusFile(), '--out', out, '--k', '4', '--quiet', ...RUN], { closeOutput: true });
    expect(result.code, result.err).toBe(0);
    expect(result.err).toBe('');
    expect(reportNames(out)).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'run.json', 'themes.csv']);
  });

  it('exits 0 when both stdout and stderr close at once (2>&1 | head -1), the report written', async () => {
    const out = join(tmp(), 'report');
    const result = await child(['run', '--input', corpusFile(), '--out', out, '--k', '4', ...RUN], { closeOutput: true, closeErrors: true });
    expect(result.code).toBe(0);
    expect(reportNames(out)).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'run.json', 'themes.csv']);
  });

  it('keeps the exit code of a failure when stderr closes at once', async () => {
    const result = await child(['run', '--input', join(tmp(), 'missing.jsonl'), '--out', join(tmp(), 'report'), ...RUN], { closeOutput: true, closeErrors: true });
    expect(result.code).toBe(1);
  });
});

describe('paper-themes output to a full disk', () => {
  it('exits 5 saying so when stdout is a full disk (> /dev/full), rather than 0 with the summary lost', async () => {
    const out = join(tmp(), 'report');
    const result = await child(['run', '--input', corpusFile(), '--out', out, '--k', '4', '--quiet', ...RUN], { stdoutTo: '/dev/full' });
    expect(result.code).toBe(5);
    expectOneLine(result.err);
    expect(result.err).toContain('cannot write to standard output: no space left on device (ENOSPC)');
  });

  it('goes on and exits 0 when only stderr, which carries progress, is a full disk (2> /dev/full)', async () => {
    const out = join(tmp(), 'report');
    const result = await child(['run', '--input', corpusFile(), '--out', out, '--k', '4', ...RUN], { stderrTo: '/dev/full' });
    expect(result.code).toBe(0);
    expect(result.out).toContain('4 themes from 16 papers');
  });
});

describe('paper-themes messages quoting input', () => {
  it('prints no control character of an input line in warnings (C1 and DEL too): ingest removes them, the terminal escapes any left', async () => {
    const input = join(tmp(), 'page.txt');
    const abstract = (i: number) => `We study bayesian optimization number ${i} in depth, with experiments on benchmark functions, theory of acquisition functions and applications to tuning.`;
    const pairs = Array.from({ length: 4 }, (_, i) => `Bayesian optimization paper ${i}\n\n${abstract(i)}`);
    writeFileSync(input, `A title \u009b31m with C1 and DEL \u007f\n\n${pairs.join('\n\n')}\n`);
    const { err } = await cli('run', '--input', input, '--out', join(tmp(), 'report'), '--k', '2', '--quiet', ...RUN);
    expect(err).toContain('A title 31m with C1 and DEL');
    expect(err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('escapes a raw ESC in a file name quoted by an error', async () => {
    const { code, err } = await cli('run', '--input', join(tmp(), '\u001b[2J\u001b]0;owned\u0007.jsonl'), '--out', join(tmp(), 'report'), ...RUN);
    expect(code).toBe(1);
    expect(err).toContain('\\x1b[2J\\x1b]0;owned\\x07.jsonl');
    expect(err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('escapes control characters in nightly and export messages too', async () => {
    const nightly = await cli('nightly', '--date', '\u001b[2J2026-01-01', '--store', join(tmp(), 'papers.sqlite'));
    expect(nightly.code).toBe(2);
    expect(nightly.err).toContain('\\x1b[2J2026-01-01');
    const store = join(tmp(), 'papers.sqlite');
    new PaperStore(store).close();
    const exported = await cli('export', '--run', '\u009b2J', '--store', store, '--out', join(tmp(), 'x.csv'));
    expect(exported.code).toBe(2);
    expect(exported.err).toContain('\\x9b2J');
    expect(nightly.err + exported.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
