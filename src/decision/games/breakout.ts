/**
 * Breakout (MinAtar rules, see specs/minatar-rules.md). A paddle in the bottom row, a ball moving one cell
 * diagonally per step, three rows of bricks that refill when all are gone and the ball reaches the bottom row.
 * No ramping. Channels: 0 paddle, 1 ball, 2 trail (previous ball cell), 3 brick. Minimal actions: no-op, left, right.
 *
 * Reading of the rules: the side wall is handled first (x clamped, horizontal direction flipped), then one of
 * ceiling / brick / everything else. A brick hit (+1) removes the brick, keeps the ball on its previous row and
 * flips the vertical direction; while the `strike` flag is set (from a hit until the ball next enters an empty
 * cell) the ball passes into brick cells without hitting them. The ceiling does not clear the flag.
 */
import type { Rng } from "../../util/rng.js";
import { A, CELLS, type Game, GRID, H_TERMINAL, HEADER } from "./game.js";

const BALL_X = HEADER;
const BALL_Y = HEADER + 1;
const BALL_DIR = HEADER + 2;
const PADDLE = HEADER + 3;
const STRIKE = HEADER + 4;
const LAST_X = HEADER + 5;
const LAST_Y = HEADER + 6;
const BRICK_COUNT = HEADER + 7;
/** 100 words, one per cell (y * 10 + x): 1 where a brick stands. */
const BRICKS = HEADER + 8;
const SIZE = BRICKS + CELLS;

/** Direction -> dx, dy: 0 up-left, 1 up-right, 2 down-right, 3 down-left. */
const DX = [-1, 1, 1, -1];
const DY = [-1, -1, 1, 1];
const FLIP_X = [1, 0, 3, 2];
const FLIP_Y = [3, 2, 1, 0];
const EDGE = [2, 3, 0, 1];

/**
 * Where the ball will reach the paddle row: the ball's own rules replayed (walls, ceiling, bricks and the strike
 * flag; bricks are read, not removed, and a brick already hit in this replay is treated as gone). Planner hint.
 */
export function landingX(s: Int32Array): number {
  let x = s[BALL_X];
  let y = s[BALL_Y];
  let dir = s[BALL_DIR];
  let strike = s[STRIKE];
  let hit1 = -1;
  let hit2 = -1;
  for (let t = 0; t < 64; t++) {
    let nx = x + DX[dir];
    let ny = y + DY[dir];
    if (nx < 0 || nx >= GRID) {
      nx = nx < 0 ? 0 : GRID - 1;
      dir = FLIP_X[dir];
    }
    const cell = ny * GRID + nx;
    if (ny < 0) {
      ny = 0;
      dir = FLIP_Y[dir];
    } else if (s[BRICKS + cell] !== 0 && cell !== hit1 && cell !== hit2) {
      if (strike === 0) {
        strike = 1;
        hit2 = hit1;
        hit1 = cell;
        ny = y;
        dir = FLIP_Y[dir];
      }
    } else {
      strike = 0;
      if (ny === GRID - 1) return nx;
    }
    x = nx;
    y = ny;
  }
  return x;
}

/** State word offsets, for tests and tools that build positions by hand. */
export const BREAKOUT = {
  BALL_X,
  BALL_Y,
  BALL_DIR,
  PADDLE,
  STRIKE,
  LAST_X,
  LAST_Y,
  BRICK_COUNT,
  BRICKS,
} as const;

function fillBricks(s: Int32Array): void {
  for (let i = GRID; i < 4 * GRID; i++) s[BRICKS + i] = 1;
  s[BRICK_COUNT] = 3 * GRID;
}

/** The Breakout game. */
export const breakout: Game = {
  name: "breakout",
  title: "Breakout",
  channels: ["paddle", "ball", "trail", "brick"],
  minimalActions: [A.NOOP, A.LEFT, A.RIGHT],
  stateSize: SIZE,
  colors: [
    [235, 235, 235],
    [255, 200, 40],
    [150, 110, 30],
    [200, 60, 60],
  ],
  glyphs: "=o.#",
  drawOrder: [2, 3, 1, 0],

  reset(s: Int32Array, rng: Rng): void {
    const left = rng.int(2) === 0;
    s[BALL_Y] = 3;
    s[BALL_X] = left ? 0 : 9;
    s[BALL_DIR] = left ? 2 : 3;
    s[PADDLE] = 4;
    s[STRIKE] = 0;
    s[LAST_X] = s[BALL_X];
    s[LAST_Y] = s[BALL_Y];
    fillBricks(s);
  },

  step(s: Int32Array, action: number): number {
    let reward = 0;
    if (action === A.LEFT) {
      if (s[PADDLE] > 0) s[PADDLE]--;
    } else if (action === A.RIGHT) {
      if (s[PADDLE] < GRID - 1) s[PADDLE]++;
    }
    const bx = s[BALL_X];
    const by = s[BALL_Y];
    let dir = s[BALL_DIR];
    let nx = bx + DX[dir];
    let ny = by + DY[dir];
    s[LAST_X] = bx;
    s[LAST_Y] = by;
    if (nx < 0 || nx >= GRID) {
      nx = nx < 0 ? 0 : GRID - 1;
      dir = FLIP_X[dir];
    }
    if (ny < 0) {
      ny = 0;
      dir = FLIP_Y[dir];
    } else if (s[BRICKS + ny * GRID + nx] !== 0) {
      if (s[STRIKE] === 0) {
        reward = 1;
        s[STRIKE] = 1;
        s[BRICKS + ny * GRID + nx] = 0;
        s[BRICK_COUNT]--;
        ny = by;
        dir = FLIP_Y[dir];
      }
    } else {
      s[STRIKE] = 0;
      if (ny === GRID - 1) {
        if (s[BRICK_COUNT] === 0) fillBricks(s);
        const paddle = s[PADDLE];
        if (bx === paddle) {
          dir = FLIP_Y[dir];
          ny = by;
        } else if (nx === paddle) {
          dir = EDGE[dir];
          ny = by;
        } else {
          s[H_TERMINAL] = 1;
        }
      }
    }
    s[BALL_X] = nx;
    s[BALL_Y] = ny;
    s[BALL_DIR] = dir;
    return reward;
  },

  rolloutAction(s: Int32Array, rng: Rng): number {
    if (rng.next() < 0.02) return rng.int(2) === 0 ? A.LEFT : A.RIGHT;
    const target = landingX(s);
    const p = s[PADDLE];
    return target < p ? A.LEFT : target > p ? A.RIGHT : A.NOOP;
  },

  observe(s: Int32Array, out: Uint8Array, o: number): void {
    out[o + ((GRID - 1) * GRID + s[PADDLE]) * 4] = 1;
    out[o + (s[BALL_Y] * GRID + s[BALL_X]) * 4 + 1] = 1;
    out[o + (s[LAST_Y] * GRID + s[LAST_X]) * 4 + 2] = 1;
    for (let i = 0; i < CELLS; i++) if (s[BRICKS + i] !== 0) out[o + i * 4 + 3] = 1;
  },
};
