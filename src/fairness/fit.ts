/**
 * Fitting a post-processor on (score, label, group) rows or directly on groups' curves, with the report of the
 * fit evaluated on the fitting data: per-group rules and rates, accuracy, objective, and the criterion's gap
 * before (best group-blind threshold), after (exact randomised rule) and in deterministic mode.
 */
import { InputError } from "../util/errors.js";
import type { GroupCurve } from "./curve.js";
import { type Evaluation, evaluateDecisions, type Gaps, type GroupDecision } from "./decision.js";
import { deterministicDecisions } from "./deterministic.js";
import { type EncodedGroups, encodeGroups, groupCurves, validateRows } from "./groups.js";
import { linearObjective, type ObjectiveSpec } from "./objective.js";
import { PostProcessor, thresholdToJson } from "./postprocessor.js";
import { type Constraint, type Solution, solve } from "./solve.js";

/** What to fit: a criterion and an objective (with gain and cost for profit). */
export interface FitOptions extends ObjectiveSpec {
  constraint: Constraint;
}

/** One group's line of a fit report. */
export interface GroupReport {
  thresholds: (number | string)[];
  mix: number;
  p_constant: number;
  constant_rate: number;
  tpr: number | null;
  fpr: number | null;
  selection_rate: number;
  n: number;
}

/** A fit's report on the fitting data (the `--json` output of `sltk fairness fit`). */
export interface FitReport {
  constraint: Constraint;
  objective: string;
  accuracy: number;
  objective_value: number;
  groups: Record<string, GroupReport>;
  /** Between-group gaps of the exact (randomised) rule. */
  gaps: Gaps;
  /** The gap of the quantity the criterion equalises (max of TPR and FPR gaps for equalized odds; null if none). */
  constraint_gap: number | null;
  /** The best group-blind threshold on the same objective: what the score gives without post-processing. */
  before: { accuracy: number; objective_value: number; gaps: Gaps; constraint_gap: number | null };
  /** Pure thresholds nearest to the randomised rule: how far from the criterion they land. */
  deterministic: {
    accuracy: number;
    objective_value: number;
    gaps: Gaps;
    constraint_gap: number | null;
    thresholds: Record<string, number | string>;
  };
  /** The common selection rate / TPR, or the common (FPR, TPR) point. */
  target?: number;
  point?: { fpr: number; tpr: number };
}

/** A fitted post-processor with its report and the curves it was fitted on. */
export interface FitResult {
  postProcessor: PostProcessor;
  report: FitReport;
  curves: GroupCurve[];
  solution: Solution;
}

/** The gap of the quantity a criterion equalises. */
export function constraintGap(c: Constraint, g: Gaps): number | null {
  switch (c) {
    case "demographic_parity":
      return g.selection_rate;
    case "equal_opportunity":
      return g.tpr;
    case "equalized_odds":
      return Math.max(g.tpr, g.fpr);
    default:
      return null;
  }
}

/** Checks that every group has the labels the criterion needs; the error names the group. */
export function checkGroupsFor(curves: GroupCurve[], c: Constraint): void {
  const needPos = c === "equal_opportunity" || c === "equalized_odds";
  const needNeg = c === "equalized_odds";
  for (const g of curves) {
    if (needPos && g.P === 0) throw new InputError(`group '${g.name}' has no positives; ${c} needs them`);
    if (needNeg && g.N === 0) throw new InputError(`group '${g.name}' has no negatives; ${c} needs them`);
  }
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Fits a criterion on groups' curves (one per group, names distinct) and reports it on those curves. */
export function fitCurves(curves: GroupCurve[], opts: FitOptions): FitResult {
  if (curves.length < 2) throw new InputError("group-aware post-processing needs at least two groups");
  checkGroupsFor(curves, opts.constraint);
  const lin = linearObjective(curves, opts);
  const solution = solve(curves, opts.constraint, lin);
  const det = deterministicDecisions(curves, solution.decisions, opts.constraint, lin);
  const ev = evaluateDecisions(curves, solution.decisions, lin);
  const evDet = evaluateDecisions(curves, det, lin);
  const evBefore = evaluateDecisions(curves, solve(curves, "single_threshold", lin).decisions, lin);
  const byName = (ds: GroupDecision[]) => Object.fromEntries(curves.map((c, a) => [c.name, ds[a]]));
  const postProcessor = new PostProcessor({
    constraint: opts.constraint,
    objective: opts.objective,
    gain: opts.gain,
    cost: opts.cost,
    decisions: byName(solution.decisions),
    deterministic: byName(det),
  });
  const summary = (e: Evaluation) => ({
    accuracy: e.accuracy,
    objective_value: e.objective,
    gaps: e.gaps,
    constraint_gap: constraintGap(opts.constraint, e.gaps),
  });
  const report: FitReport = {
    constraint: opts.constraint,
    objective: opts.objective,
    accuracy: ev.accuracy,
    objective_value: ev.objective,
    groups: Object.fromEntries(
      curves.map((c, a) => {
        const d = solution.decisions[a];
        const r = ev.groups[a];
        return [
          c.name,
          {
            thresholds: d.thresholds.map(thresholdToJson),
            mix: d.mix,
            p_constant: d.pConstant,
            constant_rate: d.constantRate,
            tpr: finiteOrNull(r.tpr),
            fpr: finiteOrNull(r.fpr),
            selection_rate: r.selectionRate,
            n: r.n,
          },
        ];
      }),
    ),
    gaps: ev.gaps,
    constraint_gap: constraintGap(opts.constraint, ev.gaps),
    before: summary(evBefore),
    deterministic: {
      ...summary(evDet),
      thresholds: Object.fromEntries(curves.map((c, a) => [c.name, thresholdToJson(det[a].thresholds[0])])),
    },
    ...(solution.target !== undefined ? { target: solution.target } : {}),
    ...(solution.point ? { point: solution.point } : {}),
  };
  return { postProcessor, report, curves, solution };
}

/**
 * Fits a post-processor on rows: a score, a 0/1 label and a group per row (group names, or codes with names).
 * Throws an InputError for bad input (non-finite score, non-binary labels, one group, a group lacking the labels
 * the criterion needs).
 */
export function fitPostProcessor(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: ArrayLike<string> | EncodedGroups,
  opts: FitOptions,
): FitResult {
  const enc = encodeGroups(groups);
  validateRows(scores, labels, enc);
  return fitCurves(groupCurves(scores, labels, enc), opts);
}
