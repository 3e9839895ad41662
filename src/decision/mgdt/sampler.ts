/**
 * Expert action inference (Lee et al. 2022, §3.4): sample a return from log P(R | history) + kappa * (R - R_low) /
 * (R_high - R_low), write it into the return token, then sample the action. The released notebook's variant
 * (inverse temperature 0.75 on the return logits, the maximum of 128 samples, actions from the top half of logits)
 * is available as `mode: "released"`. Plain TypeScript on logits.
 */
import type { Rng } from "../../util/rng.js";

/** How the return token is chosen at play time. */
export type ReturnMode = "expert" | "sample" | "released" | "target";

/** Sampler settings. */
export interface SamplerOptions {
  mode: ReturnMode;
  /** Optimality bias kappa (paper: 10). */
  kappa: number;
  /** Temperature of the return distribution (logits divided by it). */
  returnTemperature: number;
  returnTopK?: number;
  /** Temperature and top-k of the action distribution. */
  actionTemperature: number;
  actionTopK?: number;
}

/** The paper's defaults: kappa 10, temperature 1, no top-k. */
export const EXPERT_DEFAULTS: SamplerOptions = {
  mode: "expert",
  kappa: 10,
  returnTemperature: 1,
  actionTemperature: 1,
};

/** log-softmax of a vector (float64). */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  let s = 0;
  for (let i = 0; i < logits.length; i++) s += Math.exp(logits[i] - m);
  const lse = m + Math.log(s);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - lse;
  return out;
}

/** Samples an index from scores (log-weights), keeping only the `topK` largest when given. */
export function sampleFromScores(scores: ArrayLike<number>, rng: Rng, topK?: number): number {
  let keep: number[] = Array.from({ length: scores.length }, (_, i) => i);
  if (topK && topK < scores.length) keep = keep.sort((a, b) => scores[b] - scores[a]).slice(0, topK);
  let m = -Infinity;
  for (const i of keep) m = Math.max(m, scores[i]);
  const w = keep.map((i) => Math.exp(scores[i] - m));
  return keep[rng.categorical(w)];
}

/**
 * The biased return distribution over bins: log P(R) / temperature + kappa * (R - R_low) / (R_high - R_low),
 * normalised (as log-probabilities). R_low/R_high are the first and last bins.
 */
export function biasedReturnScores(logits: ArrayLike<number>, kappa: number, temperature = 1): Float64Array {
  const lp = logSoftmax(Array.from(logits, (v) => v / temperature));
  const n = lp.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lp[i] + (n > 1 ? (kappa * i) / (n - 1) : 0);
  return logSoftmax(out);
}

/** Picks the return bin for one environment from the return-head logits. */
export function sampleReturnBin(logits: ArrayLike<number>, opts: SamplerOptions, rng: Rng): number {
  if (opts.mode === "released") {
    // The notebook: categorical(0.75 * logits), 128 draws, keep the largest return.
    const scores = Array.from(logits, (v) => 0.75 * v);
    let best = 0;
    for (let k = 0; k < 128; k++) best = Math.max(best, sampleFromScores(scores, rng));
    return best;
  }
  const kappa = opts.mode === "expert" ? opts.kappa : 0;
  return sampleFromScores(biasedReturnScores(logits, kappa, opts.returnTemperature), rng, opts.returnTopK);
}

/** Picks an action from the action-head logits (temperature; top-k, or the top half in `released` mode). */
export function sampleAction(logits: ArrayLike<number>, opts: SamplerOptions, rng: Rng): number {
  const t = opts.actionTemperature;
  if (t === 0) {
    let b = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[b]) b = i;
    return b;
  }
  const topK = opts.mode === "released" ? Math.ceil(logits.length / 2) : opts.actionTopK;
  return sampleFromScores(
    Array.from(logits, (v) => v / t),
    rng,
    topK,
  );
}
