import assert from "node:assert/strict";
import { test } from "node:test";
import { A } from "../../src/decision/games/game.js";
import { SEAQUEST as Q } from "../../src/decision/games/seaquest.js";
import { cell, freshEnv } from "./helpers.js";

/** A dived sub at (x, y) with spawns held back. */
function dived(x: number, y: number, divers: number, oxygen: number) {
  const env = freshEnv("seaquest");
  const s = env.state;
  s[Q.SUB_X] = x;
  s[Q.SUB_Y] = y;
  s[Q.SURFACE] = 0;
  s[Q.DIVERS] = divers;
  s[Q.OXYGEN] = oxygen;
  s[Q.E_SPAWN_TIMER] = 1000;
  s[Q.D_SPAWN_TIMER] = 1000;
  return env;
}

function addEnemy(s: Int32Array, x: number, y: number, dir: number, sub: boolean): void {
  const e = Q.EN + s[Q.N_EN]++ * Q.EN_W;
  s[e] = x;
  s[e + 1] = y;
  s[e + 2] = dir;
  s[e + 3] = 100;
  s[e + 4] = 100;
  s[e + 5] = sub ? 1 : 0;
}

test("seaquest: surfacing with a diver refills the oxygen, costs the diver and ramps the difficulty", () => {
  const env = dived(4, 1, 2, 37);
  env.step(A.UP);
  assert.equal(env.terminal, false);
  assert.equal(env.state[Q.OXYGEN], Q.MAX_OXYGEN);
  assert.equal(env.state[Q.DIVERS], 1);
  assert.equal(env.state[Q.E_SPAWN_SPEED], 19);
  assert.equal(env.state[Q.RAMP_INDEX], 1);
  assert.equal(cell(env, 9, 9, 7), 1, "full oxygen gauge");
  assert.equal(cell(env, 9, 9, 8), 1, "one diver in the gauge");
});

test("seaquest: surfacing without a diver ends the episode; six divers pay oxygen*10//200 and reset", () => {
  const none = dived(4, 1, 0, 100);
  none.step(A.UP);
  assert.equal(none.terminal, true);
  const six = dived(4, 1, 6, 150);
  assert.equal(six.step(A.UP), 7); // 150 - 1 (the step below) = 149 -> 149 * 10 // 200 = 7
  assert.equal(six.state[Q.DIVERS], 0, "quirk fixed: not -1");
  assert.equal(six.terminal, false);
});

test("seaquest: oxygen drains one per step below the surface and its end is terminal", () => {
  const env = dived(4, 5, 1, 2);
  env.step(A.NOOP);
  assert.equal(env.state[Q.OXYGEN], 1);
  env.step(A.NOOP);
  assert.equal(env.terminal, false);
  env.step(A.NOOP); // oxygen 0 checked before the decrement
  assert.equal(env.terminal, true);
});

test("seaquest: a bullet kills a fish (+1), touching an enemy is terminal, divers are picked up", () => {
  const env = dived(4, 3, 0, 200);
  env.state[Q.FACING] = 1;
  addEnemy(env.state, 6, 3, -1, false);
  assert.equal(env.step(A.FIRE), 0); // bullet to x=5
  assert.equal(env.step(A.NOOP), 1); // bullet to x=6: hit
  assert.equal(env.state[Q.N_EN], 0);
  const hit = dived(4, 3, 0, 200);
  addEnemy(hit.state, 5, 3, -1, true);
  hit.step(A.RIGHT);
  assert.equal(hit.terminal, true);
  const pick = dived(4, 3, 0, 200);
  const d = Q.DV + pick.state[Q.N_DV]++ * Q.DV_W;
  pick.state.set([5, 3, -1, 100], d);
  pick.step(A.RIGHT);
  assert.equal(pick.state[Q.DIVERS], 1);
  assert.equal(pick.state[Q.N_DV], 0);
});

test("seaquest: firing has a cooldown of 5 steps and does not move the sub", () => {
  const env = dived(0, 3, 0, 200);
  env.state[Q.FACING] = 1;
  env.step(A.FIRE);
  assert.equal(env.state[Q.N_FB], 1);
  assert.equal(env.state[Q.SUB_X], 0);
  for (let t = 0; t < 4; t++) env.step(A.FIRE);
  assert.equal(env.state[Q.N_FB], 1, "still cooling down (the first bullet is still flying)");
  env.step(A.FIRE);
  assert.equal(env.state[Q.N_FB], 2);
});
