import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { defaultConfig, patchesPerFrame, tokensPerStep } from "../../src/decision/mgdt/config.js";
import {
  type Episode,
  emptyBatch,
  episodeProvider,
  windowSource,
  writeWindow,
} from "../../src/decision/mgdt/episodes.js";
import { loadMgdt, saveMgdt } from "../../src/decision/mgdt/io.js";
import { initMgdt } from "../../src/decision/mgdt/model.js";
import { type PlayableGame, play } from "../../src/decision/mgdt/rollout.js";
import { biasedReturnScores, EXPERT_DEFAULTS, sampleReturnBin } from "../../src/decision/mgdt/sampler.js";
import {
  allowed,
  binToReturn,
  layout,
  newClipCounts,
  patchify,
  REWARD_NEGATIVE,
  REWARD_NONE,
  REWARD_POSITIVE,
  returnsToGo,
  returnToBin,
  rewardClass,
} from "../../src/decision/mgdt/tokens.js";
import { trainMgdt } from "../../src/decision/mgdt/train.js";
import { initEngine, toHost } from "../../src/engine/index.js";
import { Rng } from "../../src/util/rng.js";

await initEngine();

test("token layout: 25 patches + return, action, reward per step; patches see frame-mates but no future token", () => {
  const c = defaultConfig("s");
  assert.equal(patchesPerFrame(c), 25);
  assert.equal(tokensPerStep(c), 28);
  const lay = layout(c);
  assert.equal(lay.length, 112);
  // patch 0 of step 0 sees patch 24 of its own frame, but not the return token after it
  assert.equal(allowed(lay, 0, 24), true);
  assert.equal(allowed(lay, 0, 25), false);
  // the return token of step 0 (index 25) sees all patches of its frame and itself
  assert.equal(allowed(lay, 25, 24), true);
  assert.equal(allowed(lay, 25, 26), false);
  // a patch of step 1 sees all of step 0 and its frame-mates, not step 1's return token
  assert.equal(allowed(lay, 28, 27), true);
  assert.equal(allowed(lay, 28, 52), true);
  assert.equal(allowed(lay, 52, 53), false);
  // no token sees into a later step
  for (let q = 0; q < 28; q++) for (let k = 28; k < 112; k++) assert.equal(allowed(lay, q, k), false);
});

test("returns-to-go are inclusive sums of clipped rewards; quantisation clips and counts", () => {
  // clipped rewards 0, 1, 1, -1, 0 -> inclusive suffix sums
  assert.deepEqual(Array.from(returnsToGo([0, 1, 5, -2, 0], true)), [1, 1, 0, -1, 0]);
  assert.deepEqual(Array.from(returnsToGo([0, 1, 5, -2, 0])), [4, 4, 3, -2, 0]);
  const c = defaultConfig("s", { returnMin: -2, returnMax: 3 });
  const counts = newClipCounts();
  assert.deepEqual(
    [-5, -2, 0, 3, 9].map((r) => returnToBin(c, r, counts)),
    [0, 0, 2, 5, 5],
  );
  assert.deepEqual(counts, { below: 1, above: 1, total: 5 });
  assert.equal(binToReturn(c, 2), 0);
  assert.equal(rewardClass(3), REWARD_POSITIVE);
  assert.equal(rewardClass(-1), REWARD_NEGATIVE);
  assert.equal(rewardClass(0), REWARD_NONE);
});

test("patchify cuts a grid into patch vectors with channel padding", () => {
  const c = defaultConfig("s", { channels: 3 });
  const frame = new Uint8Array(10 * 10 * 2);
  frame[(0 * 10 + 1) * 2 + 1] = 1; // y0 x1 channel 1 -> patch 0, offset (0*2+1)*3 + 1
  frame[(9 * 10 + 9) * 2 + 0] = 1; // y9 x9 channel 0 -> patch 24, offset (1*2+1)*3
  const out = new Float32Array(25 * 12);
  patchify(c, frame, 1, 2, out);
  assert.equal(out[4], 1);
  assert.equal(out[24 * 12 + 9], 1);
  assert.equal(
    out.reduce((a, b) => a + b),
    2,
  );
});

test("the optimality bias shifts a hand-made return distribution towards high returns", () => {
  const logits = [Math.log(0.7), Math.log(0.2), Math.log(0.1)];
  const p0 = biasedReturnScores(logits, 0).map(Math.exp);
  assert.ok(Math.abs(p0[0] - 0.7) < 1e-9);
  const p = biasedReturnScores(logits, 10).map(Math.exp);
  // weights 0.7, 0.2 e^5, 0.1 e^10, normalised
  const z = 0.7 + 0.2 * Math.exp(5) + 0.1 * Math.exp(10);
  assert.ok(Math.abs(p[2] - (0.1 * Math.exp(10)) / z) < 1e-9);
  const rng = new Rng(1);
  let high = 0;
  for (let i = 0; i < 2000; i++) if (sampleReturnBin(logits, EXPERT_DEFAULTS, rng) === 2) high++;
  assert.ok(Math.abs(high / 2000 - p[2]) < 0.03, `${high / 2000} vs ${p[2]}`);
});

