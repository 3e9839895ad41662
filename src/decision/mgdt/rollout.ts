/**
 * Playing games with a trained model: a batch of environments steps together; every agent step runs the model
 * twice on the last T timesteps (once for the return head, whose input does not depend on the current return
 * token, then again with the chosen return in place for the action head). Finished environments start their next
 * episode, so the batch stays full. Episode i always uses seed (seed, i): results do not depend on batching.
 */
import { type Arr, Predictor } from "../../engine/index.js";
import { Rng } from "../../util/rng.js";
import { type MgdtConfig, patchesPerFrame, returnBins } from "./config.js";
import type { MgdtBatch } from "./episodes.js";
import { applyMgdt, type MgdtParams, mgdtMask } from "./model.js";
import { type SamplerOptions, sampleAction, sampleReturnBin } from "./sampler.js";
import { clipReward, patchify, returnToBin, rewardClass } from "./tokens.js";

/** A game environment as the agent sees it. */
export interface PlayableEnv {
  /** Writes the current observation [H, W, channels] as 0/1 bytes. */
  observe(out: Uint8Array): void;
  /** Applies an action. */
  step(action: number): { reward: number; terminal: boolean };
}

/** A game that can create seeded environments. */
export interface PlayableGame {
  name: string;
  channels: number;
  create(seed: number): PlayableEnv;
}

/** Play settings. */
export interface PlayOptions {
  episodes: number;
  /** Environments stepped together (one model call per step for all of them). */
  envBatch: number;
  seed: number;
  sampler: SamplerOptions;
  /** Cap on agent steps per episode. */
  maxSteps: number;
  /** Target return for `mode: "target"` (the original Decision Transformer). */
  targetReturn?: number;
  /** Feed returns to the model (false for behaviour-cloning models). */
  returnConditioning?: boolean;
  /** Called after every finished episode. */
  onEpisode?: (i: number, ret: number, steps: number) => void;
  /**
   * Called at every decision with the model's input window of that environment (after the return token was
   * chosen) and the frame it observes; return true to stop that episode there.
   */
  onDecision?: (d: Decision) => boolean | undefined;
}

/** One decision of one environment, as the model saw it. */
export interface Decision {
  episode: number;
  step: number;
  frame: Uint8Array;
  /** The window (batch of one) exactly as fed to the model. */
  window: MgdtBatch;
  action: number;
}

/** Results of playing one game. */
export interface PlayResult {
  game: string;
  returns: number[];
  lengths: number[];
  agentSteps: number;
  seconds: number;
}

interface Slot {
  episode: number;
  env: PlayableEnv;
  rng: Rng;
  frames: Uint8Array[]; // last T frames, oldest first
  bins: number[];
  actions: number[];
  rewards: number[];
  ret: number;
  clippedSum: number;
  steps: number;
}

/** Builds the batched forward function of a model for play (logits of the last timestep). */
export function playPredictor(
  c: MgdtConfig,
  envBatch: number,
  returnConditioning = true,
): Predictor<MgdtParams> {
  const mask = mgdtMask(c);
  return new Predictor<MgdtParams>((p, _s, x: Record<string, Arr>) => {
    const o = applyMgdt(
      p,
      c,
      { patches: x.patches, returns: x.returns, actions: x.actions, rewards: x.rewards },
      { mask, returnConditioning },
    );
    const T = c.context;
    return {
      returnLogits: o.returnLogits.slice([], T - 1),
      actionLogits: o.actionLogits.slice([], T - 1),
    };
  }, envBatch);
}

