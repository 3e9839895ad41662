/**
 * Seaquest (MinAtar rules, see specs/minatar-rules.md). A submarine shoots fish and enemy subs (+1 each), picks
 * up divers and must surface before its oxygen runs out; surfacing with no diver ends the episode, with six
 * divers it pays a bonus of oxygen * 10 // 200. Every surfacing refills oxygen and ramps the difficulty.
 * Channels: 0 sub front, 1 sub back, 2 friendly bullet, 3 trail, 4 enemy bullet, 5 enemy fish, 6 enemy sub,
 * 7 oxygen gauge, 8 diver gauge, 9 diver. All six actions matter.
 *
 * Reading of the rules: timers count down and fire when they go below zero, then restart from their period.
 * Order of a step: action, friendly bullets, enemy bullets, enemies (move, shoot), divers, spawns, oxygen and
 * surfacing; collisions are checked after each thing that moves. Only the front cell of the sub collides.
 * Quirk fixed: after a six-diver surfacing the diver count is 0 (the original leaves it at -1, which would make
 * the next one-diver surfacing fatal).
 */
import type { Rng } from "../../util/rng.js";
import { A, type Game, GRID, H_RAMPING, H_TERMINAL, HEADER } from "./game.js";

const SUB_X = HEADER;
const SUB_Y = HEADER + 1;
const FACING = HEADER + 2; // +1 right, -1 left
const OXYGEN = HEADER + 3;
const DIVERS = HEADER + 4;
const SHOT_TIMER = HEADER + 5;
const SURFACE = HEADER + 6;
const E_SPAWN_SPEED = HEADER + 7;
const E_SPAWN_TIMER = HEADER + 8;
const D_SPAWN_TIMER = HEADER + 9;
const MOVE_SPEED = HEADER + 10;
const RAMP_INDEX = HEADER + 11;
const N_FB = HEADER + 12;
const N_EB = HEADER + 13;
const N_EN = HEADER + 14;
const N_DV = HEADER + 15;
/** Friendly bullets: x, y, dir. */
const FB = HEADER + 16;
const FB_W = 3;
const FB_CAP = 8;
/** Enemy bullets: x, y, dir. */
const EB = FB + FB_W * FB_CAP;
const EB_W = 3;
const EB_CAP = 32;
/** Enemies: x, y, dir, move timer, shot timer, is sub. */
const EN = EB + EB_W * EB_CAP;
const EN_W = 6;
const EN_CAP = 48;
/** Divers: x, y, dir, move timer. */
const DV = EN + EN_W * EN_CAP;
const DV_W = 4;
const DV_CAP = 16;
const SIZE = DV + DV_W * DV_CAP;

const MAX_OXYGEN = 200;
const SHOT_COOLDOWN = 5;
const ENEMY_SHOT_INTERVAL = 10;
const DIVER_SPAWN_INTERVAL = 30;
const DIVER_MOVE_INTERVAL = 5;
/** Oxygen (steps) to keep in hand beyond the climb to the surface; planner hint. */
const OXYGEN_MARGIN = 16;

/** State word offsets, for tests and tools that build positions by hand. */
export const SEAQUEST = {
  SUB_X,
  SUB_Y,
  FACING,
  OXYGEN,
  DIVERS,
  SHOT_TIMER,
  SURFACE,
  E_SPAWN_SPEED,
  E_SPAWN_TIMER,
  D_SPAWN_TIMER,
  MOVE_SPEED,
  RAMP_INDEX,
  N_FB,
  N_EB,
  N_EN,
  N_DV,
  FB,
  EB,
  EN,
  EN_W,
  DV,
  DV_W,
  MAX_OXYGEN,
} as const;

/** Removes entry i of a list (count word, base, width) by moving the last entry into its place. */
function removeAt(s: Int32Array, countWord: number, base: number, width: number, i: number): void {
  const last = --s[countWord];
  if (i !== last) s.copyWithin(base + i * width, base + last * width, base + last * width + width);
}

