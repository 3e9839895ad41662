/**
 * `sltk dt ...`: the decision system's command group. This file owns the group and the game/data verbs
 * (collect, stats, score, render); other verbs (the decision transformer's train/eval/...) attach to the same
 * group through {@link dtGroup}.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { collect } from "../decision/data/collect.js";
import { TrajectoryDataset } from "../decision/data/dataset.js";
import { scorePolicies } from "../decision/data/score.js";
import { collectionStats, formatStats, returnHistogramSpec } from "../decision/data/stats.js";
import { Env } from "../decision/games/env.js";
import { makePolicy } from "../decision/games/policies.js";
import { MINATAR_REFERENCE } from "../decision/games/reference.js";
import { gameNames, getGame } from "../decision/games/registry.js";
import { renderAscii, renderGif, renderPng } from "../decision/games/render.js";
import { vegaLiteToSvg } from "../report/vega.js";
import { InputError } from "../util/errors.js";
import { ensureDir, writeFileAtomic, writeJsonAtomic } from "../util/fs.js";
import { log } from "../util/progress.js";
import { action, emit, intOption, numberOption, withCommonOptions } from "./common.js";

/** The `dt` command group of a program (created on first use). */
export function dtGroup(program: Command): Command {
  const found = program.commands.find((c) => c.name() === "dt");
  if (found) return found;
  return program
    .command("dt")
    .description(
      "multi-game decision transformer: miniature Atari games, expert planners, gameplay data, models",
    );
}

function listOption(name: string) {
  return (v: string): string[] => {
    const items = v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (!items.length) throw new InputError("expected a comma-separated list", name);
    return items;
  };
}

function gamesOf(list: string[]): string[] {
  return list.length === 1 && list[0] === "all" ? gameNames() : list.map((g) => getGame(g).name);
}

