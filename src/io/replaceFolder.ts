import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces the folder `dir` by one holding exactly `files` (name -> content), so that a
 * reader sees the old folder or the complete new one, never a half-written one: the files
 * are written into a temporary sibling, then folders are swapped by renames. Leftovers of
 * a crashed earlier swap (`.name.tmp-*`, `.name.old-*`) are removed first.
 */
export function replaceFolder(dir: string, files: ReadonlyArray<readonly [string, string]>): void {
  const parent = dirname(dir);
  const name = basename(dir);
  mkdirSync(parent, { recursive: true });
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(`.${name}.tmp-`) || entry.startsWith(`.${name}.old-`)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
  const temporary = join(parent, `.${name}.tmp-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  for (const [file, content] of files) writeFileSync(join(temporary, file), content);
  if (existsSync(dir)) {
    rmSync(old, { recursive: true, force: true });
    renameSync(dir, old);
  }
  renameSync(temporary, dir);
  rmSync(old, { recursive: true, force: true });
}
