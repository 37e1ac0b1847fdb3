import { describe, expect, it } from 'vitest';
import { F64, FunctionBuilder, I32, assembleModule, op, sleb, uleb } from '../../src/linalg/wasmAssembler.js';

describe('wasmAssembler', () => {
  it('encodes LEB128 integers as the specification does', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([127]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('assembles a module that validates and runs: out[i] = a[i]·b[i] + 1 over a memory', () => {
    const f = new FunctionBuilder('mulAddOne');
    for (const p of ['a', 'b', 'out', 'n']) f.param(p, I32);
    f.local('i', I32).local('x', F64);
    f.forLoop('i', op.i32Const(0), f.get('n'), op.i32Const(1), () => {
      const at = (base: string) => [...f.get(base), ...f.get('i'), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add];
      f.emit(at('a'), op.f64Load(), at('b'), op.f64Load(), op.f64Mul, op.f64Const(1), op.f64Add, f.set('x'));
      f.emit(at('out'), f.get('x'), op.f64Store());
    });
    const bytes = assembleModule([f.build()], 1);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const { mulAddOne } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as {
      mulAddOne: (a: number, b: number, out: number, n: number) => void;
    };
    const view = new Float64Array(memory.buffer);
    view.set([1.5, -2, 3, 0.25], 0);
    view.set([2, 4, -1, 8], 4);
    mulAddOne(0, 32, 64, 4);
    expect(Array.from(view.subarray(8, 12))).toEqual([4, -7, -2, 3]);
  });

  it('refuses a name declared twice (it would silently point at the second one)', () => {
    const f = new FunctionBuilder('twice').param('a', I32).local('x', F64);
    expect(() => f.local('x', I32)).toThrow(/x is declared twice/);
    expect(() => new FunctionBuilder('p').param('a', I32).param('a', I32)).toThrow(/a is declared twice/);
  });
});
