import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS } from './chromium.js';
import { packagedChromium, packagedChromiumEnv, packagedChromiumVersion, runtimeGlibc, type Unpack } from './packagedChromium.js';

const caches: string[] = [];
function emptyCache(): string {
  const cache = mkdtempSync(join(tmpdir(), 'paper-themes-chromium-cache-'));
  caches.push(cache);
  return cache;
}
afterAll(() => {
  for (const cache of caches) rmSync(cache, { recursive: true, force: true });
});

/** A stand-in for the 190 MB unpacking: a binary file holding the folder it was unpacked in. */
const fakeUnpack: Unpack = async (dir) => {
  writeFileSync(join(dir, 'chromium'), dir);
  return join(dir, 'chromium');
};

describe('the packaged Chromium (@sparticuz/chromium)', () => {
  it('unpacks from the package into an empty cache and opens a page, in its own fonts', async () => {
    const packaged = await packagedChromium(emptyCache());
    const browser = await chromium.launch({
      executablePath: packaged.executablePath,
      env: { ...process.env, ...packagedChromiumEnv(packaged, runtimeGlibc(), process.env) },
      args: CHROMIUM_FLAGS,
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<p style="font-family: sans-serif">Topic themes</p>');
      expect(await page.textContent('p')).toBe('Topic themes');
      // The font the page was drawn in, as Chromium reports it.
      const cdp = await page.context().newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'p' });
      await cdp.send('CSS.enable');
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(fonts.map((f) => f.familyName)).toEqual(['Open Sans']);
    } finally {
      await browser.close();
    }
  });

  it('is unpacked once: a later run uses the published folder', async () => {
    const cache = emptyCache();
    let unpacked = 0;
    const counting: Unpack = (dir) => {
      unpacked++;
      return fakeUnpack(dir);
    };
    const first = await packagedChromium(cache, counting);
    const second = await packagedChromium(cache, counting);
    expect(unpacked).toBe(1);
    expect(second).toEqual(first);
    expect(first.executablePath).toBe(join(cache, packagedChromiumVersion(), 'chromium'));
  });

  it('of two runs unpacking at once, one publishes its folder and both use it whole; no unpacking folder is left', async () => {
    const cache = emptyCache();
    let started = 0;
    let bothStarted!: () => void;
    const barrier = new Promise<void>((resolve) => (bothStarted = resolve));
    // Both runs are unpacking before either publishes.
    const racing: Unpack = async (dir) => {
      const binary = await fakeUnpack(dir);
      if (++started === 2) bothStarted();
      await barrier;
      return binary;
    };
    const [a, b] = await Promise.all([packagedChromium(cache, racing), packagedChromium(cache, racing)]);
    expect(started).toBe(2);
    expect(a).toEqual(b);
    expect(readdirSync(cache)).toEqual([packagedChromiumVersion()]);
    // The published binary is one run's complete copy.
    expect(readFileSync(a.executablePath, 'utf8')).toMatch(/\.unpacking-/);
    expect(readFileSync(a.fontconfigFile, 'utf8')).toContain(`<dir>${join(cache, packagedChromiumVersion(), 'fonts')}</dir>`);
  });

  it('never uses the folder of a run killed while unpacking, and removes it once it is stale', async () => {
    const cache = emptyCache();
    const version = packagedChromiumVersion();
    const dead = join(cache, `.unpacking-${version}-dead`);
    const live = join(cache, `.unpacking-${version}-live`);
    for (const dir of [dead, live]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'chromium'), 'truncated');
    }
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(dead, hourAgo, hourAgo);
    const packaged = await packagedChromium(cache, fakeUnpack);
    expect(readFileSync(packaged.executablePath, 'utf8')).not.toBe('truncated');
    expect(existsSync(dead)).toBe(false);
    // A recent one may belong to a run still unpacking.
    expect(existsSync(live)).toBe(true);
  });

  it('puts its own libraries ahead of the system’s where glibc loads them (2.34 and later)', () => {
    const packaged = { executablePath: '/c/chromium', fontconfigFile: '/c/fonts.conf', libraryPath: '/c/al2023/lib' };
    expect(packagedChromiumEnv(packaged, '2.36', { LD_LIBRARY_PATH: '/opt/lib' })).toEqual({ FONTCONFIG_FILE: '/c/fonts.conf', LD_LIBRARY_PATH: '/c/al2023/lib:/opt/lib' });
    expect(packagedChromiumEnv(packaged, '2.34', {})).toEqual({ FONTCONFIG_FILE: '/c/fonts.conf', LD_LIBRARY_PATH: '/c/al2023/lib' });
    expect(packagedChromiumEnv(packaged, '3.0', {}).LD_LIBRARY_PATH).toBe('/c/al2023/lib');
    expect(packagedChromiumEnv(packaged, '2.31', {})).toEqual({ FONTCONFIG_FILE: '/c/fonts.conf' });
    expect(packagedChromiumEnv(packaged, undefined, {})).toEqual({ FONTCONFIG_FILE: '/c/fonts.conf' });
  });
});
