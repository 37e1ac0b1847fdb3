import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleKernel, kernelTexts } from '../../scripts/assembleKernels.mjs';
import { instantiateKernels, KERNEL_NAMES, kernelFolder, loadKernels } from '../../src/kernels/loadKernels.js';
import { projectRoot } from '../../src/projectRoot.js';

describe('kernel files (src/kernels: NAME.wat, assembled to NAME.wasm)', () => {
  const root = projectRoot();

  it('has one text file per kernel the code loads, and no other', () => {
    expect(kernelTexts(root)).toEqual([...KERNEL_NAMES].map((name) => `${name}.wat`).sort());
  });

  it('ships each binary exactly as wabt assembles it from its text', async () => {
    for (const file of kernelTexts(root)) {
      const shipped = readFileSync(join(kernelFolder(), file.replace(/\.wat$/, '.wasm')));
      expect(Buffer.compare(shipped, Buffer.from(await assembleKernel(root, file))), `${file}: run npm run build`).toBe(0);
    }
  });

  it('has the build carry every binary beside the compiled loader, so dist/ runs without the sources', () => {
    for (const name of KERNEL_NAMES) {
      const built = readFileSync(join(root, 'dist', 'src', 'kernels', `${name}.wasm`));
      expect(Buffer.compare(built, readFileSync(join(root, 'src', 'kernels', `${name}.wasm`))), name).toBe(0);
    }
    expect(kernelFolder()).toBe(join(root, 'src', 'kernels'));
  });

  it('gives each kernel one module that imports only env.memory and exports only its function', () => {
    const set = loadKernels(KERNEL_NAMES);
    for (const name of KERNEL_NAMES) {
      const module = set.modules[name];
      expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
      expect(WebAssembly.Module.exports(module)).toEqual([{ name, kind: 'function' }]);
    }
  });

  it('instantiates a set on the memory it is given, whose bytes the kernels work on', () => {
    const set = loadKernels(['zeroBytes']);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    new Uint8Array(memory.buffer).fill(7, 0, 64);
    instantiateKernels(set, memory).zeroBytes(8, 16);
    expect([...new Uint8Array(memory.buffer, 0, 32)]).toEqual([...Array(8).fill(7), ...Array(16).fill(0), ...Array(8).fill(7)]);
  });

  it('refuses a damaged, missing or wrongly named binary, naming its file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pt-kernels-'));
    copyFileSync(join(kernelFolder(), 'gramRows.wasm'), join(folder, 'gramRows.wasm'));
    writeFileSync(join(folder, 'rowDots.wasm'), readFileSync(join(kernelFolder(), 'rowDots.wasm')).subarray(0, 100));
    copyFileSync(join(kernelFolder(), 'gramRows.wasm'), join(folder, 'ownDots.wasm'));
    expect(loadKernels(['gramRows'], folder).modules.gramRows).toBeInstanceOf(WebAssembly.Module);
    expect(() => loadKernels(['rowDots'], folder)).toThrow(/the WebAssembly kernel .*pt-kernels-.*\/rowDots\.wasm failed to load/);
    expect(() => loadKernels(['nearestTwo'], folder)).toThrow(/the WebAssembly kernel .*\/nearestTwo\.wasm failed to load \(ENOENT/);
    expect(() => loadKernels(['ownDots'], folder)).toThrow(/kernel .*\/ownDots\.wasm exports gramRows, not ownDots/);
  });
});
