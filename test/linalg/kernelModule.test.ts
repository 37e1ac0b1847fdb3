import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileKernels, lazyKernelModule } from '../../src/linalg/kernelModule.js';
import { F64, FunctionBuilder, I32, op } from '../../src/linalg/wasmAssembler.js';

/** out = a + b on f64 at byte address `at`; with `vector`, the add is f64x2.add: one wrong opcode that fails validation. */
function addKernel(name: string, vector = false): FunctionBuilder {
  const f = new FunctionBuilder(name).param('at', I32).param('a', F64).param('b', F64);
  f.emit(f.get('at'), f.get('a'), f.get('b'), vector ? op.f64x2Add : op.f64Add, op.f64Store());
  return f;
}

describe('compileKernels', () => {
  it('compiles assembled kernels into a module', () => {
    const result = compileKernels(() => [addKernel('add').build()], 1);
    expect(result.error).toBeUndefined();
    expect(result.module).toBeInstanceOf(WebAssembly.Module);
  });

  it('reports a kernel that fails to validate, by its index and its name, with the engine’s error', () => {
    const result = compileKernels(() => [addKernel('add').build(), addKernel('addPairs', true).build()], 1);
    expect(result.module).toBeUndefined();
    expect(result.error).toMatch(/function #1 \(addPairs\) failed/);
    expect(result.error).toMatch(/f64x2\.add/);
  });

  it('reports an emitter that throws, without throwing', () => {
    const result = compileKernels(() => [new FunctionBuilder('twice').param('a', I32).param('a', I32).build()], 1);
    expect(result.error).toMatch(/a is declared twice/);
  });
});

describe('lazyKernelModule', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('compiles on first use only, and warns of nothing when the module compiles', () => {
    const warnings: string[] = [];
    let compiles = 0;
    const kernels = lazyKernelModule('test kernels', () => {
      compiles++;
      return compileKernels(() => [addKernel('add').build()], 1);
    }, (line) => warnings.push(line));
    const first = kernels();
    expect(first).toBeInstanceOf(WebAssembly.Module);
    expect(kernels()).toBe(first);
    expect(compiles).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('warns once, naming the kernels, the function and the error, then gives null (the JavaScript loops)', () => {
    const warnings: string[] = [];
    const kernels = lazyKernelModule('test kernels', () => compileKernels(() => [addKernel('addPairs', true).build()], 1), (line) => warnings.push(line));
    expect(kernels()).toBeNull();
    expect(kernels()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the WebAssembly test kernels failed to compile \(.*function #0 \(addPairs\) failed.*\); using the JavaScript loops instead/);
    expect(warnings[0]).toContain(process.version);
  });

  it('warns on stderr, in the CLI’s “warning:” form, by default', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const kernels = lazyKernelModule('test kernels', () => ({ error: 'no SIMD' }));
    expect(kernels()).toBeNull();
    expect(written).toEqual([expect.stringMatching(/^warning: the WebAssembly test kernels failed to compile \(no SIMD\);.*\n$/)]);
  });
});
