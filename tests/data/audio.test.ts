import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  audioBlocks,
  decodeWav,
  encodeWav,
  parseFlacInfo,
  Resampler,
  readAudio,
  readFlac,
  readWav,
  resample,
  toMono,
  wavBlocks,
  wavInfo,
  writeWav,
} from "../../src/data/audio.js";
import { InputError } from "../../src/util/errors.js";

const dir = mkdtempSync(join(tmpdir(), "sltk-audio-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const ramp = (n: number, f = 1) => Float32Array.from({ length: n }, (_, i) => Math.sin(0.05 * f * i) * 0.9);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

test("WAV round trip: PCM 8/16/24/32-bit and float32, stereo, within one quantisation step", () => {
  const left = ramp(1001);
  const right = ramp(1001, 3);
  for (const bits of [8, 16, 24, 32, "float32"] as const) {
    const p = join(dir, `rt-${bits}.wav`);
    writeWav(p, [left, right], 22050, bits);
    const a = readWav(p);
    assert.equal(a.sampleRate, 22050);
    assert.equal(a.channels.length, 2);
    const step = bits === "float32" ? 0 : 2 ** -(bits - 1);
    assert.ok(maxDiff(a.channels[0], left) <= step / 2 + 1e-9, `${bits}-bit left`);
    assert.ok(maxDiff(a.channels[1], right) <= step / 2 + 1e-9, `${bits}-bit right`);
  }
  // Clipping and the asymmetric integer range: 1.0 -> 32767, -1.0 -> -32768.
  const c = decodeWav(encodeWav(Float32Array.from([2, 1, -1, -3, Number.NaN]), 8000, 16)).channels[0];
  assert.deepEqual(Array.from(c), [32767 / 32768, 32767 / 32768, -1, -1, 0]);
});

/** A WAV file from raw chunks, for layouts our writer never produces. */
function riff(chunks: [string, Uint8Array][], form = "RIFF"): Uint8Array {
  const parts: number[] = [];
  for (const [id, body] of chunks) {
    const h = new Uint8Array(8);
    for (let i = 0; i < 4; i++) h[i] = id.charCodeAt(i);
    new DataView(h.buffer).setUint32(4, body.length, true);
    parts.push(...h, ...body);
    if (body.length & 1) parts.push(0);
  }
  const out = new Uint8Array(12 + parts.length);
  out.set([...form].map((c) => c.charCodeAt(0)));
  new DataView(out.buffer).setUint32(4, 4 + parts.length, true);
  out.set(
    [..."WAVE"].map((c) => c.charCodeAt(0)),
    8,
  );
  out.set(parts, 12);
  return out;
}

function fmtChunk(tag: number, channels: number, rate: number, bits: number, container = bits, sub?: number) {
  const ext = tag === 0xfffe;
  const b = new Uint8Array(ext ? 40 : 16);
  const v = new DataView(b.buffer);
  const align = (channels * container) / 8;
  v.setUint16(0, tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, rate * align, true);
  v.setUint16(12, align, true);
  v.setUint16(14, container, true);
  if (ext) {
    v.setUint16(16, 22, true);
    v.setUint16(18, bits, true);
    v.setUint16(24, sub!, true);
  }
  return b;
}

test("WAV layouts: chunks in any order, odd chunk padding, WAVE_FORMAT_EXTENSIBLE, unknown data size", () => {
  const i16 = new Uint8Array(new Int16Array([16384, -16384, 1]).buffer);
  const odd = new Uint8Array([1, 2, 3]);
  // data before fmt, an odd-sized LIST chunk first
  const a = decodeWav(
    riff([
      ["LIST", odd],
      ["data", i16],
      ["fmt ", fmtChunk(1, 1, 16000, 16)],
    ]),
    "a.wav",
  );
  assert.deepEqual(Array.from(a.channels[0]), [0.5, -0.5, 1 / 32768]);
  // extensible: 24-bit samples in 32-bit containers, and float64
  const i32 = new Uint8Array(new Int32Array([2 ** 30, -(2 ** 31)]).buffer);
  const e = decodeWav(
    riff([
      ["fmt ", fmtChunk(0xfffe, 1, 48000, 24, 32, 1)],
      ["data", i32],
    ]),
    "e.wav",
  );
  assert.deepEqual(Array.from(e.channels[0]), [0.5, -1]);
  const f64 = new Uint8Array(new Float64Array([0.25, -0.75]).buffer);
  const f = decodeWav(
    riff([
      ["fmt ", fmtChunk(0xfffe, 1, 8000, 64, 64, 3)],
      ["data", f64],
    ]),
    "f.wav",
  );
  assert.deepEqual(Array.from(f.channels[0]), [0.25, -0.75]);
  // a streaming writer's 0xFFFFFFFF data size reads to the end of the file
  const s = riff([
    ["fmt ", fmtChunk(1, 1, 16000, 16)],
    ["data", i16],
  ]);
  new DataView(s.buffer).setUint32(36 + 4, 0xffffffff, true);
  assert.equal(decodeWav(s).channels[0].length, 3);
  // 8-bit unsigned
  const u8 = decodeWav(
    riff([
      ["fmt ", fmtChunk(1, 1, 8000, 8)],
      ["data", new Uint8Array([128, 0, 192])],
    ]),
  );
  assert.deepEqual(Array.from(u8.channels[0]), [0, -1, 0.5]);
});

test("WAV errors name the file and what is wrong", () => {
  assert.throws(() => decodeWav(new Uint8Array(20), "x.wav"), /x\.wav: not a WAV file/);
  const adpcm = riff([
    ["fmt ", fmtChunk(2, 1, 8000, 4, 8)],
    ["data", new Uint8Array(4)],
  ]);
  assert.throws(() => decodeWav(adpcm, "a.wav"), /a\.wav: unsupported WAV encoding: format tag 2/);
  assert.throws(
    () => decodeWav(riff([["data", new Uint8Array(4)]]), "n.wav"),
    /n\.wav: WAV file has no fmt chunk/,
  );
  assert.throws(
    () => readWav(join(dir, "none.wav")),
    (e: Error) => e instanceof InputError && /ENOENT/.test(e.message),
  );
});

test("wavBlocks streams a file in blocks that add up to the whole", async () => {
  const x = ramp(16000 * 3 + 123);
  const p = join(dir, "long.wav");
  writeWav(p, [x, x], 16000, "float32");
  const whole = readWav(p).channels[0];
  const got: number[] = [];
  const sizes: number[] = [];
  for await (const b of wavBlocks(p, 0.5)) {
    assert.equal(b.start, got.length);
    sizes.push(b.channels[0].length);
    got.push(...b.channels[1]);
  }
  assert.deepEqual(sizes, [8000, 8000, 8000, 8000, 8000, 8000, 123]);
  assert.equal(maxDiff(got, whole), 0);
  assert.equal(wavInfo(p).seconds, (16000 * 3 + 123) / 16000);
});

function tone(f: number, rate: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * f * i) / rate + 0.3));
}

