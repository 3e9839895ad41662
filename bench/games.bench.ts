/**
 * `npm run bench -- games`: simulator speed per game on one thread (random actions, resets included; target
 * >= 1,000,000 steps/s for Breakout-like games and >= 200,000 for the slowest), the vector env and observation
 * packing, the expert's cost per decision, and the end-to-end collection rate with experts on worker threads.
 * Timings on a shared machine are noisy: each figure is the best of several repeats.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collect } from "../src/decision/data/collect.js";
import { TrajectoryDataset } from "../src/decision/data/dataset.js";
import { allocWindows } from "../src/decision/data/windows.js";
import { Env } from "../src/decision/games/env.js";
import { observationSize } from "../src/decision/games/game.js";
import { packBits, packedSize } from "../src/decision/games/observation.js";
import { makePolicy } from "../src/decision/games/policies.js";
import { getGame, MINATAR_GAMES } from "../src/decision/games/registry.js";
import { VecEnv } from "../src/decision/games/vec-env.js";
import { Rng } from "../src/util/rng.js";

const actions = (() => {
  const r = new Rng(5);
  const a = new Uint8Array(1 << 16);
  for (let i = 0; i < a.length; i++) a[i] = r.int(6);
  return a;
})();

function best(repeats: number, fn: () => number): number {
  let b = 0;
  for (let i = 0; i < repeats; i++) b = Math.max(b, fn());
  return b;
}

function stepRate(name: string, withObs: boolean): number {
  const game = getGame(name);
  const env = new Env(game, { seed: 1 }).reset();
  const frame = new Uint8Array(observationSize(game));
  const packed = new Uint8Array(packedSize(game.channels.length));
  return best(5, () => {
    const n = withObs ? 500_000 : 2_000_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      if (withObs) {
        env.observe(frame);
        packBits(frame, 0, frame.length, packed, 0);
      }
      env.step(actions[i & 0xffff]);
      if (env.terminal) env.reset();
    }
    return n / ((performance.now() - t0) / 1000);
  });
}

function vecRate(name: string, n: number): number {
  const vec = new VecEnv(getGame(name), n, { seed: 3 });
  const rewards = new Float32Array(n);
  const dones = new Uint8Array(n);
  const acts = new Int32Array(n);
  return best(3, () => {
    const iters = Math.ceil(2_000_000 / n);
    const t0 = performance.now();
    for (let k = 0; k < iters; k++) {
      for (let i = 0; i < n; i++) acts[i] = actions[(k * n + i) & 0xffff];
      vec.step(acts, rewards, dones);
    }
    return (iters * n) / ((performance.now() - t0) / 1000);
  });
}

function expertCost(name: string): { msPerDecision: number; decisions: number } {
  const game = getGame(name);
  const env = new Env(game, { seed: 9 }).reset();
  const policy = makePolicy(game, "expert", 10);
  let decisions = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    if (env.terminal) env.reset();
    env.step(policy.act(env));
    decisions++;
  }
  return { msPerDecision: (performance.now() - t0) / decisions, decisions };
}

/** Runs the games benchmark. */
export async function run(): Promise<Record<string, unknown>> {
  const perGame: Record<string, unknown> = {};
  for (const name of MINATAR_GAMES) {
    perGame[name] = {
      stepsPerSecond: Math.round(stepRate(name, false)),
      stepsPerSecondWithPackedObservation: Math.round(stepRate(name, true)),
      vecEnv64StepsPerSecond: Math.round(vecRate(name, 64)),
      expert: expertCost(name),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "sltk-bench-games-"));
  let collection: Record<string, unknown>;
  let windows: Record<string, unknown>;
  try {
    const r = await collect({
      out: dir,
      episodes: 4,
      chunkEpisodes: 2,
      skills: ["eps0.2", "expert"],
      normEpisodes: 0,
      workers: 2,
    });
    collection = {
      command:
        "collect --games all --skills eps0.2,expert --episodes 4 --chunk-episodes 2 --norm-episodes 0 --workers 2",
      episodes: r.episodes,
      steps: r.steps,
      seconds: Number(r.seconds.toFixed(2)),
      stepsPerSecond: Math.round(r.stepsPerSecond),
      episodesPerMinute: Number(((60 * r.episodes) / r.seconds).toFixed(1)),
    };
    const index = TrajectoryDataset.open(dir).load();
    const batch = allocWindows(256, 4);
    const rng = new Rng(1);
    const batchesPerSecond = best(3, () => {
      const t0 = performance.now();
      for (let i = 0; i < 100; i++) index.sampleWindows(rng, batch);
      return 100 / ((performance.now() - t0) / 1000);
    });
    windows = { batch: 256, T: 4, channels: 10, msPerBatch: Number((1000 / batchesPerSecond).toFixed(3)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rates = MINATAR_GAMES.map((g) => (perGame[g] as { stepsPerSecond: number }).stepsPerSecond);
  return {
    note: "single-thread simulator steps/s (random actions, resets included), best of repeats; shared machine, noisy",
    targets: { breakoutLike: 1_000_000, slowest: 200_000 },
    slowest: Math.min(...rates),
    perGame,
    collection,
    windows,
  };
}
