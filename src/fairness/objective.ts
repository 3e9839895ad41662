/**
 * The objectives a post-processor maximises. Each is linear in the per-group confusion counts:
 * value = c0 + u * (true positives) - v * (false positives), summed over groups with the same u and v, so the
 * best operating point of any constraint lies at a vertex of a (piecewise-linear) feasible set.
 */
import type { GroupCurve } from "./curve.js";

/** The objectives: accuracy, balanced accuracy (pooled over groups), profit (gain per TP, cost per FP). */
export const OBJECTIVES = ["accuracy", "balanced_accuracy", "profit"] as const;
/** One of {@link OBJECTIVES}. */
export type Objective = (typeof OBJECTIVES)[number];

/** An objective and its parameters (gain and cost apply to `profit`). */
export interface ObjectiveSpec {
  objective: Objective;
  /** Gain of a true positive (profit; default 1). */
  gain?: number;
  /** Cost of a false positive (profit; default 1). */
  cost?: number;
}

/** Linear form of an objective: value = c0 + u * TP - v * FP (TP, FP weighted counts over all groups). */
export interface LinearObjective {
  c0: number;
  u: number;
  v: number;
}

/**
 * The linear form of an objective over the pooled data of `curves`. Accuracy is (TP + TN) / n; balanced accuracy
 * is (TP / P + TN / N) / 2 on the pooled counts; profit is (gain * TP - cost * FP) / n, i.e. per individual.
 */
export function linearObjective(curves: GroupCurve[], spec: ObjectiveSpec): LinearObjective {
  let P = 0;
  let N = 0;
  for (const c of curves) {
    P += c.P;
    N += c.N;
  }
  const n = P + N;
  switch (spec.objective) {
    case "accuracy":
      return { c0: N / n, u: 1 / n, v: 1 / n };
    case "balanced_accuracy":
      return { c0: 0.5, u: 0.5 / P, v: 0.5 / N };
    case "profit":
      return { c0: 0, u: (spec.gain ?? 1) / n, v: (spec.cost ?? 1) / n };
  }
}

/** The objective's value for given total TP and FP counts. */
export function objectiveValue(lin: LinearObjective, tp: number, fp: number): number {
  return lin.c0 + lin.u * tp - lin.v * fp;
}