/** Plays `opts.episodes` episodes of a game; returns raw (unclipped) episode scores. */
export async function play(
  params: MgdtParams,
  c: MgdtConfig,
  game: PlayableGame,
  opts: PlayOptions,
  predictor?: Predictor<MgdtParams>,
): Promise<PlayResult> {
  const t0 = performance.now();
  const E = Math.min(opts.envBatch, opts.episodes);
  const pred = predictor ?? playPredictor(c, E, opts.returnConditioning ?? true);
  const T = c.context;
  const P = patchesPerFrame(c);
  const pd = c.patch * c.patch * c.channels;
  const frameSize = c.height * c.width * game.channels;
  const returns = new Array<number>(opts.episodes).fill(0);
  const lengths = new Array<number>(opts.episodes).fill(0);
  let next = 0;
  let done = 0;
  let agentSteps = 0;
  const root = new Rng(opts.seed);
  const start = (episode: number): Slot => {
    const env = game.create(root.fork(`env${episode}`).nextU32());
    const f = new Uint8Array(frameSize);
    env.observe(f);
    return {
      episode,
      env,
      rng: root.fork(`agent${episode}`),
      frames: [f],
      bins: [0],
      actions: [0],
      rewards: [0],
      ret: 0,
      clippedSum: 0,
      steps: 0,
    };
  };
  const slots: (Slot | null)[] = [];
  for (let i = 0; i < E; i++) slots.push(next < opts.episodes ? start(next++) : null);
  const patches = new Float32Array(E * T * P * pd);
  const bins = new Int32Array(E * T);
  const acts = new Int32Array(E * T);
  const rews = new Int32Array(E * T);
  const fill = () => {
    patches.fill(0);
    bins.fill(0);
    acts.fill(0);
    rews.fill(0);
    slots.forEach((s, i) => {
      if (!s) return;
      const n = s.frames.length;
      const pad = T - n;
      for (let k = 0; k < n; k++) {
        const row = i * T + pad + k;
        patchify(c, s.frames[k], 1, game.channels, patches, row * P * pd);
        bins[row] = s.bins[k];
        acts[row] = s.actions[k];
        rews[row] = s.rewards[k];
      }
    });
  };
  const inputs = () => ({
    patches: { shape: [E, T, P, pd], data: patches },
    returns: { shape: [E, T], data: bins },
    actions: { shape: [E, T], data: acts },
    rewards: { shape: [E, T], data: rews },
  });
  const R = returnBins(c);
  while (done < opts.episodes) {
    fill();
    const first = await pred.run(params, {} as never, inputs());
    slots.forEach((s, i) => {
      if (!s) return;
      let bin: number;
      if (opts.sampler.mode === "target")
        bin = returnToBin(c, (opts.targetReturn ?? c.returnMax) - s.clippedSum);
      else bin = sampleReturnBin(first.returnLogits.data.subarray(i * R, (i + 1) * R), opts.sampler, s.rng);
      s.bins[s.bins.length - 1] = bin;
      bins[i * T + T - 1] = bin;
    });
    const second = await pred.run(params, {} as never, inputs());
    for (let i = 0; i < E; i++) {
      const s = slots[i];
      if (!s) continue;
      const a = sampleAction(
        second.actionLogits.data.subarray(i * c.actions, (i + 1) * c.actions),
        opts.sampler,
        s.rng,
      );
      const stopHere = opts.onDecision?.({
        episode: s.episode,
        step: s.steps,
        frame: s.frames[s.frames.length - 1],
        action: a,
        window: {
          patches: { shape: [1, T, P, pd], data: patches.slice(i * T * P * pd, (i + 1) * T * P * pd) },
          returns: { shape: [1, T], data: bins.slice(i * T, (i + 1) * T) },
          actions: { shape: [1, T], data: acts.slice(i * T, (i + 1) * T) },
          rewards: { shape: [1, T], data: rews.slice(i * T, (i + 1) * T) },
        },
      });
      const { reward, terminal } = s.env.step(a);
      agentSteps++;
      s.steps++;
      s.ret += reward;
      s.clippedSum += c.clipRewards ? clipReward(reward) : reward;
      const last = s.frames.length - 1;
      s.actions[last] = a;
      s.rewards[last] = rewardClass(reward);
      if (terminal || s.steps >= opts.maxSteps || stopHere) {
        returns[s.episode] = s.ret;
        lengths[s.episode] = s.steps;
        opts.onEpisode?.(s.episode, s.ret, s.steps);
        done++;
        slots[i] = next < opts.episodes ? start(next++) : null;
        continue;
      }
      const f = new Uint8Array(frameSize);
      s.env.observe(f);
      s.frames.push(f);
      s.bins.push(0);
      s.actions.push(0);
      s.rewards.push(0);
      if (s.frames.length > T) {
        s.frames.shift();
        s.bins.shift();
        s.actions.shift();
        s.rewards.shift();
      }
    }
  }
  if (!predictor) pred.dispose();
  return { game: game.name, returns, lengths, agentSteps, seconds: (performance.now() - t0) / 1000 };
}
