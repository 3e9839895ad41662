import assert from "node:assert/strict";
import { test } from "node:test";
import { FREEWAY as F } from "../../src/decision/games/freeway.js";
import { A } from "../../src/decision/games/game.js";
import { cell, freshEnv } from "./helpers.js";

/** Parks every car at x = 9 with speed 5 (far from the chicken's column 4). */
function clearRoad(s: Int32Array): void {
  for (let i = 0; i < 8; i++) {
    s[F.CARS + i * F.CAR_WORDS] = 9;
    s[F.CARS + i * F.CAR_WORDS + 1] = 5;
    s[F.CARS + i * F.CAR_WORDS + 2] = 5;
  }
}

test("freeway: a chicken crossing gives +1, puts the chicken back at the bottom and re-draws the car speeds", () => {
  const env = freshEnv("freeway");
  clearRoad(env.state);
  env.state[F.PY] = 1;
  assert.equal(env.step(A.UP), 1);
  assert.equal(env.state[F.PY], 9);
  const speeds = Array.from({ length: 8 }, (_, i) => env.state[F.CARS + i * F.CAR_WORDS + 1]);
  assert.ok(
    speeds.some((v) => v !== 5),
    "speeds re-randomised",
  );
  assert.ok(speeds.every((v) => v !== 0 && Math.abs(v) <= 5));
});

test("freeway: the chicken moves at most every third step", () => {
  const env = freshEnv("freeway");
  clearRoad(env.state);
  const ys: number[] = [];
  for (let t = 0; t < 7; t++) {
    env.step(A.UP);
    ys.push(env.state[F.PY]);
  }
  assert.deepEqual(ys, [8, 8, 8, 7, 7, 7, 6]);
});

test("freeway: a car on the chicken's cell (before or after the cars move) sends it back to row 9", () => {
  const env = freshEnv("freeway");
  clearRoad(env.state);
  env.state[F.PY] = 6;
  const car = F.CARS + 4 * F.CAR_WORDS; // row 5
  env.state[car] = 4;
  env.step(A.UP); // steps onto the car
  assert.equal(env.state[F.PY], 9);
  assert.equal(cell(env, 9, 4, 0), 1);
  const b = freshEnv("freeway");
  clearRoad(b.state);
  b.state[F.PY] = 5;
  b.state[car] = 3;
  b.state[car + 1] = 1;
  b.state[car + 2] = 0; // due: timers fire when they go below zero
  b.step(A.NOOP); // the car drives into the chicken
  assert.equal(b.state[F.PY], 9);
});

test("freeway: cars wrap around, leave a speed-coded trail, and episodes last 2,501 steps", () => {
  const env = freshEnv("freeway");
  clearRoad(env.state);
  const car = F.CARS; // row 1
  env.state[car] = 9;
  env.state[car + 1] = -2;
  env.state[car + 2] = 0;
  env.step(A.NOOP);
  assert.equal(env.state[car], 8);
  env.state[car] = 9;
  env.state[car + 1] = 3;
  env.state[car + 2] = 0;
  env.step(A.NOOP);
  assert.equal(env.state[car], 0, "wrapped");
  assert.equal(cell(env, 1, 9, 2 + 3 - 1), 1, "trail in the speed-3 channel, behind the car across the edge");
  const full = freshEnv("freeway", 5);
  let n = 0;
  while (!full.terminal) {
    full.step(A.NOOP);
    n++;
  }
  assert.equal(n, 2501);
});
