/**
 * The bridge to the games and trajectory collections of src/decision: training windows from a loaded collection
 * (channel-padded frames, returns-to-go, actions, rewards) and playable environments from the game registry.
 */

import { InputError } from "../../util/errors.js";
import { allocWindows, type TrajectoryIndex } from "../data/windows.js";
import { Env } from "../games/env.js";
import { MAX_CHANNELS } from "../games/game.js";
import { getGame } from "../games/registry.js";
import { type MgdtConfig, patchesPerFrame } from "./config.js";
import type { MgdtBatch, WindowProvider } from "./episodes.js";
import type { PlayableGame } from "./rollout.js";
import { clipReward, newClipCounts, patchify, returnToBin, rewardClass } from "./tokens.js";

/** Returns-to-go per chunk step with clipped rewards (the paper's Atari setting). */
function clippedReturns(index: TrajectoryIndex): Float32Array[] {
  const out = index.chunks.map((c) => new Float32Array(c.rewards.length));
  for (let e = 0; e < index.size; e++) {
    const ci = index.epChunk[e];
    const a = index.epStart[e];
    const rewards = index.chunks[ci].rewards;
    let s = 0;
    for (let t = a + index.epSteps[e] - 1; t >= a; t--) out[ci][t] = s += clipReward(rewards[t]);
  }
  return out;
}

/** Windows from a loaded trajectory collection, ready for the model (observations padded to `c.channels`). */
export function collectionProvider(c: MgdtConfig, index: TrajectoryIndex): WindowProvider {
  if (c.channels !== MAX_CHANNELS)
    throw new InputError(
      `collections pad frames to ${MAX_CHANNELS} channels; the model has ${c.channels}`,
      "config.channels",
    );
  const rtg = c.clipRewards ? clippedReturns(index) : index.rtg;
  const clip = newClipCounts();
  for (const r of rtg) for (const v of r) returnToBin(c, v, clip);
  const scratch = allocWindows(1, c.context, c.channels);
  const P = patchesPerFrame(c);
  const pd = c.patch * c.patch * c.channels;
  const frame = c.height * c.width * c.channels;
  return {
    size: index.steps,
    clip,
    write(g: number, batch: MgdtBatch, row: number) {
      const ep = index.episodeOfStep(g);
      const t = g - index.cumSteps[ep];
      index.window(ep, t, scratch, 0);
      const T = c.context;
      for (let k = 0; k < T; k++) {
        const i = row * T + k;
        const real = scratch.mask[k] === 1;
        batch.actions.data[i] = real ? scratch.actions[k] : 0;
        batch.rewards.data[i] = real ? rewardClass(scratch.rewards[k]) : 0;
        const step = t - (T - 1 - k);
        const R = real ? rtg[index.epChunk[ep]][index.epStart[ep] + step] : 0;
        batch.returns.data[i] = real ? returnToBin(c, R) : 0;
        patchify(
          c,
          scratch.obs.subarray(k * frame, (k + 1) * frame),
          1,
          c.channels,
          batch.patches.data,
          i * P * pd,
        );
      }
    },
  };
}

/** A registered game as a {@link PlayableGame} (observations padded to `channels`; sticky actions as in the data). */
export function playableGame(name: string, opts: { sticky?: number; channels?: number } = {}): PlayableGame {
  const game = getGame(name);
  const C = game.channels.length;
  const P = opts.channels ?? C;
  if (P < C) throw new InputError(`game '${name}' has ${C} channels, more than ${P}`);
  return {
    name: game.name,
    channels: P,
    create(seed: number) {
      const env = new Env(game, { seed, sticky: opts.sticky ?? 0.1 }).reset();
      const raw = new Uint8Array(100 * C);
      return {
        observe(out: Uint8Array) {
          env.observe(raw);
          if (P === C) out.set(raw);
          else {
            out.fill(0);
            for (let cell = 0; cell < 100; cell++)
              for (let ch = 0; ch < C; ch++) out[cell * P + ch] = raw[cell * C + ch];
          }
        },
        step(action: number) {
          const reward = env.step(action);
          return { reward, terminal: env.terminal };
        },
      };
    },
  };
}
