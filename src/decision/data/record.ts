/**
 * Playing and recording episodes into a chunk: growable typed buffers (amortised doubling, no per-step
 * allocation), bit-packed observations, one {@link EpisodeMeta} per episode.
 */
import { Env } from "../games/env.js";
import { type Game, observationSize } from "../games/game.js";
import { packBits, packedSize } from "../games/observation.js";
import type { Policy } from "../games/policies.js";
import { type EpisodeMeta, encodeChunk } from "./format.js";

/** The outcome of one played episode. */
export interface EpisodeResult {
  steps: number;
  return: number;
  terminal: boolean;
}

/** Plays one episode from a fresh environment seeded with `envSeed`; calls `onStep` before each step. */
export function playEpisode(
  game: Game,
  policy: Policy,
  envSeed: number,
  opts: { maxSteps: number; sticky?: number; ramping?: boolean },
  onStep?: (env: Env, action: number) => void,
): EpisodeResult {
  const env = new Env(game, { seed: envSeed, sticky: opts.sticky, ramping: opts.ramping }).reset();
  let total = 0;
  while (!env.terminal && env.t < opts.maxSteps) {
    const a = policy.act(env);
    onStep?.(env, a);
    total += env.step(a);
  }
  return { steps: env.t, return: total, terminal: env.terminal };
}

/** Accumulates recorded episodes of one game and skill and encodes them as a chunk. */
export class ChunkBuilder {
  readonly game: Game;
  readonly skill: string;
  readonly episodes: EpisodeMeta[] = [];
  private readonly obsBytes: number;
  private readonly frame: Uint8Array;
  private obs: Uint8Array;
  private actions: Uint8Array;
  private rewards: Float32Array;
  private offsets: number[] = [0];
  private steps = 0;

  constructor(game: Game, skill: string, capacity = 1024) {
    this.game = game;
    this.skill = skill;
    this.obsBytes = packedSize(game.channels.length);
    this.frame = new Uint8Array(observationSize(game));
    this.obs = new Uint8Array(capacity * this.obsBytes);
    this.actions = new Uint8Array(capacity);
    this.rewards = new Float32Array(capacity);
  }

  private grow(): void {
    const cap = this.actions.length * 2;
    const obs = new Uint8Array(cap * this.obsBytes);
    obs.set(this.obs);
    this.obs = obs;
    const actions = new Uint8Array(cap);
    actions.set(this.actions);
    this.actions = actions;
    const rewards = new Float32Array(cap);
    rewards.set(this.rewards);
    this.rewards = rewards;
  }

  /** Plays and records one episode; returns its metadata. */
  record(
    policy: Policy,
    index: number,
    envSeed: number,
    opts: { maxSteps: number; sticky?: number; ramping?: boolean },
  ): EpisodeMeta {
    const { game, frame, obsBytes } = this;
    const env = new Env(game, { seed: envSeed, sticky: opts.sticky, ramping: opts.ramping }).reset();
    let total = 0;
    while (!env.terminal && env.t < opts.maxSteps) {
      if (this.steps === this.actions.length) this.grow();
      env.observe(frame);
      packBits(frame, 0, frame.length, this.obs, this.steps * obsBytes);
      const a = policy.act(env);
      const r = env.step(a);
      this.actions[this.steps] = a;
      this.rewards[this.steps] = r;
      this.steps++;
      total += r;
    }
    this.offsets.push(this.steps);
    const meta: EpisodeMeta = { index, envSeed, steps: env.t, return: total, terminal: env.terminal };
    this.episodes.push(meta);
    return meta;
  }

  /** Total recorded steps. */
  get totalSteps(): number {
    return this.steps;
  }

  /** The chunk file bytes of everything recorded so far. */
  encode(): Uint8Array {
    const n = this.steps;
    return encodeChunk(
      {
        game: this.game.name,
        skill: this.skill,
        channels: this.game.channels.length,
        obsBytes: this.obsBytes,
        episodes: this.episodes,
      },
      Uint32Array.from(this.offsets),
      this.rewards.slice(0, n),
      this.actions.slice(0, n),
      this.obs.slice(0, n * this.obsBytes),
    );
  }
}
