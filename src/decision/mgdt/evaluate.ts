/**
 * Scoring a model over several games: per-game mean raw and normalised scores ((score - random) / (expert - random),
 * means measured on the collection), the mean and interquartile mean (IQM: the mean of the middle 50%) across
 * games, and bootstrap 95% confidence intervals from resampling episodes within each game.
 */
import { Rng } from "../../util/rng.js";
import type { MgdtConfig } from "./config.js";
import type { MgdtParams } from "./model.js";
import { type PlayableGame, type PlayOptions, play, playPredictor } from "./rollout.js";

/** Random and expert reference means of a game. */
export interface Norm {
  random: number;
  expert: number;
}

/** Per-game result. */
export interface GameScore {
  game: string;
  episodes: number;
  mean: number;
  std: number;
  normalised: number;
  returns: number[];
  meanLength: number;
  seconds: number;
}

/** A model's scores on a set of games with aggregates and bootstrap intervals. */
export interface Scorecard {
  games: GameScore[];
  meanNormalised: number;
  iqmNormalised: number;
  meanCI: [number, number];
  iqmCI: [number, number];
  agentSteps: number;
  seconds: number;
}

/** The normalised score. */
export function normalise(score: number, n: Norm): number {
  const d = n.expert - n.random;
  return d === 0 ? 0 : (score - n.random) / d;
}

/** Interquartile mean: the mean of the middle half (25% trimmed on each side; fractional weights at the cut). */
export function iqm(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return Number.NaN;
  const lo = n / 4;
  const hi = (3 * n) / 4;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.max(0, Math.min(i + 1, hi) - Math.max(i, lo));
    s += w * v[i];
  }
  return s / (hi - lo);
}

/** Percentile bootstrap of aggregate normalised scores, resampling episodes within each game. */
export function bootstrapAggregates(games: { returns: number[]; norm: Norm }[], reps: number, seed: number) {
  const rng = new Rng(seed);
  const means: number[] = [];
  const iqms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const per = games.map((g) => {
      let s = 0;
      for (let k = 0; k < g.returns.length; k++) s += g.returns[rng.int(g.returns.length)];
      return normalise(s / g.returns.length, g.norm);
    });
    means.push(per.reduce((a, b) => a + b, 0) / per.length);
    iqms.push(iqm(per));
  }
  const ci = (xs: number[]): [number, number] => {
    const s = xs.sort((a, b) => a - b);
    return [s[Math.floor(0.025 * (s.length - 1))], s[Math.ceil(0.975 * (s.length - 1))]];
  };
  return { meanCI: ci(means), iqmCI: ci(iqms) };
}

/** Plays every game and returns the scorecard. */
export async function scoreModel(
  params: MgdtParams,
  c: MgdtConfig,
  games: { game: PlayableGame; norm: Norm }[],
  opts: PlayOptions,
): Promise<Scorecard> {
  const t0 = performance.now();
  const pred = playPredictor(c, Math.min(opts.envBatch, opts.episodes), opts.returnConditioning ?? true);
  const out: GameScore[] = [];
  let steps = 0;
  for (const { game, norm } of games) {
    const r = await play(params, c, game, opts, pred);
    steps += r.agentSteps;
    const mean = r.returns.reduce((a, b) => a + b, 0) / r.returns.length;
    const std = Math.sqrt(
      r.returns.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, r.returns.length - 1),
    );
    out.push({
      game: game.name,
      episodes: r.returns.length,
      mean,
      std,
      normalised: normalise(mean, norm),
      returns: r.returns,
      meanLength: r.lengths.reduce((a, b) => a + b, 0) / r.lengths.length,
      seconds: r.seconds,
    });
  }
  pred.dispose();
  const norms = out.map((g) => g.normalised);
  const boot = bootstrapAggregates(
    games.map((g, i) => ({ returns: out[i].returns, norm: g.norm })),
    1000,
    opts.seed,
  );
  return {
    games: out,
    meanNormalised: norms.reduce((a, b) => a + b, 0) / norms.length,
    iqmNormalised: iqm(norms),
    ...boot,
    agentSteps: steps,
    seconds: (performance.now() - t0) / 1000,
  };
}
