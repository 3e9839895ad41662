/**
 * The safetensors format (an 8-byte little-endian header length, a JSON header mapping names to dtype, shape and
 * byte offsets, then raw little-endian data), readable by PyTorch's `safetensors.torch.load_file`.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import type { HostData, HostTensor } from "./tensor.js";

const DTYPES: Record<string, { bytes: number; make: (b: ArrayBuffer, off: number, n: number) => HostData }> =
  {
    F32: { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
    I32: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
    U32: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
    U8: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  };

function dtypeOf(d: HostData): string {
  if (d instanceof Float32Array) return "F32";
  if (d instanceof Int32Array) return "I32";
  if (d instanceof Uint32Array) return "U32";
  return "U8";
}

/** Encodes tensors (and string metadata) as safetensors bytes. */
export function encodeSafetensors(
  tensors: Map<string, HostTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  const entries = [...tensors.entries()];
  for (const [name, t] of entries) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length)
      throw new RangeError(`safetensors: ${name} has ${t.data.length} values for shape [${t.shape}]`);
    const bytes = t.data.byteLength;
    header[name] = { dtype: dtypeOf(t.data), shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  while ((8 + Buffer.byteLength(json)) % 8 !== 0) json += " ";
  const hbytes = Buffer.from(json, "utf8");
  const out = new Uint8Array(8 + hbytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(hbytes.length), true);
  out.set(hbytes, 8);
  let pos = 8 + hbytes.length;
  for (const [, t] of entries) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

/** Writes a safetensors file atomically. */
export function writeSafetensors(
  path: string,
  tensors: Map<string, HostTensor>,
  metadata?: Record<string, string>,
): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/** Decodes safetensors bytes; `file` names the source in errors. */
export function decodeSafetensors(
  buf: Uint8Array,
  file = "<buffer>",
): { tensors: Map<string, HostTensor>; metadata: Record<string, string> } {
  if (buf.length < 8) throw new InputError("not a safetensors file (too short)", file);
  const hlen = Number(new DataView(buf.buffer, buf.byteOffset, 8).getBigUint64(0, true));
  if (hlen <= 0 || 8 + hlen > buf.length)
    throw new InputError(`not a safetensors file (header length ${hlen})`, file);
  let header: Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] } | Record<string, string>
  >;
  try {
    header = JSON.parse(Buffer.from(buf.subarray(8, 8 + hlen)).toString("utf8"));
  } catch (e) {
    throw new InputError(`corrupt safetensors header (${(e as Error).message})`, file);
  }
  const dataStart = 8 + hlen;
  const tensors = new Map<string, HostTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = entry as Record<string, string>;
      continue;
    }
    const e = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const dt = DTYPES[e.dtype];
    if (!dt) throw new InputError(`tensor ${name}: unsupported dtype ${e.dtype}`, file);
    const [b, end] = e.data_offsets;
    const n = e.shape.reduce((x, y) => x * y, 1);
    if (end - b !== n * dt.bytes || dataStart + end > buf.length)
      throw new InputError(
        `tensor ${name}: data offsets [${b}, ${end}] do not match shape [${e.shape}] or file size`,
        file,
      );
    // Copy into an aligned buffer (the data section need not be aligned in memory).
    const copy = new Uint8Array(end - b);
    copy.set(buf.subarray(dataStart + b, dataStart + end));
    tensors.set(name, { shape: e.shape, data: dt.make(copy.buffer, 0, n) });
  }
  return { tensors, metadata };
}

/** Reads a safetensors file. */
export function readSafetensors(path: string): {
  tensors: Map<string, HostTensor>;
  metadata: Record<string, string>;
} {
  return decodeSafetensors(new Uint8Array(readFileSync(path)), path);
}
