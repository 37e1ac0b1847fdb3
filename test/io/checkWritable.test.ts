import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileProblem, folderProblem } from '../../src/io/checkWritable.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'pt-writable-'));
const REPORT = ['index.html', 'run.json'];

describe('folderProblem', () => {
  it('accepts a missing folder, several levels deep, creating nothing', () => {
    const base = tmp();
    expect(folderProblem(join(base, 'a', 'b', 'report'), REPORT)).toBeUndefined();
    expect(readdirSync(base)).toEqual([]);
  });

  it('accepts an existing folder, leaving it and its parent as they were', () => {
    const base = tmp();
    mkdirSync(join(base, 'report'));
    expect(folderProblem(join(base, 'report'), REPORT)).toBeUndefined();
    expect(readdirSync(base)).toEqual(['report']);
  });

  it('names the file on the path when a part of it is a file (ENOTDIR)', () => {
    const base = tmp();
    writeFileSync(join(base, 'notes.txt'), 'mine');
    expect(folderProblem(join(base, 'notes.txt', 'a', 'report'), REPORT)).toBe(`${join(base, 'notes.txt')} is not a folder (ENOTDIR)`);
    expect(folderProblem(join(base, 'notes.txt'), REPORT)).toBe(`${join(base, 'notes.txt')} is not a folder (ENOTDIR)`);
  });

  it('refuses a symbolic link to nothing', () => {
    const base = tmp();
    symlinkSync(join(base, 'gone'), join(base, 'report'));
    expect(folderProblem(join(base, 'report'), REPORT)).toBe('it is a symbolic link to nothing');
  });

  it('refuses a folder where none can be made (/proc), without hanging', () => {
    expect(folderProblem('/proc/paper-themes-report', REPORT)).toMatch(/\((ENOENT|EACCES|EPERM|EROFS)\)$/);
  });

  it('refuses a mount point, which cannot be swapped by a rename', () => {
    expect(folderProblem('/proc', REPORT)).toBe('it is a mount point; give a folder inside it');
  });

  it('refuses an existing folder holding files other than the replaceable ones, naming them', () => {
    const base = tmp();
    for (const name of ['run.json', 'thesis.tex', '.notes', 'index.html']) writeFileSync(join(base, name), '');
    expect(folderProblem(base, REPORT)).toBe('it holds other files (.notes, thesis.tex), which replacing it would delete; give a new or empty folder');
    expect(folderProblem(base, [...REPORT, 'thesis.tex', '.notes'])).toBeUndefined();
  });
});

describe('fileProblem', () => {
  it('accepts a missing file and an existing one, creating nothing', () => {
    const base = tmp();
    writeFileSync(join(base, 'index.html'), 'old');
    expect(fileProblem(join(base, 'new', 'index.html'))).toBeUndefined();
    expect(fileProblem(join(base, 'index.html'))).toBeUndefined();
    expect(readdirSync(base)).toEqual(['index.html']);
  });

  it('refuses a folder where a file is expected (EISDIR)', () => {
    expect(fileProblem(tmp())).toBe('it is a folder (EISDIR)');
  });

  it('names the file on the path when a part of it is a file (ENOTDIR)', () => {
    const base = tmp();
    writeFileSync(join(base, 'notes.txt'), 'mine');
    expect(fileProblem(join(base, 'notes.txt', 'index.html'))).toBe(`${join(base, 'notes.txt')} is not a folder (ENOTDIR)`);
  });

  it('accepts a writable device, which is written as it is', () => {
    expect(fileProblem('/dev/null')).toBeUndefined();
  });

  it('refuses a file in a file system where nothing can be made (/proc)', () => {
    expect(fileProblem('/proc/paper-themes.json')).toMatch(/\((ENOENT|EACCES|EPERM|EROFS)\)$/);
  });
});
