import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asOutputError, describeFault, OutputError } from '../../src/io/outputError.js';

const fault = (code: string) => Object.assign(new Error(`${code}: something, open 'x'`), { code });

describe('describeFault', () => {
  it('says what each foreseeable write fault means, with its code', () => {
    expect(describeFault(fault('EACCES'), '/r/x')).toBe('permission denied (EACCES)');
    expect(describeFault(fault('EROFS'), '/r/x')).toBe('read-only file system (EROFS)');
    expect(describeFault(fault('ENOSPC'), '/r/x')).toBe('no space left on device (ENOSPC)');
    expect(describeFault(fault('EDQUOT'), '/r/x')).toBe('disk quota exceeded (EDQUOT)');
    expect(describeFault(fault('EISDIR'), '/r/x')).toBe('it is a folder (EISDIR)');
  });

  it('names the file that stands where a folder is needed (ENOTDIR)', () => {
    const base = mkdtempSync(join(tmpdir(), 'pt-fault-'));
    writeFileSync(join(base, 'notes.txt'), '');
    expect(describeFault(fault('ENOTDIR'), join(base, 'notes.txt', 'a', 'b.csv'))).toBe(`${join(base, 'notes.txt')} is not a folder (ENOTDIR)`);
  });

  it('does not describe errors that are not file-system faults', () => {
    expect(describeFault(new TypeError('x is undefined'), '/r/x')).toBeUndefined();
    expect(describeFault(fault('ERR_INVALID_ARG_TYPE'), '/r/x')).toBeUndefined();
  });
});

describe('asOutputError', () => {
  it('turns a fault into an OutputError about the path the user knows, and lets a bug through', () => {
    expect(asOutputError(fault('ENOSPC'), '/r/index.html')).toEqual(new OutputError('/r/index.html', 'no space left on device (ENOSPC)'));
    const bug = new RangeError('bad index');
    expect(asOutputError(bug, '/r/index.html')).toBe(bug);
  });
});

describe('OutputError', () => {
  it('reads as one line naming the option, the path, the reason and what to do', () => {
    expect(new OutputError('/r/index.html', 'it is a folder (EISDIR)', 'runs-index', 'give --no-runs-index').message)
      .toBe('--runs-index: cannot write /r/index.html: it is a folder (EISDIR); give --no-runs-index');
    expect(new OutputError('/r/x.csv', 'no space left on device (ENOSPC)').message).toBe('cannot write /r/x.csv: no space left on device (ENOSPC)');
  });
});
