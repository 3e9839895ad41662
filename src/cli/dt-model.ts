/**
 * `sltk dt train | eval | finetune | play | attention`: the multi-game decision transformer's verbs, attached to the
 * `dt` command group.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { getGame, MINATAR_GAMES } from "../decision/index.js";
import { defaultConfig, type MgdtConfig } from "../decision/mgdt/config.js";
import { fineTuneEpisodes, normsFrom, runEval, runTraining } from "../decision/mgdt/driver.js";
import { loadMgdt } from "../decision/mgdt/io.js";
import { EXPERT_DEFAULTS, type ReturnMode, type SamplerOptions } from "../decision/mgdt/sampler.js";
import { TRAIN_DEFAULTS } from "../decision/mgdt/train.js";
import { InputError } from "../util/errors.js";
import { log } from "../util/progress.js";
import { action, choiceOption, emit, intOption, numberOption, withCommonOptions } from "./common.js";
import { dtGroup } from "./dt.js";
import { attentionCommand, experimentsCommand, playCommand } from "./dt-play.js";

function games(v: string): string[] {
  const list =
    v === "all"
      ? [...MINATAR_GAMES]
      : v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
  if (!list.length) throw new InputError("expected a comma-separated list of games", "--games");
  return list.map((g) => getGame(g).name);
}

/** Sampler options from CLI flags. */
export function samplerFrom(o: {
  mode: ReturnMode;
  kappa: number;
  temperature: number;
  topK?: number;
}): SamplerOptions {
  return {
    ...EXPERT_DEFAULTS,
    mode: o.mode,
    kappa: o.kappa,
    actionTemperature: o.temperature,
    actionTopK: o.topK,
  };
}

function formatCard(card: Awaited<ReturnType<typeof runEval>>): string {
  const rows = card.games.map(
    (g) =>
      `${g.game.padEnd(15)} score ${g.mean.toFixed(2).padStart(8)} ± ${g.std.toFixed(2).padEnd(7)} normalised ${g.normalised.toFixed(3)}  (${g.episodes} episodes, mean length ${g.meanLength.toFixed(0)})`,
  );
  rows.push(
    `mean normalised ${card.meanNormalised.toFixed(3)} [${card.meanCI.map((v) => v.toFixed(3)).join(", ")}]  IQM ${card.iqmNormalised.toFixed(3)} [${card.iqmCI.map((v) => v.toFixed(3)).join(", ")}]`,
  );
  return rows.join("\n");
}

