/**
 * A minimal WebAssembly assembler: enough of the binary format (types, one imported
 * memory, functions, exports) and of the instruction set (locals, i32 arithmetic, f64
 * and v128 loads/stores, f64x2 arithmetic, structured loops) to write the few numeric
 * kernels of wasmKernels.ts without a toolchain. The module bytes are built at run time,
 * so nothing binary is committed and nothing is downloaded.
 *
 * Reference: the WebAssembly core specification 2.0, §5 (binary format) and the SIMD
 * proposal's opcode table (0xFD prefix).
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

export type Bytes = number[];

export function uleb(value: number): Bytes {
  const out: Bytes = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(value: number): Bytes {
  const out: Bytes = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function vector(items: readonly Bytes[]): Bytes {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: Bytes): Bytes {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): Bytes {
  return vector([...new TextEncoder().encode(text)].map((b) => [b]));
}

/** Instructions (each returns its encoding). Memory offsets are byte offsets. */
export const op = {
  localGet: (i: number): Bytes => [0x20, ...uleb(i)],
  localSet: (i: number): Bytes => [0x21, ...uleb(i)],
  localTee: (i: number): Bytes => [0x22, ...uleb(i)],
  i32Const: (n: number): Bytes => [0x41, ...sleb(n)],
  i32Add: [0x6a] as Bytes,
  i32Sub: [0x6b] as Bytes,
  i32Mul: [0x6c] as Bytes,
  i32Shl: [0x74] as Bytes,
  i32And: [0x71] as Bytes,
  i32ShrU: [0x76] as Bytes,
  i32Store: (offset = 0): Bytes => [0x36, 2, ...uleb(offset)],
  i32GeS: [0x4e] as Bytes,
  i32GtS: [0x4a] as Bytes,
  i32Eqz: [0x45] as Bytes,
  i32Eq: [0x46] as Bytes,
  i32Load: (offset = 0): Bytes => [0x28, 2, ...uleb(offset)],
  f64Load: (offset = 0): Bytes => [0x2b, 3, ...uleb(offset)],
  f64Store: (offset = 0): Bytes => [0x39, 3, ...uleb(offset)],
  f64Const: (value: number): Bytes => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)],
  f64Add: [0xa0] as Bytes,
  f64Mul: [0xa2] as Bytes,
  f64Sub: [0xa1] as Bytes,
  f64Lt: [0x63] as Bytes,
  f64Eq: [0x61] as Bytes,
  f64Min: [0xa4] as Bytes,
  f64Max: [0xa5] as Bytes,
  v128Load: (offset = 0): Bytes => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Store: (offset = 0): Bytes => [0xfd, 0x0b, 3, ...uleb(offset)],
  f64x2Splat: [0xfd, 0x14] as Bytes,
  f64x2ExtractLane: (lane: number): Bytes => [0xfd, 0x21, lane],
  f64x2Add: [0xfd, ...uleb(240)] as Bytes,
  f64x2Sub: [0xfd, ...uleb(241)] as Bytes,
  f64x2Mul: [0xfd, ...uleb(242)] as Bytes,
  /** memory.fill (bulk memory): [address, byte value, length] on the stack. */
  memoryFill: [0xfc, 0x0b, 0x00] as Bytes,
  else: [0x05] as Bytes,
  block: [0x02, 0x40] as Bytes,
  loop: [0x03, 0x40] as Bytes,
  if: [0x04, 0x40] as Bytes,
  end: [0x0b] as Bytes,
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
};

/** A function: parameter types, extra locals (in declaration order), body (without the final end). */
export interface FunctionDef {
  name: string;
  params: readonly ValueType[];
  locals: readonly ValueType[];
  body: Bytes;
}

/**
 * A module importing one memory as env.memory (at least `minPages` 64 KiB pages) and
 * exporting the functions (no results). With `sharedMaxPages`, the memory is a shared one
 * (threads) of at most that many pages.
 */
export function assembleModule(functions: readonly FunctionDef[], minPages: number, sharedMaxPages?: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector([])]);
  const limits = sharedMaxPages === undefined ? [0x00, ...uleb(minPages)] : [0x03, ...uleb(minPages), ...uleb(sharedMaxPages)];
  const imports = [[...name('env'), ...name('memory'), 0x02, ...limits]];
  const declarations = functions.map((_, i) => uleb(i));
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const bodies = functions.map((f) => {
    // Locals as runs of equal types.
    const runs: Bytes[] = [];
    for (let i = 0; i < f.locals.length; ) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...uleb(j - i), f.locals[i]]);
      i = j;
    }
    const code = [...vector(runs), ...f.body, ...op.end];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(declarations)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}

/**
 * A function body under construction, with named locals: `param`/`local` declare them
 * (parameters first), `emit` appends instructions.
 */
export class FunctionBuilder {
  readonly params: ValueType[] = [];
  readonly locals: ValueType[] = [];
  readonly body: Bytes = [];
  private readonly indices = new Map<string, number>();

  constructor(readonly name: string) {}

  param(id: string, type: ValueType): this {
    if (this.locals.length > 0) throw new Error('parameters must come before locals');
    this.checkNew(id);
    this.indices.set(id, this.params.length);
    this.params.push(type);
    return this;
  }

  local(id: string, type: ValueType): this {
    this.checkNew(id);
    this.indices.set(id, this.params.length + this.locals.length);
    this.locals.push(type);
    return this;
  }

  /** A name may be declared once: a second declaration would silently re-point it. */
  private checkNew(id: string): void {
    if (this.indices.has(id)) throw new Error(`${this.name}: ${id} is declared twice`);
  }

  /** Index of a named parameter or local. */
  at(id: string): number {
    const index = this.indices.get(id);
    if (index === undefined) throw new Error(`${this.name}: unknown local ${id}`);
    return index;
  }

  get(id: string): Bytes {
    return op.localGet(this.at(id));
  }

  set(id: string): Bytes {
    return op.localSet(this.at(id));
  }

  tee(id: string): Bytes {
    return op.localTee(this.at(id));
  }

  emit(...parts: Bytes[]): this {
    for (const p of parts) this.body.push(...p);
    return this;
  }

  /** `for (id = from; id < limit; id += step) { inner }` with i32 values (from/limit/step as code). */
  forLoop(id: string, from: Bytes, limit: Bytes, step: Bytes, inner: () => void): this {
    this.emit(from, this.set(id), op.block, op.loop);
    this.emit(this.get(id), limit, op.i32GeS, op.brIf(1));
    inner();
    this.emit(this.get(id), step, op.i32Add, this.set(id), op.br(0), op.end, op.end);
    return this;
  }

  build(): FunctionDef {
    return { name: this.name, params: this.params, locals: this.locals, body: this.body };
  }
}
