/**
 * Asterix (MinAtar rules, see specs/minatar-rules.md). The player moves in rows 1..8; enemies and gold enter from
 * the sides, one slot per row, and cross the screen. Gold gives +1; touching an enemy ends the episode.
 * Channels: 0 player, 1 enemy, 2 trail, 3 gold. Minimal actions: no-op, left, up, right, down.
 *
 * The spawn and move timers count down by one per step and fire when they reach zero, then restart from their
 * period, so an event "every n steps" fires every n steps; the ramp timer fires when it goes below zero (as the
 * spec states). With the spawn timer firing below zero instead (every 11 steps), random-policy episodes last
 * 74 steps against the reference 69; this reading gives 69. Order of a step: player move, spawn, collisions,
 * entity move (when due), collisions, ramp.
 */
import type { Rng } from "../../util/rng.js";
import { A, type Game, GRID, H_RAMPING, H_TERMINAL, HEADER } from "./game.js";

const PX = HEADER;
const PY = HEADER + 1;
const SPAWN_SPEED = HEADER + 2;
const SPAWN_TIMER = HEADER + 3;
const MOVE_SPEED = HEADER + 4;
const MOVE_TIMER = HEADER + 5;
const RAMP_TIMER = HEADER + 6;
const RAMP_INDEX = HEADER + 7;
/** 8 slots (rows 1..8) of 4 words: active, x, moving right (1/0), gold (1/0). */
const SLOTS = HEADER + 8;
const SLOT_WORDS = 4;
const NSLOTS = 8;
const SIZE = SLOTS + NSLOTS * SLOT_WORDS;

/** State word offsets, for tests and tools that build positions by hand. */
export const ASTERIX = {
  PX,
  PY,
  SPAWN_SPEED,
  SPAWN_TIMER,
  MOVE_SPEED,
  MOVE_TIMER,
  RAMP_TIMER,
  RAMP_INDEX,
  SLOTS,
  SLOT_WORDS,
} as const;

/** Checks the player against every entity: gold is collected (+1), an enemy ends the episode. */
function collide(s: Int32Array): number {
  let reward = 0;
  const px = s[PX];
  const slot = SLOTS + (s[PY] - 1) * SLOT_WORDS;
  if (s[slot] !== 0 && s[slot + 1] === px) {
    if (s[slot + 3] !== 0) {
      reward = 1;
      s[slot] = 0;
    } else {
      s[H_TERMINAL] = 1;
    }
  }
  return reward;
}

function spawn(s: Int32Array, rng: Rng): void {
  let free = 0;
  for (let i = 0; i < NSLOTS; i++) if (s[SLOTS + i * SLOT_WORDS] === 0) free++;
  if (free === 0) return;
  let k = rng.int(free);
  const right = rng.int(2) === 0;
  const gold = rng.int(3) === 0;
  for (let i = 0; i < NSLOTS; i++) {
    const slot = SLOTS + i * SLOT_WORDS;
    if (s[slot] !== 0) continue;
    if (k-- === 0) {
      s[slot] = 1;
      s[slot + 1] = right ? 0 : GRID - 1;
      s[slot + 2] = right ? 1 : 0;
      s[slot + 3] = gold ? 1 : 0;
      return;
    }
  }
}

const MOVES_X = [0, -1, 0, 1, 0];
const MOVES_Y = [0, 0, -1, 0, 1];

/** True if an enemy is on (x, y) or one cell before it in its direction of travel. */
function danger(s: Int32Array, x: number, y: number): boolean {
  const slot = SLOTS + (y - 1) * SLOT_WORDS;
  if (s[slot] === 0 || s[slot + 3] !== 0) return false;
  const ex = s[slot + 1];
  return ex === x || ex + (s[slot + 2] !== 0 ? 1 : -1) === x;
}

