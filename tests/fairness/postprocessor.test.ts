import assert from "node:assert/strict";
import { test } from "node:test";
import { fitPostProcessor } from "../../src/fairness/fit.js";
import { PostProcessor } from "../../src/fairness/postprocessor.js";
import { InputError } from "../../src/util/errors.js";
import { Rng } from "../../src/util/rng.js";

function data(seed: number, n = 600) {
  const rng = new Rng(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = ["a", "b", "c"][i % 3];
    const y = rng.bernoulli(g === "a" ? 0.3 : g === "b" ? 0.5 : 0.6) ? 1 : 0;
    scores.push(y * (g === "c" ? 0.6 : 1.4) + rng.normal());
    labels.push(y);
    groups.push(g);
  }
  return { scores, labels, groups };
}

test("JSON save/load gives the same probabilities, including +-Infinity thresholds", () => {
  const d = data(1);
  const { postProcessor: pp } = fitPostProcessor(d.scores, d.labels, d.groups, {
    constraint: "equalized_odds",
    objective: "profit",
    gain: 1,
    cost: 2,
  });
  const text = JSON.stringify(pp.toJSON());
  const back = PostProcessor.fromJSON(JSON.parse(text));
  assert.deepEqual(back.toJSON(), pp.toJSON());
  const probe = [-1e300, -3, -0.5, 0, 0.5, 3, 1e300];
  for (const g of ["a", "b", "c"]) {
    const gs = probe.map(() => g);
    assert.deepEqual(back.predictProba(probe, gs), pp.predictProba(probe, gs));
  }
  const saved = JSON.parse(text);
  assert.equal(saved.format, "sltk-fairness-postprocessor");
  assert.equal(saved.gain, 1);
  assert.equal(saved.cost, 2);
});

test("randomised predictions are reproducible from a seed and follow the probabilities", () => {
  const d = data(2, 3000);
  const { postProcessor: pp, report } = fitPostProcessor(d.scores, d.labels, d.groups, {
    constraint: "equal_opportunity",
    objective: "accuracy",
  });
  const a = pp.predict(d.scores, d.groups, { seed: 7 });
  const b = pp.predict(d.scores, d.groups, { rng: new Rng(7) });
  const c = pp.predict(d.scores, d.groups, { seed: 8 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  // Empirical TPR per group near the exact expected TPR (3000 rows: a few standard errors).
  for (const g of ["a", "b", "c"]) {
    let pos = 0;
    let tp = 0;
    d.groups.forEach((x, i) => {
      if (x === g && d.labels[i] === 1) {
        pos++;
        tp += a[i];
      }
    });
    const expected = report.groups[g].tpr!;
    const se = Math.sqrt((expected * (1 - expected)) / pos);
    assert.ok(Math.abs(tp / pos - expected) < 4 * se + 1e-9, `${g}: ${tp / pos} vs ${expected}`);
  }
});

test("deterministic mode uses pure thresholds and reports its constraint gap", () => {
  const d = data(3, 605);
  const { postProcessor: pp, report } = fitPostProcessor(d.scores, d.labels, d.groups, {
    constraint: "demographic_parity",
    objective: "accuracy",
  });
  const p = pp.predictProba(d.scores, d.groups, { deterministic: true });
  assert.ok(p.every((x) => x === 0 || x === 1));
  const y = pp.predict(d.scores, d.groups, { deterministic: true });
  assert.deepEqual(Array.from(y), Array.from(p));
  assert.ok(report.constraint_gap! < 1e-12);
  assert.ok(report.deterministic.constraint_gap! >= 0);
  // The gap equals the selection-rate spread of the deterministic rule on the fitting data.
  const rate = (g: string) => {
    let n = 0;
    let s = 0;
    d.groups.forEach((x, i) => {
      if (x === g) {
        n++;
        s += y[i];
      }
    });
    return s / n;
  };
  const rates = ["a", "b", "c"].map(rate);
  assert.ok(Math.abs(Math.max(...rates) - Math.min(...rates) - report.deterministic.constraint_gap!) < 1e-12);
});

test("prediction for a group unseen in fit is an input error naming the group", () => {
  const d = data(4);
  const { postProcessor: pp } = fitPostProcessor(d.scores, d.labels, d.groups, {
    constraint: "none",
    objective: "accuracy",
  });
  assert.throws(
    () => pp.predict([0.1, 0.2], ["a", "zz"], { seed: 1 }),
    (e: unknown) => {
      return (
        e instanceof InputError && /group 'zz' was not seen in fit/.test(e.message) && /row 1/.test(e.message)
      );
    },
  );
});

test("loading rejects malformed post-processor files", () => {
  assert.throws(() => PostProcessor.fromJSON({ format: "x" }, "p.json"), /p\.json: not a sltk-fairness/);
  const ok = { format: "sltk-fairness-postprocessor", version: 1, constraint: "none", objective: "accuracy" };
  assert.throws(
    () => PostProcessor.fromJSON({ ...ok, groups: { a: { thresholds: [0] } } }),
    /at least two groups/,
  );
  assert.throws(
    () =>
      PostProcessor.fromJSON({ ...ok, groups: { a: { thresholds: [0] }, b: { thresholds: [0], mix: 2 } } }),
    /groups\.b\.mix: expected a probability/,
  );
  assert.throws(() => PostProcessor.fromJSON({ ...ok, constraint: "fair" }), /unknown constraint 'fair'/);
});

test("fit rejects bad rows with input errors", () => {
  const s = [0.1, 0.2, 0.3, 0.4];
  const g = ["a", "a", "b", "b"];
  const err = (f: () => unknown, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof InputError && re.test(e.message));
  err(
    () =>
      fitPostProcessor([0.1, Number.NaN, 0.3, 0.4], [0, 1, 0, 1], g, {
        constraint: "none",
        objective: "accuracy",
      }),
    /row 1: score is not a finite number/,
  );
  err(
    () => fitPostProcessor(s, [0, 2, 0, 1], g, { constraint: "none", objective: "accuracy" }),
    /label must be 0 or 1/,
  );
  err(
    () => fitPostProcessor(s, [1, 1, 1, 1], g, { constraint: "none", objective: "accuracy" }),
    /labels are not binary/,
  );
  err(
    () =>
      fitPostProcessor(s, [0, 1, 0, 1], ["a", "a", "a", "a"], { constraint: "none", objective: "accuracy" }),
    /only one group/,
  );
  err(
    () => fitPostProcessor(s, [0, 1, 0, 0], g, { constraint: "equal_opportunity", objective: "accuracy" }),
    /group 'b' has no positives/,
  );
  err(
    () => fitPostProcessor(s, [0, 1, 1, 1], g, { constraint: "equalized_odds", objective: "accuracy" }),
    /group 'b' has no negatives/,
  );
  // Demographic parity does not need both labels in every group.
  const r = fitPostProcessor(s, [0, 1, 0, 0], g, { constraint: "demographic_parity", objective: "accuracy" });
  assert.equal(r.report.groups.b.tpr, null);
});
