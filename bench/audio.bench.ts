/**
 * `npm run bench -- audio`: streaming a 10-minute 48 kHz 16-bit stereo WAV to 16 kHz mono in 10 s blocks
 * (real-time factor and how much the resident memory grows: it must stay near one block, not the file), whole-file
 * resampling 48k -> 16k, and FLAC decoding speed on the LibriSpeech clips when $SLTK_DATA is set.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { audioBlocks, readFlac, resample, writeWav } from "../src/data/audio.js";
import { Rng } from "../src/util/rng.js";

/** Runs the benchmark. */
export async function run(): Promise<Record<string, unknown>> {
  const seconds = 600;
  const rate = 48000;
  const rng = new Rng(4);
  const left = new Float32Array(seconds * rate);
  const right = new Float32Array(seconds * rate);
  for (let i = 0; i < left.length; i++) {
    const tone = 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate);
    left[i] = tone + 0.05 * rng.normal();
    right[i] = tone + 0.05 * rng.normal();
  }
  const dir = mkdtempSync(join(tmpdir(), "sltk-bench-audio-"));
  const wav = join(dir, "long.wav");
  try {
    writeWav(wav, [left, right], rate, 16);
    const t1 = performance.now();
    resample(left, rate, 16000);
    const resampleMs = performance.now() - t1;
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    let frames = 0;
    const t0 = performance.now();
    for await (const b of audioBlocks(wav, 10, { sampleRate: 16000, mono: true })) {
      frames += b.channels[0].length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const streamMs = performance.now() - t0;
    const flac: Record<string, unknown> = {};
    if (process.env.SLTK_DATA) {
      const root = join(process.env.SLTK_DATA, "speech/librispeech-clips/librispeech_test-other");
      const files = readdirSync(root)
        .filter((d) => statSync(join(root, d)).isDirectory())
        .flatMap((d) =>
          readdirSync(join(root, d))
            .filter((f) => f.endsWith(".flac"))
            .map((f) => join(root, d, f)),
        );
      let audioSeconds = 0;
      const t2 = performance.now();
      for (const f of files) {
        const a = await readFlac(f);
        audioSeconds += a.channels[0].length / a.sampleRate;
      }
      const ms = performance.now() - t2;
      Object.assign(flac, {
        files: files.length,
        audioSeconds: Math.round(audioSeconds),
        ms: Math.round(ms),
        realTimeFactor: ms / 1000 / audioSeconds,
      });
    }
    return {
      note: "shared 2-core machine: timings are noisy (load in machine.loadBefore/After)",
      wavBytes: statSync(wav).size,
      stream: {
        audioSeconds: seconds,
        blockSeconds: 10,
        from: "48 kHz stereo 16-bit",
        to: "16 kHz mono",
        outputFrames: frames,
        ms: Math.round(streamMs),
        realTimeFactor: streamMs / 1000 / seconds,
        rssGrowthMB: Math.round((peak - rss0) / 1e5) / 10,
      },
      resampleWhole: {
        audioSeconds: seconds,
        ms: Math.round(resampleMs),
        realTimeFactor: resampleMs / 1000 / seconds,
      },
      flacDecode: flac,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
