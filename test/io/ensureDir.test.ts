import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDir } from '../../src/io/ensureDir.js';

describe('ensureDir', () => {
  it('creates missing parents and accepts an existing folder', () => {
    const base = mkdtempSync(join(tmpdir(), 'paper-themes-dir-'));
    const deep = join(base, 'a', 'b', 'c');
    ensureDir(deep);
    expect(existsSync(deep)).toBe(true);
    expect(() => ensureDir(deep)).not.toThrow();
  });

  it('throws, rather than hanging, where a folder cannot be made', () => {
    const base = mkdtempSync(join(tmpdir(), 'paper-themes-dir-'));
    writeFileSync(join(base, 'file'), 'x');
    expect(() => ensureDir(join(base, 'file'))).toThrow(/not a folder/);
    expect(() => ensureDir(join(base, 'file', 'sub'))).toThrow();
    expect(() => ensureDir('/proc/paper-themes-test')).toThrow();
  });
});
