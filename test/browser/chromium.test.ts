import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseChromium, chromiumBinary, DEBIAN_CHROMIUM } from './chromium.js';

describe('the Chromium the browser tests drive', () => {
  const installed = (path: string) => path === DEBIAN_CHROMIUM;
  const absent = () => false;

  it('is the one PAPER_THEMES_CHROMIUM names, even when Debian’s is installed', () => {
    expect(chooseChromium({ PAPER_THEMES_CHROMIUM: '/opt/chromium/chrome' }, installed)).toEqual({ kind: 'named', path: '/opt/chromium/chrome' });
  });

  it('is Debian’s chromium when it is installed and none is named', () => {
    expect(chooseChromium({}, installed)).toEqual({ kind: 'debian', path: DEBIAN_CHROMIUM });
    expect(chooseChromium({ PAPER_THEMES_CHROMIUM: '' }, installed)).toEqual({ kind: 'debian', path: DEBIAN_CHROMIUM });
  });

  it('is the packaged one (@sparticuz/chromium) on a Linux x86-64 machine without Debian’s chromium', () => {
    expect(chooseChromium({}, absent, 'linux-x64')).toEqual({ kind: 'packaged' });
  });

  it('is none elsewhere, refused with a message saying what to set', async () => {
    const choice = chooseChromium({}, absent, 'darwin-arm64');
    expect(choice).toEqual({ kind: 'none' });
    await expect(chromiumBinary(choice)).rejects.toThrow(/packaged one runs on linux-x64 only; set PAPER_THEMES_CHROMIUM/);
  });

  it('refuses a PAPER_THEMES_CHROMIUM that names no file, naming the variable', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'paper-themes-chromium-')), 'chrome');
    await expect(chromiumBinary({ kind: 'named', path: missing })).rejects.toThrow(`PAPER_THEMES_CHROMIUM=${missing}: no such file`);
  });
});
