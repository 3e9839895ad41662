/**
 * WAV files: PCM integers (8-bit unsigned, 16/24/32-bit signed), IEEE float (32/64-bit), WAVE_FORMAT_EXTENSIBLE and
 * RF64, with chunks in any order; decoding to float channels (integers scaled by 1/2^(bits-1), as libsndfile and
 * torchaudio do), atomic writing, and a streaming block reader that keeps memory bounded for hour-long recordings.
 */
import { closeSync, fstatSync, readSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import { openUnicodePath } from "./unicode-path.js";

/** Decoded audio: sample rate and one Float32Array per channel (values nominally in [-1, 1]). */
export interface Audio {
  sampleRate: number;
  channels: Float32Array[];
}

/** The layout of a WAV file's samples. */
export interface WavFormat {
  /** "pcm" for integer samples, "float" for IEEE float samples. */
  encoding: "pcm" | "float";
  channels: number;
  sampleRate: number;
  /** Bytes per sample of one channel (the container size). */
  bytesPerSample: number;
  /** Bytes per frame (all channels). */
  blockAlign: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
  /** Number of frames (samples per channel). */
  frames: number;
}

type ReadAt = (pos: number, len: number) => Uint8Array;

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

function fourcc(b: Uint8Array, o = 0): string {
  return String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
}

/** Walks the RIFF chunks of a WAV file (any order, odd sizes padded) and returns where and how its samples are stored. */
export function parseWavHeader(readAt: ReadAt, fileSize: number, file: string): WavFormat {
  const head = readAt(0, 12);
  const riff = head.length >= 12 ? fourcc(head) : "";
  if ((riff !== "RIFF" && riff !== "RF64") || fourcc(head, 8) !== "WAVE")
    throw new InputError("not a WAV file (no RIFF/WAVE header)", file);
  let fmt: Omit<WavFormat, "dataOffset" | "frames"> | null = null;
  let dataOffset = -1;
  let dataBytes = 0;
  let ds64DataBytes = -1;
  let pos = 12;
  while (pos + 8 <= fileSize) {
    const h = readAt(pos, 8);
    const id = fourcc(h);
    const size = new DataView(h.buffer, h.byteOffset, 8).getUint32(4, true);
    const body = pos + 8;
    if (id === "fmt ") {
      if (size < 16) throw new InputError(`fmt chunk of ${size} bytes is too short`, file);
      const f = readAt(body, Math.min(size, 40));
      const v = new DataView(f.buffer, f.byteOffset, f.byteLength);
      let tag = v.getUint16(0, true);
      const channels = v.getUint16(2, true);
      const sampleRate = v.getUint32(4, true);
      const blockAlign = v.getUint16(12, true);
      const bits = v.getUint16(14, true);
      if (tag === FORMAT_EXTENSIBLE) {
        if (f.byteLength < 26)
          throw new InputError("WAVE_FORMAT_EXTENSIBLE fmt chunk lacks its sub-format", file);
        tag = v.getUint16(24, true); // first two bytes of the sub-format GUID
      }
      if (channels < 1 || sampleRate < 1 || blockAlign < channels)
        throw new InputError(
          `bad fmt chunk (${channels} channels, ${sampleRate} Hz, block ${blockAlign} bytes)`,
          file,
        );
      const bytesPerSample = blockAlign / channels;
      const okPcm = tag === FORMAT_PCM && [1, 2, 3, 4].includes(bytesPerSample);
      const okFloat = tag === FORMAT_FLOAT && (bytesPerSample === 4 || bytesPerSample === 8);
      if (!okPcm && !okFloat)
        throw new InputError(
          `unsupported WAV encoding: format tag ${tag}, ${bits} bits in ${8 * bytesPerSample}-bit containers (supported: PCM 8/16/24/32-bit, float 32/64-bit)`,
          file,
        );
      fmt = { encoding: okPcm ? "pcm" : "float", channels, sampleRate, bytesPerSample, blockAlign };
    } else if (id === "ds64" && riff === "RF64") {
      const d = readAt(body, 16);
      ds64DataBytes = Number(new DataView(d.buffer, d.byteOffset, 16).getBigUint64(8, true));
    } else if (id === "data") {
      dataOffset = body;
      dataBytes = size;
      if (riff === "RF64" && size === 0xffffffff && ds64DataBytes >= 0) dataBytes = ds64DataBytes;
      // Writers that stream (size unknown) leave 0xFFFFFFFF or a size past the end: read to the end of the file.
      else if (size === 0xffffffff) dataBytes = fileSize - body;
      if (body + dataBytes > fileSize) dataBytes = fileSize - body;
      if (fmt) break;
    }
    pos = body + (id === "data" ? dataBytes : size) + ((id === "data" ? dataBytes : size) & 1);
  }
  if (!fmt) throw new InputError("WAV file has no fmt chunk", file);
  if (dataOffset < 0) throw new InputError("WAV file has no data chunk", file);
  return { ...fmt, dataOffset, frames: Math.floor(dataBytes / fmt.blockAlign) };
}

/** Decodes `frames` interleaved frames from `bytes` into float channels. */
export function decodeFrames(bytes: Uint8Array, fmt: WavFormat, frames: number): Float32Array[] {
  const { channels: C, bytesPerSample: B, blockAlign } = fmt;
  const out = Array.from({ length: C }, () => new Float32Array(frames));
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let c = 0; c < C; c++) {
    const x = out[c];
    let o = c * B;
    if (fmt.encoding === "float") {
      if (B === 4) for (let i = 0; i < frames; i++, o += blockAlign) x[i] = v.getFloat32(o, true);
      else for (let i = 0; i < frames; i++, o += blockAlign) x[i] = v.getFloat64(o, true);
    } else if (B === 1) for (let i = 0; i < frames; i++, o += blockAlign) x[i] = (bytes[o] - 128) / 128;
    else if (B === 2) for (let i = 0; i < frames; i++, o += blockAlign) x[i] = v.getInt16(o, true) / 32768;
    else if (B === 3)
      for (let i = 0; i < frames; i++, o += blockAlign)
        x[i] = (((bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16)) << 8) >> 8) / 8388608;
    else for (let i = 0; i < frames; i++, o += blockAlign) x[i] = v.getInt32(o, true) / 2147483648;
  }
  return out;
}

