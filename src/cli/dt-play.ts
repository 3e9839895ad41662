/** `sltk dt play` (episodes with an optional GIF) and `sltk dt attention` (attention maps over the game frame). */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { getGame, renderGif } from "../decision/index.js";
import { attentionMap, heatmapPng } from "../decision/mgdt/attention-map.js";
import { PLAN_DEFAULTS, runExperiments } from "../decision/mgdt/experiments.js";
import { playableGame } from "../decision/mgdt/games.js";
import { loadMgdt } from "../decision/mgdt/io.js";
import { type Decision, play } from "../decision/mgdt/rollout.js";
import { InputError } from "../util/errors.js";
import { ensureDir, writeFileAtomic, writeJsonAtomic } from "../util/fs.js";
import { action, choiceOption, emit, intOption, numberOption, withCommonOptions } from "./common.js";
import { samplerFrom } from "./dt-model.js";

/** Registers `sltk dt play`. */
export function playCommand(dt: Command): void {
  withCommonOptions(
    dt
      .command("play")
      .description("play episodes of a game with a model (optionally render the first as an animated GIF)")
      .requiredOption("--model <dir>", "model folder")
      .requiredOption("--game <name>", "game")
      .option("--episodes <n>", "episodes", intOption("--episodes"), 1)
      .option("--max-steps <n>", "cap on agent steps", intOption("--max-steps"), 2500)
      .option(
        "--mode <mode>",
        "expert, sample, released, target",
        choiceOption("--mode", ["expert", "sample", "released", "target"] as const),
        "expert",
      )
      .option("--kappa <x>", "optimality bias", numberOption("--kappa"), 10)
      .option("--target <R>", "target return for --mode target", numberOption("--target"))
      .option("--temperature <x>", "action temperature", numberOption("--temperature"), 1)
      .option("--render <file.gif>", "write the first episode as an animated GIF"),
    { out: false },
  ).action(
    action(
      async (o: {
        model: string;
        game: string;
        episodes: number;
        maxSteps: number;
        mode: "expert" | "sample" | "released" | "target";
        kappa: number;
        target?: number;
        temperature: number;
        render?: string;
        seed: number;
        json?: boolean;
      }) => {
        const m = loadMgdt(resolve(o.model));
        const game = getGame(o.game);
        const frames: Uint8Array[] = [];
        const r = await play(m.params, m.config, playableGame(game.name), {
          episodes: o.episodes,
          envBatch: Math.min(16, o.episodes),
          maxSteps: o.maxSteps,
          seed: o.seed,
          sampler: samplerFrom(o),
          targetReturn: o.target,
          returnConditioning: m.meta.mode !== "bc",
          onDecision: (d: Decision) => {
            if (o.render && d.episode === 0) frames.push(d.frame.slice());
            return undefined;
          },
        });
        if (o.render) writeFileAtomic(resolve(o.render), renderGif(game, frames, { delayMs: 80 }));
        emit(
          {
            game: game.name,
            returns: r.returns,
            lengths: r.lengths,
            gif: o.render ? resolve(o.render) : null,
          },
          o,
          `${game.name}: returns ${r.returns.join(", ")} (lengths ${r.lengths.join(", ")})${o.render ? `; GIF ${resolve(o.render)}` : ""}`,
        );
      },
    ),
  );
}

