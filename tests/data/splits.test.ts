import assert from "node:assert/strict";
import { test } from "node:test";
import {
  iterativeKFold,
  iterativeSplit,
  kFold,
  partSizes,
  stratifiedKFold,
  stratifiedSplit,
  trainValTestSplit,
} from "../../src/data/splits.js";
import { Rng } from "../../src/util/rng.js";

test("fractions split 0..n-1 into disjoint parts of the right sizes, reproducibly", () => {
  assert.deepEqual(partSizes(10, [0.8, 0.1, 0.1]), [8, 1, 1]);
  assert.deepEqual(partSizes(7, [0.5, 0.5]), [4, 3]);
  const a = trainValTestSplit(100, [0.8, 0.1, 0.1], new Rng(1));
  const b = trainValTestSplit(100, [0.8, 0.1, 0.1], new Rng(1));
  assert.deepEqual(
    a.map((p) => Array.from(p)),
    b.map((p) => Array.from(p)),
  );
  assert.deepEqual(
    a.map((p) => p.length),
    [80, 10, 10],
  );
  assert.equal(new Set(a.flatMap((p) => Array.from(p))).size, 100);
  assert.throws(() => trainValTestSplit(10, [0.5, 0.6], new Rng(1)), /sum to 1/);
});

test("k-fold and stratified k-fold partition the data and keep class shares", () => {
  const folds = kFold(23, 5, new Rng(2));
  assert.equal(new Set(folds.flatMap((f) => Array.from(f.test))).size, 23);
  for (const f of folds) assert.equal(f.train.length + f.test.length, 23);
  const labels = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
  for (const f of stratifiedKFold(labels, 5, new Rng(3)))
    assert.equal(Array.from(f.test).filter((i) => labels[i] === 1).length, 4);
  const parts = stratifiedSplit(labels, [0.5, 0.5], new Rng(4));
  assert.equal(Array.from(parts[0]).filter((i) => labels[i]).length, 10);
});

test("iterative stratification spreads every label across folds in proportion (multi-label)", () => {
  const rng = new Rng(5);
  const n = 600;
  const L = 12;
  const y = new Uint8Array(n * L);
  for (let i = 0; i < n; i++) for (let l = 0; l < L; l++) if (rng.next() < 0.03 + 0.04 * l) y[i * L + l] = 1;
  const folds = iterativeKFold(y, 5, new Rng(6), { nLabels: L });
  assert.equal(new Set(folds.flatMap((f) => Array.from(f.test))).size, n);
  const deviation = (fs: { test: Int32Array }[]) => {
    let sum = 0;
    let max = 0;
    for (let l = 0; l < L; l++) {
      let total = 0;
      for (let i = 0; i < n; i++) total += y[i * L + l];
      for (const f of fs) {
        const d = Math.abs(Array.from(f.test).filter((i) => y[i * L + l]).length - total / 5);
        sum += d;
        max = Math.max(max, d);
      }
    }
    return { mean: sum / (L * 5), max };
  };
  // Measured: iterative (order 2) mean 0.91, max 3; a random 5-fold split mean 2.83, max 12.8 on this data.
  const it = deviation(folds);
  const rnd = deviation(kFold(n, 5, new Rng(6)));
  assert.ok(it.mean < 0.5 * rnd.mean, `iterative ${it.mean} vs random ${rnd.mean}`);
  assert.ok(it.max <= 4, `largest deviation ${it.max}`);
  const parts = iterativeSplit(y, [0.8, 0.1, 0.1], new Rng(7), { nLabels: L });
  // Iterative stratification trades exact part sizes for label balance: sizes land near 480/60/60.
  parts.forEach((p, k) => {
    assert.ok(Math.abs(p.length - [480, 60, 60][k]) <= 12, `part ${k}: ${p.length}`);
  });
  assert.equal(
    parts.reduce((s, p) => s + p.length, 0),
    n,
  );
  const a = iterativeKFold(y, 5, new Rng(6), { nLabels: L }).map((f) => Array.from(f.test));
  assert.deepEqual(
    a,
    folds.map((f) => Array.from(f.test)),
  );
  // label lists as input
  const lists = [[0, 1], [1], [0], [2], [0, 2], [1, 2], [0], [1]];
  assert.equal(
    iterativeKFold(lists, 2, new Rng(1)).reduce((s, f) => s + f.test.length, 0),
    8,
  );
});

test("iterative stratification: balanceSizes keeps parts at their fractions; matrix and label lists agree", () => {
  const rng = new Rng(21);
  const n = 500;
  const L = 8;
  const lists = Array.from({ length: n }, () =>
    Array.from({ length: L }, (_, l) => l).filter((l) => rng.next() < 0.05 + 0.1 * (l % 3)),
  );
  const flat = new Uint8Array(n * L);
  lists.forEach((ls, i) => {
    for (const l of ls) flat[i * L + l] = 1;
  });
  const a = iterativeSplit(flat, [0.8, 0.1, 0.1], new Rng(3), { nLabels: L, balanceSizes: true });
  assert.deepEqual(
    a.map((p) => p.length),
    [400, 50, 50],
  );
  const b = iterativeSplit(lists, [0.8, 0.1, 0.1], new Rng(3), { balanceSizes: true });
  assert.deepEqual(
    a.map((p) => Array.from(p)),
    b.map((p) => Array.from(p)),
  );
  assert.throws(() => iterativeSplit(flat, [0.5, 0.5], new Rng(1), { nLabels: 7 }), /nLabels/);
});
