/**
 * End-to-end jobs on trajectory collections: train (resumable, saved with its config and training log), score on
 * games with the collection's normalisation, select a small fine-tuning set, and fine-tune.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { countParams } from "../../engine/index.js";
import { InputError } from "../../util/errors.js";
import { writeJsonAtomic } from "../../util/fs.js";
import { Rng } from "../../util/rng.js";
import { TrajectoryDataset } from "../data/dataset.js";
import { unpackPadded } from "../games/observation.js";
import { getGame } from "../games/registry.js";
import type { MgdtConfig } from "./config.js";
import { type Episode, episodeProvider } from "./episodes.js";
import { type Norm, type Scorecard, scoreModel } from "./evaluate.js";
import { collectionProvider, playableGame } from "./games.js";
import { loadMgdt, saveMgdt } from "./io.js";
import { initMgdt, type MgdtParams } from "./model.js";
import type { SamplerOptions } from "./sampler.js";
import { type TrainOptions, trainMgdt } from "./train.js";

/** A training job. */
export interface TrainJob {
  data: string;
  games: string[];
  skills?: string[];
  config: MgdtConfig;
  train: TrainOptions;
  out: string;
  /** Start from these weights (fine-tuning) instead of a fresh initialisation. */
  init?: MgdtParams;
  /** In-memory episodes instead of the collection (fine-tuning sets). */
  episodes?: Episode[];
}

/** What a finished training run records (train.json beside the weights). */
export interface TrainRecord {
  games: string[];
  skills: string[] | null;
  steps: number;
  windows: number;
  dataSteps: number;
  params: number;
  seconds: number;
  clipped: { below: number; above: number; total: number };
  history: { step: number; trainLoss: number }[];
  options: TrainOptions;
}

/** Trains a model (resuming from `<out>/checkpoint` when present) and saves it to `out`. Skips a finished run. */
export async function runTraining(job: TrainJob): Promise<{ params: MgdtParams; record: TrainRecord }> {
  const done = join(job.out, "train.json");
  if (existsSync(done) && existsSync(join(job.out, "model.safetensors"))) {
    return {
      params: loadMgdt(job.out).params,
      record: JSON.parse(readFileSync(done, "utf8")) as TrainRecord,
    };
  }
  const src = job.episodes
    ? episodeProvider(job.config, job.episodes)
    : collectionProvider(
        job.config,
        TrajectoryDataset.open(job.data).load({ games: job.games, skills: job.skills }),
      );
  const params = job.init ?? initMgdt(new Rng(job.train.seed), job.config);
  const nParams = countParams(params);
  const { trainer, result, clipped } = await trainMgdt(job.config, params, src, {
    ...job.train,
    checkpointDir: join(job.out, "checkpoint"),
  });
  const record: TrainRecord = {
    games: job.games,
    skills: job.skills ?? null,
    steps: result.steps,
    windows: result.steps * job.train.batchSize,
    dataSteps: src.size,
    params: nParams,
    seconds: result.seconds,
    clipped,
    history: result.history.map((h) => ({ step: h.step, trainLoss: h.trainLoss })),
    options: job.train,
  };
  await saveMgdt(job.out, trainer.params, job.config, {
    games: job.games,
    skills: job.skills ?? null,
    mode: job.train.mode,
  });
  writeJsonAtomic(done, record);
  return { params: trainer.params, record };
}

/** Random/expert normalisation means of games, from a collection's manifest. */
export function normsFrom(data: string, games: string[]): Record<string, Norm> {
  const m = TrajectoryDataset.open(data).manifest;
  const out: Record<string, Norm> = {};
  for (const g of games) {
    const key = getGame(g).name;
    const n = m.normalisation[key];
    if (!n) throw new InputError(`the collection has no random/expert means for '${key}'`, data);
    out[key] = { random: n.random, expert: n.expert };
  }
  return out;
}

/** Evaluation settings. */
export interface EvalJob {
  games: string[];
  episodes: number;
  envBatch: number;
  maxSteps: number;
  seed: number;
  sampler: SamplerOptions;
  targetReturn?: number;
  returnConditioning?: boolean;
}

/** Scores a model on games (normalised with the collection's means). */
export async function runEval(
  params: MgdtParams,
  c: MgdtConfig,
  data: string,
  job: EvalJob,
): Promise<Scorecard> {
  const norms = normsFrom(data, job.games);
  const games = job.games.map((g) => ({ game: playableGame(g), norm: norms[getGame(g).name] }));
  return scoreModel(params, c, games, {
    episodes: job.episodes,
    envBatch: job.envBatch,
    maxSteps: job.maxSteps,
    seed: job.seed,
    sampler: job.sampler,
    targetReturn: job.targetReturn,
    returnConditioning: job.returnConditioning,
  });
}

/**
 * A fine-tuning set: episodes of `game` (all skills, shuffled with `seed`) until their steps reach `fraction` of the
 * steps an average training game has in the collection (the paper: 1% of a training game's data).
 */
export function fineTuneEpisodes(
  data: string,
  game: string,
  trainingGames: string[],
  fraction: number,
  seed: number,
): { episodes: Episode[]; steps: number; target: number } {
  const ds = TrajectoryDataset.open(data);
  let trainSteps = 0;
  const keys = trainingGames.map((g) => getGame(g).name);
  for (const c of ds.manifest.chunks)
    if (keys.includes(c.game)) trainSteps += c.lengths.reduce((a, b) => a + b, 0);
  const target = Math.max(1, Math.round((fraction * trainSteps) / trainingGames.length));
  const all = [...ds.episodes({ games: [game] })];
  if (!all.length) throw new InputError(`the collection has no episodes of '${game}'`, data);
  new Rng(seed).shuffle(all);
  const episodes: Episode[] = [];
  let steps = 0;
  for (const e of all) {
    if (steps >= target) break;
    const frames = new Uint8Array(e.steps * 100 * e.channels);
    for (let t = 0; t < e.steps; t++)
      unpackPadded(e.observations, t * e.obsBytes, e.channels, frames, t * 100 * e.channels, e.channels);
    episodes.push({
      game: e.game,
      channels: e.channels,
      frames,
      actions: e.actions.slice(),
      rewards: e.rewards.slice(),
      skill: e.skill,
    });
    steps += e.steps;
  }
  return { episodes, steps, target };
}
