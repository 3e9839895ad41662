/**
 * Space Invaders (MinAtar rules, see specs/minatar-rules.md). A cannon in the bottom row shoots at a block of 24
 * aliens that marches sideways, drops a row at each edge and speeds up as it thins out; the alien nearest the
 * cannon shoots back every 10 steps. Each alien hit gives +1; a cleared wave is replaced by a new, faster one.
 * Channels: 0 cannon, 1 alien, 2 alien moving left, 3 alien moving right, 4 friendly bullet, 5 enemy bullet.
 * Minimal actions: no-op, left, right, fire.
 *
 * Reading of the rules: timers count down and fire when they reach zero, then restart from their period ("every
 * 10 steps" is every 10 steps); a new friendly bullet starts in the cannon row and an enemy bullet in the cell of
 * the alien that fires (both move on the next bullet update); bullets move before the aliens. The firing column
 * is the one nearest the cannon that holds an alien (ties: left). With the enemy bullet starting one row below
 * the alien, or the shot timer firing below zero (every 11 steps), random-policy returns drop to 2.6-2.8 and
 * episodes to 47-50 steps; this reading gives 2.87 and 50 (reference 2.89 and 51).
 */
import type { Rng } from "../../util/rng.js";
import { A, CELLS, type Game, GRID, H_RAMPING, H_TERMINAL, HEADER } from "./game.js";

const POS = HEADER;
const SHOT_TIMER = HEADER + 1;
const ALIEN_DIR = HEADER + 2;
const MOVE_INTERVAL = HEADER + 3;
const MOVE_TIMER = HEADER + 4;
const ALIEN_SHOT_TIMER = HEADER + 5;
const RAMP_INDEX = HEADER + 6;
const ALIEN_COUNT = HEADER + 7;
/** Three 10x10 maps of one word per cell (y * 10 + x). */
const ALIENS = HEADER + 8;
const F_BULLETS = ALIENS + CELLS;
const E_BULLETS = F_BULLETS + CELLS;
const SIZE = E_BULLETS + CELLS;
const SHOT_COOLDOWN = 5;
const ENEMY_SHOT_INTERVAL = 10;

/** State word offsets, for tests and tools that build positions by hand. */
export const SPACE_INVADERS = {
  POS,
  SHOT_TIMER,
  ALIEN_DIR,
  MOVE_INTERVAL,
  MOVE_TIMER,
  ALIEN_SHOT_TIMER,
  RAMP_INDEX,
  ALIEN_COUNT,
  ALIENS,
  F_BULLETS,
  E_BULLETS,
} as const;

function newWave(s: Int32Array): void {
  s.fill(0, ALIENS, ALIENS + CELLS);
  for (let y = 0; y < 4; y++) for (let x = 2; x < 8; x++) s[ALIENS + y * GRID + x] = 1;
  s[ALIEN_COUNT] = 24;
  s[ALIEN_DIR] = -1;
  s[MOVE_TIMER] = Math.min(s[ALIEN_COUNT], s[MOVE_INTERVAL]);
}

/** Removes friendly bullets that overlap aliens; returns the reward. */
function hits(s: Int32Array): number {
  let reward = 0;
  for (let i = 0; i < CELLS; i++) {
    if (s[F_BULLETS + i] !== 0 && s[ALIENS + i] !== 0) {
      s[F_BULLETS + i] = 0;
      s[ALIENS + i] = 0;
      s[ALIEN_COUNT]--;
      reward++;
    }
  }
  return reward;
}

function moveBullets(s: Int32Array): void {
  // Friendly bullets go up: row y takes row y+1; enemy bullets go down: row y takes row y-1.
  s.copyWithin(F_BULLETS, F_BULLETS + GRID, F_BULLETS + CELLS);
  s.fill(0, F_BULLETS + CELLS - GRID, F_BULLETS + CELLS);
  s.copyWithin(E_BULLETS + GRID, E_BULLETS, E_BULLETS + CELLS - GRID);
  s.fill(0, E_BULLETS, E_BULLETS + GRID);
}