/** Signal-to-error ratio (dB) of y against a tone of frequency f (or silence), away from the edges. */
function snr(y: Float32Array, f: number, rate: number, expectSilence = false): number {
  const ref = tone(f, rate, y.length);
  let e = 0;
  let s = 0;
  for (let i = Math.floor(0.1 * rate); i < y.length - Math.floor(0.1 * rate); i++) {
    e += (y[i] - (expectSilence ? 0 : ref[i])) ** 2;
    s += ref[i] ** 2;
  }
  return 10 * Math.log10(s / e);
}

test("resampling a tone: clean in the pass band, aliases suppressed, lengths ceil(n * to / from)", () => {
  // Measured with the defaults (24 zero crossings, rolloff 0.945, Kaiser beta 9): 93.7, 98.7, 93.3, 104.0 dB.
  const down = resample(tone(1000, 44100, 44100), 44100, 16000);
  assert.equal(down.length, 16000);
  assert.ok(snr(down, 1000, 16000) > 80, "1 kHz 44.1k->16k");
  const alias = resample(tone(10000, 44100, 44100), 44100, 16000); // above the new Nyquist (8 kHz)
  assert.ok(snr(alias, 10000, 16000, true) > 80, "10 kHz must vanish");
  const up = resample(tone(1000, 16000, 16000), 16000, 44100);
  assert.equal(up.length, 44100);
  assert.ok(snr(up, 1000, 44100) > 80, "1 kHz 16k->44.1k");
  assert.ok(snr(resample(tone(3000, 48000, 24000), 48000, 16000), 3000, 16000) > 80, "3 kHz 48k->16k");
  assert.equal(resample(tone(1, 8000, 7), 8000, 16000).length, 14);
  const same = tone(5, 100, 10);
  const copy = resample(same, 100, 100);
  assert.deepEqual(copy, same);
  assert.notEqual(copy, same);
  assert.throws(() => resample(same, 0, 16000), /positive integers/);
});

