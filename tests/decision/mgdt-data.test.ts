import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { collect } from "../../src/decision/data/collect.js";
import { TrajectoryDataset } from "../../src/decision/data/dataset.js";
import { defaultConfig, patchesPerFrame } from "../../src/decision/mgdt/config.js";
import { emptyBatch } from "../../src/decision/mgdt/episodes.js";
import { bootstrapAggregates, iqm, normalise } from "../../src/decision/mgdt/evaluate.js";
import { collectionProvider, playableGame } from "../../src/decision/mgdt/games.js";
import { returnToBin } from "../../src/decision/mgdt/tokens.js";

test("interquartile mean (fractional weights at the cut) and normalisation", () => {
  assert.equal(iqm([4, 1, 3, 2]), 2.5);
  assert.equal(iqm([1, 2, 3, 4, 5, 6, 7, 8]), 4.5);
  assert.ok(Math.abs(iqm([1, 2, 3]) - 2) < 1e-12);
  assert.equal(normalise(5, { random: 1, expert: 9 }), 0.5);
  const b = bootstrapAggregates(
    [
      { returns: [3, 3, 3], norm: { random: 1, expert: 5 } },
      { returns: [1, 9], norm: { random: 1, expert: 9 } },
    ],
    200,
    1,
  );
  assert.ok(b.meanCI[0] <= b.meanCI[1] && b.meanCI[0] >= 0.25 && b.meanCI[1] <= 0.75);
});

test("windows from a real collection carry the episode's actions, returns-to-go and frames", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-mgdt-data-"));
  await collect({
    out: dir,
    games: ["breakout"],
    skills: ["random"],
    episodes: 2,
    chunkEpisodes: 2,
    workers: 0,
    seed: 3,
    normEpisodes: 0,
  });
  const ds = TrajectoryDataset.open(dir);
  const ep = [...ds.episodes()][0];
  const c = defaultConfig("s", { returnMax: 50 });
  const src = collectionProvider(c, ds.load());
  assert.equal(
    src.size,
    [...ds.episodes()].reduce((s, e) => s + e.steps, 0),
  );
  const b = emptyBatch(c, 1);
  src.write(ep.steps - 1, b, 0); // the window ending at episode 0's last step
  const T = c.context;
  for (let k = 0; k < T; k++) {
    const t = ep.steps - T + k;
    if (t < 0) continue;
    assert.equal(b.actions.data[k], ep.actions[t]);
    let R = 0;
    for (let u = t; u < ep.steps; u++) R += ep.rewards[u];
    assert.equal(b.returns.data[k], returnToBin(c, R));
  }
  // The last frame's patches hold exactly the frame's set bits (channels padded to 10).
  const P = patchesPerFrame(c);
  const pd = c.patch * c.patch * c.channels;
  const lastPatches = b.patches.data.subarray((T - 1) * P * pd, T * P * pd);
  const bits = Array.from(
    ep.observations.subarray((ep.steps - 1) * ep.obsBytes, ep.steps * ep.obsBytes),
  ).reduce((s, byte) => s + byte.toString(2).split("1").length - 1, 0);
  assert.equal(
    lastPatches.reduce((a, v) => a + v, 0),
    bits,
  );
  // A playable game pads its frames the same way.
  const g = playableGame("breakout", { channels: 10 });
  const env = g.create(1);
  const frame = new Uint8Array(1000);
  env.observe(frame);
  assert.ok(frame.reduce((a, v) => a + v, 0) > 0);
  for (let cell = 0; cell < 100; cell++)
    for (let ch = 4; ch < 10; ch++) assert.equal(frame[cell * 10 + ch], 0);
});
