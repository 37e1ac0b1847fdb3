import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import Chromium from '@sparticuz/chromium';
import { projectPath } from '../../src/projectRoot.js';

/**
 * The headless Chromium that ships inside the @sparticuz/chromium package (brotli-compressed
 * in its bin/ folder: nothing is downloaded, at install or at run time), unpacked once per
 * checkout and package version into node_modules/.cache/. The library itself would unpack
 * into the shared /tmp, where a run that is killed half-way leaves a truncated binary that
 * every later run takes as complete, and where two concurrent runs write the same file; here
 * each run unpacks into its own folder and publishes it with one rename.
 *
 * It comes with its own fonts (Open Sans), and uses only those: a machine with no fonts at
 * all (a slim container) would otherwise crash every page, and with the same fonts the
 * pages lay out the same on every machine. It also ships the NSS libraries it links to
 * (built for Amazon Linux 2023, glibc 2.34), used where the C library is recent enough, so a
 * machine without libnss3 runs it too. Linux on x86-64 with glibc only.
 */

/** Folder of unpacked packaged Chromiums, one sub-folder per package version. */
export const PACKAGED_CHROMIUM_CACHE = projectPath('node_modules', '.cache', 'paper-themes-chromium');

/** An unpacking folder untouched for this long belongs to a run that died (unpacking takes seconds). */
const STALE_UNPACKING_MS = 10 * 60_000;

const UNPACKING_PREFIX = '.unpacking-';

/** Where the unpacked folder keeps the NSS libraries (as the library names it). */
const LIBRARIES = join('al2023', 'lib');

/** The oldest C library the packaged NSS libraries load with. */
const LIBRARIES_GLIBC = [2, 34];

/** The installed @sparticuz/chromium's version (from its package.json). */
export function packagedChromiumVersion(): string {
  // The package's exports hide its package.json: found two folders above its entry point.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Unpacks a packaged Chromium into `dir`; resolves to the path of its binary. */
export type Unpack = (dir: string) => Promise<string>;

/**
 * The library's own unpacking, aimed at `dir`: it always writes into os.tmpdir(), and adds
 * its NSS libraries only on AWS Lambda, deciding both (from TMPDIR and AWS_EXECUTION_ENV)
 * before its first await, so the two variables are set for exactly that long.
 */
export const unpackPackagedChromium: Unpack = async (dir) => {
  const saved = { TMPDIR: process.env.TMPDIR, AWS_EXECUTION_ENV: process.env.AWS_EXECUTION_ENV };
  Object.assign(process.env, { TMPDIR: dir, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' });
  let unpacking: Promise<string>;
  try {
    unpacking = Chromium.executablePath();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const binary = await unpacking;
  if (!binary.startsWith(dir + sep)) throw new Error(`@sparticuz/chromium unpacked to ${binary}, outside ${dir}`);
  if (!existsSync(join(dir, LIBRARIES, 'libnss3.so'))) throw new Error(`@sparticuz/chromium did not unpack its libraries into ${join(dir, LIBRARIES)}`);
  return binary;
};

/** Removes unpacking folders left by runs that died while unpacking. */
function removeStaleUnpacking(cache: string, now: number): void {
  for (const name of readdirSync(cache)) {
    if (!name.startsWith(UNPACKING_PREFIX)) continue;
    const dir = join(cache, name);
    // Gone already when its run has just published or discarded it.
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat !== undefined && now - stat.mtimeMs > STALE_UNPACKING_MS) rmSync(dir, { recursive: true, force: true });
  }
}

/** The unpacked packaged Chromium: its binary, the fontconfig file naming its fonts, its libraries. */
export interface PackagedChromium {
  executablePath: string;
  fontconfigFile: string;
  libraryPath: string;
}

/** Whether glibc `version` ("2.36"; undefined: not glibc) loads the packaged libraries. */
function loadsPackagedLibraries(version: string | undefined): boolean {
  if (version === undefined) return false;
  const [major, minor] = version.split('.').map(Number);
  return major > LIBRARIES_GLIBC[0] || (major === LIBRARIES_GLIBC[0] && minor >= LIBRARIES_GLIBC[1]);
}

/** This process's glibc version, or undefined (another C library, another system). */
export function runtimeGlibc(): string | undefined {
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
  return header?.glibcVersionRuntime;
}

/**
 * What the packaged Chromium's environment adds to `env`: its fonts, and its libraries ahead
 * of the system's where `glibc` can load them (else the system's libnss3 must do).
 */
export function packagedChromiumEnv(packaged: PackagedChromium, glibc: string | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const added: Record<string, string> = { FONTCONFIG_FILE: packaged.fontconfigFile };
  if (loadsPackagedLibraries(glibc)) {
    added.LD_LIBRARY_PATH = [packaged.libraryPath, ...(env.LD_LIBRARY_PATH ? [env.LD_LIBRARY_PATH] : [])].join(':');
  }
  return added;
}

/** A fontconfig file naming only the fonts unpacked in `folder` (their cache beside them). */
function fontconfig(folder: string): string {
  const escape = (path: string) => path.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${escape(join(folder, 'fonts'))}</dir>
  <cachedir>${escape(join(folder, 'fonts-cache'))}</cachedir>
</fontconfig>
`;
}

/**
 * The packaged Chromium, unpacked into `cache` if it is not there yet. A version's folder
 * appears whole or not at all (renamed from a private unpacking folder), so a run that finds
 * it can use it, and of two runs unpacking at once one publishes and the other discards its
 * copy.
 */
export async function packagedChromium(cache = PACKAGED_CHROMIUM_CACHE, unpack: Unpack = unpackPackagedChromium): Promise<PackagedChromium> {
  const version = packagedChromiumVersion();
  const published = join(cache, version);
  const found = { executablePath: join(published, 'chromium'), fontconfigFile: join(published, 'fonts.conf'), libraryPath: join(published, LIBRARIES) };
  if (existsSync(found.fontconfigFile)) return found;
  mkdirSync(cache, { recursive: true });
  removeStaleUnpacking(cache, Date.now());
  const unpacking = mkdtempSync(join(cache, `${UNPACKING_PREFIX}${version}-`));
  try {
    const unpacked = await unpack(unpacking);
    if (unpacked !== join(unpacking, 'chromium')) throw new Error(`packaged Chromium: unexpected binary ${unpacked}`);
    // Written last: its presence marks a complete folder.
    writeFileSync(join(unpacking, 'fonts.conf'), fontconfig(published));
    try {
      renameSync(unpacking, published);
    } catch (error) {
      // Another run published the same version first: use theirs.
      if (!existsSync(found.fontconfigFile)) throw error;
    }
  } finally {
    rmSync(unpacking, { recursive: true, force: true });
  }
  return found;
}
