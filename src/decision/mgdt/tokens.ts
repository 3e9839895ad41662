/**
 * Token layout and encodings. Per timestep: [patch_0 .. patch_{P-1}, R, a, r]. Attention is causal except that
 * the patches of one frame see each other. Heads read next-token positions: the last patch predicts the return,
 * the return token predicts the action, the action token predicts the reward class.
 */
import type { Rng } from "../../util/rng.js";
import { type MgdtConfig, patchesPerFrame, returnBins, tokensPerStep } from "./config.js";

/**
 * Reward classes of the released model: none, positive, terminal, negative. As in the released code the terminal
 * class is never emitted (the table keeps its row for checkpoint-layout parity).
 */
export const REWARD_NONE = 0;
export const REWARD_POSITIVE = 1;
export const REWARD_TERMINAL = 2;
export const REWARD_NEGATIVE = 3;

/** Reward class of a step: the sign of the reward. */
export function rewardClass(reward: number): number {
  if (reward > 0) return REWARD_POSITIVE;
  if (reward < 0) return REWARD_NEGATIVE;
  return REWARD_NONE;
}

/** Clips a reward to [-1, 1] (returns are sums of clipped rewards, as in the paper). */
export function clipReward(r: number): number {
  return r > 1 ? 1 : Math.max(r, -1);
}

/** Counts of returns that fell outside the representable range (never silently mis-embedded). */
export interface ClipCounts {
  below: number;
  above: number;
  total: number;
}

/** A fresh counter. */
export function newClipCounts(): ClipCounts {
  return { below: 0, above: 0, total: 0 };
}

/** Quantises a return-to-go to its bin (integer steps from returnMin), clipping and counting out-of-range values. */
export function returnToBin(c: MgdtConfig, R: number, counts?: ClipCounts): number {
  const v = Math.round(R);
  if (counts) counts.total++;
  if (v < c.returnMin) {
    if (counts) counts.below++;
    return 0;
  }
  if (v > c.returnMax) {
    if (counts) counts.above++;
    return returnBins(c) - 1;
  }
  return v - c.returnMin;
}

/** The return a bin stands for. */
export function binToReturn(c: MgdtConfig, bin: number): number {
  return bin + c.returnMin;
}

/**
 * Returns-to-go of an episode, R_t = sum_{k >= t} r_k (inclusive, as the released code; the paper writes the
 * exclusive sum — with the reward token after the action, the inclusive form is the return the action earns).
 * With `clip`, rewards are clipped to [-1, 1] first (the paper's Atari setting).
 */
export function returnsToGo(rewards: ArrayLike<number>, clip = false): Float32Array {
  const out = new Float32Array(rewards.length);
  let s = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    s += clip ? clipReward(rewards[t]) : rewards[t];
    out[t] = s;
  }
  return out;
}

/** Where each kind of token sits in the sequence, and which tokens may attend to which. */
export interface Layout {
  perStep: number;
  patches: number;
  length: number;
  /** Block id per token: the timestep for patch tokens, -1 for the others. */
  blockIds: Int32Array;
}

/** The token layout of a configuration. */
export function layout(c: MgdtConfig): Layout {
  const P = patchesPerFrame(c);
  const L = tokensPerStep(c);
  const n = L * c.context;
  const blockIds = new Int32Array(n).fill(-1);
  for (let t = 0; t < c.context; t++) for (let p = 0; p < P; p++) blockIds[t * L + p] = t;
  return { perStep: L, patches: P, length: n, blockIds };
}

/** Whether token `q` may attend to token `k`: causal, except patches of the same frame see each other. */
export function allowed(lay: Layout, q: number, k: number): boolean {
  return k <= q || (lay.blockIds[q] >= 0 && lay.blockIds[q] === lay.blockIds[k]);
}

/**
 * Cuts observation frames [T, H, W, Cg] (0/1 bytes, `Cg` game channels, zero-padded to `c.channels`) into patch
 * vectors [T, P, patch*patch*C] written into `out` at `offset` (floats).
 */
export function patchify(
  c: MgdtConfig,
  frames: Uint8Array,
  steps: number,
  gameChannels: number,
  out: Float32Array,
  offset = 0,
): void {
  const p = c.patch;
  const C = c.channels;
  const pw = c.width / p;
  const P = patchesPerFrame(c);
  const pdim = p * p * C;
  const frame = c.height * c.width * gameChannels;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * P * pdim;
    for (let y = 0; y < c.height; y++) {
      const py = (y / p) | 0;
      const iy = y - py * p;
      for (let x = 0; x < c.width; x++) {
        const px = (x / p) | 0;
        const ix = x - px * p;
        const dst = base + (py * pw + px) * pdim + (iy * p + ix) * C;
        const src = t * frame + (y * c.width + x) * gameChannels;
        for (let ch = 0; ch < gameChannels; ch++) out[dst + ch] = frames[src + ch];
      }
    }
  }
}

/** Picks `n` indices in proportion to weights (for sampling training windows by episode length). */
export function sampleProportional(rng: Rng, cumulative: Float64Array, n: number): Int32Array {
  const out = new Int32Array(n);
  const total = cumulative[cumulative.length - 1];
  for (let i = 0; i < n; i++) {
    const u = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}