/** The Asterix game. */
export const asterix: Game = {
  name: "asterix",
  title: "Asterix",
  channels: ["player", "enemy", "trail", "gold"],
  minimalActions: [A.NOOP, A.LEFT, A.UP, A.RIGHT, A.DOWN],
  stateSize: SIZE,
  colors: [
    [80, 160, 255],
    [230, 60, 60],
    [110, 60, 60],
    [255, 210, 40],
  ],
  glyphs: "@x.$",
  drawOrder: [2, 1, 3, 0],

  reset(s: Int32Array): void {
    s[PX] = 5;
    s[PY] = 5;
    s[SPAWN_SPEED] = 10;
    s[SPAWN_TIMER] = 10;
    s[MOVE_SPEED] = 5;
    s[MOVE_TIMER] = 5;
    s[RAMP_TIMER] = 100;
    s[RAMP_INDEX] = 0;
  },

  step(s: Int32Array, action: number, rng: Rng): number {
    if (action === A.LEFT) s[PX] = Math.max(0, s[PX] - 1);
    else if (action === A.RIGHT) s[PX] = Math.min(GRID - 1, s[PX] + 1);
    else if (action === A.UP) s[PY] = Math.max(1, s[PY] - 1);
    else if (action === A.DOWN) s[PY] = Math.min(8, s[PY] + 1);

    if (--s[SPAWN_TIMER] <= 0) {
      spawn(s, rng);
      s[SPAWN_TIMER] = s[SPAWN_SPEED];
    }
    let reward = collide(s);
    if (s[H_TERMINAL] !== 0) return reward;

    if (--s[MOVE_TIMER] <= 0) {
      s[MOVE_TIMER] = s[MOVE_SPEED];
      for (let i = 0; i < NSLOTS; i++) {
        const slot = SLOTS + i * SLOT_WORDS;
        if (s[slot] === 0) continue;
        const x = s[slot + 1] + (s[slot + 2] !== 0 ? 1 : -1);
        if (x < 0 || x >= GRID) s[slot] = 0;
        else s[slot + 1] = x;
      }
      reward += collide(s);
      if (s[H_TERMINAL] !== 0) return reward;
    }

    if (s[H_RAMPING] !== 0 && (s[SPAWN_SPEED] > 1 || s[MOVE_SPEED] > 1)) {
      if (s[RAMP_TIMER] >= 0) s[RAMP_TIMER]--;
      else {
        if (s[SPAWN_SPEED] > 1) s[SPAWN_SPEED]--;
        if (s[MOVE_SPEED] > 1 && s[RAMP_INDEX] % 2 === 1) s[MOVE_SPEED]--;
        s[RAMP_INDEX]++;
        s[RAMP_TIMER] = 100;
      }
    }
    return reward;
  },

  rolloutAction(s: Int32Array, rng: Rng): number {
    // Uniform over the moves that do not step onto an enemy or into its path (no-op when none is safe).
    let safe = 0;
    let pick = 0;
    for (let a = 0; a < 5; a++) {
      const x = Math.min(GRID - 1, Math.max(0, s[PX] + MOVES_X[a]));
      const y = Math.min(8, Math.max(1, s[PY] + MOVES_Y[a]));
      if (!danger(s, x, y) && rng.int(++safe) === 0) pick = a;
    }
    return pick;
  },

  observe(s: Int32Array, out: Uint8Array, o: number): void {
    out[o + (s[PY] * GRID + s[PX]) * 4] = 1;
    for (let i = 0; i < NSLOTS; i++) {
      const slot = SLOTS + i * SLOT_WORDS;
      if (s[slot] === 0) continue;
      const y = i + 1;
      const x = s[slot + 1];
      out[o + (y * GRID + x) * 4 + (s[slot + 3] !== 0 ? 3 : 1)] = 1;
      const tx = s[slot + 2] !== 0 ? x - 1 : x + 1;
      if (tx >= 0 && tx < GRID) out[o + (y * GRID + tx) * 4 + 2] = 1;
    }
  },
};
