import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { consensus, fleissKappa, kappaWords, pairwiseAgreement } from "../../src/avatars/agreement.js";
import { attributeDef } from "../../src/avatars/attributes.js";
import { LabelStore } from "../../src/avatars/labels-db.js";
import { crossValidate, fitLogReg, predictProba, stratifiedFolds } from "../../src/avatars/logreg.js";
import { raterPanel, simulateLabels } from "../../src/avatars/raters.js";
import { Rng } from "../../src/util/rng.js";

test("Fleiss' kappa reproduces the textbook example (10 items, 14 raters, 5 categories: kappa 0.210)", () => {
  const counts = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  const k = fleissKappa(counts);
  assert.ok(Math.abs(k.kappa - 0.21) < 0.001, `kappa ${k.kappa}`);
  assert.ok(Math.abs(k.observed - 0.378) < 0.001);
  assert.ok(Math.abs(k.expected - 0.213) < 0.001);
  assert.equal(kappaWords(k.kappa), "fair");
  assert.equal(
    fleissKappa([
      [3, 0],
      [0, 3],
      [3, 0],
    ]).kappa,
    1,
  );
  assert.ok(
    Math.abs(
      pairwiseAgreement([
        [2, 0],
        [1, 1],
      ]) - 0.5,
    ) < 1e-12,
  );
});

test("consensus is the plurality; ties and weak shares give none", () => {
  assert.deepEqual(consensus({ a: 2, b: 1 }), { label: "a", share: 2 / 3, raters: 3 });
  assert.equal(consensus({ a: 1, b: 1 }).label, null);
  assert.equal(consensus({ a: 2, b: 1, c: 1 }, 0.6).label, null);
  assert.equal(consensus({}).label, null);
});

test("logistic regression separates Gaussian clusters; stratified folds keep classes balanced", () => {
  const rng = new Rng(3);
  const X: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < 90; i++) {
    const c = i % 3;
    y.push(c);
    X.push(Float64Array.from({ length: 20 }, (_, j) => (j === c ? 3.5 : 0) + rng.normal()));
  }
  const folds = stratifiedFolds(y, 5, 1);
  for (let f = 0; f < 5; f++)
    for (let c = 0; c < 3; c++) assert.equal(y.filter((v, i) => v === c && folds[i] === f).length, 6);
  const cv = crossValidate(X, y, ["a", "b", "c"], 5, 1, { l2: 0.01 });
  assert.ok(cv.accuracy > 0.85, `CV accuracy ${cv.accuracy}`);
  assert.ok(cv.majorityBaseline < 0.4);
  const m = fitLogReg(X, y, ["a", "b", "c"]);
  const p = predictProba(m, X[0]);
  assert.ok(Math.abs(p.reduce((s, v) => s + v, 0) - 1) < 1e-9);
  assert.deepEqual(fitLogReg(X, y, ["a", "b", "c"]).weights, m.weights, "deterministic");
});

test("label store: items, raters, labels, next task, consensus and agreement (SQLite file)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-avatar-db-"));
  const store = new LabelStore(join(dir, "labels.sqlite"));
  const a = store.addItem(join(dir, "a.png"), { glasses: "none" }, new Uint8Array([1, 2, 3]));
  const b = store.addItem(join(dir, "b.png"), { glasses: "sunglasses" }, new Uint8Array([4, 5, 6]));
  assert.equal(
    store.addItem(join(dir, "a.png"), null, new Uint8Array([1, 2, 3])).id,
    a.id,
    "idempotent by path",
  );
  assert.deepEqual(store.nextTask("ann", ["glasses"])?.item.id, a.id);
  store.addLabel(a.id, "ann", "glasses", "none");
  store.addLabel(a.id, "ann", "glasses", "glasses"); // changes her mind
  store.addLabel(a.id, "bob", "glasses", "none");
  store.addLabel(a.id, "cy", "glasses", "none");
  assert.throws(() => store.addLabel(a.id, "ann", "glasses", "monocle"), /not a class of glasses/);
  assert.equal(store.nextTask("ann", ["glasses"])?.item.id, b.id);
  for (const r of ["ann", "bob", "cy"]) store.addLabel(b.id, r, "glasses", "sunglasses");
  assert.equal(store.nextTask("ann", ["glasses"]), null);
  const c = store.consensus("glasses");
  assert.equal(c.get(a.id)?.label, "none");
  assert.equal(c.get(b.id)?.label, "sunglasses");
  const ag = store.agreement("glasses");
  assert.equal(ag.items, 2);
  assert.equal(ag.labels, 6);
  assert.equal(ag.raters, 3);
  assert.equal(ag.consensusAccuracy, 1);
  assert.ok(ag.kappa.kappa > 0.3 && ag.kappa.kappa < 1);
  store.close();
  const again = new LabelStore(join(dir, "labels.sqlite"));
  assert.equal(again.items().length, 2, "persisted");
  again.close();
});

test("labels -> consensus -> classifier round trip on generated data (simulated raters, class-dependent features)", () => {
  const store = new LabelStore(":memory:");
  const rng = new Rng(11);
  const ids = attributeDef("facialHair").classes.map((c) => c.id);
  const features = new Map<number, Float64Array>();
  for (let i = 0; i < 60; i++) {
    const t = ids[i % 3];
    const it = store.addItem(`memory:${i}.png`, { facialHair: t }, Uint8Array.of(i));
    const k = ids.indexOf(t);
    features.set(
      it.id,
      Float64Array.from({ length: 12 }, (_, j) => (j === k ? 2 : 0) + 0.7 * rng.normal()),
    );
  }
  const n = simulateLabels(store, ["facialHair"], raterPanel(5, 0.7, 0.9), 4);
  assert.equal(n, 300);
  const ag = store.agreement("facialHair");
  assert.ok(ag.kappa.kappa > 0.4 && ag.kappa.kappa < 0.95, `kappa ${ag.kappa.kappa}`);
  assert.ok((ag.consensusAccuracy ?? 0) > 0.9, `consensus accuracy ${ag.consensusAccuracy}`);
  const rows = [...store.consensus("facialHair")].filter(([, c]) => c.label);
  const cv = crossValidate(
    rows.map(([id]) => features.get(id)!),
    rows.map(([, c]) => ids.indexOf(c.label!)),
    ids,
    5,
    0,
  );
  assert.ok(cv.accuracy > 0.8, `CV accuracy ${cv.accuracy}`);
  store.close();
});