test("a padded training window starts with blanks and ends at the chosen step", () => {
  const c = defaultConfig("s", { patch: 5, context: 3, channels: 1 });
  const ep: Episode = {
    game: "g",
    channels: 1,
    frames: new Uint8Array(2 * 100).fill(1),
    actions: Uint8Array.of(4, 5),
    rewards: Float32Array.of(0, 1),
  };
  const src = windowSource(c, [ep]);
  const b = emptyBatch(c, 1);
  writeWindow(c, src, 0, 1, b, 0);
  assert.deepEqual(Array.from(b.actions.data), [0, 4, 5]);
  assert.deepEqual(Array.from(b.rewards.data), [0, 0, REWARD_POSITIVE]);
  assert.deepEqual(Array.from(b.returns.data), [0, 1, 1]);
  const per = 4 * 25;
  assert.equal(
    b.patches.data.subarray(0, per).reduce((a, x) => a + x),
    0,
  );
  assert.equal(
    b.patches.data.subarray(per).reduce((a, x) => a + x),
    200,
  );
});

test("a tiny model learns a return-conditioned toy task, and survives a save/load round trip", async () => {
  // One-step game: action 1 earns 1, any other action 0. Data: uniformly random actions.
  const c = defaultConfig("s", {
    patch: 5,
    dModel: 32,
    layers: 1,
    heads: 2,
    context: 2,
    returnMin: 0,
    returnMax: 1,
    channels: 1,
  });
  const rng = new Rng(0);
  const eps: Episode[] = Array.from({ length: 200 }, () => {
    const a = rng.int(6);
    return {
      game: "toy",
      channels: 1,
      frames: new Uint8Array(100),
      actions: Uint8Array.of(a),
      rewards: Float32Array.of(a === 1 ? 1 : 0),
    };
  });
  const { trainer } = await trainMgdt(c, initMgdt(new Rng(1), c), episodeProvider(c, eps), {
    steps: 300,
    batchSize: 16,
    lr: 3e-3,
    warmup: 20,
    weightDecay: 0,
    seed: 0,
    mode: "dt",
    progress: false,
  });
  const game: PlayableGame = {
    name: "toy",
    channels: 1,
    create: () => ({ observe: (o) => o.fill(0), step: (a) => ({ reward: a === 1 ? 1 : 0, terminal: true }) }),
  };
  const greedy = { ...EXPERT_DEFAULTS, mode: "target" as const, actionTemperature: 0 };
  const ask1 = await play(trainer.params, c, game, {
    episodes: 8,
    envBatch: 8,
    seed: 1,
    sampler: greedy,
    maxSteps: 3,
    targetReturn: 1,
  });
  const ask0 = await play(trainer.params, c, game, {
    episodes: 8,
    envBatch: 8,
    seed: 1,
    sampler: greedy,
    maxSteps: 3,
    targetReturn: 0,
  });
  assert.deepEqual(ask1.returns, new Array(8).fill(1));
  assert.deepEqual(ask0.returns, new Array(8).fill(0));
  const expert = await play(trainer.params, c, game, {
    episodes: 64,
    envBatch: 16,
    seed: 2,
    sampler: { ...EXPERT_DEFAULTS, actionTemperature: 0 },
    maxSteps: 3,
  });
  const sample = await play(trainer.params, c, game, {
    episodes: 64,
    envBatch: 16,
    seed: 2,
    sampler: { ...EXPERT_DEFAULTS, mode: "sample", actionTemperature: 0 },
    maxSteps: 3,
  });
  const mean = (x: number[]) => x.reduce((a, b) => a + b) / x.length;
  assert.ok(mean(expert.returns) > 0.9, `expert ${mean(expert.returns)}`);
  assert.ok(mean(sample.returns) < 0.5, `unbiased sampling ${mean(sample.returns)}`);
  const dir = mkdtempSync(join(tmpdir(), "sltk-mgdt-"));
  await saveMgdt(dir, trainer.params, c, { games: ["toy"] });
  const loaded = loadMgdt(dir);
  assert.deepEqual(loaded.config, c);
  assert.deepEqual(
    Array.from(await toHost(loaded.params.actionHead.w.ref)),
    Array.from(await toHost(trainer.params.actionHead.w.ref)),
  );
  const again = await play(loaded.params, c, game, {
    episodes: 8,
    envBatch: 8,
    seed: 1,
    sampler: greedy,
    maxSteps: 3,
    targetReturn: 1,
  });
  assert.deepEqual(again.returns, ask1.returns);
});
