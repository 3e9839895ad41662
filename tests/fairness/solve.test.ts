import assert from "node:assert/strict";
import { test } from "node:test";
import { type FitReport, fitPostProcessor } from "../../src/fairness/fit.js";
import type { Constraint } from "../../src/fairness/solve.js";

const close = (a: number | null, b: number, tol = 1e-9, what = "") =>
  assert.ok(a !== null && Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** Thresholds rounded to 12 significant digits (midpoints carry floating-point noise). */
const T = (r: FitReport, g: string) =>
  r.groups[g].thresholds.map((t) => (typeof t === "number" ? +t.toPrecision(12) : t));

function fit(s: number[], y: number[], g: string[], constraint: Constraint, objective = "accuracy" as const) {
  return fitPostProcessor(s, y, g, { constraint, objective }).report;
}

// Hand-computed case: A is separable, B is not.
const S1 = [0.9, 0.8, 0.4, 0.2, 0.9, 0.6, 0.5, 0.1];
const Y1 = [1, 1, 0, 0, 1, 0, 1, 0];
const G1 = ["A", "A", "A", "A", "B", "B", "B", "B"];

test("hand case: no constraint takes each group's best threshold", () => {
  const r = fit(S1, Y1, G1, "none");
  assert.deepEqual(T(r, "A"), [0.6]);
  assert.deepEqual(T(r, "B"), [0.75]);
  close(r.accuracy, 7 / 8);
});

test("hand case: single threshold is group-blind", () => {
  const r = fit(S1, Y1, G1, "single_threshold");
  assert.deepEqual(T(r, "A"), [0.7]);
  assert.deepEqual(T(r, "B"), [0.7]);
  close(r.accuracy, 7 / 8);
});

test("hand case: equal opportunity moves B to TPR 1", () => {
  const r = fit(S1, Y1, G1, "equal_opportunity");
  close(r.target!, 1);
  assert.deepEqual(T(r, "A"), [0.6]);
  assert.deepEqual(T(r, "B"), [0.3]);
  close(r.groups.B.tpr, 1);
  close(r.groups.B.fpr, 0.5);
  close(r.accuracy, 7 / 8);
  close(r.before.constraint_gap!, 0.5);
});

test("hand case: demographic parity randomises B between two thresholds", () => {
  const r = fit(S1, Y1, G1, "demographic_parity");
  close(r.target!, 0.5);
  assert.deepEqual(T(r, "A"), [0.6]);
  assert.deepEqual(T(r, "B"), [0.75, 0.3]);
  close(r.groups.B.mix, 0.5);
  close(r.groups.A.selection_rate, 0.5);
  close(r.groups.B.selection_rate, 0.5);
  close(r.accuracy, 7 / 8);
});

test("hand case: equalized odds mixes the perfect group with the constant predictor", () => {
  const s = [0.9, 0.8, 0.3, 0.2, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
  const y = [1, 1, 0, 0, 1, 0, 1, 1, 0, 1];
  const g = ["A", "A", "A", "A", "B", "B", "B", "B", "B", "B"];
  const r = fit(s, y, g, "equalized_odds");
  assert.deepEqual(r.point, { fpr: 0.5, tpr: 0.75 });
  assert.deepEqual(T(r, "A"), [0.55, "-Infinity"]);
  close(r.groups.A.mix, 0.5);
  close(r.groups.A.p_constant, 0.5);
  close(r.groups.A.constant_rate, 0.5);
  assert.deepEqual(T(r, "B"), [0.55]);
  assert.equal(r.groups.B.p_constant, 0);
  for (const k of ["A", "B"]) {
    close(r.groups[k].tpr, 0.75, 1e-12, k);
    close(r.groups[k].fpr, 0.5, 1e-12, k);
  }
  // Accuracy: A 2 * 0.75 + 2 * 0.5 = 2.5, B 4 * 0.75 + 2 * 0.5 = 4 of 10.
  close(r.accuracy, 0.65);
});

// fairlearn test_constraints_objective_pairs (grid_size 20, no flip): the same rules.
const X = [0, 1, 2, 3, 4, 0, 1, 2, 3];
const SF = ["0", "0", "0", "0", "0", "1", "1", "1", "1"];
const Y = [1, 0, 1, 1, 1, 0, 1, 1, 1];

function rule(r: FitReport, g: string) {
  const v = r.groups[g];
  return { t: T(r, g), mix: +v.mix.toFixed(12), pc: +v.p_constant.toFixed(12), cr: v.constant_rate };
}

test("fairlearn objective-pairs table: demographic parity", () => {
  const acc = fit(X, Y, SF, "demographic_parity");
  // {0: p0 0.625 on > 1.5, p1 0.375 on > -inf; 1: p1 1.0 on > 0.5}
  assert.deepEqual(rule(acc, "0"), { t: [1.5, "-Infinity"], mix: 0.375, pc: 0, cr: 0 });
  assert.deepEqual(rule(acc, "1"), { t: [0.5], mix: 0, pc: 0, cr: 0 });
  const bal = fitPostProcessor(X, Y, SF, {
    constraint: "demographic_parity",
    objective: "balanced_accuracy",
  }).report;
  // {0: p0 1.0 on > 1.5; 1: p0 0.2 on > inf, p1 0.8 on > 0.5}
  assert.deepEqual(rule(bal, "0"), { t: [1.5], mix: 0, pc: 0, cr: 0 });
  assert.deepEqual(rule(bal, "1"), { t: ["Infinity", 0.5], mix: 0.8, pc: 0, cr: 0 });
});

test("fairlearn objective-pairs table: true positive rate parity (equal opportunity)", () => {
  const acc = fit(X, Y, SF, "equal_opportunity");
  assert.deepEqual(rule(acc, "0"), { t: ["-Infinity"], mix: 0, pc: 0, cr: 0 });
  assert.deepEqual(rule(acc, "1"), { t: [0.5], mix: 0, pc: 0, cr: 0 });
  const bal = fitPostProcessor(X, Y, SF, {
    constraint: "equal_opportunity",
    objective: "balanced_accuracy",
  }).report;
  assert.deepEqual(rule(bal, "0"), { t: [1.5], mix: 0, pc: 0, cr: 0 });
  assert.deepEqual(rule(bal, "1"), { t: ["Infinity", 0.5], mix: 0.75, pc: 0, cr: 0 });
});

test("fairlearn objective-pairs table: equalized odds (p_ignore 0.25, constant 0)", () => {
  for (const objective of ["accuracy", "balanced_accuracy"] as const) {
    const r = fitPostProcessor(X, Y, SF, { constraint: "equalized_odds", objective }).report;
    assert.deepEqual(rule(r, "0"), { t: [1.5], mix: 0, pc: 0, cr: 0 });
    assert.deepEqual(rule(r, "1"), { t: [0.5], mix: 0, pc: 0.25, cr: 0 });
  }
});

// fairlearn conftest example 1 with flip=True. fairlearn searches both orientations (score > t and score < t);
// we only threshold "score > t", so group A (where fairlearn picks "<") enters with negated scores. fairlearn's
// values sit on a 1000-point grid; ours are exact, so they agree to the grid step.
const SC = "00112330001111011112".split("").map(Number);
const LAB = "01101000010111000111".split("").map(Number);
const GR = "AAAAAAABBBBBBBCCCCCC".split("");
const ORIENTED = SC.map((s, i) => (GR[i] === "A" ? -s : s));

test("fairlearn flip fixture: demographic parity selects 0.572 (grid) / 4/7 (exact) in every group", () => {
  const { report: r, postProcessor: pp } = fitPostProcessor(ORIENTED, LAB, GR, {
    constraint: "demographic_parity",
    objective: "accuracy",
  });
  for (const g of ["A", "B", "C"]) close(r.groups[g].selection_rate, 0.572, 1e-3, g);
  close(r.groups.A.selection_rate, 4 / 7, 1e-12);
  const p = (g: string, s: number) => pp.predictProba([g === "A" ? -s : s], [g])[0];
  // fairlearn: A 0.8008 below 2.5, 0 from 2.5; B 0.00133 up to 0.5, 1 above; C 0 / 0.608 / 1.
  close(p("A", 0), 0.8008, 1e-3);
  close(p("A", 2.499), 0.8008, 1e-3);
  assert.equal(p("A", 2.5), 0);
  close(p("B", 0.5), 0.00133333, 2e-3);
  assert.equal(p("B", 0.51), 1);
  assert.equal(p("C", 0.5), 0);
  close(p("C", 1.5), 0.608, 1e-3);
  assert.equal(p("C", 1.51), 1);
});

test("fairlearn flip fixture: equalized odds constant 0.334 (grid) / 1/3 (exact)", () => {
  const { report: r, postProcessor: pp } = fitPostProcessor(ORIENTED, LAB, GR, {
    constraint: "equalized_odds",
    objective: "accuracy",
  });
  close(r.point!.fpr, 0.334, 1e-3);
  close(r.point!.tpr, 0.66733333, 1e-3);
  // fairlearn p_ignore: A 0.001996, B 0.199199, C 0.
  close(r.groups.A.p_constant, 0.001996007984031716, 2.5e-3);
  close(r.groups.B.p_constant, 0.1991991991991991, 1e-3);
  assert.equal(r.groups.C.p_constant, 0);
  close(r.groups.B.constant_rate, 0.334, 1e-3);
  for (const g of ["A", "B", "C"]) {
    close(r.groups[g].tpr, r.point!.tpr, 1e-12, g);
    close(r.groups[g].fpr, r.point!.fpr, 1e-12, g);
  }
  const p = (g: string, s: number) => pp.predictProba([g === "A" ? -s : s], [g])[0];
  close(p("C", 1), 0.501, 1.5e-3);
  close(p("B", 1), 0.334 * 0.1992 + (1 - 0.1992), 2e-3);
});

test("fairlearn flip e2e fixtures (examples 1-3): average P(1) per group and label, best per-group orientation", () => {
  // fairlearn's flip=True takes the better of "score > t" and "score < t"; we search the per-group orientation.
  const G2 = "xxxYYYYxYYYYYxYYYYYY".split("");
  const G3 = GR.map((a, i) => `${a},${G2[i]}`);
  const expected = {
    demographic_parity: { ex1: [0.572], ex2: [0.4], ex3: [0.5] },
    equalized_odds: { ex1: [0.66733333, 0.334], ex2: [0.888, 0.666], ex3: [2 / 3, 0.5] },
  } as Record<string, Record<string, number[]>>;
  for (const [name, g] of [
    ["ex1", GR],
    ["ex2", G2],
    ["ex3", G3],
  ] as const) {
    const names = [...new Set(g)].sort();
    for (const constraint of ["demographic_parity", "equalized_odds"] as const) {
      let best: { value: number; p: Float64Array } | null = null;
      for (let mask = 0; mask < 1 << names.length; mask++) {
        const s = SC.map((v, i) => ((mask >> names.indexOf(g[i])) & 1 ? -v : v));
        const r = fitPostProcessor(s, LAB, g, { constraint, objective: "accuracy" });
        if (!best || r.report.objective_value > best.value + 1e-12)
          best = { value: r.report.objective_value, p: r.postProcessor.predictProba(s, g) };
      }
      const avg = (f: (i: number) => boolean) => {
        let a = 0;
        let n = 0;
        best!.p.forEach((x, i) => {
          if (f(i)) {
            a += x;
            n++;
          }
        });
        return a / n;
      };
      for (const grp of names) {
        const want = expected[constraint][name];
        if (constraint === "demographic_parity")
          close(
            avg((i) => g[i] === grp),
            want[0],
            1.5e-3,
            `${name} ${grp}`,
          );
        else {
          close(
            avg((i) => g[i] === grp && LAB[i] === 1),
            want[0],
            1.5e-3,
            `${name} ${grp} positives`,
          );
          close(
            avg((i) => g[i] === grp && LAB[i] === 0),
            want[1],
            1.5e-3,
            `${name} ${grp} negatives`,
          );
        }
      }
    }
  }
});