function moveAliens(s: Int32Array): void {
  const dir = s[ALIEN_DIR];
  const edge = dir < 0 ? 0 : GRID - 1;
  let atEdge = false;
  let bottom = false;
  for (let y = 0; y < GRID; y++) {
    if (s[ALIENS + y * GRID + edge] !== 0) atEdge = true;
  }
  for (let x = 0; x < GRID; x++) if (s[ALIENS + (GRID - 1) * GRID + x] !== 0) bottom = true;
  if (atEdge) {
    s[ALIEN_DIR] = -dir;
    if (bottom) {
      s[H_TERMINAL] = 1;
      return;
    }
    s.copyWithin(ALIENS + GRID, ALIENS, ALIENS + CELLS - GRID);
    s.fill(0, ALIENS, ALIENS + GRID);
  } else if (dir < 0) {
    s.copyWithin(ALIENS, ALIENS + 1, ALIENS + CELLS);
    s[ALIENS + CELLS - 1] = 0;
  } else {
    s.copyWithin(ALIENS + 1, ALIENS, ALIENS + CELLS - 1);
    s[ALIENS] = 0;
  }
  // A row shift spills cells across row ends; clear the column the block left behind.
  if (!atEdge) {
    const empty = dir < 0 ? GRID - 1 : 0;
    for (let y = 0; y < GRID; y++) s[ALIENS + y * GRID + empty] = 0;
  }
}

function fireFrom(s: Int32Array, x: number): boolean {
  if (x < 0 || x >= GRID) return false;
  for (let y = GRID - 1; y >= 0; y--) {
    if (s[ALIENS + y * GRID + x] !== 0) {
      s[E_BULLETS + y * GRID + x] = 1;
      return true;
    }
  }
  return false;
}

function alienShoot(s: Int32Array): void {
  const pos = s[POS];
  if (fireFrom(s, pos)) return;
  for (let d = 1; d < GRID; d++) if (fireFrom(s, pos - d) || fireFrom(s, pos + d)) return;
}

/** The Space Invaders game. */
export const spaceInvaders: Game = {
  name: "space_invaders",
  title: "SpaceInvaders",
  channels: ["cannon", "alien", "alien_left", "alien_right", "friendly_bullet", "enemy_bullet"],
  minimalActions: [A.NOOP, A.LEFT, A.RIGHT, A.FIRE],
  stateSize: SIZE,
  colors: [
    [90, 200, 90],
    [200, 120, 255],
    [150, 90, 210],
    [150, 90, 210],
    [255, 255, 120],
    [255, 90, 60],
  ],
  glyphs: "^A<>|!",
  drawOrder: [2, 3, 1, 4, 5, 0],

  reset(s: Int32Array): void {
    s[POS] = 5;
    s[SHOT_TIMER] = 0;
    s[MOVE_INTERVAL] = 12;
    s[ALIEN_SHOT_TIMER] = ENEMY_SHOT_INTERVAL;
    s[RAMP_INDEX] = 0;
    newWave(s);
  },

  step(s: Int32Array, action: number, _rng: Rng): number {
    if (action === A.FIRE) {
      if (s[SHOT_TIMER] === 0) {
        s[F_BULLETS + (GRID - 1) * GRID + s[POS]] = 1;
        s[SHOT_TIMER] = SHOT_COOLDOWN;
      }
    } else if (action === A.LEFT) {
      if (s[POS] > 0) s[POS]--;
    } else if (action === A.RIGHT) {
      if (s[POS] < GRID - 1) s[POS]++;
    }
    moveBullets(s);
    let reward = hits(s);
    const cannon = (GRID - 1) * GRID + s[POS];
    if (s[E_BULLETS + cannon] !== 0) s[H_TERMINAL] = 1;
    if (--s[ALIEN_SHOT_TIMER] <= 0) {
      alienShoot(s);
      s[ALIEN_SHOT_TIMER] = ENEMY_SHOT_INTERVAL;
    }
    if (--s[MOVE_TIMER] <= 0) {
      moveAliens(s);
      s[MOVE_TIMER] = Math.min(s[ALIEN_COUNT], s[MOVE_INTERVAL]);
      reward += hits(s);
    }
    if (s[ALIENS + cannon] !== 0) s[H_TERMINAL] = 1;
    if (s[SHOT_TIMER] > 0) s[SHOT_TIMER]--;
    if (s[ALIEN_COUNT] === 0) {
      if (s[H_RAMPING] !== 0) {
        if (s[MOVE_INTERVAL] > 6) s[MOVE_INTERVAL]--;
        s[RAMP_INDEX]++;
      }
      newWave(s);
    }
    return reward;
  },

  observe(s: Int32Array, out: Uint8Array, o: number): void {
    out[o + ((GRID - 1) * GRID + s[POS]) * 6] = 1;
    const trail = s[ALIEN_DIR] < 0 ? 2 : 3;
    for (let i = 0; i < CELLS; i++) {
      const b = o + i * 6;
      if (s[ALIENS + i] !== 0) {
        out[b + 1] = 1;
        out[b + trail] = 1;
      }
      if (s[F_BULLETS + i] !== 0) out[b + 4] = 1;
      if (s[E_BULLETS + i] !== 0) out[b + 5] = 1;
    }
  },
};
