/**
 * Audio in: WAV or FLAC chosen by content (not by file extension), optionally mixed to mono and resampled; whole
 * files or a stream of fixed-length blocks (bounded memory for hour-long recordings). Audio out: WAV.
 */
import { closeSync, readSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { BlockQueue } from "./blocks.js";
import { flacBlocks, readFlac } from "./flac.js";
import { Resampler, resample } from "./resample.js";
import { openUnicodePath } from "./unicode-path.js";
import { type Audio, type AudioBlock, readWav, wavBlocks } from "./wav.js";

export { BlockQueue } from "./blocks.js";
export { type FlacInfo, flacBlocks, flacMd5, parseFlacInfo, readFlac } from "./flac.js";
export { type ResampleOptions, Resampler, resample } from "./resample.js";
export { resolveUnicodePath } from "./unicode-path.js";
export {
  type Audio,
  type AudioBlock,
  decodeWav,
  encodeWav,
  parseWavHeader,
  readWav,
  type WavBits,
  type WavFormat,
  wavBlocks,
  wavInfo,
  writeWav,
} from "./wav.js";

/** The container of an audio file, from its first bytes. */
export function sniffAudio(path: string): "wav" | "flac" {
  const { fd, path: p } = openUnicodePath(path);
  const b = new Uint8Array(12);
  let n: number;
  try {
    n = readSync(fd, b, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  const tag = String.fromCharCode(...b.subarray(0, Math.min(4, n)));
  if ((tag === "RIFF" || tag === "RF64") && String.fromCharCode(...b.subarray(8, 12)) === "WAVE")
    return "wav";
  if (tag === "fLaC" || tag.startsWith("ID3")) return "flac";
  throw new InputError(`unsupported audio format (expected WAV or FLAC; the file starts with '${tag}')`, p);
}

/** Options for reading audio: mix to mono and/or resample. */
export interface AudioReadOptions {
  /** Resample to this rate (Hz). */
  sampleRate?: number;
  /** Average the channels into one. */
  mono?: boolean;
}

/** Averages channels into one (a single channel is returned as is). */
export function toMono(channels: Float32Array[]): Float32Array {
  if (!channels.length) throw new InputError("toMono: no channels");
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const c of channels) s += c[i];
    out[i] = s / channels.length;
  }
  return out;
}

/** Reads a WAV or FLAC file (detected by content), optionally as mono and at another sample rate. */
export async function readAudio(path: string, opts: AudioReadOptions = {}): Promise<Audio> {
  const a = sniffAudio(path) === "wav" ? readWav(path) : await readFlac(path);
  let channels = opts.mono ? [toMono(a.channels)] : a.channels;
  let sampleRate = a.sampleRate;
  if (opts.sampleRate && opts.sampleRate !== sampleRate) {
    channels = channels.map((c) => resample(c, a.sampleRate, opts.sampleRate!));
    sampleRate = opts.sampleRate;
  }
  return { sampleRate, channels };
}

/**
 * Streams a WAV or FLAC file as blocks of `blockSeconds` at the output rate (the last block shorter), optionally
 * mixed to mono and resampled; block boundaries do not change the samples (streamed = whole-file result).
 */
export async function* audioBlocks(
  path: string,
  blockSeconds: number,
  opts: AudioReadOptions = {},
): AsyncGenerator<AudioBlock> {
  const source = sniffAudio(path) === "wav" ? wavBlocks(path, blockSeconds) : flacBlocks(path, blockSeconds);
  let resamplers: Resampler[] | null = null;
  let rate = 0;
  let per = 0;
  let start = 0;
  const queue = new BlockQueue();
  for await (const b of source) {
    const chans = opts.mono ? [toMono(b.channels)] : b.channels;
    if (!rate) {
      rate = opts.sampleRate ?? b.sampleRate;
      per = Math.max(1, Math.round(blockSeconds * rate));
      if (rate !== b.sampleRate) resamplers = chans.map(() => new Resampler(b.sampleRate, rate));
    }
    if (!resamplers) {
      yield { start: b.start, sampleRate: rate, channels: chans };
      continue;
    }
    queue.push(chans.map((c, i) => resamplers![i].push(c)));
    while (queue.length >= per) {
      yield { start, sampleRate: rate, channels: queue.take(per) };
      start += per;
    }
  }
  if (resamplers) {
    queue.push(resamplers.map((r) => r.flush()));
    while (queue.length > 0) {
      const n = Math.min(per, queue.length);
      yield { start, sampleRate: rate, channels: queue.take(n) };
      start += n;
    }
  }
}
