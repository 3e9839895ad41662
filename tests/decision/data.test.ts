import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { collect } from "../../src/decision/data/collect.js";
import { TrajectoryDataset } from "../../src/decision/data/dataset.js";
import { decodeChunk } from "../../src/decision/data/format.js";
import { normalisedScore, readManifest } from "../../src/decision/data/manifest.js";
import { collectionStats, returnHistogramSpec } from "../../src/decision/data/stats.js";
import { allocWindows } from "../../src/decision/data/windows.js";
import { Env } from "../../src/decision/games/env.js";
import { packObservation } from "../../src/decision/games/observation.js";
import { getGame } from "../../src/decision/games/registry.js";
import { Rng } from "../../src/util/rng.js";

const root = mkdtempSync(join(tmpdir(), "sltk-dt-"));
after(() => rmSync(root, { recursive: true, force: true }));

const small = {
  games: ["breakout", "asterix"],
  skills: ["random", "budget4"],
  episodes: 3,
  chunkEpisodes: 2,
  maxSteps: 300,
  normEpisodes: 2,
  seed: 7,
};

test("collect writes chunks and a manifest; episodes replay exactly from (game, seed, actions)", async () => {
  const dir = join(root, "a");
  const r = await collect({ ...small, out: dir, workers: 0 });
  assert.equal(r.ran, 2 * 2 * 2 + 2, "2 games x 2 skills x 2 chunks + 2 expert evaluations");
  const m = readManifest(dir);
  assert.equal(m.complete, true);
  assert.equal(m.chunks.length, 8);
  assert.equal(m.normalisation.breakout.source.expert, "evaluated");
  assert.equal(m.normalisation.breakout.randomEpisodes, 3);
  const ds = TrajectoryDataset.open(dir);
  let n = 0;
  for (const ep of ds.episodes()) {
    n++;
    const game = getGame(ep.game);
    const env = new Env(game, { seed: ep.envSeed }).reset();
    let total = 0;
    for (let t = 0; t < ep.steps; t++) {
      const packed = packObservation(env.observe(), game.channels.length);
      assert.deepEqual(packed, ep.observations.subarray(t * ep.obsBytes, (t + 1) * ep.obsBytes));
      const rew = env.step(ep.actions[t]);
      assert.equal(rew, ep.rewards[t]);
      total += rew;
    }
    assert.equal(total, ep.return);
    assert.equal(env.terminal, ep.terminal);
  }
  assert.equal(n, 12);
});

test("collect on worker threads gives the same chunks as in-process; a rerun skips finished work", async () => {
  const a = join(root, "a");
  const b = join(root, "b");
  await collect({ ...small, out: b, workers: 2 });
  const ma = readManifest(a);
  const mb = readManifest(b);
  const shas = (m: typeof ma) => Object.fromEntries(m.chunks.map((c) => [c.file, c.sha256]));
  assert.deepEqual(shas(mb), shas(ma));
  const again = await collect({ ...small, out: b, workers: 2 });
  assert.equal(again.ran, 0);
  assert.equal(again.skipped, 10);
  const more = await collect({ ...small, episodes: 4, out: b, workers: 0 });
  assert.equal(more.ran, 4, "only the new chunk of each game and skill");
  await assert.rejects(collect({ ...small, seed: 8, out: b, workers: 0 }), /another 'seed' setting/);
});

test("a damaged chunk is a one-line error naming the file, and resuming redoes it", async () => {
  const dir = join(root, "a");
  const m = readManifest(dir);
  const file = join(dir, m.chunks[0].file);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 0xff;
  writeFileSync(file, bytes);
  const ds = TrajectoryDataset.open(dir);
  assert.throws(
    () => [...ds.episodes()],
    (e: Error) =>
      e.message.includes(m.chunks[0].file) && /bad checksum/.test(e.message) && !e.message.includes("\n"),
  );
  assert.throws(() => decodeChunk(bytes.subarray(0, 20), "x.traj"), /x\.traj: .*damaged/);
  const r = await collect({ ...small, out: dir, workers: 0 });
  assert.equal(r.ran, 1);
  assert.equal([...TrajectoryDataset.open(dir).episodes()].length, 12);
});

test("random-access windows: uniform end steps, padding before the episode start, inclusive returns-to-go", () => {
  const ds = TrajectoryDataset.open(join(root, "a"));
  const index = ds.load({ games: ["breakout"] });
  assert.deepEqual(index.games, ["breakout"]);
  const out = allocWindows(64, 4);
  index.sampleWindows(new Rng(1), out);
  for (let b = 0; b < 64; b++) {
    const ep = out.episodes[b];
    for (let k = 0; k < 4; k++) {
      const i = b * 4 + k;
      if (out.mask[i] === 0) {
        assert.equal(out.timesteps[i], -1);
        assert.ok(out.obs.subarray(i * 1000, (i + 1) * 1000).every((v) => v === 0));
        continue;
      }
      if (k > 0 && out.mask[i - 1]) assert.equal(out.timesteps[i], out.timesteps[i - 1] + 1);
      if (k > 0 && out.mask[i - 1])
        assert.ok(Math.abs(out.returnsToGo[i - 1] - out.rewards[i - 1] - out.returnsToGo[i]) < 1e-6);
    }
    assert.equal(out.mask[b * 4 + 3], 1, "the last step of a window is real");
    if (out.timesteps[b * 4] === 0) assert.equal(out.returnsToGo[b * 4], index.epReturn[ep]);
  }
  // The first window of an episode: 3 padding steps, then its first frame (paddle in row 9, column 4).
  const one = allocWindows(1, 4);
  index.window(0, 0, one, 0);
  assert.deepEqual([...one.mask], [0, 0, 0, 1]);
  assert.equal(one.obs[3 * 1000 + (9 * 10 + 4) * 10 + 0], 1);
  assert.throws(() => index.window(0, 10_000, one, 0), /outside episode/);
});

test("stats and normalised scores come from the manifest", () => {
  const m = readManifest(join(root, "a"));
  const s = collectionStats(m);
  assert.equal(s.episodes, 12);
  assert.equal(s.rows.length, 4);
  const n = m.normalisation.asterix;
  assert.equal(normalisedScore(m, "asterix", n.random), 0);
  assert.equal(normalisedScore(m, "asterix", n.expert), 1);
  const spec = returnHistogramSpec(m) as { data: { values: unknown[] } };
  assert.equal(spec.data.values.length, 12);
  assert.throws(() => TrajectoryDataset.open(join(root, "nothing")), /no manifest\.json here/);
});

test("a fraction keeps the first episodes of each game and skill (fine-tuning subsets)", () => {
  const ds = TrajectoryDataset.open(join(root, "a"));
  const sel = ds.selection({ games: ["asterix"], fraction: 0.4 });
  assert.deepEqual(
    sel.map((s) => [s.entry.skill, s.entry.start, s.take]),
    [
      ["budget4", 0, 2],
      ["random", 0, 2],
    ],
  );
  assert.equal([...ds.episodes({ games: ["asterix"], fraction: 0.01 })].length, 2, "at least one per skill");
  assert.equal(ds.load({ games: ["asterix"], fraction: 0.4 }).size, 4);
  assert.throws(() => ds.selection({ fraction: 2 }), /fraction: must be in \(0, 1\]/);
});
