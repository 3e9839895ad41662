/**
 * Scoring policies without storing trajectories: seeded episodes of each game and skill, spread over worker
 * threads, summarised as mean return and episode length with standard errors.
 */
import { InputError } from "../../util/errors.js";
import { progressBar } from "../../util/progress.js";
import { parseSkill } from "../games/policies.js";
import { getGame } from "../games/registry.js";
import { COLLECT_DEFAULTS } from "./collect.js";
import type { CollectConfig, EvalEntry, WorkUnit } from "./manifest.js";
import { defaultWorkers, runUnits } from "./pool.js";

/** Options of {@link scorePolicies}. */
export interface ScoreOptions {
  games: string[];
  skills: string[];
  episodes: number;
  seed?: number;
  sticky?: number;
  ramping?: boolean;
  maxSteps?: number;
  workers?: number;
  progress?: boolean;
}

/** The score of one game and skill. */
export interface ScoreRow {
  game: string;
  skill: string;
  episodes: number;
  meanReturn: number;
  /** Standard error of the mean return. */
  seReturn: number;
  stdReturn: number;
  meanLength: number;
  seLength: number;
  /** Episodes cut at the step limit. */
  truncated: number;
  seconds: number;
  steps: number;
}

function meanSe(x: number[]): [number, number, number] {
  const n = x.length;
  const m = x.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, n - 1));
  return [m, sd / Math.sqrt(n), sd];
}

/** Plays `episodes` seeded episodes per game and skill and returns the summary rows. */
export async function scorePolicies(o: ScoreOptions): Promise<ScoreRow[]> {
  if (!Number.isInteger(o.episodes) || o.episodes < 1)
    throw new InputError(`must be a positive integer, got ${o.episodes}`, "--episodes");
  if (o.sticky !== undefined && !(o.sticky >= 0 && o.sticky <= 1))
    throw new InputError(`must be in [0, 1], got ${o.sticky}`, "--sticky");
  const games = o.games.map((g) => getGame(g).name);
  for (const s of o.skills) parseSkill(s);
  const config: CollectConfig = {
    ...COLLECT_DEFAULTS,
    games,
    skills: o.skills,
    episodes: o.episodes,
    seed: o.seed ?? 0,
    sticky: o.sticky ?? COLLECT_DEFAULTS.sticky,
    ramping: o.ramping ?? true,
    maxSteps: o.maxSteps ?? COLLECT_DEFAULTS.maxSteps,
  };
  const units: WorkUnit[] = [];
  for (const game of games)
    for (const skill of o.skills) {
      const per = skill === "random" ? 100 : 2;
      for (let start = 0; start < o.episodes; start += per)
        units.push({ kind: "eval", game, skill, start, count: Math.min(per, o.episodes - start) });
    }
  const results: EvalEntry[] = [];
  const bar = progressBar("score", games.length * o.skills.length * o.episodes, { enabled: o.progress });
  try {
    await runUnits(units, config, ".", {
      workers: o.workers ?? defaultWorkers(),
      onEpisode: (game, skill, ret) => bar.tick(1, { info: `${game} ${skill} R=${ret}` }),
      onDone: (e) => results.push(e as EvalEntry),
    });
  } finally {
    bar.stop();
  }
  const rows: ScoreRow[] = [];
  for (const game of games)
    for (const skill of o.skills) {
      const mine = results.filter((r) => r.game === game && r.skill === skill);
      const returns = mine.flatMap((r) => r.returns);
      const lengths = mine.flatMap((r) => r.lengths);
      const [mr, ser, sdr] = meanSe(returns);
      const [ml, sel] = meanSe(lengths);
      rows.push({
        game,
        skill,
        episodes: returns.length,
        meanReturn: mr,
        seReturn: ser,
        stdReturn: sdr,
        meanLength: ml,
        seLength: sel,
        truncated: lengths.filter((l) => l >= config.maxSteps).length,
        seconds: mine.reduce((s, r) => s + r.seconds, 0),
        steps: lengths.reduce((s, l) => s + l, 0),
      });
    }
  return rows;
}
