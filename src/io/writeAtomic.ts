import { renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDir } from './ensureDir.js';

/**
 * Writes a file so that readers see either the old content or the complete new one, never
 * a half-written file: write a temporary file beside it, then rename over the target
 * (rename is atomic within a file system).
 */
export function writeFileAtomic(path: string, content: string): void {
  ensureDir(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
