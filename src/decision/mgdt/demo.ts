/**
 * Demo section of the Multi-Game Decision Transformer: a small live run (a short multi-game collection, a tiny
 * model trained for a few hundred steps, played with expert action inference and without the bias, an attention
 * map), followed by the full experiment suite's results when a run has been committed (results/experiments.json,
 * made by the command printed in the section).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoContext, DemoEntry, ReportSection } from "../../report/types.js";
import { Rng } from "../../util/rng.js";
import { collect } from "../data/collect.js";
import { TrajectoryDataset } from "../data/dataset.js";
import { getGame } from "../games/registry.js";
import { attentionMap, heatmapPng } from "./attention-map.js";
import { defaultConfig } from "./config.js";
import { type Norm, scoreModel } from "./evaluate.js";
import type { ExperimentResults } from "./experiments.js";
import { collectionProvider, playableGame } from "./games.js";
import { initMgdt } from "./model.js";
import { experimentBlocks } from "./report.js";
import { type Decision, play } from "./rollout.js";
import { EXPERT_DEFAULTS } from "./sampler.js";
import { TRAIN_DEFAULTS, trainMgdt } from "./train.js";

const here = dirname(fileURLToPath(import.meta.url));
/** Where a committed full experiment run lives. */
export const COMMITTED_RESULTS = join(here, "results", "experiments.json");

async function run(ctx: DemoContext): Promise<ReportSection> {
  const full = ctx.size === "full";
  const games = ["breakout", "freeway", "asterix", "seaquest"];
  const data = join(ctx.outDir, "dt-model", "data");
  await collect({
    out: data,
    games,
    skills: ["random", "eps0.2", "expert"],
    episodes: full ? 20 : 3,
    chunkEpisodes: full ? 10 : 3,
    maxSteps: full ? 2500 : 500,
    seed: ctx.seed,
    log: ctx.log,
  });
  const ds = TrajectoryDataset.open(data);
  const c = defaultConfig(
    "s",
    full ? { returnMax: 400 } : { patch: 5, dModel: 32, layers: 2, heads: 2, returnMax: 120 },
  );
  const steps = full ? 2000 : 150;
  const { trainer, result, clipped } = await trainMgdt(
    c,
    initMgdt(new Rng(ctx.seed), c),
    collectionProvider(c, ds.load({ games })),
    {
      ...TRAIN_DEFAULTS,
      steps,
      batchSize: 16,
      lr: 1e-3,
      warmup: 20,
      seed: ctx.seed,
      progress: false,
    },
  );
  ctx.log(`dt-model: trained ${steps} steps in ${result.seconds.toFixed(1)} s`);
  const norms = ds.manifest.normalisation as Record<string, Norm>;
  const play1 = {
    episodes: full ? 16 : 4,
    envBatch: full ? 16 : 4,
    maxSteps: full ? 2500 : 200,
    seed: ctx.seed + 1,
  };
  const list = games.map((g) => ({ game: playableGame(g), norm: norms[g] }));
  const expert = await scoreModel(trainer.params, c, list, { ...play1, sampler: EXPERT_DEFAULTS });
  const unbiased = await scoreModel(trainer.params, c, list, {
    ...play1,
    sampler: { ...EXPERT_DEFAULTS, mode: "sample" },
  });
  let chosen: Decision | null = null;
  await play(trainer.params, c, playableGame("breakout"), {
    episodes: 1,
    envBatch: 1,
    maxSteps: 11,
    seed: ctx.seed + 3,
    sampler: EXPERT_DEFAULTS,
    onDecision: (d) => {
      chosen = d;
      return d.step >= 10;
    },
  });
  const blocks: ReportSection["blocks"] = [
    {
      kind: "text",
      text: `Live run: ${ds.manifest.chunks.reduce((s, ch) => s + ch.count, 0)} episodes of ${games.join(", ")} at three skills; a ${full ? "size-s" : "tiny"} model (${c.dModel}-wide, ${c.layers} layers, ${c.patch}x${c.patch} patches, ${c.context} timesteps) trained ${steps} steps of 16 windows (${result.seconds.toFixed(0)} s); ${clipped.above} of ${clipped.total} returns-to-go clipped above ${c.returnMax}. Scores are means over ${play1.episodes} episodes capped at ${play1.maxSteps} steps: far too little training to play well, but the pipeline is the one the experiments use.`,
    },
    {
      kind: "table",
      title: "Live run: score per game (normalised with the collection's random and expert means)",
      columns: ["game", "expert inference (kappa 10)", "normalised", "no optimality bias", "normalised"],
      rows: expert.games.map((g, i) => [
        g.game,
        g.mean,
        g.normalised,
        unbiased.games[i].mean,
        unbiased.games[i].normalised,
      ]),
      digits: 2,
    },
  ];
  const d = chosen as Decision | null;
  if (d) {
    const map = await attentionMap(trainer.params, c, d.window);
    blocks.push({
      kind: "image",
      title: `Live run: attention of the action prediction (Breakout, step ${d.step})`,
      png: heatmapPng(
        d.frame,
        c,
        getGame("breakout").channels.length,
        map.mean,
        map.gridRows,
        map.gridCols,
        20,
      ),
      alt: "attention map",
      width: 200,
    });
  }
  trainer.dispose();
  if (existsSync(COMMITTED_RESULTS)) {
    const r = JSON.parse(readFileSync(COMMITTED_RESULTS, "utf8")) as ExperimentResults & {
      command?: string;
      date?: string;
    };
    blocks.push(
      ...experimentBlocks(
        r,
        `Full experiment suite (${r.date ?? "committed run"}): \`${r.command ?? "sltk dt experiments"}\`. Trained on ${r.plan.trainGames.join(", ")}; ${r.plan.heldOut} held out for fine-tuning.`,
      ),
    );
  }
  return {
    id: "dt-model",
    title: "Multi-Game Decision Transformer: the model",
    paper: "Lee et al., Multi-Game Decision Transformers, NeurIPS 2022 (arXiv 2205.15241)",
    blocks,
  };
}

/** The demo entry. */
export const mgdtDemo: DemoEntry = {
  id: "dt-model",
  title: "Multi-Game Decision Transformer: the model",
  run,
};
