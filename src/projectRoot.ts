import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding paper-themes' package.json, found by walking up from this module, so
 * that bundled data resolve the same from `src/` (tests) and from `dist/src/` (the CLI).
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('paper-themes: cannot find the project folder (no package.json above the code)');
    dir = parent;
  }
  return dir;
}

/** A path inside the project folder. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
