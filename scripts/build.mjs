#!/usr/bin/env node
// Assembles the WebAssembly kernels (scripts/assembleKernels.mjs), builds dist/ with tsc
// and records a digest of what it was built from; with --if-changed, builds only when that
// digest differs (sources, tsconfig.json or package.json changed, or
// no build yet), so `npm run pipeline` starts the command at once on an unchanged checkout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleKernels } from './assembleKernels.mjs';
import { buildIsCurrent, recordBuild } from './buildDigest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--if-changed') && buildIsCurrent(root)) process.exit(0);
try {
  for (const file of await assembleKernels(root)) process.stdout.write(`assembled ${file}\n`);
} catch (error) {
  process.stderr.write(`paper-themes build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// The kernels' binaries go beside their compiled loader, so dist/ runs on its own.
mkdirSync(join(root, 'dist', 'src', 'kernels'), { recursive: true });
for (const file of readdirSync(join(root, 'src', 'kernels')).filter((f) => f.endsWith('.wasm'))) {
  copyFileSync(join(root, 'src', 'kernels', file), join(root, 'dist', 'src', 'kernels', file));
}
recordBuild(root);
