/**
 * Deterministic mode: each group's pure threshold closest to its randomised operating point, in the coordinates
 * the criterion equalises (selection rate, TPR, or (FPR, TPR)); ties go to the better objective. The result
 * satisfies the criterion only approximately; its gap is reported beside the exact randomised rule.
 */
import { type GroupCurve, pointCount, thresholdAt } from "./curve.js";
import { expectedRates, type GroupDecision, pureDecision } from "./decision.js";
import type { LinearObjective } from "./objective.js";
import type { Constraint } from "./solve.js";

/** Pure-threshold rules nearest to the randomised rules `ds` under criterion `constraint`. */
export function deterministicDecisions(
  curves: GroupCurve[],
  ds: GroupDecision[],
  constraint: Constraint,
  lin: LinearObjective,
): GroupDecision[] {
  return curves.map((c, a) => {
    const d = ds[a];
    if (d.thresholds.length === 1 && d.pConstant === 0) return d;
    const r = expectedRates(c, d);
    const n = c.P + c.N;
    let best = 0;
    let bestDist = Number.POSITIVE_INFINITY;
    let bestGain = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < pointCount(c); k++) {
      let dist: number;
      const tpr = c.cumPos[k] / c.P;
      const fpr = c.cumNeg[k] / c.N;
      if (constraint === "demographic_parity")
        dist = Math.abs((c.cumPos[k] + c.cumNeg[k]) / n - r.selectionRate);
      else if (constraint === "equal_opportunity") dist = Math.abs(tpr - r.tpr);
      else dist = Math.hypot(tpr - r.tpr, fpr - r.fpr);
      const gain = lin.u * c.cumPos[k] - lin.v * c.cumNeg[k];
      if (dist < bestDist - 1e-15 || (Math.abs(dist - bestDist) <= 1e-15 && gain > bestGain)) {
        best = k;
        bestDist = dist;
        bestGain = gain;
      }
    }
    return pureDecision(thresholdAt(c, best));
  });
}
