/**
 * The decision system's demo section (games and gameplay data): random-policy returns against the original's
 * reference, a short trajectory collection at five skills on worker threads, its statistics and normalised
 * scores, expert scores beside DQN's, and an animated frame strip of each game. About 15-30 s on 2 cores.
 */
import { join } from "node:path";
import type { DemoContext, DemoEntry, ReferenceRow, ReportSection } from "../report/types.js";
import { Rng } from "../util/rng.js";
import { collect } from "./data/collect.js";
import { collectionStats, returnHistogramSpec } from "./data/stats.js";
import { Env } from "./games/env.js";
import { makePolicy } from "./games/policies.js";
import { MINATAR_REFERENCE } from "./games/reference.js";
import { getGame, MINATAR_GAMES } from "./games/registry.js";
import { renderGif } from "./games/render.js";

function randomPolicyCheck(seed: number, episodes: number) {
  return MINATAR_GAMES.map((name) => {
    const env = new Env(getGame(name), { seed });
    const policy = new Rng(seed + 1);
    const n = name === "freeway" ? Math.max(20, episodes / 2) : episodes;
    let ret = 0;
    let len = 0;
    for (let e = 0; e < n; e++) {
      env.reset();
      while (!env.terminal) ret += env.step(policy.int(6));
      len += env.t;
    }
    return { game: name, episodes: n, meanReturn: ret / n, meanLength: len / n };
  });
}

function frameStrip(seed: number, steps: number): string {
  const figures = MINATAR_GAMES.map((name) => {
    const game = getGame(name);
    const env = new Env(game, { seed }).reset();
    const policy = makePolicy(game, "budget16", seed + 7);
    const frames = [env.observe().slice()];
    while (!env.terminal && env.t < steps) {
      env.step(policy.act(env));
      frames.push(env.observe().slice());
    }
    const gif = Buffer.from(renderGif(game, frames, { scale: 14, delayMs: 90 })).toString("base64");
    return `<figure style="display:inline-block;margin:4px;text-align:center"><img alt="${game.title}" src="data:image/gif;base64,${gif}"><figcaption>${game.title}</figcaption></figure>`;
  });
  return `<div>${figures.join("")}</div>`;
}

async function run(ctx: DemoContext): Promise<ReportSection> {
  const full = ctx.size === "full";
  const t0 = performance.now();
  const random = randomPolicyCheck(ctx.seed, full ? 1000 : 400);
  ctx.log(`dt-games: random-policy check done (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const skills = ["random", "eps0.5", "eps0.2", "eps0.05", "expert"];
  const out = join(ctx.outDir, "dt-games", "data");
  const res = await collect({
    out,
    skills,
    episodes: full ? 50 : 5,
    chunkEpisodes: full ? 10 : 5,
    maxSteps: full ? 5000 : 2600,
    seed: ctx.seed,
    log: ctx.log,
  });
  ctx.log(`dt-games: collected ${res.episodes} episodes, ${res.steps} steps in ${res.seconds.toFixed(1)} s`);
  const stats = collectionStats(res.manifest);
  const norm = res.manifest.normalisation;
  const refRows: ReferenceRow[] = [];
  for (const r of random) {
    const ref = MINATAR_REFERENCE[r.game];
    refRows.push({
      quantity: `${getGame(r.game).title}: random-policy return (${r.episodes} episodes)`,
      ours: Number(r.meanReturn.toFixed(3)),
      paper: ref.randomReturn,
      note: `mean length ours ${r.meanLength.toFixed(1)}, original ${ref.randomLength}`,
    });
  }
  for (const name of MINATAR_GAMES) {
    const n = norm[name];
    if (!n) continue;
    refRows.push({
      quantity: `${getGame(name).title}: expert return (${n.expertEpisodes} episodes, planner)`,
      ours: Number(n.expert.toFixed(2)),
      paper: MINATAR_REFERENCE[name].dqn5M,
      note: "paper column: DQN at 5M frames (learning curve); our expert is a search planner",
    });
  }
  return {
    id: "dt-games",
    title: "Multi-game decision transformer: games and gameplay data",
    paper:
      "Young & Tian 2019, MinAtar (arXiv 1903.03176); data for Lee et al. 2022, Multi-Game Decision Transformers (arXiv 2205.15241)",
    summary:
      "Five miniature Atari games (MinAtar rules, our TypeScript implementation), a Monte Carlo tree search expert per " +
      "game, and gameplay collected at five skill levels into a chunked, checksummed trajectory format for the " +
      "multi-game decision transformer.",
    blocks: [
      { kind: "reference", title: "Random policy and expert against the published numbers", rows: refRows },
      {
        kind: "table",
        title: `Collected gameplay (${res.episodes} episodes, ${res.steps} steps, ${Math.round(res.stepsPerSecond)} steps/s on ${res.manifest.runs.at(-1)?.workers ?? 1} worker threads)`,
        columns: [
          "game",
          "skill",
          "episodes",
          "steps",
          "mean return",
          "std",
          "max",
          "mean length",
          "normalised",
        ],
        rows: stats.rows.map((r) => [
          getGame(r.game).title,
          r.skill,
          r.episodes,
          r.steps,
          r.meanReturn,
          r.stdReturn,
          r.maxReturn,
          r.meanLength,
          r.normalised,
        ]),
        digits: 2,
        caption:
          "normalised = (mean - random mean) / (expert mean - random mean), the analogue of the paper's human-normalised score",
      },
      {
        kind: "chart",
        title: "Return histograms per game and skill",
        spec: returnHistogramSpec(res.manifest),
      },
      { kind: "text", html: frameStrip(ctx.seed, full ? 150 : 60) },
      {
        kind: "text",
        text: `Frames: a budget-16 expert playing each game (channels in colour). Data: ${out} (command: sltk dt collect --episodes ${full ? 50 : 5} --skills ${skills.join(",")}).`,
      },
    ],
  };
}

/** The demo entry of the games and gameplay data. */
export const demo: DemoEntry = {
  id: "dt-games",
  title: "Decision transformer: games and gameplay data",
  run,
};
