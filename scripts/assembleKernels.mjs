// Assembles the WebAssembly kernels: each src/kernels/NAME.wat (WebAssembly text, one kernel
// per file) becomes src/kernels/NAME.wasm through wabt, the WebAssembly Binary Toolkit. The
// binaries are committed beside their text, so a run needs no toolchain; a test checks that
// each is exactly what its text assembles to.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The WebAssembly features the kernels use: fixed-width SIMD, shared memory, memory.fill. */
const FEATURES = { simd: true, threads: true, bulk_memory: true };

/** The binary of one kernel's text; a syntax or validation error names the file and line. */
export async function assembleKernel(root, file) {
  const wabt = await createRequire(join(root, 'package.json'))('wabt')();
  const module = wabt.parseWat(file, readFileSync(join(root, 'src', 'kernels', file), 'utf8'), FEATURES);
  try {
    module.resolveNames();
    module.validate(FEATURES);
    return Uint8Array.from(module.toBinary({ write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

/** The kernels' text files under `root`, by name. */
export function kernelTexts(root) {
  return readdirSync(join(root, 'src', 'kernels')).filter((f) => f.endsWith('.wat')).sort();
}

/** Writes every kernel's .wasm that is missing or differs from its text; returns the files written. */
export async function assembleKernels(root) {
  const written = [];
  for (const file of kernelTexts(root)) {
    const binary = await assembleKernel(root, file);
    const target = join(root, 'src', 'kernels', file.replace(/\.wat$/, '.wasm'));
    if (existsSync(target) && Buffer.compare(readFileSync(target), binary) === 0) continue;
    writeFileSync(target, binary);
    written.push(target);
  }
  return written;
}
