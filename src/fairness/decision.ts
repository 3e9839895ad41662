/**
 * A group's decision rule and its exact (expected) rates on the data it was fitted on. The rule is
 * P(Y^ = 1 | score s) = (1 - pConstant) * [(1 - mix) * [s > t0] + mix * [s > t1]] + pConstant * constantRate,
 * i.e. fairlearn's interpolated thresholder with Hardt et al.'s constant predictor for equalized odds.
 */
import { type GroupCurve, pointForThreshold } from "./curve.js";
import type { LinearObjective } from "./objective.js";

/** One group's (possibly randomised) threshold rule. */
export interface GroupDecision {
  /** One or two thresholds, strictest first (predict positive iff score > threshold). */
  thresholds: number[];
  /** Probability of using thresholds[1] instead of thresholds[0] (0 with one threshold). */
  mix: number;
  /** Probability of ignoring the score and predicting positive with probability `constantRate`. */
  pConstant: number;
  /** Rate of the constant predictor (the common FPR = TPR point on the diagonal). */
  constantRate: number;
}

/** A pure threshold rule. */
export function pureDecision(threshold: number): GroupDecision {
  return { thresholds: [threshold], mix: 0, pConstant: 0, constantRate: 0 };
}

/** The probability of a positive decision for a score under a rule. */
export function positiveProbability(d: GroupDecision, s: number): number {
  const t0 = d.thresholds[0];
  const t1 = d.thresholds.length > 1 ? d.thresholds[1] : t0;
  const p = (1 - d.mix) * (s > t0 ? 1 : 0) + d.mix * (s > t1 ? 1 : 0);
  return (1 - d.pConstant) * p + d.pConstant * d.constantRate;
}

/** Expected counts and rates of a rule on a group's curve. */
export interface GroupRates {
  n: number;
  tp: number;
  fp: number;
  tpr: number;
  fpr: number;
  selectionRate: number;
}

/** Expected true/false positives and rates of rule `d` on the data of curve `c` (exact, no sampling). */
export function expectedRates(c: GroupCurve, d: GroupDecision): GroupRates {
  const k0 = pointForThreshold(c, d.thresholds[0]);
  const k1 = d.thresholds.length > 1 ? pointForThreshold(c, d.thresholds[1]) : k0;
  const q = 1 - d.pConstant;
  const tp = q * ((1 - d.mix) * c.cumPos[k0] + d.mix * c.cumPos[k1]) + d.pConstant * d.constantRate * c.P;
  const fp = q * ((1 - d.mix) * c.cumNeg[k0] + d.mix * c.cumNeg[k1]) + d.pConstant * d.constantRate * c.N;
  const n = c.P + c.N;
  return {
    n,
    tp,
    fp,
    tpr: c.P > 0 ? tp / c.P : Number.NaN,
    fpr: c.N > 0 ? fp / c.N : Number.NaN,
    selectionRate: n > 0 ? (tp + fp) / n : Number.NaN,
  };
}

/** Largest minus smallest of the finite values (0 when fewer than two). */
export function spread(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length < 2) return 0;
  return Math.max(...v) - Math.min(...v);
}

/** Between-group gaps of selection rate, TPR and FPR. */
export interface Gaps {
  selection_rate: number;
  tpr: number;
  fpr: number;
}

/** The gaps of a set of group rates. */
export function gapsOf(rates: GroupRates[]): Gaps {
  return {
    selection_rate: spread(rates.map((r) => r.selectionRate)),
    tpr: spread(rates.map((r) => r.tpr)),
    fpr: spread(rates.map((r) => r.fpr)),
  };
}

/** Totals and objective of a set of rules over all groups. */
export interface Evaluation {
  groups: GroupRates[];
  accuracy: number;
  objective: number;
  gaps: Gaps;
}

/** Evaluates rules on curves: per-group expected rates, pooled accuracy, objective and gaps. */
export function evaluateDecisions(
  curves: GroupCurve[],
  ds: GroupDecision[],
  lin: LinearObjective,
): Evaluation {
  const groups = curves.map((c, a) => expectedRates(c, ds[a]));
  let tp = 0;
  let fp = 0;
  let n = 0;
  let N = 0;
  for (let a = 0; a < curves.length; a++) {
    tp += groups[a].tp;
    fp += groups[a].fp;
    n += groups[a].n;
    N += curves[a].N;
  }
  return {
    groups,
    accuracy: (tp + N - fp) / n,
    objective: lin.c0 + lin.u * tp - lin.v * fp,
    gaps: gapsOf(groups),
  };
}
