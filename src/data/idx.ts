/** IDX files (the MNIST family's format, gzip-compressed or not) and the Fashion-MNIST loader. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { InputError } from "../util/errors.js";
import { existingPath, resolveDataset } from "./registry.js";

/** A decoded IDX array: dimensions and flat data. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<
  number,
  { bytes: number; read: (v: DataView, o: number) => number; make: (n: number) => IdxArray["data"] }
> = {
  8: { bytes: 1, read: (v, o) => v.getUint8(o), make: (n) => new Uint8Array(n) },
  9: { bytes: 1, read: (v, o) => v.getInt8(o), make: (n) => new Int8Array(n) },
  11: { bytes: 2, read: (v, o) => v.getInt16(o), make: (n) => new Int16Array(n) },
  12: { bytes: 4, read: (v, o) => v.getInt32(o), make: (n) => new Int32Array(n) },
  13: { bytes: 4, read: (v, o) => v.getFloat32(o), make: (n) => new Float32Array(n) },
  14: { bytes: 8, read: (v, o) => v.getFloat64(o), make: (n) => new Float64Array(n) },
};

/** Decodes IDX bytes (big-endian header: 0, 0, type, rank; then rank 32-bit sizes; then data). */
export function decodeIdx(buf: Uint8Array, file = "<buffer>"): IdxArray {
  const bytes = buf[0] === 0x1f && buf[1] === 0x8b ? new Uint8Array(gunzipSync(buf)) : buf;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0)
    throw new InputError("not an IDX file (bad magic number)", file);
  const type = TYPES[bytes[2]];
  if (!type) throw new InputError(`unsupported IDX data type 0x${bytes[2].toString(16)}`, file);
  const rank = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const n = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  if (bytes.length < start + n * type.bytes)
    throw new InputError(`truncated IDX file: ${bytes.length - start} data bytes for dims [${dims}]`, file);
  const data = type.make(n);
  if (type.bytes === 1) data.set(bytes.subarray(start, start + n));
  else for (let i = 0; i < n; i++) data[i] = type.read(view, start + i * type.bytes);
  return { dims, data };
}

/** Reads an IDX file (.gz transparently). */
export function readIdx(path: string): IdxArray {
  let buf: Uint8Array;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(
      `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      path,
    );
  }
  return decodeIdx(buf, path);
}

/** Fashion-MNIST class names, by label. */
export const FASHION_MNIST_CLASSES = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];

/** Images (uint8, [n, 28, 28] row-major) and labels of a Fashion-MNIST split. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  n: number;
  rows: number;
  cols: number;
  classNames: string[];
}

/** Loads the Fashion-MNIST train (60,000) or test (10,000) split, optionally only its first `limit` images. */
export async function loadFashionMnist(
  split: "train" | "test",
  opts: { path?: string; limit?: number } = {},
): Promise<ImageSet> {
  const prefix = split === "train" ? "train" : "t10k";
  const files = [`${prefix}-images-idx3-ubyte.gz`, `${prefix}-labels-idx1-ubyte.gz`];
  const dir = await resolveDataset("images/fashion-mnist", { path: opts.path, required: files });
  const imgs = readIdx(existingPath(dir, files[0]) ?? join(dir, files[0]));
  const labs = readIdx(existingPath(dir, files[1]) ?? join(dir, files[1]));
  if (imgs.dims.length !== 3 || labs.dims.length !== 1 || imgs.dims[0] !== labs.dims[0])
    throw new InputError(`images [${imgs.dims}] and labels [${labs.dims}] do not match`, dir);
  const n = Math.min(imgs.dims[0], opts.limit ?? Number.POSITIVE_INFINITY);
  const [, rows, cols] = imgs.dims;
  return {
    images: (imgs.data as Uint8Array).slice(0, n * rows * cols),
    labels: (labs.data as Uint8Array).slice(0, n),
    n,
    rows,
    cols,
    classNames: FASHION_MNIST_CLASSES,
  };
}
