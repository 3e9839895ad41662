/**
 * Exact solvers for the five criteria of Hardt, Price & Srebro (2016) on groups' ROC curves. The objective is
 * linear in each group's operating point, so every optimum lies at a vertex of a piecewise-linear feasible set:
 * - none: each group's best operating point (a pure threshold);
 * - single_threshold: the best group-blind threshold, by one sweep over the pooled distinct scores;
 * - demographic_parity / equal_opportunity: a common selection rate / TPR x; each group's best value at x is the
 *   upper concave hull of (x_k, objective_k) over its thresholds, the sum of concave functions is maximised at one
 *   of their vertices, and each group realises x by mixing the two hull vertices around it;
 * - equalized_odds: a common (FPR, TPR) in the intersection of the groups' ROC hulls (above the diagonal); the
 *   optimum lies on the lower envelope min_a hull_a(FPR), at one of its breakpoints (hull vertices and crossings);
 *   each group mixes two hull vertices and, below its hull, the constant predictor of rate FPR.
 * No grid: the search is over all vertices, exact up to floating-point rounding.
 */
import { type GroupCurve, pointCount, pointForThreshold, thresholdAt } from "./curve.js";
import { type GroupDecision, pureDecision } from "./decision.js";
import { lowerEnvelope, mergedVertices } from "./envelope.js";
import { evaluateSorted, type Hull, locateOnHull, upperHull } from "./hull.js";
import type { LinearObjective } from "./objective.js";

/** The criteria. */
export const CONSTRAINTS = [
  "none",
  "single_threshold",
  "demographic_parity",
  "equal_opportunity",
  "equalized_odds",
] as const;
/** One of {@link CONSTRAINTS}. */
export type Constraint = (typeof CONSTRAINTS)[number];

/** A solver's output: one rule per group and, for the parity criteria, the common target. */
export interface Solution {
  decisions: GroupDecision[];
  /** The common selection rate (demographic parity) or TPR (equal opportunity). */
  target?: number;
  /** The common operating point (equalized odds). */
  point?: { fpr: number; tpr: number };
}

/** Relative tolerance under which a later candidate does not replace an earlier one (ties go to the first). */
const TIE = 1e-12;

function better(v: number, best: number): boolean {
  return v > best + TIE * Math.max(1, Math.abs(best));
}

/** Objective contribution of operating point k of a curve. */
function gainAt(c: GroupCurve, k: number, lin: LinearObjective): number {
  return lin.u * c.cumPos[k] - lin.v * c.cumNeg[k];
}

/** Solves one criterion on the curves (one per group) for a linear objective. */
export function solve(curves: GroupCurve[], constraint: Constraint, lin: LinearObjective): Solution {
  switch (constraint) {
    case "none":
      return { decisions: curves.map((c) => bestThreshold(c, lin)) };
    case "single_threshold":
      return singleThreshold(curves, lin);
    case "demographic_parity":
      return commonCoordinate(curves, lin, (c, k) => (c.cumPos[k] + c.cumNeg[k]) / (c.P + c.N));
    case "equal_opportunity":
      return commonCoordinate(curves, lin, (c, k) => c.cumPos[k] / c.P);
    case "equalized_odds":
      return equalizedOdds(curves, lin);
  }
}

/** The best pure threshold of one group (first on ties, i.e. the strictest). */
export function bestThreshold(c: GroupCurve, lin: LinearObjective): GroupDecision {
  let best = 0;
  let bestV = gainAt(c, 0, lin);
  for (let k = 1; k < pointCount(c); k++) {
    const v = gainAt(c, k, lin);
    if (better(v, bestV)) {
      best = k;
      bestV = v;
    }
  }
  return pureDecision(thresholdAt(c, best));
}

/** The best group-blind threshold: a k-way sweep over the groups' descending distinct scores. */
export function singleThreshold(curves: GroupCurve[], lin: LinearObjective): Solution {
  const G = curves.length;
  const ptr = new Int32Array(G);
  let value = 0;
  let bestV = 0;
  let bestS = Number.POSITIVE_INFINITY; // accept scores >= bestS (+Infinity: nobody)
  for (;;) {
    let s = Number.NEGATIVE_INFINITY;
    for (let a = 0; a < G; a++)
      if (ptr[a] < curves[a].scores.length) s = Math.max(s, curves[a].scores[ptr[a]]);
    if (s === Number.NEGATIVE_INFINITY) break;
    for (let a = 0; a < G; a++) {
      const c = curves[a];
      const k = ptr[a];
      if (k < c.scores.length && c.scores[k] === s) {
        value += lin.u * c.pos[k] - lin.v * c.neg[k];
        ptr[a] = k + 1;
      }
    }
    if (better(value, bestV)) {
      bestV = value;
      bestS = s;
    }
  }
  return { decisions: curves.map(() => pureDecision(thresholdBelow(curves, bestS))) };
}