/** Registers `sltk dt attention`. */
export function attentionCommand(dt: Command): void {
  withCommonOptions(
    dt
      .command("attention")
      .description(
        "attention of the action prediction over the current frame's patches, as heat maps over the frame",
      )
      .requiredOption("--model <dir>", "model folder")
      .requiredOption("--game <name>", "game")
      .option(
        "--step <n>",
        "play this many steps with the model, then map the next decision",
        intOption("--step"),
        20,
      ),
  ).action(
    action(
      async (o: {
        model: string;
        game: string;
        step: number;
        seed: number;
        out?: string;
        json?: boolean;
      }) => {
        if (!o.out) throw new InputError("--out is required (a folder for the PNG maps)", "--out");
        const m = loadMgdt(resolve(o.model));
        const game = getGame(o.game);
        let chosen: Decision | null = null;
        await play(m.params, m.config, playableGame(game.name), {
          episodes: 1,
          envBatch: 1,
          maxSteps: o.step + 1,
          seed: o.seed,
          sampler: samplerFrom({ mode: "expert", kappa: 10, temperature: 1 }),
          onDecision: (d) => {
            chosen = d;
            return d.step >= o.step;
          },
        });
        const d = chosen as Decision | null;
        if (!d) throw new InputError("the episode ended before any decision", "--step");
        const map = await attentionMap(m.params, m.config, d.window);
        const dir = ensureDir(resolve(o.out));
        const C = game.channels.length;
        const frame = d.frame;
        writeFileAtomic(
          join(dir, "attention-mean.png"),
          heatmapPng(frame, m.config, C, map.mean, map.gridRows, map.gridCols),
        );
        map.perHead.forEach((layer, l) => {
          layer.forEach((h, k) => {
            writeFileAtomic(
              join(dir, `attention-l${l}-h${k}.png`),
              heatmapPng(frame, m.config, C, h, map.gridRows, map.gridCols),
            );
          });
        });
        writeJsonAtomic(join(dir, "attention.json"), {
          game: game.name,
          step: d.step,
          action: d.action,
          ...map,
        });
        emit(
          { dir, step: d.step, action: d.action, frameShare: map.frameShare },
          o,
          `attention maps of step ${d.step} in ${dir}: share of the action query's attention on the current frame per layer ${map.frameShare.map((v) => v.toFixed(2)).join(", ")}`,
        );
      },
    ),
  );
}

/** Registers `sltk dt experiments`. */
export function experimentsCommand(dt: Command): void {
  withCommonOptions(
    dt
      .command("experiments")
      .description(
        "run the paper's experiments (resumable): multi-game vs BC and specialists, expertise mix, scaling, fine-tuning, attention",
      )
      .requiredOption("--data <dir>", "trajectory collection with all five games")
      .option("--steps <n>", "training steps of the main models", intOption("--steps"), PLAN_DEFAULTS.steps)
      .option(
        "--single-steps <n>",
        "training steps of each single-game model",
        intOption("--single-steps"),
        PLAN_DEFAULTS.singleGameSteps,
      )
      .option(
        "--scaling-steps <n>",
        "training steps of the scaling models",
        intOption("--scaling-steps"),
        PLAN_DEFAULTS.scalingSteps,
      )
      .option(
        "--sizes <list>",
        "model sizes for scaling",
        (v: string) => v.split(",") as ("s" | "m" | "l")[],
        PLAN_DEFAULTS.scalingSizes,
      )
      .option(
        "--finetune-steps <n>",
        "fine-tuning steps",
        intOption("--finetune-steps"),
        PLAN_DEFAULTS.fineTuneSteps,
      )
      .option(
        "--episodes <n>",
        "evaluation episodes per game",
        intOption("--episodes"),
        PLAN_DEFAULTS.episodes,
      )
      .option(
        "--max-steps <n>",
        "cap on agent steps per episode",
        intOption("--max-steps"),
        PLAN_DEFAULTS.maxSteps,
      ),
  ).action(
    action(
      async (o: {
        data: string;
        steps: number;
        singleSteps: number;
        scalingSteps: number;
        sizes: ("s" | "m" | "l")[];
        finetuneSteps: number;
        episodes: number;
        maxSteps: number;
        seed: number;
        out?: string;
        json?: boolean;
      }) => {
        if (!o.out) throw new InputError("--out is required (the experiment folder)", "--out");
        const r = await runExperiments({
          ...PLAN_DEFAULTS,
          data: resolve(o.data),
          out: resolve(o.out),
          steps: o.steps,
          singleGameSteps: o.singleSteps,
          scalingSteps: o.scalingSteps,
          scalingSizes: o.sizes,
          fineTuneSteps: o.finetuneSteps,
          fineTuneEvalEvery: Math.max(1, Math.round(o.finetuneSteps / 3)),
          episodes: o.episodes,
          maxSteps: o.maxSteps,
          seed: o.seed,
        });
        const lines = Object.entries(r.scores).map(
          ([k, s]) =>
            `${k.padEnd(24)} mean normalised ${(100 * s.meanNormalised).toFixed(1)}%  IQM ${(100 * s.iqmNormalised).toFixed(1)}%`,
        );
        emit(
          {
            out: resolve(o.out),
            scores: Object.fromEntries(
              Object.entries(r.scores).map(([k, s]) => [
                k,
                { mean: s.meanNormalised, iqm: s.iqmNormalised, meanCI: s.meanCI, iqmCI: s.iqmCI },
              ]),
            ),
            fineTune: r.fineTune,
          },
          o,
          lines.join("\n"),
        );
      },
    ),
  );
}
