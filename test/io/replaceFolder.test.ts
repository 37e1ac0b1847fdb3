import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFolder } from '../../src/io/replaceFolder.js';

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
});
