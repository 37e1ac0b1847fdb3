import { describe, expect, it } from 'vitest';
import { decodeModelFiles, encodeModelFiles, MANIFEST, ModelError, MODEL_VERSION, type ModelFiles } from '../../src/model/modelFiles.js';

const model: ModelFiles = {
  parameters: { k: 3, vocabulary: ['bayesian optimization', 'model merging'], seed: 42 },
  arrays: {
    idf: Float64Array.from([1.5, 2.25, Math.PI, -0]),
    centres: Float32Array.from([0.5, -0.25, 1e-8]),
    theme_ids: Int32Array.from([0, 3, 7]),
  },
};

/** The files as a folder would hold them, and a reader over them. */
function folderOf(files: Array<[string, Uint8Array | string]>) {
  const bytes = new Map(files.map(([name, content]) => [name, typeof content === 'string' ? new TextEncoder().encode(content) : Uint8Array.from(content)]));
  return { bytes, read: (name: string) => bytes.get(name) ?? null };
}

describe('model files', () => {
  it('round-trips parameters and typed arrays bit for bit, each array in its own file', () => {
    const files = encodeModelFiles(model, 'paper-themes 0.1.0');
    expect(files.map(([name]) => name)).toEqual(['centres.f32', 'idf.f64', 'theme_ids.i32', MANIFEST]);
    const back = decodeModelFiles(folderOf(files).read, 'reports/latest/model');
    expect(back.parameters).toEqual(model.parameters);
    expect(back.arrays.idf).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.arrays.idf.buffer).equals(Buffer.from(model.arrays.idf.buffer))).toBe(true);
    expect(Array.from(back.arrays.centres)).toEqual(Array.from(model.arrays.centres));
    expect(back.arrays.centres).toBeInstanceOf(Float32Array);
    expect(Array.from(back.arrays.theme_ids)).toEqual([0, 3, 7]);
  });

  it('gives the same bytes for the same model: no timestamp, arrays in name order', () => {
    const reordered: ModelFiles = { parameters: model.parameters, arrays: { theme_ids: model.arrays.theme_ids, idf: model.arrays.idf, centres: model.arrays.centres } };
    const a = encodeModelFiles(model, 'paper-themes 0.1.0');
    const b = encodeModelFiles(reordered, 'paper-themes 0.1.0');
    expect(b.map(([name, content]) => [name, Buffer.from(content).toString('hex')])).toEqual(a.map(([name, content]) => [name, Buffer.from(content).toString('hex')]));
    const manifest = JSON.parse(String(a[a.length - 1][1]));
    expect(manifest).toMatchObject({ format: 'paper-themes-model', version: MODEL_VERSION, written_by: 'paper-themes 0.1.0' });
    expect(manifest.arrays.idf).toEqual({ file: 'idf.f64', type: 'float64', length: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('writes a view of a larger buffer as just its elements', () => {
    const big = new Float64Array([9, 1, 2, 9]);
    const files = encodeModelFiles({ parameters: {}, arrays: { part: big.subarray(1, 3) } }, 'x');
    expect(files[0][1]).toHaveLength(16);
    expect(Array.from(decodeModelFiles(folderOf(files).read, 'm').arrays.part)).toEqual([1, 2]);
  });

  it('refuses a damaged array file, naming it', () => {
    const { bytes, read } = folderOf(encodeModelFiles(model, 'x'));
    bytes.get('idf.f64')![3] ^= 1;
    expect(() => decodeModelFiles(read, 'reports/latest/model')).toThrow(new ModelError('reports/latest/model/idf.f64', 'its sha256 does not match manifest.json: the file is damaged or was changed'));
  });

  it('refuses a truncated or missing array file, naming it', () => {
    const truncated = folderOf(encodeModelFiles(model, 'x'));
    truncated.bytes.set('theme_ids.i32', truncated.bytes.get('theme_ids.i32')!.subarray(0, 8));
    expect(() => decodeModelFiles(truncated.read, 'm')).toThrow('m/theme_ids.i32: 8 bytes, expected 12 (3 x int32): the file is damaged or truncated');
    const missing = folderOf(encodeModelFiles(model, 'x'));
    missing.bytes.delete('centres.f32');
    expect(() => decodeModelFiles(missing.read, 'm')).toThrow('m/centres.f32: missing (manifest.json lists it)');
  });

  it('refuses a model of a newer format version, saying what to do', () => {
    const { bytes, read } = folderOf(encodeModelFiles(model, 'x'));
    const manifest = JSON.parse(new TextDecoder().decode(bytes.get(MANIFEST)!));
    bytes.set(MANIFEST, new TextEncoder().encode(JSON.stringify({ ...manifest, version: MODEL_VERSION + 1 })));
    expect(() => decodeModelFiles(read, 'm')).toThrow(`m/manifest.json: format version ${MODEL_VERSION + 1} is newer than this paper-themes reads (${MODEL_VERSION})`);
  });

  it('refuses a folder without a manifest, with another format, or with a manifest that is not JSON', () => {
    expect(() => decodeModelFiles(() => null, 'reports/latest')).toThrow('reports/latest/manifest.json: missing: this folder holds no paper-themes model');
    const other = new TextEncoder().encode(JSON.stringify({ format: 'bertopic', version: 1, parameters: {}, arrays: {} }));
    expect(() => decodeModelFiles((name) => (name === MANIFEST ? other : null), 'm')).toThrow('not a paper-themes model (format "bertopic"');
    const broken = new TextEncoder().encode('{ "format": ');
    expect(() => decodeModelFiles((name) => (name === MANIFEST ? broken : null), 'm')).toThrow(/m\/manifest.json: not valid JSON/);
  });

  it('refuses array names that are not plain identifiers (they become file names)', () => {
    expect(() => encodeModelFiles({ parameters: {}, arrays: { '../x': new Int32Array(1) } }, 'x')).toThrow(/model array name "..\/x"/);
    const escaping = new TextEncoder().encode(JSON.stringify({ format: 'paper-themes-model', version: 1, parameters: {}, arrays: { '../x': { file: '../x.i32', type: 'int32', length: 0, sha256: '' } } }));
    const asked: string[] = [];
    expect(() => decodeModelFiles((name) => { asked.push(name); return name === MANIFEST ? escaping : new Uint8Array(0); }, 'm')).toThrow('m/manifest.json: array name "../x"');
    expect(asked).toEqual([MANIFEST]);
  });
});
