/**
 * Random access to loaded trajectories: per-episode offsets, returns-to-go, and sampling of training windows
 * of T consecutive steps (the Decision Transformer's context). A window ends at a step drawn uniformly over all
 * steps; steps before the episode start are padding (mask 0, zero observation, action 0, reward 0), as the MGDT
 * evaluation wrapper pads the first frames.
 */
import { InputError } from "../../util/errors.js";
import type { Rng } from "../../util/rng.js";
import { CELLS, MAX_CHANNELS } from "../games/game.js";
import { unpackPadded } from "../games/observation.js";
import type { Chunk } from "./format.js";
import type { Manifest } from "./manifest.js";

/** A batch of windows [B, T]; observations are channel-padded bytes [B, T, 10, 10, P]. */
export interface WindowBatch {
  batch: number;
  T: number;
  channels: number;
  obs: Uint8Array;
  actions: Int32Array;
  rewards: Float32Array;
  /** Return-to-go at each step: the sum of the rewards from this step to the end of the episode (inclusive). */
  returnsToGo: Float32Array;
  /** Step index within the episode (-1 on padding). */
  timesteps: Int32Array;
  /** 1 on real steps, 0 on padding. */
  mask: Uint8Array;
  /** Game id per row (index into {@link TrajectoryIndex.games}) and episode id per row. */
  games: Int32Array;
  episodes: Int32Array;
}

/** Allocates a window batch (reuse it across calls to avoid allocation). */
export function allocWindows(batch: number, T: number, channels = MAX_CHANNELS): WindowBatch {
  const n = batch * T;
  return {
    batch,
    T,
    channels,
    obs: new Uint8Array(n * CELLS * channels),
    actions: new Int32Array(n),
    rewards: new Float32Array(n),
    returnsToGo: new Float32Array(n),
    timesteps: new Int32Array(n),
    mask: new Uint8Array(n),
    games: new Int32Array(batch),
    episodes: new Int32Array(batch),
  };
}

/** Loaded chunks plus the index of every episode. */
export class TrajectoryIndex {
  readonly chunks: Chunk[];
  readonly manifest: Manifest;
  /** Game names; an episode's game id indexes this list. */
  readonly games: string[];
  /** Per episode: chunk, first chunk step, steps, game id, return, skill. */
  readonly epChunk: Int32Array;
  readonly epStart: Int32Array;
  readonly epSteps: Int32Array;
  readonly epGame: Int32Array;
  readonly epReturn: Float64Array;
  readonly epSkill: string[];
  /** Returns-to-go per chunk step, per chunk. */
  readonly rtg: Float32Array[];
  /** cumSteps[e] = steps of episodes before e (length E + 1). */
  readonly cumSteps: Float64Array;

  /** `take[i]`: how many leading episodes of chunk i to index (default all). */
  constructor(chunks: Chunk[], manifest: Manifest, take?: number[]) {
    this.chunks = chunks;
    this.manifest = manifest;
    this.games = [...new Set(chunks.map((c) => c.header.game))];
    const kept = (ci: number) =>
      Math.min(chunks[ci].header.episodes.length, take?.[ci] ?? Number.POSITIVE_INFINITY);
    const E = chunks.reduce((s, _c, ci) => s + kept(ci), 0);
    this.epChunk = new Int32Array(E);
    this.epStart = new Int32Array(E);
    this.epSteps = new Int32Array(E);
    this.epGame = new Int32Array(E);
    this.epReturn = new Float64Array(E);
    this.epSkill = [];
    this.cumSteps = new Float64Array(E + 1);
    this.rtg = [];
    let e = 0;
    chunks.forEach((c, ci) => {
      const rtg = new Float32Array(c.rewards.length);
      const gid = this.games.indexOf(c.header.game);
      c.header.episodes.slice(0, kept(ci)).forEach((m, k) => {
        const a = c.stepOffsets[k];
        const b = c.stepOffsets[k + 1];
        let acc = 0;
        for (let t = b - 1; t >= a; t--) rtg[t] = acc += c.rewards[t];
        this.epChunk[e] = ci;
        this.epStart[e] = a;
        this.epSteps[e] = b - a;
        this.epGame[e] = gid;
        this.epReturn[e] = m.return;
        this.epSkill.push(c.header.skill);
        this.cumSteps[e + 1] = this.cumSteps[e] + (b - a);
        e++;
      });
      this.rtg.push(rtg);
    });
  }

  /** Number of episodes. */
  get size(): number {
    return this.epSteps.length;
  }

  /** Total steps. */
  get steps(): number {
    return this.cumSteps[this.size];
  }

  /** The episode holding global step `g` (binary search over cumulative steps). */
  episodeOfStep(g: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cumSteps[mid] <= g) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Writes row `b` of `out`: the window of `out.T` steps of episode `ep` that ends at step `end`. */
  window(ep: number, end: number, out: WindowBatch, b: number): void {
    if (end < 0 || end >= this.epSteps[ep]) throw new InputError(`step ${end} is outside episode ${ep}`);
    const c = this.chunks[this.epChunk[ep]];
    const { channels: C, obsBytes } = c.header;
    const P = out.channels;
    if (C > P) throw new InputError(`game '${c.header.game}' has ${C} channels, the batch pads to ${P}`);
    const rtg = this.rtg[this.epChunk[ep]];
    const frame = CELLS * P;
    out.games[b] = this.epGame[ep];
    out.episodes[b] = ep;
    for (let k = 0; k < out.T; k++) {
      const i = b * out.T + k;
      const t = end - (out.T - 1 - k);
      if (t < 0) {
        out.obs.fill(0, i * frame, (i + 1) * frame);
        out.actions[i] = 0;
        out.rewards[i] = 0;
        out.returnsToGo[i] = 0;
        out.timesteps[i] = -1;
        out.mask[i] = 0;
        continue;
      }
      const s = this.epStart[ep] + t;
      unpackPadded(c.observations, s * obsBytes, C, out.obs, i * frame, P);
      out.actions[i] = c.actions[s];
      out.rewards[i] = c.rewards[s];
      out.returnsToGo[i] = rtg[s];
      out.timesteps[i] = t;
      out.mask[i] = 1;
    }
  }

  /** Fills `out` with `out.batch` windows whose last steps are drawn uniformly over all steps. */
  sampleWindows(rng: Rng, out: WindowBatch): WindowBatch {
    const total = this.steps;
    for (let b = 0; b < out.batch; b++) {
      const g = Math.floor(rng.next() * total);
      const ep = this.episodeOfStep(g);
      this.window(ep, g - this.cumSteps[ep], out, b);
    }
    return out;
  }
}
