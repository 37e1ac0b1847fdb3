import { readdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureDir } from './ensureDir.js';
import { leftBehind, removeQuietly } from './leftovers.js';
import { asOutputError } from './outputError.js';

/** Writes a whole file; replaceable so tests can make a disk fill up. */
export type WriteFile = (path: string, content: string) => void;

/**
 * Writes a file so that readers see either the old content or the complete new one, never
 * a half-written file: write a temporary file beside it, then rename over the target
 * (rename is atomic within a file system). A symbolic link is written through (the link
 * stays), and a device or FIFO (`/dev/stdout`) is written as it is, never replaced by a
 * file. Temporaries of killed processes beside the target are removed. A file-system fault
 * is thrown as an OutputError naming `path`, with no temporary left behind.
 */
export function writeFileAtomic(path: string, content: string, write: WriteFile = writeFileSync): void {
  try {
    const target = existingTarget(path);
    if (target.special) {
      write(target.path, content);
      return;
    }
    ensureDir(dirname(target.path));
    removeStaleTemporaries(target.path);
    const temporary = `${target.path}.${process.pid}.tmp`;
    try {
      write(temporary, content);
      renameSync(temporary, target.path);
    } catch (error) {
      removeQuietly(temporary);
      throw error;
    }
  } catch (error) {
    throw asOutputError(error, path);
  }
}

/** Where `path` really is (symbolic links followed), and whether it is a device, FIFO or socket. */
function existingTarget(path: string): { path: string; special: boolean } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, special: false };
    throw error;
  }
  const stats = statSync(real);
  if (stats.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR', path });
  return { path: real, special: !stats.isFile() };
}

/** Removes `<name>.<pid>.tmp` files beside `path` whose process is gone (killed mid-write). */
function removeStaleTemporaries(path: string): void {
  const prefix = `${basename(path)}.`;
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = entry.slice(prefix.length, -'.tmp'.length);
    if (leftBehind(pid)) removeQuietly(join(dirname(path), entry));
  }
}

