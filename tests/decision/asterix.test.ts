import assert from "node:assert/strict";
import { test } from "node:test";
import { ASTERIX as X } from "../../src/decision/games/asterix.js";
import { A } from "../../src/decision/games/game.js";
import { cell, freshEnv } from "./helpers.js";

function withEntity(row: number, x: number, right: boolean, gold: boolean) {
  const env = freshEnv("asterix");
  const slot = X.SLOTS + (row - 1) * X.SLOT_WORDS;
  env.state[slot] = 1;
  env.state[slot + 1] = x;
  env.state[slot + 2] = right ? 1 : 0;
  env.state[slot + 3] = gold ? 1 : 0;
  env.state[X.SPAWN_TIMER] = 100; // keep spawns out of the way
  return { env, slot };
}

test("asterix: walking onto gold gives +1 and removes it; walking onto an enemy ends the episode", () => {
  const { env, slot } = withEntity(5, 6, false, true);
  assert.equal(cell(env, 5, 6, 3), 1);
  assert.equal(env.step(A.RIGHT), 1);
  assert.equal(env.state[slot], 0);
  const e = withEntity(4, 5, true, false).env;
  e.step(A.UP);
  assert.equal(e.terminal, true);
});

test("asterix: entities move one cell when the move timer fires and leave the screen at the edge", () => {
  const { env, slot } = withEntity(2, 9, true, false);
  env.state[X.MOVE_TIMER] = 1;
  env.step(A.NOOP);
  assert.equal(env.state[slot], 0, "left the screen");
  const b = withEntity(2, 3, true, false);
  b.env.state[X.MOVE_TIMER] = 2;
  b.env.step(A.NOOP);
  assert.equal(b.env.state[b.slot + 1], 3, "not yet due");
  b.env.step(A.NOOP);
  assert.equal(b.env.state[b.slot + 1], 4);
  assert.equal(cell(b.env, 2, 3, 2), 1, "trail behind a right-moving entity");
});

test("asterix: an entity moving into the player is caught by the after-move check", () => {
  const { env } = withEntity(5, 6, false, false);
  env.state[X.MOVE_TIMER] = 1;
  env.step(A.NOOP);
  assert.equal(env.terminal, true);
});

test("asterix: the spawn timer fills a free slot at an edge, and ramping speeds things up", () => {
  const env = freshEnv("asterix", 3);
  env.state[X.MOVE_TIMER] = 100;
  for (let t = 0; t < 9; t++) env.step(A.NOOP);
  for (let i = 0; i < 8; i++)
    assert.equal(env.state[X.SLOTS + i * X.SLOT_WORDS], 0, "nothing before step 10");
  env.step(A.NOOP);
  let active = 0;
  for (let i = 0; i < 8; i++) {
    const slot = X.SLOTS + i * X.SLOT_WORDS;
    if (env.state[slot]) {
      active++;
      assert.ok(env.state[slot + 1] === 0 || env.state[slot + 1] === 9);
    }
  }
  assert.equal(active, 1, "one spawn after 10 steps");
  const r = freshEnv("asterix");
  r.state[X.RAMP_TIMER] = 0;
  r.state[X.RAMP_INDEX] = 1;
  r.state[X.SPAWN_TIMER] = 100;
  r.step(A.NOOP); // timer goes below zero
  r.step(A.NOOP); // ramps
  assert.equal(r.state[X.SPAWN_SPEED], 9);
  assert.equal(r.state[X.MOVE_SPEED], 4, "move speed drops on odd ramp index");
  assert.equal(r.state[X.RAMP_TIMER], 100);
});
