/**
 * The paper's experiments on the MinAtar testbed, each a resumable step (a finished model or evaluation is read
 * back, not redone): (1) multi-game DT vs behaviour cloning, single-game DTs and the DT without the optimality
 * bias; (2) expert-only data vs the full skill range; (3) model size; (4) fine-tuning on a held-out game from 1%
 * of a training game's data, pretrained vs from scratch; (5) attention maps.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cloneTree } from "../../engine/index.js";
import { writeJsonAtomic } from "../../util/fs.js";
import { log } from "../../util/progress.js";
import { Rng } from "../../util/rng.js";
import { getGame } from "../games/registry.js";
import { type AttentionMap, attentionMap } from "./attention-map.js";
import { defaultConfig, type MgdtConfig } from "./config.js";
import { type EvalJob, fineTuneEpisodes, runEval, runTraining, type TrainRecord } from "./driver.js";
import { episodeProvider } from "./episodes.js";
import type { Scorecard } from "./evaluate.js";
import { playableGame } from "./games.js";
import { initMgdt, type MgdtParams } from "./model.js";
import { type Decision, play } from "./rollout.js";
import { EXPERT_DEFAULTS, type SamplerOptions } from "./sampler.js";
import { TRAIN_DEFAULTS, trainMgdt } from "./train.js";

/** The plan of an experiment run (sizes chosen to fit a 2-core CPU; see the README for the numbers). */
export interface ExperimentPlan {
  data: string;
  out: string;
  trainGames: string[];
  heldOut: string;
  steps: number;
  singleGameSteps: number;
  scalingSizes: ("s" | "m" | "l")[];
  scalingSteps: number;
  fineTuneSteps: number;
  fineTuneEvalEvery: number;
  fraction: number;
  episodes: number;
  fineTuneEpisodes: number;
  maxSteps: number;
  batch: number;
  lr: number;
  seed: number;
  configOverrides?: Partial<MgdtConfig>;
}

/** Defaults of `sltk dt experiments`. */
export const PLAN_DEFAULTS: Omit<ExperimentPlan, "data" | "out"> = {
  trainGames: ["asterix", "breakout", "freeway", "seaquest"],
  heldOut: "space_invaders",
  steps: 2000,
  singleGameSteps: 1000,
  scalingSizes: ["s", "m", "l"],
  scalingSteps: 2000,
  fineTuneSteps: 600,
  fineTuneEvalEvery: 200,
  fraction: 0.01,
  episodes: 16,
  fineTuneEpisodes: 8,
  maxSteps: 2500,
  batch: 16,
  lr: 1e-3,
  seed: 0,
};

const EXPERT: SamplerOptions = { ...EXPERT_DEFAULTS };
const UNBIASED: SamplerOptions = { ...EXPERT_DEFAULTS, mode: "sample" };

async function cached<T>(file: string, make: () => Promise<T>): Promise<T> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as T;
  const v = await make();
  writeJsonAtomic(file, v);
  return v;
}

/** All results, as written to results.json. */
export interface ExperimentResults {
  plan: ExperimentPlan;
  models: Record<string, TrainRecord>;
  scores: Record<string, Scorecard>;
  fineTune: {
    pretrained: { step: number; score: number; normalised: number }[];
    scratch: { step: number; score: number; normalised: number }[];
    dataSteps: number;
  };
  attention: (AttentionMap & {
    game: string;
    step: number;
    action: number;
    channels: number;
    frame: number[];
  })[];
}

