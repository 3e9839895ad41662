/**
 * The FICO case study of Hardt, Price & Srebro (2016, section 6): TransRisk score CDFs and default rates by race
 * (aggregated tables, no individual rows). Each score row is a bin with a non-defaulting ("positive") and a
 * defaulting mass; lending pays iff P(non-default) >= target, i.e. a gain of (1 - target) per non-defaulter and a
 * cost of target per defaulter. The five criteria are solved exactly on the groups' curves (randomising inside a
 * score bin where a criterion needs it) and compared as fractions of the maximum profit.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type CsvTable, readCsvTable } from "../data/csv.js";
import { at, InputError } from "../util/errors.js";
import { curveFromBins, type GroupCurve, pointForThreshold } from "./curve.js";
import { evaluateDecisions, type GroupDecision, type GroupRates } from "./decision.js";
import { deterministicDecisions } from "./deterministic.js";
import { constraintGap } from "./fit.js";
import { linearObjective } from "./objective.js";
import { CONSTRAINTS, type Constraint, type Solution, solve } from "./solve.js";

/** File names of the three FICO tables. */
export const FICO_FILES = {
  cdf: "transrisk_cdf_by_race_ssa.csv",
  performance: "transrisk_performance_by_race_ssa.csv",
  totals: "totals.csv",
} as const;

/** Group order of the paper and the reference code. */
export const FICO_GROUPS = ["Asian", "Black", "Hispanic", "White"] as const;

/** The FICO tables: score grid (ascending), per group CDF (fraction), non-default rate and size. */
export interface FicoData {
  scores: Float64Array;
  groups: string[];
  cdf: Float64Array[];
  nonDefault: Float64Array[];
  totals: number[];
}

/** Loads the FICO tables from a folder (CDFs and default rates in percent, as published). */
export function loadFico(dir: string): FicoData {
  for (const f of Object.values(FICO_FILES))
    if (!existsSync(join(dir, f))) throw new InputError(`FICO data: missing ${f}`, dir);
  // Column names as published; 'Non- Hispanic white' is the White group.
  const name = (g: string) => (g === "White" ? "Non- Hispanic white" : g);
  const schema = Object.fromEntries([
    ["Score", "number"],
    ...FICO_GROUPS.map((g) => [name(g), "number"]),
  ]) as Record<string, "number">;
  const cdfPath = join(dir, FICO_FILES.cdf);
  const perfPath = join(dir, FICO_FILES.performance);
  const cdfT = readCsvTable(cdfPath, schema);
  const perfT = readCsvTable(perfPath, schema);
  const totT = readCsvTable(join(dir, FICO_FILES.totals), {
    ...schema,
    Score: { type: "number", optional: true },
  });
  if (cdfT.n !== perfT.n)
    throw new InputError(`${perfT.n} score rows, the CDF table has ${cdfT.n}`, perfPath);
  if (totT.n < 1) throw new InputError("no data row", join(dir, FICO_FILES.totals));
  const scores = cdfT.columns.Score as Float64Array;
  const perfScores = perfT.columns.Score as Float64Array;
  for (let i = 0; i < scores.length; i++) {
    if (perfScores[i] !== scores[i])
      throw new InputError(
        `score ${perfScores[i]} differs from the CDF table's ${scores[i]}`,
        at(perfPath, perfT.lines[i]),
      );
    if (i > 0 && !(scores[i] > scores[i - 1]))
      throw new InputError(
        `scores must increase (${scores[i - 1]}, then ${scores[i]})`,
        at(cdfPath, cdfT.lines[i]),
      );
  }
  const groups = [...FICO_GROUPS];
  const col = (t: CsvTable, g: string) => t.columns[name(g)] as Float64Array;
  return {
    scores,
    groups,
    cdf: groups.map((g) => col(cdfT, g).map((v) => v / 100)),
    nonDefault: groups.map((g) => col(perfT, g).map((v) => 1 - v / 100)),
    totals: groups.map((g) => col(totT, g)[0]),
  };
}

/** Per-group curves: each score bin holds total * pdf * P(non-default) positives and the rest negatives. */
export function ficoCurves(d: FicoData): GroupCurve[] {
  const m = d.scores.length;
  return d.groups.map((g, a) => {
    const scores = new Float64Array(m);
    const pos = new Float64Array(m);
    const neg = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const r = m - 1 - i; // descending
      const pdf = d.cdf[a][r] - (r > 0 ? d.cdf[a][r - 1] : 0);
      scores[i] = d.scores[r];
      pos[i] = d.totals[a] * pdf * d.nonDefault[a][r];
      neg[i] = d.totals[a] * pdf * (1 - d.nonDefault[a][r]);
    }
    return curveFromBins(g, scores, pos, neg);
  });
}

