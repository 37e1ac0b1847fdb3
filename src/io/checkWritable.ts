import { accessSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFault } from './outputError.js';

/**
 * Why no folder can be put at `dir` by a swap (see stageFolder), or undefined when one can:
 * checked before the work so a run does not fail after it. A swap deletes what the old
 * folder held, so an existing folder may hold only the names in `replaceable`. Creates
 * nothing that stays: a missing folder is not made, only a probe folder is made and
 * removed where the swap will create its temporary (file modes do not stop root, a probe
 * does not lie).
 */
export function folderProblem(dir: string, replaceable: readonly string[]): string | undefined {
  try {
    if (!exists(dir)) return creationProblem(dir);
    if (lstatSync(dir).isSymbolicLink() && !existsSync(dir)) return 'it is a symbolic link to nothing';
    const place = realpathSync(dir);
    const stats = statSync(place);
    if (!stats.isDirectory()) return describeFault({ code: 'ENOTDIR' }, place);
    if (statSync(dirname(place)).dev !== stats.dev) return 'it is a mount point; give a folder inside it';
    accessSync(place, constants.W_OK);
    const others = readdirSync(place).filter((entry) => !replaceable.includes(entry)).sort();
    if (others.length > 0) {
      const named = `${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}`;
      return `it holds other files (${named}), which replacing it would delete; give a new or empty folder`;
    }
    return probeProblem(dirname(place), dir);
  } catch (error) {
    return reasonOf(error, dir);
  }
}

/**
 * Why the file `path` cannot be written (see writeFileAtomic), or undefined when it can;
 * creates nothing that stays. A read-only file counts as not writable, though replacing
 * it by a rename would succeed: its mode says the user wants it kept.
 */
export function fileProblem(path: string): string | undefined {
  try {
    if (!exists(path)) return creationProblem(path);
    const stats = statSync(path);
    if (stats.isDirectory()) return describeFault({ code: 'EISDIR' }, path);
    accessSync(path, constants.W_OK);
    return stats.isFile() ? probeProblem(dirname(realpathSync(path)), path) : undefined;
  } catch (error) {
    return reasonOf(error, path);
  }
}

/** True when something (even a dangling link) is at `path`; false when nothing is, including below a file. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}

/** Why `path` cannot be created: its nearest existing ancestor must be a folder where entries can be made. */
function creationProblem(path: string): string | undefined {
  let ancestor = dirname(path);
  while (!exists(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) return describeFault({ code: 'ENOTDIR' }, ancestor);
  return probeProblem(ancestor, path);
}

/** Makes and removes a folder in `folder`: the only sure test that entries can be made there. */
function probeProblem(folder: string, path: string): string | undefined {
  const probe = join(folder, `.paper-themes-probe-${process.pid}`);
  try {
    mkdirSync(probe);
  } catch (error) {
    return reasonOf(error, path);
  }
  rmdirSync(probe);
  return undefined;
}

function reasonOf(error: unknown, path: string): string {
  return describeFault(error, path) ?? (error as Error).message;
}
