import assert from "node:assert/strict";
import { test } from "node:test";
import { A } from "../../src/decision/games/game.js";
import { SPACE_INVADERS as S } from "../../src/decision/games/space-invaders.js";
import { cell, freshEnv } from "./helpers.js";

function onlyAlien(x: number, y: number) {
  const env = freshEnv("space_invaders");
  const s = env.state;
  s.fill(0, S.ALIENS, S.ALIENS + 100);
  s[S.ALIENS + y * 10 + x] = 1;
  s[S.ALIEN_COUNT] = 1;
  s[S.MOVE_TIMER] = 100;
  s[S.ALIEN_SHOT_TIMER] = 100;
  return env;
}

test("space invaders: a bullet hitting the last alien gives +1 and a wave clear brings a faster new wave", () => {
  const env = onlyAlien(5, 7);
  env.step(A.FIRE); // bullet from row 9 to row 8
  assert.equal(cell(env, 8, 5, 4), 1);
  assert.equal(env.step(A.NOOP), 1); // row 7: hit
  assert.equal(env.state[S.ALIEN_COUNT], 24, "new wave");
  assert.equal(env.state[S.MOVE_INTERVAL], 11, "ramped");
  assert.equal(env.state[S.RAMP_INDEX], 1);
  assert.equal(cell(env, 0, 2, 1), 1);
});

test("space invaders: the block drops and reverses at an edge; an alien in row 9 at a reversal ends the game", () => {
  const env = onlyAlien(0, 4);
  env.state[S.ALIEN_DIR] = -1;
  env.state[S.MOVE_TIMER] = 1;
  env.step(A.NOOP);
  assert.equal(cell(env, 5, 0, 1), 1, "dropped a row");
  assert.equal(env.state[S.ALIEN_DIR], 1);
  const low = onlyAlien(9, 9);
  low.state[S.POS] = 0;
  low.state[S.ALIEN_DIR] = 1;
  low.state[S.MOVE_TIMER] = 1;
  low.step(A.NOOP);
  assert.equal(low.terminal, true);
});

test("space invaders: the alien nearest the cannon shoots every 10 steps and its bullet kills the cannon", () => {
  const env = onlyAlien(5, 6);
  env.state[S.ALIEN_SHOT_TIMER] = 1;
  env.step(A.NOOP);
  assert.equal(cell(env, 6, 5, 5), 1, "bullet starts at the alien");
  assert.equal(env.state[S.ALIEN_SHOT_TIMER], 10);
  env.step(A.NOOP);
  env.step(A.NOOP);
  assert.equal(env.terminal, false);
  env.step(A.NOOP);
  assert.equal(env.terminal, true, "bullet reached the cannon in row 9");
});

test("space invaders: fire has a cooldown of 5 and the cannon stops at the walls", () => {
  const env = onlyAlien(0, 0);
  env.step(A.FIRE);
  for (let t = 0; t < 4; t++) env.step(A.FIRE);
  let bullets = 0;
  for (let i = 0; i < 100; i++) bullets += env.state[S.F_BULLETS + i];
  assert.equal(bullets, 1);
  env.step(A.FIRE);
  bullets = 0;
  for (let i = 0; i < 100; i++) bullets += env.state[S.F_BULLETS + i];
  assert.equal(bullets, 2);
  for (let t = 0; t < 12; t++) env.step(A.RIGHT);
  assert.equal(env.state[S.POS], 9);
});
