import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { FICO_REFERENCE, FICO_REFERENCE_CUTOFFS, loadFico, runFico } from "../../src/fairness/fico.js";

const DIR = process.env.SLTK_DATA ? join(process.env.SLTK_DATA, "fairness/fico") : "";
const skip = !process.env.SLTK_DATA;

test("FICO at 0.82: fractions of the maximum profit match the reference code within 0.005", { skip }, () => {
  const r = runFico(loadFico(DIR), 0.82);
  assert.deepEqual(r.groups, ["Asian", "Black", "Hispanic", "White"]);
  const base = [0.8068, 0.3366, 0.5681, 0.7587];
  r.baseRates.forEach((b, a) => {
    assert.ok(Math.abs(b - base[a]) < 5e-5, `base rate ${r.groups[a]}`);
  });
  for (const s of r.strategies) {
    const ref = FICO_REFERENCE[s.constraint].code082;
    assert.ok(Math.abs(s.fraction - ref) < 0.005, `${s.constraint}: ${s.fraction} vs ${ref}`);
  }
  const by = Object.fromEntries(r.strategies.map((s) => [s.constraint, s]));
  // Exact agreement where the criterion needs no randomisation.
  assert.equal(by.none.fraction, 1);
  assert.ok(Math.abs(by.single_threshold.fraction - 0.9935) < 5e-5);
  assert.deepEqual(by.none.cutoffs, FICO_REFERENCE_CUTOFFS.none);
  assert.deepEqual(by.single_threshold.cutoffs, FICO_REFERENCE_CUTOFFS.single_threshold);
  // Equalized odds: the reference's common point TPR 0.7198, FPR 0.1192.
  assert.ok(Math.abs(by.equalized_odds.point!.tpr - 0.7198) < 5e-5);
  assert.ok(Math.abs(by.equalized_odds.point!.fpr - 0.1192) < 5e-5);
  for (const x of by.equalized_odds.rates) {
    assert.ok(Math.abs(x.tpr - by.equalized_odds.point!.tpr) < 1e-9);
    assert.ok(Math.abs(x.fpr - by.equalized_odds.point!.fpr) < 1e-9);
  }
  // Equal opportunity: exactly equal TPR (randomised within one score bin), cutoffs within one score step.
  for (const x of by.equal_opportunity.rates)
    assert.ok(Math.abs(x.tpr - by.equal_opportunity.target!) < 1e-9);
  by.equal_opportunity.cutoffs.forEach((c, a) => {
    assert.ok(Math.abs(c - FICO_REFERENCE_CUTOFFS.equal_opportunity![a]) <= 1, `${r.groups[a]} ${c}`);
  });
  // Ordering of the paper: max profit > single > opportunity > odds > demographic parity.
  const f = (c: string) => by[c].fraction;
  assert.ok(f("none") > f("single_threshold"));
  assert.ok(f("single_threshold") > f("equal_opportunity"));
  assert.ok(f("equal_opportunity") > f("equalized_odds"));
  assert.ok(f("equalized_odds") > f("demographic_parity"));
});

test("FICO at 5/6 (the notebook's cutoff) also matches the reference code within 0.005", { skip }, () => {
  const r = runFico(loadFico(DIR), 5 / 6);
  for (const s of r.strategies) {
    const ref = FICO_REFERENCE[s.constraint].code56;
    assert.ok(Math.abs(s.fraction - ref) < 0.005, `${s.constraint}: ${s.fraction} vs ${ref}`);
  }
});
