// What dist/ was built from: a SHA-256 over the paths and contents of every file tsc reads
// from the project (src/, pipeline/, tsconfig.json, package.json), kept in dist/.sources-sha256.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCE_FOLDERS = ['src', 'pipeline'];
const SOURCE_FILES = ['tsconfig.json', 'package.json'];
export const DIGEST_FILE = join('dist', '.sources-sha256');

/** The digest of the build's inputs under `root`, files in code-point order of their paths. */
export function sourcesDigest(root) {
  const files = [...SOURCE_FILES.map((f) => join(root, f)).filter((f) => existsSync(f))];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(join(root, folder));
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f)).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ holds a build of exactly the current sources. */
export function buildIsCurrent(root) {
  const recorded = join(root, DIGEST_FILE);
  return existsSync(recorded) && existsSync(join(root, 'dist', 'pipeline', 'cli', 'main.js')) && readFileSync(recorded, 'utf8').trim() === sourcesDigest(root);
}

/** Records that dist/ is a build of the current sources. */
export function recordBuild(root) {
  writeFileSync(join(root, DIGEST_FILE), `${sourcesDigest(root)}\n`);
}