/** Registers the model verbs on the `dt` group. */
export function register(program: Command): void {
  const dt = dtGroup(program);
  withCommonOptions(
    dt
      .command("train")
      .description("train a (multi-game) decision transformer on a trajectory collection")
      .requiredOption("--data <dir>", "trajectory collection (sltk dt collect)")
      .option("--games <list>", "training games, comma-separated, or 'all'", games, [
        "asterix",
        "breakout",
        "freeway",
        "seaquest",
      ])
      .option("--skills <list>", "skills to train on (default: all in the collection)", (v: string) =>
        v.split(","),
      )
      .option("--size <s|m|l>", "model size", choiceOption("--size", ["s", "m", "l"] as const), "s")
      .option("--steps <n>", "optimisation steps", intOption("--steps"), 3000)
      .option("--batch <n>", "windows per step", intOption("--batch"), TRAIN_DEFAULTS.batchSize)
      .option("--lr <x>", "peak learning rate (LAMB)", numberOption("--lr"), TRAIN_DEFAULTS.lr)
      .option(
        "--mode <dt|bc>",
        "return-conditioned (dt) or behaviour cloning (bc)",
        choiceOption("--mode", ["dt", "bc"] as const),
        "dt",
      )
      .option("--patch <n>", "patch side", intOption("--patch"), 2)
      .option("--context <n>", "timesteps of context", intOption("--context"), 4)
      .option("--return-max <n>", "largest representable return-to-go", intOption("--return-max"), 400),
  ).action(
    action(
      async (o: {
        data: string;
        games: string[];
        skills?: string[];
        size: "s" | "m" | "l";
        steps: number;
        batch: number;
        lr: number;
        mode: "dt" | "bc";
        patch: number;
        context: number;
        returnMax: number;
        seed: number;
        out?: string;
        json?: boolean;
      }) => {
        if (!o.out) throw new InputError("--out is required (the model folder)", "--out");
        const config = defaultConfig(o.size, { patch: o.patch, context: o.context, returnMax: o.returnMax });
        const { record } = await runTraining({
          data: resolve(o.data),
          games: o.games,
          skills: o.skills,
          config,
          out: resolve(o.out),
          train: {
            ...TRAIN_DEFAULTS,
            steps: o.steps,
            batchSize: o.batch,
            lr: o.lr,
            mode: o.mode,
            seed: o.seed,
          },
        });
        emit(
          { model: resolve(o.out), ...record },
          o,
          `model ${resolve(o.out)}: ${record.params} parameters, ${record.steps} steps on ${record.dataSteps} data steps in ${record.seconds.toFixed(0)} s; final loss ${record.history.at(-1)?.trainLoss.toFixed(4)}; returns clipped above the range: ${record.clipped.above} of ${record.clipped.total}`,
        );
      },
    ),
  );
  withCommonOptions(
    dt
      .command("eval")
      .description("play games with a model and report raw and normalised scores")
      .requiredOption("--model <dir>", "model folder")
      .requiredOption("--data <dir>", "collection whose random/expert means normalise the scores")
      .option("--games <list>", "games", games, ["asterix", "breakout", "freeway", "seaquest"])
      .option("--episodes <n>", "episodes per game", intOption("--episodes"), 16)
      .option("--env-batch <n>", "environments stepped together", intOption("--env-batch"), 16)
      .option("--max-steps <n>", "cap on agent steps per episode", intOption("--max-steps"), 2500)
      .option(
        "--mode <mode>",
        "return choice: expert (kappa bias), sample, released, target",
        choiceOption("--mode", ["expert", "sample", "released", "target"] as const),
        "expert",
      )
      .option("--kappa <x>", "optimality bias", numberOption("--kappa"), 10)
      .option("--target <R>", "target return for --mode target", numberOption("--target"))
      .option("--temperature <x>", "action temperature (0: greedy)", numberOption("--temperature"), 1)
      .option("--top-k <n>", "sample actions from the k most likely", intOption("--top-k")),
    { out: false },
  ).action(
    action(
      async (o: {
        model: string;
        data: string;
        games: string[];
        episodes: number;
        envBatch: number;
        maxSteps: number;
        mode: ReturnMode;
        kappa: number;
        target?: number;
        temperature: number;
        topK?: number;
        seed: number;
        json?: boolean;
      }) => {
        const m = loadMgdt(resolve(o.model));
        normsFrom(resolve(o.data), o.games);
        const card = await runEval(m.params, m.config, resolve(o.data), {
          games: o.games,
          episodes: o.episodes,
          envBatch: o.envBatch,
          maxSteps: o.maxSteps,
          seed: o.seed,
          sampler: samplerFrom(o),
          targetReturn: o.target,
          returnConditioning: m.meta.mode !== "bc",
        });
        emit(card, o, () => formatCard(card));
      },
    ),
  );
  withCommonOptions(
    dt
      .command("finetune")
      .description(
        "fine-tune a pretrained model (or train from scratch) on a small share of a new game's data",
      )
      .requiredOption("--model <dir>", "pretrained model folder")
      .requiredOption("--game <name>", "the new game")
      .requiredOption("--data <dir>", "collection holding the new game")
      .option("--fraction <x>", "share of an average training game's steps", numberOption("--fraction"), 0.01)
      .option("--steps <n>", "fine-tuning steps", intOption("--steps"), 500)
      .option("--lr <x>", "learning rate", numberOption("--lr"), 1e-4)
      .option("--scratch", "train the same architecture from a fresh initialisation instead"),
  ).action(
    action(
      async (o: {
        model: string;
        game: string;
        data: string;
        fraction: number;
        steps: number;
        lr: number;
        scratch?: boolean;
        seed: number;
        out?: string;
        json?: boolean;
      }) => {
        if (!o.out) throw new InputError("--out is required (the fine-tuned model folder)", "--out");
        const pre = loadMgdt(resolve(o.model));
        const trained = (pre.meta.games as string[] | undefined) ?? [];
        const set = fineTuneEpisodes(
          resolve(o.data),
          getGame(o.game).name,
          trained.length ? trained : ["asterix", "breakout", "freeway", "seaquest"],
          o.fraction,
          o.seed,
        );
        log(`fine-tuning set: ${set.episodes.length} episodes, ${set.steps} steps (target ${set.target})`);
        const { record } = await runTraining({
          data: resolve(o.data),
          games: [getGame(o.game).name],
          config: pre.config as MgdtConfig,
          out: resolve(o.out),
          episodes: set.episodes,
          init: o.scratch ? undefined : pre.params,
          train: {
            ...TRAIN_DEFAULTS,
            steps: o.steps,
            lr: o.lr,
            warmup: Math.min(100, o.steps / 10),
            weightDecay: 1e-2,
            seed: o.seed,
            mode: "dt",
          },
        });
        emit(
          { model: resolve(o.out), fineTuneSteps: set.steps, ...record },
          o,
          `fine-tuned on ${set.steps} steps of ${o.game}: ${join(resolve(o.out), "model.safetensors")}`,
        );
      },
    ),
  );
  playCommand(dt);
  attentionCommand(dt);
  experimentsCommand(dt);
}
