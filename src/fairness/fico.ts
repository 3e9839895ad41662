/**
 * The FICO case study of Hardt, Price & Srebro (2016, section 6): TransRisk score CDFs and default rates by race
 * (aggregated tables, no individual rows). Each score row is a bin with a non-defaulting ("positive") and a
 * defaulting mass; lending pays iff P(non-default) >= target, i.e. a gain of (1 - target) per non-defaulter and a
 * cost of target per defaulter. The five criteria are solved exactly on the groups' curves (randomising inside a
 * score bin where a criterion needs it) and compared as fractions of the maximum profit.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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

interface NumericTable {
  header: string[];
  rows: number[][];
}

/** Reads a small numeric CSV table (the FICO files; `skip` leading text columns); errors name file:line:column. */
function readNumericTable(path: string, skip = 0): NumericTable {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  const header = lines[0].split(",").map((s) => s.trim());
  const rows: number[][] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const cells = lines[i].split(",");
    if (cells.length !== header.length)
      throw new InputError(`expected ${header.length} fields, got ${cells.length}`, at(path, i + 1));
    rows.push(
      cells.slice(skip).map((s, jj) => {
        const j = jj + skip;
        const v = Number(s);
        if (s.trim() === "" || !Number.isFinite(v))
          throw new InputError(`not a number: '${s}' in column ${header[j]}`, at(path, i + 1, j + 1));
        return v;
      }),
    );
  }
  return { header, rows };
}

function canonicalGroup(name: string): string {
  return name === "Non- Hispanic white" ? "White" : name;
}

/** Loads the FICO tables from a folder (CDFs and default rates in percent, as published). */
export function loadFico(dir: string): FicoData {
  for (const f of Object.values(FICO_FILES))
    if (!existsSync(join(dir, f))) throw new InputError(`FICO data: missing ${f}`, dir);
  const cdfT = readNumericTable(join(dir, FICO_FILES.cdf));
  const perfT = readNumericTable(join(dir, FICO_FILES.performance));
  const totT = readNumericTable(join(dir, FICO_FILES.totals), 1);
  const totHeader = totT.header.slice(1).map(canonicalGroup);
  const col = (h: string[], g: string, file: string) => {
    const j = h.map(canonicalGroup).indexOf(g);
    if (j < 0) throw new InputError(`missing column for group ${g}`, join(dir, file));
    return j;
  };
  if (cdfT.rows.length !== perfT.rows.length)
    throw new InputError("CDF and performance tables have different numbers of rows", dir);
  const scores = Float64Array.from(cdfT.rows.map((r) => r[0]));
  perfT.rows.forEach((r, i) => {
    if (r[0] !== scores[i])
      throw new InputError(
        `score ${r[0]} differs from the CDF table's ${scores[i]}`,
        at(join(dir, FICO_FILES.performance), i + 2),
      );
  });
  const groups = [...FICO_GROUPS];
  return {
    scores,
    groups,
    cdf: groups.map((g) => {
      const j = col(cdfT.header, g, FICO_FILES.cdf);
      return Float64Array.from(cdfT.rows.map((r) => r[j] / 100));
    }),
    nonDefault: groups.map((g) => {
      const j = col(perfT.header, g, FICO_FILES.performance);
      return Float64Array.from(perfT.rows.map((r) => 1 - r[j] / 100));
    }),
    totals: groups.map((g) => {
      const j = totHeader.indexOf(g);
      if (j < 0) throw new InputError(`missing total for group ${g}`, join(dir, FICO_FILES.totals));
      return totT.rows[0][j];
    }),
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