/** Registers the `dt` group and its game/data verbs. */
export function register(program: Command): Command {
  const dt = dtGroup(program);

  withCommonOptions(
    dt
      .command("collect")
      .description(
        "play every game at every skill on worker threads and write a chunked trajectory collection",
      )
      .option("--games <list>", "games, comma-separated, or 'all'", listOption("--games"), ["all"])
      .option("--episodes <n>", "episodes per game and skill", intOption("--episodes"), 20)
      .option("--skills <list>", "skills: random, expert, eps<e>, budget<n>", listOption("--skills"), [
        "random",
        "eps0.5",
        "eps0.2",
        "eps0.05",
        "expert",
      ])
      .option("--chunk-episodes <n>", "episodes per chunk file", intOption("--chunk-episodes"), 10)
      .option("--max-steps <n>", "cut episodes at this many steps", intOption("--max-steps"), 5000)
      .option("--sticky <p>", "sticky-action probability", numberOption("--sticky"), 0.1)
      .option("--no-ramping", "turn difficulty ramping off")
      .option(
        "--norm-episodes <n>",
        "episodes to measure a missing random/expert mean",
        intOption("--norm-episodes"),
        20,
      )
      .option("--workers <n>", "worker threads (0: this thread)", intOption("--workers")),
  ).action(
    action(async (o) => {
      if (!o.out) throw new InputError("is required (the collection folder)", "--out");
      const r = await collect({
        out: o.out,
        games: gamesOf(o.games),
        skills: o.skills,
        episodes: o.episodes,
        chunkEpisodes: o.chunkEpisodes,
        maxSteps: o.maxSteps,
        sticky: o.sticky,
        ramping: o.ramping,
        normEpisodes: o.normEpisodes,
        seed: o.seed,
        workers: o.workers,
        log,
      });
      const stats = collectionStats(r.manifest);
      emit(
        {
          out: r.out,
          ran: r.ran,
          skipped: r.skipped,
          episodes: r.episodes,
          steps: r.steps,
          seconds: r.seconds,
          stepsPerSecond: r.stepsPerSecond,
          normalisation: r.manifest.normalisation,
          stats,
        },
        o,
        () =>
          `${formatStats(stats)}\ncollect: ${r.ran} unit(s) run, ${r.skipped} already done; ${r.episodes} episodes, ` +
          `${r.steps} steps in ${r.seconds.toFixed(1)} s (${Math.round(r.stepsPerSecond)} steps/s); ${r.out}`,
      );
    }),
  );

  withCommonOptions(
    dt
      .command("stats")
      .argument("<dir>", "a collection folder")
      .description("episodes, steps and return histograms per game and skill (chart: --out DIR)"),
  ).action(
    action(async (dir: string, o) => {
      const ds = TrajectoryDataset.open(resolve(dir));
      const stats = collectionStats(ds.manifest);
      if (o.out) {
        ensureDir(o.out);
        const spec = returnHistogramSpec(ds.manifest);
        writeJsonAtomic(join(o.out, "stats.json"), stats);
        writeJsonAtomic(join(o.out, "returns.vl.json"), spec);
        writeFileAtomic(join(o.out, "returns.svg"), await vegaLiteToSvg(spec));
      }
      emit(stats, o, () => formatStats(stats) + (o.out ? `\nchart: ${join(o.out, "returns.svg")}` : ""));
    }),
  );

  withCommonOptions(
    dt
      .command("score")
      .description("mean return and episode length of policies over seeded episodes (no data written)")
      .option("--games <list>", "games, comma-separated, or 'all'", listOption("--games"), ["all"])
      .option("--skills <list>", "skills: random, expert, eps<e>, budget<n>", listOption("--skills"), [
        "random",
      ])
      .option("--episodes <n>", "episodes per game and skill", intOption("--episodes"), 100)
      .option("--max-steps <n>", "cut episodes at this many steps", intOption("--max-steps"), 5000)
      .option("--sticky <p>", "sticky-action probability", numberOption("--sticky"), 0.1)
      .option("--no-ramping", "turn difficulty ramping off")
      .option("--workers <n>", "worker threads (0: this thread)", intOption("--workers")),
    { out: false },
  ).action(
    action(async (o) => {
      const rows = await scorePolicies({
        games: gamesOf(o.games),
        skills: o.skills,
        episodes: o.episodes,
        seed: o.seed,
        maxSteps: o.maxSteps,
        sticky: o.sticky,
        ramping: o.ramping,
        workers: o.workers,
      });
      const text = rows
        .map((r) => {
          const ref = MINATAR_REFERENCE[r.game];
          const refText =
            ref && r.skill === "random"
              ? ` (reference ${ref.randomReturn} and ${ref.randomLength})`
              : ref && r.skill === "expert"
                ? ` (DQN 5M ~${ref.dqn5M}, actor-critic ~${ref.actorCritic5M})`
                : "";
          return `${r.game.padEnd(15)} ${r.skill.padEnd(9)} return ${r.meanReturn.toFixed(3)} ± ${r.seReturn.toFixed(3)}, length ${r.meanLength.toFixed(1)} ± ${r.seLength.toFixed(1)} over ${r.episodes} episodes${refText}`;
        })
        .join("\n");
      emit(rows, o, text);
    }),
  );

  withCommonOptions(
    dt
      .command("render")
      .description("play one episode and draw it: ASCII of the last frame, --out FILE.gif or FILE.png")
      .requiredOption("--game <name>", "game")
      .option("--skill <s>", "policy: random, expert, eps<e>, budget<n>", "expert")
      .option("--steps <n>", "at most this many steps", intOption("--steps"), 300)
      .option("--scale <px>", "pixels per cell", intOption("--scale"), 16),
  ).action(
    action(async (o) => {
      const game = getGame(o.game);
      const env = new Env(game, { seed: o.seed }).reset();
      const policy = makePolicy(game, o.skill, o.seed + 1);
      const frames: Uint8Array[] = [env.observe().slice()];
      let total = 0;
      while (!env.terminal && env.t < o.steps) {
        total += env.step(policy.act(env));
        frames.push(env.observe().slice());
      }
      if (o.out) {
        const file = String(o.out);
        if (file.endsWith(".gif")) writeFileSync(file, renderGif(game, frames, { scale: o.scale }));
        else if (file.endsWith(".png"))
          writeFileSync(file, renderPng(game, frames[frames.length - 1], { scale: o.scale }));
        else throw new InputError("must end in .gif or .png", "--out");
      }
      const result = { game: game.name, skill: o.skill, steps: env.t, return: total, terminal: env.terminal };
      emit(
        result,
        o,
        `${renderAscii(game, frames[frames.length - 1])}\n${game.title} ${o.skill}: return ${total} in ${env.t} steps`,
      );
    }),
  );
  return dt;
}