test("streaming resampler gives exactly the whole-signal result, whatever the piece sizes", () => {
  const x = tone(440, 22050, 5000);
  const whole = resample(x, 22050, 16000);
  const r = new Resampler(22050, 16000);
  const out: number[] = [];
  let off = 0;
  for (const n of [1, 7, 300, 0, 2048, 1, 999]) {
    out.push(...r.push(x.subarray(off, off + n)));
    off += n;
  }
  out.push(...r.push(x.subarray(off)), ...r.flush());
  assert.equal(out.length, whole.length);
  assert.equal(maxDiff(out, whole), 0);
});

test("toMono averages channels; readAudio detects the container by content", async () => {
  assert.deepEqual(Array.from(toMono([Float32Array.from([1, 0]), Float32Array.from([0, 0.5])])), [0.5, 0.25]);
  const p = join(dir, "actually-a-wav.flac");
  writeWav(p, [tone(100, 8000, 800), tone(100, 8000, 800)], 8000, 16);
  const a = await readAudio(p, { mono: true, sampleRate: 16000 });
  assert.equal(a.sampleRate, 16000);
  assert.equal(a.channels.length, 1);
  assert.equal(a.channels[0].length, 1600);
  writeFileSync(join(dir, "t.txt"), "hello world, not audio");
  await assert.rejects(readAudio(join(dir, "t.txt")), /t\.txt: unsupported audio format/);
  const streamed: number[] = [];
  for await (const b of audioBlocks(p, 0.03, { mono: true, sampleRate: 16000 })) {
    assert.equal(b.start, streamed.length);
    assert.ok(b.channels[0].length <= 480);
    streamed.push(...b.channels[0]);
  }
  assert.equal(maxDiff(streamed, a.channels[0]), 0);
});

const data = process.env.SLTK_DATA;
const flacPath =
  data && join(data, "speech/librispeech-clips/librispeech_test-other/1688/1688-142285-0000.flac");

test("real FLAC (LibriSpeech): STREAMINFO, lossless decode (MD5 verified), streaming = whole", {
  skip: !data,
}, async () => {
  const info = parseFlacInfo(readFileSync(flacPath!).subarray(0, 64), flacPath!);
  assert.deepEqual(
    { sampleRate: info.sampleRate, channels: info.channels, bits: info.bitsPerSample, frames: info.frames },
    { sampleRate: 16000, channels: 1, bits: 16, frames: 240000 },
  );
  const a = await readFlac(flacPath!, { verify: true });
  assert.equal(a.sampleRate, 16000);
  assert.equal(a.channels[0].length, 240000);
  const got: Float32Array[] = [];
  for await (const b of audioBlocks(flacPath!, 4)) got.push(b.channels[0]);
  assert.deepEqual(
    got.map((g) => g.length),
    [64000, 64000, 64000, 48000],
  );
  assert.equal(maxDiff(Float32Array.from(got.flatMap((g) => Array.from(g))), a.channels[0]), 0);
  // A truncated file is an input error, not silently short audio.
  const cut = join(dir, "cut.flac");
  writeFileSync(cut, readFileSync(flacPath!).subarray(0, 20000));
  await assert.rejects(readFlac(cut), (e: Error) => e instanceof InputError && /cut\.flac/.test(e.message));
});

test("real WAV (AMI, float32, non-ASCII name in either normalisation)", { skip: !data }, async () => {
  const nfd = join(data!, "speech/ami-debug", "trñ00.wav".normalize("NFD"));
  const a = readWav(nfd);
  assert.equal(a.sampleRate, 16000);
  assert.equal(a.channels.length, 1);
  assert.equal(a.channels[0].length, 480001);
  const info = wavInfo(nfd);
  assert.equal(info.encoding, "float");
  const half = await readAudio(join(data!, "speech/ami-debug/dev00.wav"), { sampleRate: 8000 });
  assert.equal(half.channels[0].length, 240001);
});
