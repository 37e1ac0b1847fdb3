/** The binary wabt assembles from src/kernels/<file> under `root`. */
export function assembleKernel(root: string, file: string): Promise<Uint8Array>;
/** The kernels' text files (NAME.wat) under `root`, sorted. */
export function kernelTexts(root: string): string[];
/** Writes each missing or stale NAME.wasm; returns the files written. */
export function assembleKernels(root: string): Promise<string[]>;