/** Index of an enemy at (x, y), or -1. */
function enemyAt(s: Int32Array, x: number, y: number): number {
  for (let i = 0, n = s[N_EN]; i < n; i++) {
    const e = EN + i * EN_W;
    if (s[e] === x && s[e + 1] === y) return i;
  }
  return -1;
}

/** Friendly bullets that overlap an enemy destroy it: +1 each. */
function bulletHits(s: Int32Array): number {
  let reward = 0;
  for (let i = s[N_FB] - 1; i >= 0; i--) {
    const b = FB + i * FB_W;
    const k = enemyAt(s, s[b], s[b + 1]);
    if (k >= 0) {
      removeAt(s, N_EN, EN, EN_W, k);
      removeAt(s, N_FB, FB, FB_W, i);
      reward++;
    }
  }
  return reward;
}

/** Terminal if an enemy or an enemy bullet is on the sub's cell. */
function subHit(s: Int32Array): void {
  const x = s[SUB_X];
  const y = s[SUB_Y];
  if (enemyAt(s, x, y) >= 0) s[H_TERMINAL] = 1;
  for (let i = 0, n = s[N_EB]; i < n; i++) {
    const b = EB + i * EB_W;
    if (s[b] === x && s[b + 1] === y) s[H_TERMINAL] = 1;
  }
}

function pickDivers(s: Int32Array): void {
  for (let i = s[N_DV] - 1; i >= 0; i--) {
    const d = DV + i * DV_W;
    if (s[d] === s[SUB_X] && s[d + 1] === s[SUB_Y] && s[DIVERS] < 6) {
      s[DIVERS]++;
      removeAt(s, N_DV, DV, DV_W, i);
    }
  }
}

function spawnEnemy(s: Int32Array, rng: Rng): void {
  const y = rng.int(8) + 1;
  const dir = rng.int(2) === 0 ? 1 : -1;
  const sub = rng.int(3) === 0;
  if (s[N_EN] >= EN_CAP) return;
  for (let i = 0, n = s[N_EN]; i < n; i++) {
    const e = EN + i * EN_W;
    if (s[e + 1] === y && s[e + 2] !== dir) return;
  }
  const e = EN + s[N_EN]++ * EN_W;
  s[e] = dir > 0 ? 0 : GRID - 1;
  s[e + 1] = y;
  s[e + 2] = dir;
  s[e + 3] = s[MOVE_SPEED];
  s[e + 4] = ENEMY_SHOT_INTERVAL;
  s[e + 5] = sub ? 1 : 0;
}

function spawnDiver(s: Int32Array, rng: Rng): void {
  const y = rng.int(8) + 1;
  const dir = rng.int(2) === 0 ? 1 : -1;
  if (s[N_DV] >= DV_CAP) return;
  const d = DV + s[N_DV]++ * DV_W;
  s[d] = dir > 0 ? 0 : GRID - 1;
  s[d + 1] = y;
  s[d + 2] = dir;
  s[d + 3] = DIVER_MOVE_INTERVAL;
}

function surface(s: Int32Array): number {
  let reward = 0;
  s[SURFACE] = 1;
  const divers = s[DIVERS];
  if (divers === 0) {
    s[H_TERMINAL] = 1;
    return 0;
  }
  if (divers === 6) {
    reward = Math.floor((s[OXYGEN] * 10) / MAX_OXYGEN);
    s[DIVERS] = 0;
  } else {
    s[DIVERS] = divers - 1;
  }
  s[OXYGEN] = MAX_OXYGEN;
  if (s[H_RAMPING] !== 0) {
    if (s[E_SPAWN_SPEED] > 1) s[E_SPAWN_SPEED]--;
    if (s[MOVE_SPEED] > 2 && s[RAMP_INDEX] % 2 === 1) s[MOVE_SPEED]--;
    s[RAMP_INDEX]++;
  }
  return reward;
}

