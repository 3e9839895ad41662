import assert from "node:assert/strict";
import { test } from "node:test";
import { fprAt, type GroupCurve, pointCount, selectionRateAt, tprAt } from "../../src/fairness/curve.js";
import { fitPostProcessor } from "../../src/fairness/fit.js";
import { linearObjective, type Objective } from "../../src/fairness/objective.js";
import { CONSTRAINTS } from "../../src/fairness/solve.js";
import { Rng } from "../../src/util/rng.js";

/** Random groups with different base rates and score quality; scores rounded so that ties occur. */
function randomData(seed: number) {
  const rng = new Rng(seed);
  const G = 2 + rng.int(4);
  const n = 60 + rng.int(240);
  const base = Array.from({ length: G }, () => 0.15 + 0.7 * rng.next());
  const sep = Array.from({ length: G }, () => 2.5 * rng.next());
  const scores: number[] = [];
  const labels: number[] = [];
  const groups: string[] = [];
  for (let a = 0; a < G; a++) {
    // Each group gets at least one positive and one negative.
    const na = Math.max(4, Math.round(n / G));
    for (let i = 0; i < na; i++) {
      const y = i === 0 ? 1 : i === 1 ? 0 : rng.bernoulli(base[a]) ? 1 : 0;
      scores.push(Math.round((y * sep[a] + rng.normal()) * 8) / 8);
      labels.push(y);
      groups.push(`g${a}`);
    }
  }
  return { scores, labels, groups };
}

/** Best objective contribution of one group at coordinate x by brute force over all pairs of its thresholds. */
function bruteBest(
  c: GroupCurve,
  coord: (k: number) => number,
  val: (k: number) => number,
  x: number,
): number {
  let best = Number.NEGATIVE_INFINITY;
  const K = pointCount(c);
  for (let i = 0; i < K; i++) {
    const xi = coord(i);
    if (Math.abs(xi - x) < 1e-15) best = Math.max(best, val(i));
    for (let j = 0; j < K; j++) {
      const xj = coord(j);
      if (xi < x && x < xj) {
        const w = (x - xi) / (xj - xi);
        best = Math.max(best, (1 - w) * val(i) + w * val(j));
      }
    }
  }
  return best;
}

const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);
const OBJ: Objective[] = ["accuracy", "balanced_accuracy", "profit"];

test("every criterion holds exactly on random data (property over seeds)", () => {
  for (const seed of SEEDS) {
    const d = randomData(seed);
    const objective = OBJ[seed % 3];
    const opts = { objective, gain: 1, cost: 1 + (seed % 4) };
    const val: Record<string, number> = {};
    for (const constraint of CONSTRAINTS) {
      const r = fitPostProcessor(d.scores, d.labels, d.groups, { ...opts, constraint }).report;
      val[constraint] = r.objective_value;
      const g = Object.values(r.groups);
      const spread = (f: (x: (typeof g)[0]) => number) => Math.max(...g.map(f)) - Math.min(...g.map(f));
      const what = `seed ${seed} ${constraint} ${objective}`;
      if (constraint === "demographic_parity") assert.ok(spread((x) => x.selection_rate) < 1e-9, what);
      if (constraint === "equal_opportunity") assert.ok(spread((x) => x.tpr!) < 1e-9, what);
      if (constraint === "equalized_odds") {
        assert.ok(spread((x) => x.tpr!) < 1e-9, what);
        assert.ok(spread((x) => x.fpr!) < 1e-9, what);
      }
      if (constraint === "single_threshold")
        assert.equal(new Set(g.map((x) => String(x.thresholds))).size, 1);
      for (const x of g) {
        assert.ok(x.mix >= 0 && x.mix <= 1 && x.p_constant >= 0 && x.p_constant <= 1, what);
        assert.ok(x.thresholds.length === 1 || x.mix > 0, what);
      }
      assert.ok(r.deterministic.constraint_gap === null || r.deterministic.constraint_gap >= 0);
    }
    // The unconstrained optimum bounds every criterion; equal opportunity relaxes equalized odds.
    for (const c of CONSTRAINTS) assert.ok(val.none >= val[c] - 1e-12, `seed ${seed}: none < ${c}`);
    assert.ok(val.equal_opportunity >= val.equalized_odds - 1e-12, `seed ${seed}: EO < EOdds`);
  }
});

test("parity solutions are optimal against a brute-force grid search (property over seeds)", () => {
  for (const seed of SEEDS.slice(0, 6)) {
    const d = randomData(100 + seed);
    const opts = { objective: "accuracy" as const };
    const res = fitPostProcessor(d.scores, d.labels, d.groups, { ...opts, constraint: "none" });
    const curves = res.curves;
    const lin = linearObjective(curves, opts);
    const value = (c: GroupCurve) => (k: number) => lin.u * c.cumPos[k] - lin.v * c.cumNeg[k];
    const grid = Array.from({ length: 101 }, (_, i) => i / 100);
    for (const [constraint, coord] of [
      ["demographic_parity", selectionRateAt],
      ["equal_opportunity", tprAt],
    ] as const) {
      let brute = Number.NEGATIVE_INFINITY;
      for (const x of grid) {
        let s = lin.c0;
        for (const c of curves) s += bruteBest(c, (k) => coord(c, k), value(c), x);
        brute = Math.max(brute, s);
      }
      const ours = fitPostProcessor(d.scores, d.labels, d.groups, { ...opts, constraint }).report
        .objective_value;
      assert.ok(ours >= brute - 1e-12, `seed ${seed} ${constraint}: ${ours} < grid ${brute}`);
    }
    // Equalized odds: a common FPR on the grid, TPR = the lowest group's best TPR there (all groups can reach it).
    let P = 0;
    let N = 0;
    for (const c of curves) {
      P += c.P;
      N += c.N;
    }
    let brute = Number.NEGATIVE_INFINITY;
    for (const f of grid) {
      let t = 1;
      for (const c of curves)
        t = Math.min(
          t,
          bruteBest(
            c,
            (k) => fprAt(c, k),
            (k) => tprAt(c, k),
            f,
          ),
        );
      brute = Math.max(brute, lin.c0 + lin.u * P * t - lin.v * N * f);
    }
    const ours = fitPostProcessor(d.scores, d.labels, d.groups, { ...opts, constraint: "equalized_odds" })
      .report.objective_value;
    assert.ok(ours >= brute - 1e-12, `seed ${seed} equalized_odds: ${ours} < grid ${brute}`);
  }
});