/** The threshold that accepts exactly the pooled scores >= s: midpoint to the next lower pooled score. */
function thresholdBelow(curves: GroupCurve[], s: number): number {
  if (s === Number.POSITIVE_INFINITY) return s;
  let next = Number.NEGATIVE_INFINITY;
  for (const c of curves) {
    const k = pointForThreshold(c, s);
    // First distinct score of this group below s.
    let j = k;
    while (j < c.scores.length && c.scores[j] >= s) j++;
    if (j < c.scores.length) next = Math.max(next, c.scores[j]);
  }
  if (next === Number.NEGATIVE_INFINITY) return next;
  const mid = next + (s - next) / 2;
  return mid < s ? mid : next;
}

/** A rule that mixes the two hull vertices around a location. */
function mixDecision(c: GroupCurve, h: Hull, x: number): GroupDecision {
  const loc = locateOnHull(h, x);
  const k0 = h.idx[loc.lo];
  const k1 = h.idx[loc.hi];
  if (loc.w === 0 || k0 === k1) return pureDecision(thresholdAt(c, k0));
  if (loc.w === 1) return pureDecision(thresholdAt(c, k1));
  return { thresholds: [thresholdAt(c, k0), thresholdAt(c, k1)], mix: loc.w, pConstant: 0, constantRate: 0 };
}

/**
 * Common value x of a per-group coordinate that is non-decreasing in the threshold index (selection rate or TPR):
 * maximises the sum of the groups' hulls of (x, objective) over all hull vertices.
 */
export function commonCoordinate(
  curves: GroupCurve[],
  lin: LinearObjective,
  coord: (c: GroupCurve, k: number) => number,
): Solution {
  const hulls = curves.map((c) => {
    const K = pointCount(c);
    const x = new Float64Array(K);
    const y = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      x[k] = coord(c, k);
      y[k] = gainAt(c, k, lin);
    }
    return upperHull(x, y);
  });
  const xs = mergedVertices(hulls);
  const total = new Float64Array(xs.length);
  const tmp = new Float64Array(xs.length);
  for (const h of hulls) {
    evaluateSorted(h, xs, tmp);
    for (let q = 0; q < xs.length; q++) total[q] += tmp[q];
  }
  let best = 0;
  for (let q = 1; q < xs.length; q++) if (better(total[q], total[best])) best = q;
  const x = xs[best];
  return { decisions: curves.map((c, a) => mixDecision(c, hulls[a], x)), target: x };
}

/** Each group's upper ROC hull in (FPR, TPR). */
export function rocHulls(curves: GroupCurve[]): Hull[] {
  return curves.map((c) => {
    const K = pointCount(c);
    const x = new Float64Array(K);
    const y = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      x[k] = c.cumNeg[k] / c.N;
      y[k] = c.cumPos[k] / c.P;
    }
    return upperHull(x, y);
  });
}

/** Equalized odds: the best common (FPR, TPR) over the breakpoints of the lower envelope of the ROC hulls. */
export function equalizedOdds(curves: GroupCurve[], lin: LinearObjective): Solution {
  const hulls = rocHulls(curves);
  const env = lowerEnvelope(hulls);
  let P = 0;
  let N = 0;
  for (const c of curves) {
    P += c.P;
    N += c.N;
  }
  // value = u * P * tpr - v * N * fpr (plus a constant), tpr = envelope(fpr).
  let best = 0;
  let bestV = Number.NEGATIVE_INFINITY;
  for (let q = 0; q < env.x.length; q++) {
    const v = lin.u * P * env.y[q] - lin.v * N * env.x[q];
    if (q === 0 || better(v, bestV)) {
      best = q;
      bestV = v;
    }
  }
  const fpr = env.x[best];
  const tpr = env.y[best];
  const decisions = curves.map((c, a) => {
    const d = mixDecision(c, hulls[a], fpr);
    const top = locateOnHull(hulls[a], fpr).y;
    if (top - tpr > 1e-12 && top - fpr > 0) {
      d.pConstant = (top - tpr) / (top - fpr);
      d.constantRate = fpr;
    }
    return d;
  });
  return { decisions, point: { fpr, tpr } };
}
