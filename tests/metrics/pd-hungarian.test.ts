import assert from "node:assert/strict";
import { test } from "node:test";
import {
  absolutePD,
  hungarian,
  matchedAccuracy,
  multiclassPD,
  pairwisePD,
  relativePD,
  top1Disagreement,
  trueLabelPD,
} from "../../src/metrics/index.js";
import { InputError } from "../../src/util/errors.js";

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("prediction difference on hand-made inputs (fact sheet anchor)", () => {
  near(absolutePD([0.1, 0.5], [0.2, 0.5]), 0.05);
  near(relativePD([0.1, 0.5], [0.2, 0.5]), 0.1 / 0.15 / 2);
  near(relativePD([0, 0.5], [0, 0.5]), 0); // both zero: term 0
  near(multiclassPD([1, 0, 0.5, 0.5], [0, 1, 0.5, 0.5], 2), 0.5);
  near(top1Disagreement([0.9, 0.1, 0.4, 0.6], [0.2, 0.8, 0.3, 0.7], 2), 0.5);
  near(trueLabelPD([0.9, 0.1, 0.4, 0.6], [0.2, 0.8, 0.3, 0.7], [0, 1], 2), (0.7 + 0.1) / 2);
  const runs = [[0.1], [0.2], [0.4]];
  const r = pairwisePD(runs, absolutePD);
  assert.equal(r.pairs, 3);
  near(r.mean, (0.1 + 0.3 + 0.2) / 3);
  assert.throws(() => pairwisePD([[0.1]], absolutePD), InputError);
  assert.throws(() => absolutePD([0.1], [0.1, 0.2]), /1 and 2/);
});

test("Hungarian assignment: square, rectangular both ways, against brute force", () => {
  assert.deepEqual(
    Array.from(
      hungarian(
        [
          [4, 1, 3],
          [2, 0, 5],
          [3, 2, 2],
        ],
        3,
        3,
      ).rowToCol,
    ),
    [1, 0, 2],
  );
  assert.equal(
    hungarian(
      [
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ],
      3,
      3,
    ).cost,
    5,
  );
  const wide = hungarian(
    [
      [1, 2, 0],
      [0, 5, 5],
    ],
    2,
    3,
  );
  assert.deepEqual(Array.from(wide.rowToCol), [2, 0]);
  const tall = hungarian(
    [
      [1, 0],
      [5, 2],
      [0, 9],
    ],
    3,
    2,
  );
  assert.deepEqual(Array.from(tall.rowToCol), [1, -1, 0]);
  assert.equal(tall.cost, 0);
  // brute force on 5x5 random costs
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const c = Array.from({ length: 25 }, () => Math.floor(rnd() * 100));
  const perms = (a: number[]): number[][] =>
    a.length <= 1
      ? [a]
      : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p]));
  const best = Math.min(
    ...perms([0, 1, 2, 3, 4]).map((p) => p.reduce((s, col, row) => s + c[row * 5 + col], 0)),
  );
  assert.equal(hungarian(c, 5, 5).cost, best);
});

test("matched sequence accuracy (UIS-RNN evaluation anchors)", () => {
  near(matchedAccuracy([0, 0, 1, 2, 2], [3, 3, 4, 4, 1]), 0.8);
  near(matchedAccuracy([0, 0, 1, 2, 2], [3, 3, 4, 1, 1]), 1.0);
  near(matchedAccuracy([1, 1], [1, 2]), 0.5);
  near(matchedAccuracy([1, 2], [1, 1]), 0.5); // symmetric
  near(matchedAccuracy(["a", "a", "b"], ["x", "y", "y"]), 2 / 3);
  assert.throws(() => matchedAccuracy([1, 2], [1]), InputError);
  assert.throws(() => matchedAccuracy([], []), InputError);
});
