import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureDir } from './ensureDir.js';
import { leftBehind, removeQuietly } from './leftovers.js';
import { asOutputError, OutputError } from './outputError.js';
import type { WriteFile } from './writeAtomic.js';

/** A new folder being written beside its place, shown to nobody until it is swapped in. */
export interface StagedFolder {
  /** Writes one file of the new folder. */
  write(name: string, content: string): void;
  /** Writes one binary file of the new folder, `name` possibly in a sub-folder ("model/idf.f64"). */
  writeBytes(name: string, content: Uint8Array | string): void;
  /** Puts the file `source` into the new folder as `name`: a hard link where possible, else a copy. */
  link(name: string, source: string): void;
  /** Puts the new folder in place of the old one, whole, and removes the old one. */
  commit(): void;
  /** Removes the new folder, leaving the old one as it was. */
  discard(): void;
}

/**
 * Starts replacing the folder `dir` (a symbolic link is followed, and stays): files are
 * written into a temporary sibling `.name.tmp-<pid>`, then `commit` swaps the folders by
 * two renames, so a reader sees the old folder or the complete new one, never a mix.
 * Leftovers of killed runs are tidied first: their temporaries are removed, and an old
 * folder set aside by a swap killed between its two renames is put back. A failed write or
 * swap removes the temporary and throws an OutputError; the old folder stays as it was.
 */
export function stageFolder(dir: string, write: WriteFile = writeFileSync): StagedFolder {
  const place = existsSync(dir) ? realpathSync(dir) : dir;
  const parent = dirname(place);
  const name = basename(place);
  const temporary = join(parent, `.${name}.tmp-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  try {
    ensureDir(parent);
    tidyLeftovers(parent, name);
    mkdirSync(temporary);
  } catch (error) {
    throw asOutputError(error, dir);
  }
  const kept = existsSync(place) ? `${dir} is as it was` : `${dir} was not created`;
  return {
    write(file, content) {
      try {
        write(join(temporary, file), content);
      } catch (error) {
        removeQuietly(temporary);
        throw withHint(asOutputError(error, join(dir, file)), kept);
      }
    },
    writeBytes(file, content) {
      try {
        ensureDir(dirname(join(temporary, file)));
        writeFileSync(join(temporary, file), content);
      } catch (error) {
        removeQuietly(temporary);
        throw withHint(asOutputError(error, join(dir, file)), kept);
      }
    },
    link(file, source) {
      const target = join(temporary, file);
      try {
        ensureDir(dirname(target));
        try {
          linkSync(source, target);
        } catch {
          copyFileSync(source, target);
        }
      } catch (error) {
        removeQuietly(temporary);
        throw withHint(asOutputError(error, join(dir, file)), kept);
      }
    },
    commit() {
      try {
        swap(place, temporary, old);
      } catch (error) {
        removeQuietly(temporary);
        throw withHint(asOutputError(error, dir), kept);
      }
      removeQuietly(old);
    },
    discard: () => removeQuietly(temporary),
  };
}

/**
 * Replaces the folder `dir` by one holding exactly `files` (name -> content; binary content
 * and names in sub-folders, as "model/idf.f64", too); see {@link stageFolder}.
 */
export function replaceFolder(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>, write?: WriteFile): void {
  const staged = stageFolder(dir, write);
  for (const [file, content] of files) {
    if (typeof content === 'string' && !file.includes('/')) staged.write(file, content);
    else staged.writeBytes(file, content);
  }
  staged.commit();
}

/**
 * Replaces the folder `dir` by a copy of the folder `from` (as {@link replaceFolder}), each
 * file a hard link to `from`'s where the file system allows, else a copy: no file is ever
 * written in place, so the two folders never change each other, and linking saves writing
 * a large report twice.
 */
export function replaceFolderWith(dir: string, from: string): void {
  const staged = stageFolder(dir);
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(from, sub), { withFileTypes: true })) {
      const name = sub === '' ? entry.name : join(sub, entry.name);
      if (entry.isDirectory()) walk(name);
      else staged.link(name, join(from, name));
    }
  };
  walk('');
  staged.commit();
}

/** Moves the old folder aside and the new one in; puts the old one back if the second rename fails. */
function swap(place: string, temporary: string, old: string): void {
  const hadOld = existsSync(place);
  if (hadOld) renameSync(place, old);
  try {
    renameSync(temporary, place);
  } catch (error) {
    if (hadOld) renameSync(old, place);
    throw error;
  }
}

/** Removes `.name.tmp-*` and `.name.old-*` of processes that are gone, restoring an old folder whose place is empty. */
function tidyLeftovers(parent: string, name: string): void {
  for (const entry of readdirSync(parent)) {
    const kind = entry.startsWith(`.${name}.tmp-`) ? 'tmp' : entry.startsWith(`.${name}.old-`) ? 'old' : undefined;
    if (kind === undefined || !leftBehind(entry.slice(name.length + 6))) continue;
    const path = join(parent, entry);
    if (kind === 'old' && !existsSync(join(parent, name))) renameSync(path, join(parent, name));
    else removeQuietly(path);
  }
}

function withHint(error: unknown, hint: string): unknown {
  return error instanceof OutputError && error.hint === undefined ? new OutputError(error.path, error.reason, error.option, hint) : error;
}
