/**
 * FLAC files through @wasm-audio-decoders/flac (libFLAC compiled to WebAssembly, MIT; works offline in Node 20).
 * The decoder scales integers by 1/(2^(bits-1) - 1); we undo that and scale by 1/2^(bits-1) like the WAV reader,
 * libsndfile and torchaudio, so that a FLAC and a WAV of the same samples decode to the same floats. For up to 16
 * bits the integers are recovered exactly, which `verify` checks against the MD5 signature in STREAMINFO.
 */
import { createHash } from "node:crypto";
import { closeSync, readFileSync, readSync } from "node:fs";
import { FLACDecoder } from "@wasm-audio-decoders/flac";
import { InputError } from "../util/errors.js";
import { BlockQueue } from "./blocks.js";
import { openUnicodePath, resolveUnicodePath } from "./unicode-path.js";
import type { Audio, AudioBlock } from "./wav.js";

/** The STREAMINFO block of a FLAC file. */
export interface FlacInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Frames in the stream (0 when the encoder did not know). */
  frames: number;
  /** MD5 of the decoded samples, hex (all zeros when the encoder did not compute it). */
  md5: string;
}

/** Byte offset of the "fLaC" marker, skipping an ID3v2 tag in front. */
function flacStart(b: Uint8Array): number {
  if (b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33 && b.length >= 10) {
    const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
    return 10 + size + (b[5] & 0x10 ? 10 : 0);
  }
  return 0;
}

/** Parses STREAMINFO from the first bytes of a FLAC file (at least the first 42 after the marker). */
export function parseFlacInfo(b: Uint8Array, file: string): FlacInfo {
  const o = flacStart(b);
  if (b.length < o + 42 || String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]) !== "fLaC")
    throw new InputError("not a FLAC file (no fLaC marker)", file);
  if ((b[o + 4] & 0x7f) !== 0) throw new InputError("FLAC file does not start with STREAMINFO", file);
  const s = o + 8;
  // 20 bits sample rate, 3 bits channels - 1, 5 bits bits-per-sample - 1, 36 bits total frames (big-endian).
  const v = new DataView(b.buffer, b.byteOffset + s + 10, 8).getBigUint64(0);
  return {
    sampleRate: Number(v >> 44n),
    channels: Number((v >> 41n) & 7n) + 1,
    bitsPerSample: Number((v >> 36n) & 31n) + 1,
    frames: Number(v & ((1n << 36n) - 1n)),
    md5: Buffer.from(b.subarray(s + 18, s + 34)).toString("hex"),
  };
}

/** Rescales the decoder's output in place from 1/(2^(b-1) - 1) to 1/2^(b-1) steps. */
function rescale(channels: Float32Array[], bits: number): void {
  const dec = 2 ** (bits - 1) - 1;
  const inv = 1 / 2 ** (bits - 1);
  for (const x of channels) for (let i = 0; i < x.length; i++) x[i] = Math.round(x[i] * dec) * inv;
}

/** MD5 of samples as libFLAC computes it: interleaved little-endian signed integers of ceil(bits/8) bytes. */
export function flacMd5(channels: Float32Array[], bits: number): string {
  const B = Math.ceil(bits / 8);
  const scale = 2 ** (bits - 1);
  const n = channels[0]?.length ?? 0;
  const hash = createHash("md5");
  const frame = 4096;
  const buf = Buffer.alloc(frame * channels.length * B);
  for (let start = 0; start < n; start += frame) {
    const m = Math.min(frame, n - start);
    let o = 0;
    for (let i = start; i < start + m; i++)
      for (const ch of channels) {
        let q = Math.round(ch[i] * scale);
        for (let k = 0; k < B; k++, q >>= 8) buf[o++] = q & 0xff;
      }
    hash.update(buf.subarray(0, o));
  }
  return hash.digest("hex");
}

function decodeError(errors: { message: string }[], file: string): InputError {
  return new InputError(`FLAC decoding failed (${errors.length} errors; first: ${errors[0].message})`, file);
}

/** Reads a whole FLAC file; `verify` checks the decoded samples against the file's MD5 signature. */
export async function readFlac(path: string, opts: { verify?: boolean } = {}): Promise<Audio> {
  const p = resolveUnicodePath(path) ?? path;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(p));
  } catch (e) {
    throw new InputError(
      `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      path,
    );
  }
  const info = parseFlacInfo(bytes, path);
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    const r = await decoder.decodeFile(bytes);
    if (r.errors.length) throw decodeError(r.errors, path);
    if (info.frames && r.samplesDecoded !== info.frames)
      throw new InputError(
        `FLAC stream holds ${r.samplesDecoded} of ${info.frames} frames (truncated or corrupt)`,
        path,
      );
    rescale(r.channelData, r.bitDepth);
    if (opts.verify && !/^0+$/.test(info.md5)) {
      const got = flacMd5(r.channelData, info.bitsPerSample);
      if (got !== info.md5)
        throw new InputError(`FLAC MD5 mismatch: decoded ${got}, file says ${info.md5}`, path);
    }
    return { sampleRate: r.sampleRate, channels: r.channelData };
  } finally {
    decoder.free();
  }
}

/** Reads a FLAC file in blocks of `blockSeconds`, decoding it piece by piece so that memory stays bounded. */
export async function* flacBlocks(path: string, blockSeconds: number): AsyncGenerator<AudioBlock> {
  if (!(blockSeconds > 0)) throw new InputError(`block length must be positive, got ${blockSeconds}`);
  const { fd, path: p } = openUnicodePath(path);
  const decoder = new FLACDecoder();
  try {
    const head = new Uint8Array(1 << 16);
    parseFlacInfo(head.subarray(0, readSync(fd, head, 0, head.length, 0)), p);
    await decoder.ready;
    const queue = new BlockQueue();
    let sampleRate = 0;
    let start = 0;
    let per = 0;
    const add = (r: {
      channelData: Float32Array[];
      samplesDecoded: number;
      sampleRate: number;
      bitDepth: number;
    }) => {
      if (!r.samplesDecoded) return;
      rescale(r.channelData, r.bitDepth);
      if (!sampleRate) {
        sampleRate = r.sampleRate;
        per = Math.max(1, Math.round(blockSeconds * sampleRate));
      }
      queue.push(r.channelData.map((x) => x.subarray(0, r.samplesDecoded)));
    };
    const chunk = new Uint8Array(1 << 20);
    let pos = 0;
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, pos);
      if (got === 0) break;
      pos += got;
      const r = await decoder.decode(chunk.slice(0, got));
      if (r.errors.length) throw decodeError(r.errors, p);
      add(r);
      while (per && queue.length >= per) {
        yield { start, sampleRate, channels: queue.take(per) };
        start += per;
      }
    }
    const r = await decoder.flush();
    if (r.errors.length) throw decodeError(r.errors, p);
    add(r);
    while (queue.length > 0) {
      const n = Math.min(per, queue.length);
      yield { start, sampleRate, channels: queue.take(n) };
      start += n;
    }
  } finally {
    decoder.free();
    closeSync(fd);
  }
}
