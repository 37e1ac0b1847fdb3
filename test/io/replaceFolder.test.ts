import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/outputError.js';
import { replaceFolder, replaceFolderWith, stageFolder } from '../../src/io/replaceFolder.js';

/** A folder `night` in a fresh parent, holding an earlier report. */
function earlierNight(): { parent: string; dir: string } {
  const parent = mkdtempSync(join(tmpdir(), 'pt-replace-'));
  const dir = join(parent, 'night');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.csv'), 'old a');
  writeFileSync(join(dir, 'run.json'), 'old run');
  return { parent, dir };
}

const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('replaceFolder', () => {
  it('creates the folder with exactly the files given', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pt-replace-')), 'night');
    replaceFolder(dir, [['a.csv', 'x'], ['b.html', 'y']]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.html']);
  });

  it('replaces an existing folder whole, dropping files no longer written, and leaves no temporary folders', () => {
    const parent = mkdtempSync(join(tmpdir(), 'pt-replace-'));
    const dir = join(parent, 'night');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale.csv'), 'old');
    writeFileSync(join(dir, 'a.csv'), 'old');
    mkdirSync(join(parent, '.night.tmp-999999')); // left by a process killed mid-write
    replaceFolder(dir, [['a.csv', 'new']]);
    expect(readdirSync(dir)).toEqual(['a.csv']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['night']);
    expect(existsSync(join(parent, `.night.tmp-${process.pid}`))).toBe(false);
  });

  it('keeps the previous folder whole and leaves no temporary when a write fails (disk full)', () => {
    const { parent, dir } = earlierNight();
    let writes = 0;
    const fillsUp = (file: string, content: string) => {
      if ((writes += 1) === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      writeFileSync(file, content);
    };
    expect(() => replaceFolder(dir, [['a.csv', 'new a'], ['run.json', 'new run']], fillsUp))
      .toThrow(new OutputError(join(dir, 'run.json'), 'no space left on device (ENOSPC)', undefined, `${dir} is as it was`));
    expect(contents(dir)).toEqual({ 'a.csv': 'old a', 'run.json': 'old run' });
    expect(readdirSync(parent)).toEqual(['night']);
  });

  it('shows nothing of the new folder at its place until the swap', () => {
    const { dir } = earlierNight();
    const staged = stageFolder(dir);
    staged.write('a.csv', 'new a');
    expect(contents(dir)).toEqual({ 'a.csv': 'old a', 'run.json': 'old run' });
    staged.commit();
    expect(contents(dir)).toEqual({ 'a.csv': 'new a' });
  });

  it('leaves the previous folder as it was when the new one is discarded', () => {
    const { parent, dir } = earlierNight();
    const staged = stageFolder(dir);
    staged.write('a.csv', 'new a');
    staged.discard();
    expect(contents(dir)).toEqual({ 'a.csv': 'old a', 'run.json': 'old run' });
    expect(readdirSync(parent)).toEqual(['night']);
  });

  it('puts the previous folder back when a swap was killed between its two renames', () => {
    const parent = mkdtempSync(join(tmpdir(), 'pt-replace-'));
    mkdirSync(join(parent, '.night.old-999999999'));
    writeFileSync(join(parent, '.night.old-999999999', 'a.csv'), 'old a');
    mkdirSync(join(parent, '.night.tmp-999999999'));
    writeFileSync(join(parent, '.night.tmp-999999999', 'a.csv'), 'half');
    const staged = stageFolder(join(parent, 'night'));
    expect(contents(join(parent, 'night'))).toEqual({ 'a.csv': 'old a' });
    staged.discard();
    expect(readdirSync(parent)).toEqual(['night']);
  });

  it('leaves the temporary of a running process alone', () => {
    const { parent, dir } = earlierNight();
    mkdirSync(join(parent, `.night.tmp-${process.ppid}`));
    replaceFolder(dir, [['a.csv', 'new']]);
    expect(readdirSync(parent).sort()).toEqual([`.night.tmp-${process.ppid}`, 'night']);
  });

  it('leaves folders of similar names alone', () => {
    const { parent, dir } = earlierNight();
    mkdirSync(join(parent, '.nightly.tmp-999999999'));
    mkdirSync(join(parent, '.night.tmp-notapid'));
    replaceFolder(dir, [['a.csv', 'new']]);
    expect(readdirSync(parent).sort()).toEqual(['.night.tmp-notapid', '.nightly.tmp-999999999', 'night']);
  });

  it('replaces the folder a symbolic link points to, keeping the link', () => {
    const { parent, dir } = earlierNight();
    symlinkSync(dir, join(parent, 'latest'));
    replaceFolder(join(parent, 'latest'), [['a.csv', 'new']]);
    expect(lstatSync(join(parent, 'latest')).isSymbolicLink()).toBe(true);
    expect(contents(dir)).toEqual({ 'a.csv': 'new' });
  });
});

describe('replaceFolderWith', () => {
  it('makes a folder a copy of another, sub-folders too, by hard links that a later replacement of the source leaves alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-replace-with-'));
    const night = join(dir, '2026-11-20');
    replaceFolder(night, [['index.html', '<p>night</p>'], ['model/idf.f64', Uint8Array.from([1, 2, 3])]]);
    const latest = join(dir, 'latest');
    replaceFolder(latest, [['old.csv', 'old']]);
    replaceFolderWith(latest, night);
    expect(readdirSync(latest).sort()).toEqual(['index.html', 'model']);
    expect(readFileSync(join(latest, 'index.html'), 'utf8')).toBe('<p>night</p>');
    expect([...readFileSync(join(latest, 'model', 'idf.f64'))]).toEqual([1, 2, 3]);
    expect(statSync(join(latest, 'index.html')).ino).toBe(statSync(join(night, 'index.html')).ino);
    // The night is redone: latest/ keeps what it had until it is replaced in turn.
    replaceFolder(night, [['index.html', '<p>redone</p>']]);
    expect(readFileSync(join(latest, 'index.html'), 'utf8')).toBe('<p>night</p>');
  });
});