/** Runs (or resumes) the whole suite. */
export async function runExperiments(plan: ExperimentPlan): Promise<ExperimentResults> {
  const cfg = (size: "s" | "m" | "l") => defaultConfig(size, { returnMax: 400, ...plan.configOverrides });
  const train = (
    name: string,
    games: string[],
    opts: { size?: "s" | "m" | "l"; steps?: number; skills?: string[]; mode?: "dt" | "bc" } = {},
  ) => {
    log(`dt experiments: training ${name}`);
    return runTraining({
      data: plan.data,
      games,
      skills: opts.skills,
      config: cfg(opts.size ?? "s"),
      out: join(plan.out, name),
      train: {
        ...TRAIN_DEFAULTS,
        steps: opts.steps ?? plan.steps,
        batchSize: plan.batch,
        mode: opts.mode ?? "dt",
        seed: plan.seed,
      },
    });
  };
  const evalJob = (games: string[], sampler: SamplerOptions, returnConditioning = true): EvalJob => ({
    games,
    episodes: plan.episodes,
    envBatch: plan.episodes,
    maxSteps: plan.maxSteps,
    seed: plan.seed + 1,
    sampler,
    returnConditioning,
  });
  const score = (name: string, key: string, params: MgdtParams, c: MgdtConfig, job: EvalJob) => {
    log(`dt experiments: scoring ${name} (${key})`);
    return cached(join(plan.out, name, `eval-${key}.json`), () => runEval(params, c, plan.data, job));
  };
  const models: Record<string, TrainRecord> = {};
  const scores: Record<string, Scorecard> = {};
  const G = plan.trainGames;

  // (1) multi-game DT, its unbiased sampling, behaviour cloning, single-game specialists.
  const mg = await train("mgdt-s", G);
  models["mgdt-s"] = mg.record;
  scores["mgdt-s/expert"] = await score("mgdt-s", "expert", mg.params, cfg("s"), evalJob(G, EXPERT));
  scores["mgdt-s/no-bias"] = await score("mgdt-s", "no-bias", mg.params, cfg("s"), evalJob(G, UNBIASED));
  const bc = await train("bc-s", G, { mode: "bc" });
  models["bc-s"] = bc.record;
  scores["bc-s"] = await score("bc-s", "bc", bc.params, cfg("s"), evalJob(G, UNBIASED, false));
  for (const g of G) {
    const one = await train(`single-${g}`, [g], { steps: plan.singleGameSteps });
    models[`single-${g}`] = one.record;
    scores[`single-${g}`] = await score(`single-${g}`, "expert", one.params, cfg("s"), evalJob([g], EXPERT));
  }
  // (2) expert-only data.
  const ex = await train("expert-only-s", G, { skills: ["expert"] });
  models["expert-only-s"] = ex.record;
  scores["expert-only-s"] = await score("expert-only-s", "expert", ex.params, cfg("s"), evalJob(G, EXPERT));
  // (3) model size.
  for (const size of plan.scalingSizes) {
    if (size === "s" && plan.scalingSteps === plan.steps) continue;
    const name = `mgdt-${size}-scaling`;
    const m = await train(name, G, { size, steps: plan.scalingSteps });
    models[name] = m.record;
    scores[name] = await score(name, "expert", m.params, cfg(size), evalJob(G, EXPERT));
  }
  // (4) fine-tuning on the held-out game.
  const fineTune = await runFineTune(plan, cfg("s"), mg.params);
  // (5) attention maps of the multi-game model.
  const attention = await cached(join(plan.out, "attention.json"), () =>
    attentionMaps(plan, cfg("s"), mg.params),
  );
  const results: ExperimentResults = { plan, models, scores, fineTune, attention };
  writeJsonAtomic(join(plan.out, "results.json"), results);
  return results;
}

async function runFineTune(
  plan: ExperimentPlan,
  c: MgdtConfig,
  pretrained: MgdtParams,
): Promise<ExperimentResults["fineTune"]> {
  return cached(join(plan.out, "finetune.json"), async () => {
    const set = fineTuneEpisodes(plan.data, plan.heldOut, plan.trainGames, plan.fraction, plan.seed);
    log(`dt experiments: fine-tuning set ${set.episodes.length} episodes, ${set.steps} steps`);
    const src = episodeProvider(c, set.episodes);
    const evaluate = async (params: MgdtParams) => {
      const card = await runEval(params, c, plan.data, {
        games: [plan.heldOut],
        episodes: plan.fineTuneEpisodes,
        envBatch: plan.fineTuneEpisodes,
        maxSteps: plan.maxSteps,
        seed: plan.seed + 2,
        sampler: EXPERT,
      });
      return { score: card.games[0].mean, normalised: card.games[0].normalised };
    };
    const curve = async (name: string, init: MgdtParams) => {
      const points = [{ step: 0, ...(await evaluate(init)) }];
      const { trainer } = await trainMgdt(c, init, src, {
        ...TRAIN_DEFAULTS,
        steps: plan.fineTuneSteps,
        batchSize: plan.batch,
        lr: 1e-4,
        warmup: 50,
        weightDecay: 1e-2,
        seed: plan.seed,
        progress: name,
        evalEvery: plan.fineTuneEvalEvery,
        onEval: async (step, params) => {
          const r = await evaluate(params);
          points.push({ step, ...r });
          log(`dt experiments: ${name} at ${step} steps: ${r.score.toFixed(2)}`);
          return r;
        },
      });
      trainer.dispose();
      return points;
    };
    return {
      pretrained: await curve("finetune-pretrained", cloneTree(pretrained)),
      scratch: await curve("finetune-scratch", initMgdt(new Rng(plan.seed + 7), c)),
      dataSteps: set.steps,
    };
  });
}

async function attentionMaps(plan: ExperimentPlan, c: MgdtConfig, params: MgdtParams) {
  const out: ExperimentResults["attention"] = [];
  for (const g of plan.trainGames) {
    const game = getGame(g);
    let chosen: Decision | null = null;
    await play(params, c, playableGame(game.name), {
      episodes: 1,
      envBatch: 1,
      maxSteps: 31,
      seed: plan.seed + 3,
      sampler: EXPERT,
      onDecision: (d) => {
        chosen = d;
        return d.step >= 30;
      },
    });
    const d = chosen as Decision | null;
    if (!d) continue;
    const map = await attentionMap(params, c, d.window);
    out.push({
      ...map,
      game: game.name,
      step: d.step,
      action: d.action,
      channels: game.channels.length,
      frame: Array.from(d.frame),
    });
  }
  return out;
}
