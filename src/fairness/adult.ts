/**
 * The Adult study: a logistic-regression score on UCI Adult, post-processed for group `sex` and for `race` under
 * each criterion. The score model trains on 70% of adult.data, each post-processor is fitted on the other 30%
 * (stratified by group and label), and everything is evaluated on adult.test: accuracy and the between-group gaps
 * of TPR, FPR and selection rate, before (the score at 0.5) and after.
 */
import { encodeAdult, loadAdult } from "../data/adult.js";
import { stratifiedSplit } from "../data/splits.js";
import { auroc } from "../metrics/classification.js";
import { Rng } from "../util/rng.js";
import type { GroupCurve } from "./curve.js";
import { spread } from "./decision.js";
import { fitPostProcessor } from "./fit.js";
import { encodeGroups, groupCurves } from "./groups.js";
import { fitLogistic, predictLogistic } from "./logistic.js";
import type { Objective } from "./objective.js";
import { CONSTRAINTS, type Constraint } from "./solve.js";

/** Rates of one group on the test split (expected over the post-processor's randomisation). */
export interface AdultGroupRates {
  n: number;
  tpr: number;
  fpr: number;
  selectionRate: number;
}

/** One row of the before/after table. */
export interface AdultRow {
  /** `before` (score > 0.5) or a criterion. */
  criterion: "before" | Constraint;
  accuracy: number;
  /** Accuracy of one seeded draw of the randomised decisions. */
  sampledAccuracy: number;
  tprGap: number;
  fprGap: number;
  selectionGap: number;
  /** The equalised quantity's gap on the fitting (validation) split: 0 up to rounding for the parity criteria. */
  fitGap: number | null;
  groups: Record<string, AdultGroupRates>;
}

/** The study for one sensitive attribute. */
export interface AdultAttributeResult {
  attribute: "sex" | "race";
  groups: string[];
  rows: AdultRow[];
  /** The groups' ROC curves of the score on the validation split (where the rules were fitted) and on test. */
  fitCurves: GroupCurve[];
  testCurves: GroupCurve[];
}

/** The whole study. */
export interface AdultStudyResult {
  seed: number;
  objective: Objective;
  rows: { train: number; validation: number; test: number };
  features: number;
  model: { iterations: number; converged: boolean; testAccuracy: number; testAuroc: number };
  attributes: AdultAttributeResult[];
}

function evaluate(p: ArrayLike<number>, y: Uint8Array, groups: string[], names: string[]) {
  let correct = 0;
  const acc = new Map(names.map((g) => [g, { n: 0, P: 0, N: 0, tp: 0, fp: 0 }]));
  for (let i = 0; i < y.length; i++) {
    correct += y[i] ? p[i] : 1 - p[i];
    const a = acc.get(groups[i])!;
    a.n++;
    if (y[i]) {
      a.P++;
      a.tp += p[i];
    } else {
      a.N++;
      a.fp += p[i];
    }
  }
  const rates: Record<string, AdultGroupRates> = {};
  for (const [g, a] of acc)
    rates[g] = { n: a.n, tpr: a.tp / a.P, fpr: a.fp / a.N, selectionRate: (a.tp + a.fp) / a.n };
  const r = Object.values(rates);
  return {
    accuracy: correct / y.length,
    tprGap: spread(r.map((x) => x.tpr)),
    fprGap: spread(r.map((x) => x.fpr)),
    selectionGap: spread(r.map((x) => x.selectionRate)),
    groups: rates,
  };
}

function sampledAccuracy(p: ArrayLike<number>, y: Uint8Array, rng: Rng): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) c += (rng.next() < p[i] ? 1 : 0) === y[i] ? 1 : 0;
  return c / y.length;
}

const take = <T>(a: ArrayLike<T>, idx: Int32Array): T[] => Array.from(idx, (i) => a[i]);

/** Runs the study (data from the registry or `path`). */
export async function runAdultStudy(
  opts: { seed?: number; objective?: Objective; path?: string; attributes?: ("sex" | "race")[] } = {},
): Promise<AdultStudyResult> {
  const seed = opts.seed ?? 0;
  const objective = opts.objective ?? "accuracy";
  const { train, test } = await loadAdult({ path: opts.path });
  const enc = encodeAdult(train, test);
  const d = enc.dim;
  const strata = Array.from(enc.yTrain, (y, i) => `${enc.raceTrain[i]}|${enc.sexTrain[i]}|${y}`);
  const [fitIdx, valIdx] = stratifiedSplit(strata, [0.7, 0.3], new Rng(seed).fork("adult-split"));
  const xFit = new Float32Array(fitIdx.length * d);
  fitIdx.forEach((r, i) => {
    xFit.set(enc.xTrain.subarray(r * d, (r + 1) * d), i * d);
  });
  const yFit = Uint8Array.from(fitIdx, (r) => enc.yTrain[r]);
  const model = fitLogistic(xFit, yFit, d, { l2: 1e-4 });
  const all = predictLogistic(model, enc.xTrain, d);
  const sVal = Float64Array.from(valIdx, (r) => all[r]);
  const yVal = Uint8Array.from(valIdx, (r) => enc.yTrain[r]);
  const sTest = predictLogistic(model, enc.xTest, d);
  const yTest = enc.yTest;
  const before = Float64Array.from(sTest, (s) => (s > 0.5 ? 1 : 0));
  const rng = new Rng(seed).fork("adult-predict");
  const attributes = (opts.attributes ?? ["sex", "race"]).map((attribute): AdultAttributeResult => {
    const gVal = take(attribute === "sex" ? enc.sexTrain : enc.raceTrain, valIdx);
    const gTest = attribute === "sex" ? enc.sexTest : enc.raceTest;
    const names = [...new Set(gTest)].sort();
    let fitCurves: GroupCurve[] = [];
    const rows: AdultRow[] = [
      {
        criterion: "before",
        ...evaluate(before, yTest, gTest, names),
        sampledAccuracy: evaluate(before, yTest, gTest, names).accuracy,
        fitGap: null,
      },
    ];
    for (const constraint of CONSTRAINTS) {
      const fit = fitPostProcessor(sVal, yVal, gVal, { constraint, objective });
      fitCurves = fit.curves;
      const p = fit.postProcessor.predictProba(sTest, gTest);
      rows.push({
        criterion: constraint,
        ...evaluate(p, yTest, gTest, names),
        sampledAccuracy: sampledAccuracy(p, yTest, rng.fork(`${attribute}-${constraint}`)),
        fitGap: fit.report.constraint_gap,
      });
    }
    const testCurves = groupCurves(sTest, yTest, encodeGroups(gTest));
    return { attribute, groups: names, rows, fitCurves, testCurves };
  });
  const testAccuracy = evaluate(before, yTest, enc.sexTest, [...new Set(enc.sexTest)]).accuracy;
  return {
    seed,
    objective,
    rows: { train: fitIdx.length, validation: valIdx.length, test: yTest.length },
    features: d,
    model: {
      iterations: model.iterations,
      converged: model.converged,
      testAccuracy,
      testAuroc: auroc(sTest, yTest),
    },
    attributes,
  };
}
