import assert from "node:assert/strict";
import { test } from "node:test";
import { BREAKOUT as B } from "../../src/decision/games/breakout.js";
import { A } from "../../src/decision/games/game.js";
import { cell, freshEnv } from "./helpers.js";

function place(x: number, y: number, dir: number, paddle: number) {
  const env = freshEnv("breakout");
  const s = env.state;
  s[B.BALL_X] = x;
  s[B.BALL_Y] = y;
  s[B.BALL_DIR] = dir;
  s[B.PADDLE] = paddle;
  return env;
}

test("breakout: a brick hit gives +1, removes the brick, keeps the ball's row and flips it downwards", () => {
  const env = place(4, 4, 1, 0); // up-right from (4,4) into the brick at (5,3)
  assert.equal(cell(env, 3, 5, 3), 1);
  assert.equal(env.step(A.NOOP), 1);
  assert.equal(cell(env, 3, 5, 3), 0);
  assert.equal(env.state[B.BALL_X], 5);
  assert.equal(env.state[B.BALL_Y], 4);
  assert.equal(env.state[B.BALL_DIR], 2); // down-right
  assert.equal(env.state[B.BRICK_COUNT], 29);
  assert.equal(cell(env, 4, 4, 2), 1, "trail at the previous ball cell");
});

test("breakout: the paddle returns the ball (old x or new x) and a miss ends the episode", () => {
  const straight = place(3, 8, 2, 3); // old x equals the paddle: vertical flip, x keeps going
  straight.step(A.NOOP);
  assert.equal(straight.terminal, false);
  assert.deepEqual(
    [straight.state[B.BALL_X], straight.state[B.BALL_Y], straight.state[B.BALL_DIR]],
    [4, 8, 1],
  );
  const edge = place(3, 8, 2, 4); // new x equals the paddle: both directions flip
  edge.step(A.NOOP);
  assert.equal(edge.terminal, false);
  assert.equal(edge.state[B.BALL_DIR], 0);
  const miss = place(3, 8, 2, 7);
  miss.step(A.NOOP);
  assert.equal(miss.terminal, true);
  assert.equal(miss.step(A.LEFT), 0, "a step after the end returns 0");
});

test("breakout: the paddle moves with left/right and stops at the walls; walls and ceiling reflect the ball", () => {
  const env = place(9, 5, 1, 0);
  env.step(A.LEFT);
  assert.equal(env.state[B.PADDLE], 0);
  assert.equal(env.state[B.BALL_X], 9, "clamped at the right wall");
  assert.equal(env.state[B.BALL_DIR], 0, "now moving up-left");
  const top = place(5, 0, 0, 4);
  for (let i = 10; i < 40; i++) top.state[B.BRICKS + i] = 0;
  top.state[B.BRICK_COUNT] = 0;
  top.step(A.RIGHT);
  assert.equal(top.state[B.PADDLE], 5);
  assert.equal(top.state[B.BALL_Y], 0);
  assert.equal(top.state[B.BALL_DIR], 3, "the ceiling turns up-left into down-left");
});

test("breakout: with every brick gone the rows refill when the ball reaches the paddle row", () => {
  const env = place(3, 8, 2, 3);
  for (let i = 10; i < 40; i++) env.state[B.BRICKS + i] = 0;
  env.state[B.BRICK_COUNT] = 0;
  env.step(A.NOOP);
  assert.equal(env.state[B.BRICK_COUNT], 30);
  assert.equal(cell(env, 1, 0, 3), 1);
});
