import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and its missing parents, one level at a time. Node's
 * `mkdirSync(path, { recursive: true })` never returns for some paths (seen with
 * `/proc/x` on Node 20); creating each level ourselves turns those into ordinary errors.
 */
export function ensureDir(path: string): void {
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) {
      throw Object.assign(new Error(`${path} exists and is not a folder`), { code: 'ENOTDIR', path, syscall: 'mkdir' });
    }
    return;
  }
  const parent = dirname(path);
  if (parent !== path) ensureDir(parent);
  mkdirSync(path);
}
