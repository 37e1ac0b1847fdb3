import { assembleModule, type FunctionDef } from './wasmAssembler.js';

/**
 * Compiling the WebAssembly kernels, loudly. Every supported Node (20 and later) has
 * WebAssembly SIMD and threads, so a kernel module that does not compile is a bug in its
 * emitter (or a broken runtime): the tests fail on it (they compile each module and require
 * it), and a run warns once on stderr, naming the module, the function and the error, before
 * it falls back to the JavaScript loops (the same numbers, about three times slower).
 */

/** A compiled module, or why there is none. */
export type KernelCompilation = { module: WebAssembly.Module; error?: undefined } | { module?: undefined; error: string };

/**
 * Assembles and compiles `functions` (never throws). The engine names a failing function by
 * its index; the error names it by its name too.
 */
export function compileKernels(functions: () => readonly FunctionDef[], minPages: number, sharedMaxPages?: number): KernelCompilation {
  let defs: readonly FunctionDef[] = [];
  try {
    defs = functions();
    return { module: new WebAssembly.Module(assembleModule(defs, minPages, sharedMaxPages)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.replace(/function #(\d+)/, (text, index: string) => `${text} (${defs[Number(index)]?.name ?? '?'})`) };
  }
}

/** Where the warning goes: stderr, in the CLI's `warning:` form. */
function stderrWarning(line: string): void {
  process.stderr.write(`warning: ${line}\n`);
}

/**
 * The module `compile` gives, compiled on first use and kept for the process. When it fails,
 * `warn` is told once, and the result is null (the callers then use their JavaScript loops).
 */
export function lazyKernelModule(
  label: string,
  compile: () => KernelCompilation,
  warn: (line: string) => void = stderrWarning,
): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      const result = compile();
      compiled = result.module ?? null;
      if (result.error !== undefined) {
        warn(`the WebAssembly ${label} failed to compile (${result.error}); using the JavaScript loops instead (same results, slower). This is a bug in paper-themes: please report it with your Node version (${process.version}).`);
      }
    }
    return compiled;
  };
}
