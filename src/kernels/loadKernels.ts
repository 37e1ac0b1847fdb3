import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPath } from '../projectRoot.js';

/**
 * The WebAssembly kernels, one per file: `src/kernels/NAME.wat` is the source (WebAssembly
 * text), `NAME.wasm` its binary, assembled by wabt at build time (scripts/assembleKernels.mjs)
 * and committed beside it; the build copies the binaries into dist/src/kernels/, so a
 * build runs without the sources. Each module imports its memory as env.memory and exports
 * one function, NAME; kernels that work on the same data are instantiated together on one
 * memory.
 */

export const KERNEL_NAMES = [
  'gatherRows', 'gramRows', 'timesSmallRows', 'subtractOuterRows', 'zeroBytes',
  'rowDots', 'ownDots', 'nearestTwo', 'candidateStep',
] as const;

export type KernelName = (typeof KERNEL_NAMES)[number];

/**
 * Compiled kernels that share a memory. A WebAssembly.Module can be posted to worker
 * threads, so a set travels with a job and each thread instantiates it on its memory.
 */
export interface KernelSet<N extends KernelName = KernelName> {
  readonly modules: Readonly<Record<N, WebAssembly.Module>>;
}

/** The exports of a set instantiated on one memory: one function per kernel. */
export type KernelExports<N extends KernelName> = Record<N, (...args: number[]) => void>;

/**
 * The folder of the kernels' binaries: beside this module (src/kernels/ under the tests,
 * dist/src/kernels/ in a build), else the sources' (a build that lacks them, such as the
 * benchmarks' dist-bench/).
 */
export function kernelFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return existsSync(join(here, 'rowDots.wasm')) ? here : projectPath('src', 'kernels');
}

/**
 * Compiles the kernels `names` (reads each binary once per call). A kernel that is missing,
 * does not compile or does not export its function is an error that names its file: every
 * supported Node (20 and later) has SIMD and shared memory, so there is nothing to fall
 * back to, only a broken install to report.
 */
export function loadKernels<N extends KernelName>(names: readonly N[], folder = kernelFolder()): KernelSet<N> {
  const modules = {} as Record<N, WebAssembly.Module>;
  for (const name of names) {
    const file = join(folder, `${name}.wasm`);
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(readFileSync(file));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`paper-themes: the WebAssembly kernel ${file} failed to load (${reason}); reinstall, or run \`npm run build\` in a checkout`);
    }
    const exported = WebAssembly.Module.exports(module).map((e) => e.name);
    if (exported.length !== 1 || exported[0] !== name) {
      throw new Error(`paper-themes: the WebAssembly kernel ${file} exports ${exported.join(', ') || 'nothing'}, not ${name}`);
    }
    modules[name] = module;
  }
  return { modules };
}

/** Instantiates every kernel of `set` on `memory`; their functions by name. */
export function instantiateKernels<N extends KernelName>(set: KernelSet<N>, memory: WebAssembly.Memory): KernelExports<N> {
  const exports = {} as KernelExports<N>;
  for (const name of Object.keys(set.modules) as N[]) {
    const instance = new WebAssembly.Instance(set.modules[name], { env: { memory } });
    exports[name] = instance.exports[name] as (...args: number[]) => void;
  }
  return exports;
}

/** `load` run once, on first use, and its result kept (a set is compiled once per thread). */
export function onFirstUse<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
