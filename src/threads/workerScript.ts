import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectRoot } from '../projectRoot.js';

/**
 * The compiled script of the worker `name` (e.g. 'kmeansWorker.js') that sits beside the
 * module whose import.meta.url is `moduleUrl`. Workers cannot load TypeScript, so code
 * running from the sources (the tests), or from a build without the worker beside it, uses
 * the build in dist/, which `npm ci` and `npm test` make first; a missing build is an error
 * that says how to make it. A module of another build folder (the benchmarks' dist-bench/,
 * which compiles only what bench/ imports, so no worker files) maps to the same place in
 * dist/.
 */
export function workerScript(moduleUrl: string, name: string): URL {
  const here = fileURLToPath(moduleUrl);
  const sibling = new URL(`./${name}`, moduleUrl);
  if (here.endsWith('.js') && existsSync(fileURLToPath(sibling))) return sibling;
  const root = projectRoot();
  const parts = relative(root, dirname(here)).split(sep);
  const inSources = parts[0] === 'src' || parts[0] === 'pipeline' ? parts : parts.slice(1);
  const built = join(root, 'dist', ...inSources, name);
  if (!existsSync(built)) throw new Error(`worker threads need the build: run \`npm run build\` (missing ${built})`);
  return pathToFileURL(built);
}