/** The Seaquest game. */
export const seaquest: Game = {
  name: "seaquest",
  title: "Seaquest",
  channels: [
    "sub_front",
    "sub_back",
    "friendly_bullet",
    "trail",
    "enemy_bullet",
    "enemy_fish",
    "enemy_sub",
    "oxygen_gauge",
    "diver_gauge",
    "diver",
  ],
  minimalActions: [A.NOOP, A.LEFT, A.UP, A.RIGHT, A.DOWN, A.FIRE],
  stateSize: SIZE,
  colors: [
    [255, 230, 60],
    [200, 170, 40],
    [255, 255, 200],
    [60, 80, 120],
    [255, 90, 60],
    [90, 200, 120],
    [220, 60, 200],
    [90, 170, 255],
    [240, 140, 50],
    [120, 230, 230],
  ],
  glyphs: "SsI.!FUod&",
  drawOrder: [3, 7, 8, 9, 5, 6, 4, 2, 1, 0],

  reset(s: Int32Array): void {
    s[SUB_X] = 5;
    s[SUB_Y] = 0;
    s[FACING] = -1;
    s[OXYGEN] = MAX_OXYGEN;
    s[DIVERS] = 0;
    s[SHOT_TIMER] = 0;
    s[SURFACE] = 1;
    s[E_SPAWN_SPEED] = 20;
    s[E_SPAWN_TIMER] = 20;
    s[D_SPAWN_TIMER] = DIVER_SPAWN_INTERVAL;
    s[MOVE_SPEED] = 5;
    s[RAMP_INDEX] = 0;
  },

  step(s: Int32Array, action: number, rng: Rng): number {
    if (action === A.FIRE) {
      if (s[SHOT_TIMER] === 0 && s[N_FB] < FB_CAP) {
        const b = FB + s[N_FB]++ * FB_W;
        s[b] = s[SUB_X];
        s[b + 1] = s[SUB_Y];
        s[b + 2] = s[FACING];
        s[SHOT_TIMER] = SHOT_COOLDOWN;
      }
    } else if (action === A.LEFT) {
      if (s[SUB_X] > 0) s[SUB_X]--;
      s[FACING] = -1;
    } else if (action === A.RIGHT) {
      if (s[SUB_X] < GRID - 1) s[SUB_X]++;
      s[FACING] = 1;
    } else if (action === A.UP) {
      if (s[SUB_Y] > 0) s[SUB_Y]--;
    } else if (action === A.DOWN) {
      if (s[SUB_Y] < GRID - 2) s[SUB_Y]++;
    }
    subHit(s);

    // Friendly bullets.
    for (let i = s[N_FB] - 1; i >= 0; i--) {
      const b = FB + i * FB_W;
      const x = s[b] + s[b + 2];
      if (x < 0 || x >= GRID) removeAt(s, N_FB, FB, FB_W, i);
      else s[b] = x;
    }
    let reward = bulletHits(s);

    // Enemy bullets.
    for (let i = s[N_EB] - 1; i >= 0; i--) {
      const b = EB + i * EB_W;
      const x = s[b] + s[b + 2];
      if (x < 0 || x >= GRID) removeAt(s, N_EB, EB, EB_W, i);
      else s[b] = x;
    }
    subHit(s);

    // Enemies: move when due, subs shoot when due.
    for (let i = s[N_EN] - 1; i >= 0; i--) {
      const e = EN + i * EN_W;
      if (s[e + 5] !== 0 && --s[e + 4] < 0) {
        s[e + 4] = ENEMY_SHOT_INTERVAL;
        if (s[N_EB] < EB_CAP) {
          const b = EB + s[N_EB]++ * EB_W;
          s[b] = s[e];
          s[b + 1] = s[e + 1];
          s[b + 2] = s[e + 2];
        }
      }
      if (--s[e + 3] < 0) {
        s[e + 3] = s[MOVE_SPEED];
        const x = s[e] + s[e + 2];
        if (x < 0 || x >= GRID) removeAt(s, N_EN, EN, EN_W, i);
        else s[e] = x;
      }
    }
    reward += bulletHits(s);
    subHit(s);

    // Divers.
    for (let i = s[N_DV] - 1; i >= 0; i--) {
      const d = DV + i * DV_W;
      if (--s[d + 3] < 0) {
        s[d + 3] = DIVER_MOVE_INTERVAL;
        const x = s[d] + s[d + 2];
        if (x < 0 || x >= GRID) removeAt(s, N_DV, DV, DV_W, i);
        else s[d] = x;
      }
    }
    pickDivers(s);

    // Spawns.
    if (--s[E_SPAWN_TIMER] < 0) {
      spawnEnemy(s, rng);
      s[E_SPAWN_TIMER] = s[E_SPAWN_SPEED];
    }
    if (--s[D_SPAWN_TIMER] < 0) {
      spawnDiver(s, rng);
      s[D_SPAWN_TIMER] = DIVER_SPAWN_INTERVAL;
    }
    if (s[SHOT_TIMER] > 0) s[SHOT_TIMER]--;

    // Oxygen and surfacing.
    if (s[SUB_Y] > 0) {
      if (s[OXYGEN] <= 0) s[H_TERMINAL] = 1;
      s[OXYGEN]--;
      s[SURFACE] = 0;
    } else if (s[SURFACE] === 0) {
      reward += surface(s);
    }
    return reward;
  },

  heuristic(s: Int32Array): number {
    // Divers are worth keeping (they make surfacing safe and pay the six-diver bonus); running out of oxygen
    // before the surface is reachable is almost a death.
    const y = s[SUB_Y];
    const short = Math.min(1, Math.max(0, (y + OXYGEN_MARGIN - s[OXYGEN]) / OXYGEN_MARGIN));
    return 0.5 * s[DIVERS] - 8 * short;
  },

  rolloutAction(s: Int32Array, rng: Rng): number {
    const y = s[SUB_Y];
    // Head up when oxygen runs low and a diver makes surfacing safe; never surface without one.
    if (s[DIVERS] > 0 && y > 0 && s[OXYGEN] < y + OXYGEN_MARGIN) return A.UP;
    const a = rng.int(6);
    return a === A.UP && y === 1 && s[DIVERS] === 0 ? A.NOOP : a;
  },

  observe(s: Int32Array, out: Uint8Array, o: number): void {
    const C = 10;
    const x = s[SUB_X];
    const y = s[SUB_Y];
    out[o + (y * GRID + x) * C] = 1;
    const back = x - s[FACING];
    if (back >= 0 && back < GRID) out[o + (y * GRID + back) * C + 1] = 1;
    for (let i = 0, n = s[N_FB]; i < n; i++) {
      const b = FB + i * FB_W;
      out[o + (s[b + 1] * GRID + s[b]) * C + 2] = 1;
    }
    for (let i = 0, n = s[N_EB]; i < n; i++) {
      const b = EB + i * EB_W;
      out[o + (s[b + 1] * GRID + s[b]) * C + 4] = 1;
    }
    for (let i = 0, n = s[N_EN]; i < n; i++) {
      const e = EN + i * EN_W;
      const row = s[e + 1] * GRID;
      out[o + (row + s[e]) * C + (s[e + 5] !== 0 ? 6 : 5)] = 1;
      const t = s[e] - s[e + 2];
      if (t >= 0 && t < GRID) out[o + (row + t) * C + 3] = 1;
    }
    for (let i = 0, n = s[N_DV]; i < n; i++) {
      const d = DV + i * DV_W;
      const row = s[d + 1] * GRID;
      out[o + (row + s[d]) * C + 9] = 1;
      const t = s[d] - s[d + 2];
      if (t >= 0 && t < GRID) out[o + (row + t) * C + 3] = 1;
    }
    const bottom = (GRID - 1) * GRID;
    const gauge = Math.floor((s[OXYGEN] * 10) / MAX_OXYGEN);
    for (let i = 0; i < gauge; i++) out[o + (bottom + i) * C + 7] = 1;
    for (let i = 0; i < s[DIVERS]; i++) out[o + (bottom + GRID - 1 - i) * C + 8] = 1;
  },
};