/** One criterion's outcome on the FICO data. */
export interface FicoStrategy {
  constraint: Constraint;
  /** Profit as a fraction of the maximum (per-group thresholds, no constraint). */
  fraction: number;
  /** Profit per applicant (gain 1 - target per non-defaulter lent to, cost target per defaulter). */
  profit: number;
  decisions: GroupDecision[];
  rates: GroupRates[];
  /** Lowest score lent to without randomisation per group (the reference code's cutoff: lend iff score >= it). */
  cutoffs: number[];
  target?: number;
  point?: { fpr: number; tpr: number };
  /** Deterministic mode: pure thresholds nearest to the randomised rule, its profit fraction and criterion gap. */
  deterministic: { fraction: number; cutoffs: number[]; gap: number | null };
}

/** The whole case study at a break-even non-default rate (0.82 in the paper). */
export interface FicoResult {
  target: number;
  groups: string[];
  totals: number[];
  baseRates: number[];
  strategies: FicoStrategy[];
}

/** The lowest score each group lends to with certainty (score >= cutoff), from its strictest threshold. */
function cutoffsOf(curves: GroupCurve[], ds: GroupDecision[]): number[] {
  return ds.map((dec, a) => {
    const k = pointForThreshold(curves[a], dec.thresholds[0]);
    return k === 0 ? Number.POSITIVE_INFINITY : curves[a].scores[k - 1];
  });
}

/** Solves all five criteria on the FICO data at the given target and reports fractions of the maximum profit. */
export function runFico(d: FicoData, target = 0.82): FicoResult {
  if (!(target > 0 && target < 1))
    throw new InputError(`target must lie in (0, 1), got ${target}`, "--target");
  const curves = ficoCurves(d);
  const lin = linearObjective(curves, { objective: "profit", gain: 1 - target, cost: target });
  const sols = new Map<Constraint, Solution>(CONSTRAINTS.map((c) => [c, solve(curves, c, lin)]));
  const maxProfit = evaluateDecisions(curves, sols.get("none")!.decisions, lin).objective;
  const strategies = CONSTRAINTS.map((c): FicoStrategy => {
    const s = sols.get(c)!;
    const ev = evaluateDecisions(curves, s.decisions, lin);
    const det = deterministicDecisions(curves, s.decisions, c, lin);
    const evDet = evaluateDecisions(curves, det, lin);
    return {
      constraint: c,
      fraction: ev.objective / maxProfit,
      profit: ev.objective,
      decisions: s.decisions,
      rates: ev.groups,
      cutoffs: cutoffsOf(curves, s.decisions),
      target: s.target,
      point: s.point,
      deterministic: {
        fraction: evDet.objective / maxProfit,
        cutoffs: cutoffsOf(curves, det),
        gap: constraintGap(c, evDet.gaps),
      },
    };
  });
  return {
    target,
    groups: d.groups,
    totals: d.totals,
    baseRates: curves.map((c) => c.P / (c.P + c.N)),
    strategies,
  };
}

/**
 * Published comparison values (fractions of the maximum profit): the paper's figure text, and the authors'
 * `criteria.py` (fairmlbook, commit eb8a58b) recomputed on these same three files at targets 0.82 and 5/6.
 * Shown beside ours; never used to compute anything.
 */
export const FICO_REFERENCE: Record<Constraint, { paper: number; code082: number; code56: number }> = {
  none: { paper: 1, code082: 1, code56: 1 },
  single_threshold: { paper: 0.993, code082: 0.9935, code56: 0.9933 },
  equal_opportunity: { paper: 0.928, code082: 0.9303, code56: 0.9238 },
  equalized_odds: { paper: 0.802, code082: 0.8042, code56: 0.7903 },
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: a measured profit fraction, not 1/sqrt(2)
  demographic_parity: { paper: 0.698, code082: 0.7071, code56: 0.6837 },
};

/** The reference code's per-group cutoffs at target 0.82 (Asian / Black / Hispanic / White; lend iff score >= cutoff). */
export const FICO_REFERENCE_CUTOFFS: Partial<Record<Constraint, number[]>> = {
  none: [38.0, 48.0, 45.5, 40.0],
  single_threshold: [41.0, 41.0, 41.0, 41.0],
  equal_opportunity: [45.5, 29.5, 35.0, 46.0],
  demographic_parity: [53.5, 18.5, 32.0, 52.5],
};