/** Decodes a whole WAV file held in memory. */
export function decodeWav(buf: Uint8Array, file = "<buffer>"): Audio {
  const fmt = parseWavHeader((p, n) => buf.subarray(p, p + n), buf.length, file);
  const bytes = buf.subarray(fmt.dataOffset, fmt.dataOffset + fmt.frames * fmt.blockAlign);
  return { sampleRate: fmt.sampleRate, channels: decodeFrames(bytes, fmt, fmt.frames) };
}

function fdReader(fd: number): ReadAt {
  return (pos, len) => {
    const b = new Uint8Array(len);
    const got = readSync(fd, b, 0, len, pos);
    return b.subarray(0, got);
  };
}

/** Reads a WAV file's format without reading its samples. */
export function wavInfo(path: string): WavFormat & { seconds: number } {
  const { fd, path: p } = openUnicodePath(path);
  try {
    const fmt = parseWavHeader(fdReader(fd), fstatSync(fd).size, p);
    return { ...fmt, seconds: fmt.frames / fmt.sampleRate };
  } finally {
    closeSync(fd);
  }
}

/** Reads a whole WAV file (see {@link wavBlocks} for long recordings). */
export function readWav(path: string): Audio {
  const { fd, path: p } = openUnicodePath(path);
  try {
    const read = fdReader(fd);
    const fmt = parseWavHeader(read, fstatSync(fd).size, p);
    const bytes = read(fmt.dataOffset, fmt.frames * fmt.blockAlign);
    const frames = Math.floor(bytes.length / fmt.blockAlign);
    return { sampleRate: fmt.sampleRate, channels: decodeFrames(bytes, fmt, frames) };
  } finally {
    closeSync(fd);
  }
}

