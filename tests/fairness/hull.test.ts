import assert from "node:assert/strict";
import { test } from "node:test";
import { curveFromLabelledScores, pointForThreshold, thresholdAt } from "../../src/fairness/curve.js";
import { lowerEnvelope } from "../../src/fairness/envelope.js";
import { evaluateSorted, locateOnHull, upperHull } from "../../src/fairness/hull.js";

test("upper hull keeps the points fairlearn's hull test keeps", () => {
  // fairlearn test_curve_utilities: x = [0, .2, .3, .5, 1], y = [0, .3, .8, .82, 1] keeps points 0, 2, 4.
  const h = upperHull([0, 0.2, 0.3, 0.5, 1], [0, 0.3, 0.8, 0.82, 1]);
  assert.deepEqual(Array.from(h.idx), [0, 2, 4]);
});

test("upper hull drops collinear middle points and keeps the highest of equal x", () => {
  const h = upperHull([0, 0.5, 1], [0, 0.5, 1]);
  assert.deepEqual(Array.from(h.idx), [0, 2]);
  const v = upperHull([0, 0, 0.5, 0.5, 1], [0, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(Array.from(v.idx), [1, 3, 4]);
});

test("locating on a hull interpolates linearly and is exact at vertices", () => {
  const h = upperHull([0, 0.25, 1], [0, 0.75, 1]);
  const at = locateOnHull(h, 0.25);
  assert.equal(at.lo, at.hi);
  assert.equal(at.y, 0.75);
  const mid = locateOnHull(h, 0.625);
  assert.equal(mid.lo, 1);
  assert.equal(mid.hi, 2);
  assert.ok(Math.abs(mid.w - 0.5) < 1e-15);
  assert.ok(Math.abs(mid.y - 0.875) < 1e-15);
  assert.deepEqual(Array.from(evaluateSorted(h, [0, 0.125, 0.25, 0.625, 1])), [0, 0.375, 0.75, 0.875, 1]);
});

test("lower envelope of two hulls includes their crossing", () => {
  // y = min(hull through (0,0),(0.2,0.6),(1,1); hull through (0,0),(0.6,0.9),(1,1)).
  const a = upperHull([0, 0.2, 1], [0, 0.6, 1]);
  const b = upperHull([0, 0.6, 1], [0, 0.9, 1]);
  const env = lowerEnvelope([a, b]);
  // Crossing: a = 0.6 + 0.5 (x - 0.2), b = 1.5 x  =>  x = 0.5, y = 0.75.
  const i = Array.from(env.x).findIndex((x) => Math.abs(x - 0.5) < 1e-12);
  assert.ok(i > 0, `crossing missing: ${Array.from(env.x)}`);
  assert.ok(Math.abs(env.y[i] - 0.75) < 1e-12);
  for (let q = 0; q < env.x.length; q++) {
    const x = env.x[q];
    const expect = Math.min(locateOnHull(a, x).y, locateOnHull(b, x).y);
    assert.ok(Math.abs(env.y[q] - expect) < 1e-12);
  }
});

test("a curve from labelled scores counts ties and places thresholds at midpoints", () => {
  const c = curveFromLabelledScores("g", Float64Array.from([3, 1, 1]), Float64Array.from([2, 1, 0]));
  assert.deepEqual(Array.from(c.scores), [3, 2, 1, 0]);
  assert.deepEqual(Array.from(c.pos), [1, 0, 2, 0]);
  assert.deepEqual(Array.from(c.neg), [0, 1, 1, 1]);
  assert.deepEqual(Array.from(c.cumPos), [0, 1, 1, 3, 3]);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((k) => thresholdAt(c, k)),
    [Infinity, 2.5, 1.5, 0.5, -Infinity],
  );
  for (let k = 0; k <= 4; k++) assert.equal(pointForThreshold(c, thresholdAt(c, k)), k);
  // Adjacent doubles: the threshold still separates them.
  const eps = curveFromLabelledScores("e", Float64Array.from([1 + Number.EPSILON]), Float64Array.from([1]));
  const t = thresholdAt(eps, 1);
  assert.ok(1 + Number.EPSILON > t && !(1 > t));
});
