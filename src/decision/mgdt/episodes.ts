/**
 * Training windows. A window is T consecutive timesteps ending at a chosen step of the data (every step is a
 * "current" step equally often); windows that start before the episode are left-padded with blank frames, action 0,
 * reward 0 and return bin 0, exactly as at play time. A {@link WindowProvider} writes windows into model-ready
 * batches; this file provides one over in-memory episodes (tests, small data); `games.ts` adapts the recorded
 * trajectory collections of src/decision/data.
 */
import type { Rng } from "../../util/rng.js";
import { type MgdtConfig, patchesPerFrame } from "./config.js";
import {
  type ClipCounts,
  patchify,
  returnsToGo,
  returnToBin,
  rewardClass,
  sampleProportional,
} from "./tokens.js";

/** One recorded episode of a grid game. */
export interface Episode {
  game: string;
  /** Game channels of each frame (before padding to the model's channel count). */
  channels: number;
  /** Frames [steps, H, W, channels] as 0/1 bytes; frame t is observed before action t. */
  frames: Uint8Array;
  actions: Uint8Array;
  rewards: Float32Array;
  skill?: string;
}

/** Anything that can write the window ending at global step `g` (0 <= g < size) into row `row` of a batch. */
export interface WindowProvider {
  /** Total number of steps (window end points). */
  size: number;
  write(g: number, batch: MgdtBatch, row: number): void;
  /** Returns-to-go that fell outside the model's range (counted once over all steps). */
  clip: ClipCounts;
}

/** Episodes prepared for sampling: returns-to-go per step and a cumulative step index. */
export interface WindowSource {
  episodes: Episode[];
  rtg: Float32Array[];
  cumulative: Float64Array;
  clip: ClipCounts;
}

/** Indexes episodes for window sampling and counts returns-to-go outside the model's range. */
export function windowSource(c: MgdtConfig, episodes: Episode[]): WindowSource {
  const rtg = episodes.map((e) => returnsToGo(e.rewards, c.clipRewards));
  const cumulative = new Float64Array(episodes.length);
  let s = 0;
  episodes.forEach((e, i) => {
    s += e.actions.length;
    cumulative[i] = s;
  });
  const clip = { below: 0, above: 0, total: 0 };
  for (const r of rtg) for (const v of r) returnToBin(c, v, clip);
  return { episodes, rtg, cumulative, clip };
}

/** Host tensors of a batch of windows (the model's inputs). */
export type MgdtBatch = {
  patches: { shape: number[]; data: Float32Array };
  returns: { shape: number[]; data: Int32Array };
  actions: { shape: number[]; data: Int32Array };
  rewards: { shape: number[]; data: Int32Array };
};

/** Allocates an empty batch of `B` windows. */
export function emptyBatch(c: MgdtConfig, B: number): MgdtBatch {
  const T = c.context;
  const P = patchesPerFrame(c);
  const pd = c.patch * c.patch * c.channels;
  return {
    patches: { shape: [B, T, P, pd], data: new Float32Array(B * T * P * pd) },
    returns: { shape: [B, T], data: new Int32Array(B * T) },
    actions: { shape: [B, T], data: new Int32Array(B * T) },
    rewards: { shape: [B, T], data: new Int32Array(B * T) },
  };
}

/** Writes the window of episode `e` ending at step `last` into row `row` of a batch. */
export function writeWindow(
  c: MgdtConfig,
  src: WindowSource,
  e: number,
  last: number,
  batch: MgdtBatch,
  row: number,
): void {
  const ep = src.episodes[e];
  const T = c.context;
  const P = patchesPerFrame(c);
  const pd = c.patch * c.patch * c.channels;
  const frame = c.height * c.width * ep.channels;
  const start = last - T + 1;
  const pad = Math.max(0, -start);
  const base = row * T;
  batch.patches.data.fill(0, base * P * pd, (base + T) * P * pd);
  for (let k = 0; k < T; k++) {
    const t = start + k;
    const i = base + k;
    if (t < 0) {
      batch.returns.data[i] = 0;
      batch.actions.data[i] = 0;
      batch.rewards.data[i] = 0;
      continue;
    }
    batch.returns.data[i] = returnToBin(c, src.rtg[e][t]);
    batch.actions.data[i] = ep.actions[t];
    batch.rewards.data[i] = rewardClass(ep.rewards[t]);
  }
  const steps = T - pad;
  patchify(
    c,
    ep.frames.subarray((start + pad) * frame, (last + 1) * frame),
    steps,
    ep.channels,
    batch.patches.data,
    (base + pad) * P * pd,
  );
}

/** A {@link WindowProvider} over in-memory episodes. */
export function episodeProvider(c: MgdtConfig, episodes: Episode[]): WindowProvider {
  const src = windowSource(c, episodes);
  return {
    size: src.cumulative[src.cumulative.length - 1],
    clip: src.clip,
    write(g, batch, row) {
      let lo = 0;
      let hi = src.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (src.cumulative[mid] > g) hi = mid;
        else lo = mid + 1;
      }
      writeWindow(c, src, lo, g - (lo > 0 ? src.cumulative[lo - 1] : 0), batch, row);
    },
  };
}

/** Samples `B` windows (episodes in proportion to their length, then a uniform step). */
export function sampleBatch(
  c: MgdtConfig,
  src: WindowSource,
  B: number,
  rng: Rng,
  batch = emptyBatch(c, B),
): MgdtBatch {
  const eps = sampleProportional(rng, src.cumulative, B);
  for (let r = 0; r < B; r++) {
    const e = eps[r];
    writeWindow(c, src, e, rng.int(src.episodes[e].actions.length), batch, r);
  }
  return batch;
}