/** One block of a stream: the index of its first frame, the sample rate, and its channels. */
export interface AudioBlock {
  start: number;
  sampleRate: number;
  channels: Float32Array[];
}

/**
 * Reads a WAV file in blocks of `blockSeconds` (the last one shorter), holding one block in memory at a time.
 */
export async function* wavBlocks(path: string, blockSeconds: number): AsyncGenerator<AudioBlock> {
  if (!(blockSeconds > 0)) throw new InputError(`block length must be positive, got ${blockSeconds}`);
  const { fd, path: p } = openUnicodePath(path);
  try {
    const read = fdReader(fd);
    const fmt = parseWavHeader(read, fstatSync(fd).size, p);
    const per = Math.max(1, Math.round(blockSeconds * fmt.sampleRate));
    for (let start = 0; start < fmt.frames; start += per) {
      const n = Math.min(per, fmt.frames - start);
      const bytes = read(fmt.dataOffset + start * fmt.blockAlign, n * fmt.blockAlign);
      const got = Math.floor(bytes.length / fmt.blockAlign);
      if (got === 0) break;
      yield { start, sampleRate: fmt.sampleRate, channels: decodeFrames(bytes, fmt, got) };
      if (got < n) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** Sample encodings {@link encodeWav} writes. */
export type WavBits = 8 | 16 | 24 | 32 | "float32";

/**
 * Encodes channels as a WAV file: integer PCM (values clipped to [-1, 1) and rounded) or 32-bit float.
 * A single Float32Array is one channel.
 */
export function encodeWav(
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  bits: WavBits = 16,
): Uint8Array {
  const chans = samples instanceof Float32Array ? [samples] : samples;
  if (!chans.length) throw new InputError("WAV: no channels to write");
  const n = chans[0].length;
  if (chans.some((c) => c.length !== n)) throw new InputError("WAV: channels differ in length");
  if (!(Number.isInteger(sampleRate) && sampleRate > 0))
    throw new InputError(`WAV: sample rate must be a positive integer, got ${sampleRate}`);
  const isFloat = bits === "float32";
  const B = isFloat ? 4 : bits / 8;
  if (![1, 2, 3, 4].includes(B)) throw new InputError(`WAV: unsupported bits ${bits}`);
  const C = chans.length;
  const fmtSize = isFloat ? 18 : 16;
  const header = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
  const dataBytes = n * C * B;
  const buf = new Uint8Array(header + dataBytes + (dataBytes & 1));
  const v = new DataView(buf.buffer);
  const put = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) buf[o + i] = s.charCodeAt(i);
  };
  put(0, "RIFF");
  v.setUint32(4, buf.length - 8, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, isFloat ? FORMAT_FLOAT : FORMAT_PCM, true);
  v.setUint16(22, C, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * C * B, true);
  v.setUint16(32, C * B, true);
  v.setUint16(34, 8 * B, true);
  let o = 36;
  if (isFloat) {
    v.setUint16(36, 0, true);
    put(38, "fact");
    v.setUint32(42, 4, true);
    v.setUint32(46, n, true);
    o = 50;
  }
  put(o, "data");
  v.setUint32(o + 4, dataBytes, true);
  o += 8;
  const scale = 2 ** (8 * B - 1);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < C; c++, o += B) {
      const x = chans[c][i];
      if (isFloat) {
        v.setFloat32(o, x, true);
        continue;
      }
      const q = Math.max(-scale, Math.min(scale - 1, Math.round((Number.isNaN(x) ? 0 : x) * scale)));
      if (B === 1) buf[o] = q + 128;
      else if (B === 2) v.setInt16(o, q, true);
      else if (B === 3) {
        buf[o] = q & 0xff;
        buf[o + 1] = (q >> 8) & 0xff;
        buf[o + 2] = (q >> 16) & 0xff;
      } else v.setInt32(o, q, true);
    }
  return buf;
}

/** Writes a WAV file atomically (see {@link encodeWav}). */
export function writeWav(
  path: string,
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  bits: WavBits = 16,
): void {
  writeFileAtomic(path, encodeWav(samples, sampleRate, bits));
}
