import assert from "node:assert/strict";
import { test } from "node:test";
import {
  accuracy,
  argmaxAccuracy,
  auroc,
  averagePrecision,
  confusionCounts,
  groupRates,
  logLoss,
  macroAuroc,
  multiclassLogLoss,
  rocCurve,
} from "../../src/metrics/index.js";
import { InputError } from "../../src/util/errors.js";
import { Rng } from "../../src/util/rng.js";

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("AUROC: hand-computed values, ties count half, matches the pair-counting definition", () => {
  near(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75); // sklearn's documented example
  near(auroc([1, 1, 1, 1], [0, 1, 0, 1]), 0.5); // all ties
  near(auroc([0.2, 0.2, 0.9], [0, 1, 1]), 0.75);
  const rng = new Rng(1);
  const s = Array.from({ length: 300 }, () => Math.round(rng.next() * 20) / 20);
  const y = s.map((v) => (rng.next() < v ? 1 : 0));
  let num = 0;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < s.length; i++)
    for (let j = 0; j < s.length; j++) {
      if (y[i] === 1 && y[j] === 0) num += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  for (const v of y) v ? pos++ : neg++;
  near(auroc(s, y), num / (pos * neg), 1e-12);
});

test("AUROC and AP reject one-class and empty inputs with a clear error", () => {
  assert.throws(() => auroc([0.1, 0.2], [1, 1]), /both classes/);
  assert.throws(() => auroc([], []), InputError);
  assert.throws(() => auroc([0.1], [1, 0]), /1 scores but 2 labels/);
  assert.throws(() => averagePrecision([0.3, 0.1], [0, 0]), /at least one positive/);
});

test("average precision follows scikit-learn's step-wise definition", () => {
  near(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.8333333333333333); // sklearn's documented example
  near(averagePrecision([0.5, 0.5, 0.5], [1, 0, 1]), 2 / 3); // all tied: precision of the whole set
});

test("ROC curve points at distinct thresholds", () => {
  const r = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
  assert.deepEqual(Array.from(r.fpr), [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(Array.from(r.tpr), [0, 0.5, 0.5, 1, 1]);
  assert.deepEqual(Array.from(r.thresholds), [Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1]);
});

test("accuracy, log loss and macro AUROC (labels with one class skipped)", () => {
  near(accuracy([1, 0, 1, 1], [1, 1, 1, 0]), 0.5);
  near(argmaxAccuracy([0.1, 0.9, 0.8, 0.2], [1, 1], 2), 0.5);
  near(logLoss([0.9, 0.2], [1, 0]), -(Math.log(0.9) + Math.log(0.8)) / 2);
  near(multiclassLogLoss([0.7, 0.3, 0.1, 0.9], [0, 1], 2), -(Math.log(0.7) + Math.log(0.9)) / 2);
  // 3 examples x 3 labels; label 2 is all zeros
  const m = macroAuroc([0.9, 0.1, 0.5, 0.5, 0.8, 0.5, 0.3, 0.3, 0.5], [1, 0, 0, 0, 1, 0, 1, 0, 0], 3);
  assert.equal(m.skipped, 1);
  near(m.values[0]!, 0.5);
  near(m.values[1]!, 1);
  near(m.mean, 0.75);
});

test("confusion counts and per-group rates", () => {
  assert.deepEqual(confusionCounts([1, 1, 0, 0], [1, 0, 1, 0]), { n: 4, tp: 1, fp: 1, tn: 1, fn: 1 });
  const g = groupRates([1, 1, 0, 1, 0, 0], [1, 0, 1, 1, 0, 1], ["a", "a", "a", "b", "b", "b"]);
  near(g.get("a")!.tpr, 0.5);
  near(g.get("a")!.fpr, 1);
  near(g.get("b")!.selectionRate, 1 / 3);
  near(g.get("b")!.accuracy, 2 / 3);
});

test("AP and ROC on heavily tied random scores agree with a direct per-threshold computation", () => {
  const rng = new Rng(9);
  const s = Array.from({ length: 400 }, () => (rng.int(15) - 7) / 4 + 0); // -0 never appears: + 0
  s[0] = -0; // a negative zero ties with 0
  s[1] = 0;
  const y = s.map((v) => (rng.next() < 0.3 + 0.05 * v ? 1 : 0));
  const thresholds = [...new Set(s)].sort((a, b) => b - a);
  const P = y.reduce((a: number, b) => a + b, 0);
  let ap = 0;
  let prev = 0;
  const fpr: number[] = [0];
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    s.forEach((v, i) => {
      if (v >= t) y[i] ? tp++ : fp++;
    });
    ap += (tp / P - prev) * (tp / (tp + fp));
    prev = tp / P;
    fpr.push(fp / (s.length - P));
  }
  near(averagePrecision(s, y), ap, 1e-12);
  const roc = rocCurve(s, y);
  assert.equal(roc.thresholds.length, thresholds.length + 1);
  assert.deepEqual(Array.from(roc.fpr), fpr);
  // all ties: one step from (0, 0) to (1, 1)
  const flat = rocCurve([0.3, 0.3, 0.3], [1, 0, 1]);
  assert.deepEqual(Array.from(flat.tpr), [0, 1]);
  assert.throws(() => auroc([0.1, Number.NaN], [0, 1]), /AUROC: score 1 is NaN/);
});
