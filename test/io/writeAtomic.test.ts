import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/outputError.js';
import { writeFileAtomic } from '../../src/io/writeAtomic.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paper-themes-writeAtomic-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the content to a new file', () => {
    const path = join(dir, 'themes.csv');
    writeFileAtomic(path, 'id,label\n0,agents\n');
    expect(readFileSync(path, 'utf8')).toBe('id,label\n0,agents\n');
  });

  it('creates missing parent folders', () => {
    const path = join(dir, 'reports', 'latest', 'nested', 'run.json');
    writeFileAtomic(path, '{"ok":true}');
    expect(readFileSync(path, 'utf8')).toBe('{"ok":true}');
  });

  it('replaces the whole content of an existing file, including a longer old one', () => {
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old content that is much longer than the new one');
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('can write the same file twice in a row', () => {
    const path = join(dir, 'out.txt');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
  });

  it('leaves no .tmp file behind, only the target', () => {
    const path = join(dir, 'sub', 'report.html');
    writeFileAtomic(path, '<html></html>');
    writeFileAtomic(path, '<html>again</html>');
    expect(readdirSync(dir)).toEqual(['sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['report.html']);
  });

  it('leaves other files in the folder alone', () => {
    writeFileSync(join(dir, 'keep.txt'), 'keep');
    writeFileAtomic(join(dir, 'new.txt'), 'new');
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'new.txt']);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('writes UTF-8 text and empty content faithfully', () => {
    const path = join(dir, 'u.txt');
    writeFileAtomic(path, 'Théme — 模型 ✓');
    expect(readFileSync(path, 'utf8')).toBe('Théme — 模型 ✓');
    writeFileAtomic(path, '');
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('writes through a symbolic link to the file it points to, keeping the link', () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'index.html'), 'old');
    symlinkSync(join(dir, 'real', 'index.html'), join(dir, 'link.html'));
    writeFileAtomic(join(dir, 'link.html'), 'new');
    expect(lstatSync(join(dir, 'link.html')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'index.html'), 'utf8')).toBe('new');
  });

  it('writes into a FIFO as it is, rather than replacing it by a file', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk) => (read += chunk));
    const done = new Promise((resolve) => reader.on('close', resolve));
    writeFileAtomic(fifo, 'through the pipe');
    await done;
    expect(read).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('fails with an OutputError naming the file when a folder stands at its place, leaving no temporary', () => {
    mkdirSync(join(dir, 'index.html'));
    expect(() => writeFileAtomic(join(dir, 'index.html'), 'x')).toThrow(new OutputError(join(dir, 'index.html'), 'it is a folder (EISDIR)'));
    expect(readdirSync(dir)).toEqual(['index.html']);
  });

  it('fails with an OutputError naming the file on the path that is not a folder (ENOTDIR)', () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const error = (() => {
      try {
        writeFileAtomic(join(dir, 'notes.txt', 'sub', 'run.json'), '{}');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).reason).toBe(`${join(dir, 'notes.txt')} is not a folder (ENOTDIR)`);
  });

  it('says the disk is full when a write fails with ENOSPC, keeping the old content and no temporary', () => {
    const path = join(dir, 'themes.csv');
    writeFileSync(path, 'old');
    const full = (file: string, content: string) => {
      writeFileSync(file, content.slice(0, 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    expect(() => writeFileAtomic(path, 'new content', full)).toThrow(new OutputError(path, 'no space left on device (ENOSPC)'));
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['themes.csv']);
  });

  it('names a full device (/dev/full) as ENOSPC, leaving the device as it is', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow(new OutputError('/dev/full', 'no space left on device (ENOSPC)'));
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('lets an error that is not a file-system fault through as it is (a bug stays a bug)', () => {
    const bug = new TypeError('not a string');
    expect(() => writeFileAtomic(join(dir, 'x.txt'), 'x', () => { throw bug; })).toThrow(bug);
  });

  it('removes temporaries left beside the file by killed processes, not those of running ones', () => {
    const path = join(dir, 'index.html');
    writeFileSync(`${path}.999999999.tmp`, 'left by a killed run');
    writeFileSync(`${path}.${process.ppid}.tmp`, 'another run, still writing');
    writeFileSync(join(dir, 'other.html.999999999.tmp'), 'not this file\'s');
    writeFileAtomic(path, 'new');
    expect(readdirSync(dir).sort()).toEqual([`index.html`, `index.html.${process.ppid}.tmp`, 'other.html.999999999.tmp']);
  });
});
