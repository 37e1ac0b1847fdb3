import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
