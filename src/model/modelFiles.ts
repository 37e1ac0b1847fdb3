import { createHash } from 'node:crypto';

/**
 * The on-disk form of a fitted model (issue 16): a folder of one small JSON manifest and one
 * binary file per typed array, little-endian, named `<array>.<type>`:
 *
 *   manifest.json   { format, version, written_by, parameters, arrays: { name: { file, type, length, sha256 } } }
 *   idf.f64         length x 8 bytes
 *   ...
 *
 * Encoding is pure (the same model gives the same bytes: arrays in name order, no
 * timestamps) and decoding checks everything a damaged or foreign folder could get wrong,
 * each error naming the file: the format name, a version newer than this code reads, a
 * missing file, a length that does not match the manifest, a checksum that does not.
 */

export const MODEL_FORMAT = 'paper-themes-model';
/** The newest format version this code writes and reads. */
export const MODEL_VERSION = 1;
export const MANIFEST = 'manifest.json';

export type ModelArray = Float64Array | Float32Array | Int32Array;

/** What a model folder holds: plain-data parameters and named typed arrays. */
export interface ModelFiles {
  parameters: Record<string, unknown>;
  arrays: Record<string, ModelArray>;
}

const TYPES = {
  f64: { name: 'float64', bytes: 8, make: (b: ArrayBuffer, n: number) => new Float64Array(b, 0, n) },
  f32: { name: 'float32', bytes: 4, make: (b: ArrayBuffer, n: number) => new Float32Array(b, 0, n) },
  i32: { name: 'int32', bytes: 4, make: (b: ArrayBuffer, n: number) => new Int32Array(b, 0, n) },
} as const;
type TypeKey = keyof typeof TYPES;
/** Array names become file names: nothing that could leave the folder. */
const ARRAY_NAME = /^[a-z][a-z0-9_]*$/;

/** A model folder that cannot be read: `file` is the path of the file at fault. */
export class ModelError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ModelError';
  }
}

interface ManifestEntry { file: string; type: string; length: number; sha256: string }

/** Size of a model's files, MiB, to two decimals. */
export function modelFilesMib(files: ReadonlyArray<[string, Uint8Array | string]>): string {
  const bytes = files.reduce((sum, [, content]) => sum + (typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength), 0);
  return (bytes / 2 ** 20).toFixed(2);
}

/** The files of a model folder, in order: [name, content] with the manifest last. */
export function encodeModelFiles(model: ModelFiles, writtenBy: string): Array<[string, Uint8Array | string]> {
  if (!littleEndian()) throw new Error('model files are little-endian; this machine is not');
  const files: Array<[string, Uint8Array | string]> = [];
  const arrays: Record<string, ManifestEntry> = {};
  for (const name of Object.keys(model.arrays).sort()) {
    if (!ARRAY_NAME.test(name)) throw new RangeError(`model array name "${name}": lower-case letters, digits and _ only`);
    const array = model.arrays[name];
    const key = typeKey(array);
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const file = `${name}.${key}`;
    files.push([file, bytes]);
    arrays[name] = { file, type: TYPES[key].name, length: array.length, sha256: sha256(bytes) };
  }
  const manifest = { format: MODEL_FORMAT, version: MODEL_VERSION, written_by: writtenBy, parameters: model.parameters, arrays };
  files.push([MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`]);
  return files;
}

/**
 * Reads a model folder through `read` (a file's bytes by name, or null when it is absent),
 * `folder` naming the files in errors. Every array is copied into its own aligned buffer.
 */
export function decodeModelFiles(read: (name: string) => Uint8Array | null, folder: string): ModelFiles {
  const at = (name: string) => `${folder.replace(/\/+$/, '')}/${name}`;
  const manifestBytes = read(MANIFEST);
  if (manifestBytes === null) throw new ModelError(at(MANIFEST), 'missing: this folder holds no paper-themes model');
  let manifest: { format?: unknown; version?: unknown; parameters?: unknown; arrays?: unknown };
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch (error) {
    throw new ModelError(at(MANIFEST), `not valid JSON (${(error as Error).message})`);
  }
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== MODEL_FORMAT) {
    throw new ModelError(at(MANIFEST), `not a paper-themes model (format ${JSON.stringify(manifest?.format)}, expected "${MODEL_FORMAT}")`);
  }
  const version = manifest.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ModelError(at(MANIFEST), `format version ${JSON.stringify(version)} is not a version number`);
  }
  if (version > MODEL_VERSION) {
    throw new ModelError(at(MANIFEST), `format version ${version} is newer than this paper-themes reads (${MODEL_VERSION}): use a newer paper-themes, or fit the model again`);
  }
  const parameters = manifest.parameters;
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) throw new ModelError(at(MANIFEST), '"parameters" is not an object');
  const entries = manifest.arrays;
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) throw new ModelError(at(MANIFEST), '"arrays" is not an object');
  if (!littleEndian()) throw new ModelError(at(MANIFEST), 'model files are little-endian; this machine is not');
  const arrays: Record<string, ModelArray> = {};
  for (const [name, entry] of Object.entries(entries as Record<string, Partial<ManifestEntry>>)) {
    if (!ARRAY_NAME.test(name)) throw new ModelError(at(MANIFEST), `array name ${JSON.stringify(name)}: lower-case letters, digits and _ only`);
    const key = (Object.keys(TYPES) as TypeKey[]).find((k) => TYPES[k].name === entry?.type);
    if (key === undefined || typeof entry.file !== 'string' || entry.file !== `${name}.${key}` || !Number.isSafeInteger(entry.length) || (entry.length as number) < 0) {
      throw new ModelError(at(MANIFEST), `array "${name}" is not described as { file: "${name}.<type>", type: float64|float32|int32, length, sha256 }`);
    }
    const bytes = read(entry.file);
    if (bytes === null) throw new ModelError(at(entry.file), 'missing (manifest.json lists it)');
    const expected = (entry.length as number) * TYPES[key].bytes;
    if (bytes.byteLength !== expected) {
      throw new ModelError(at(entry.file), `${bytes.byteLength} bytes, expected ${expected} (${entry.length} x ${TYPES[key].name}): the file is damaged or truncated`);
    }
    if (sha256(bytes) !== entry.sha256) throw new ModelError(at(entry.file), 'its sha256 does not match manifest.json: the file is damaged or was changed');
    const copy = new ArrayBuffer(expected);
    new Uint8Array(copy).set(bytes);
    arrays[name] = TYPES[key].make(copy, entry.length as number);
  }
  return { parameters: parameters as Record<string, unknown>, arrays };
}

function typeKey(array: ModelArray): TypeKey {
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Float32Array) return 'f32';
  return 'i32';
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function littleEndian(): boolean {
  return new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
}
