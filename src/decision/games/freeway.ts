/**
 * Freeway (MinAtar rules, see specs/minatar-rules.md). A chicken in column 4 crosses eight lanes of cars; each
 * crossing gives +1, re-randomises the car speeds and puts the chicken back at the bottom. Being hit only sends
 * it back. The episode ends after 2,500 frames (2,501 steps). No ramping.
 * Channels: 0 chicken, 1 car, 2..6 trail of a car of speed 1..5. Minimal actions: no-op, up, down.
 *
 * Timers: the chicken's move timer is set to 3 on a move and counts down to 0 (so it moves at most every third
 * step). Car timers follow the convention the spec states for timers (count down, fire when below zero, restart
 * at the period), so a car of speed v moves one cell every |v| + 1 steps; with a period of |v| the random policy
 * crosses 0.03 times per episode, far below the reference 0.15 (this reading gives 0.11).
 */
import type { Rng } from "../../util/rng.js";
import { A, type Game, GRID, H_TERMINAL, HEADER } from "./game.js";

const CHICKEN_X = 4;
const PY = HEADER;
const MOVE_TIMER = HEADER + 1;
const TERMINATE_TIMER = HEADER + 2;
/** 8 cars (rows 1..8) of 3 words: x, signed speed, countdown. */
const CARS = HEADER + 3;
const CAR_WORDS = 3;
const NCARS = 8;
const SIZE = CARS + NCARS * CAR_WORDS;
const EPISODE_FRAMES = 2500;

/** State word offsets, for tests and tools that build positions by hand. */
export const FREEWAY = { PY, MOVE_TIMER, TERMINATE_TIMER, CARS, CAR_WORDS, CHICKEN_X } as const;

function randomizeSpeeds(s: Int32Array, rng: Rng): void {
  for (let i = 0; i < NCARS; i++) {
    const c = CARS + i * CAR_WORDS;
    const speed = rng.int(5) + 1;
    s[c + 1] = rng.int(2) === 0 ? speed : -speed;
    s[c + 2] = speed;
  }
}

/** True if a car stands on the chicken's cell. */
function hit(s: Int32Array): boolean {
  const y = s[PY];
  if (y < 1 || y > NCARS) return false;
  return s[CARS + (y - 1) * CAR_WORDS] === CHICKEN_X;
}

/** The Freeway game. */
export const freeway: Game = {
  name: "freeway",
  title: "Freeway",
  channels: ["chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"],
  minimalActions: [A.NOOP, A.UP, A.DOWN],
  stateSize: SIZE,
  colors: [
    [255, 230, 60],
    [230, 80, 80],
    [70, 70, 130],
    [70, 90, 150],
    [70, 110, 170],
    [70, 130, 190],
    [70, 150, 210],
  ],
  glyphs: "C#12345",
  drawOrder: [2, 3, 4, 5, 6, 1, 0],

  reset(s: Int32Array, rng: Rng): void {
    s[PY] = GRID - 1;
    s[MOVE_TIMER] = 0;
    s[TERMINATE_TIMER] = EPISODE_FRAMES;
    for (let i = 0; i < NCARS; i++) s[CARS + i * CAR_WORDS] = 0;
    randomizeSpeeds(s, rng);
  },

  step(s: Int32Array, action: number, rng: Rng): number {
    let reward = 0;
    if (s[MOVE_TIMER] === 0) {
      if (action === A.UP) {
        s[PY] = Math.max(0, s[PY] - 1);
        s[MOVE_TIMER] = 3;
      } else if (action === A.DOWN) {
        s[PY] = Math.min(GRID - 1, s[PY] + 1);
        s[MOVE_TIMER] = 3;
      }
    }
    if (s[PY] === 0) {
      reward = 1;
      s[PY] = GRID - 1;
      randomizeSpeeds(s, rng);
    }
    if (hit(s)) s[PY] = GRID - 1;
    for (let i = 0; i < NCARS; i++) {
      const c = CARS + i * CAR_WORDS;
      if (--s[c + 2] < 0) {
        const v = s[c + 1];
        s[c + 2] = v < 0 ? -v : v;
        let x = s[c] + (v > 0 ? 1 : -1);
        if (x < 0) x = GRID - 1;
        else if (x >= GRID) x = 0;
        s[c] = x;
      }
    }
    if (hit(s)) s[PY] = GRID - 1;
    if (s[MOVE_TIMER] > 0) s[MOVE_TIMER]--;
    if (--s[TERMINATE_TIMER] < 0) s[H_TERMINAL] = 1;
    return reward;
  },

  heuristic(s: Int32Array): number {
    // Progress towards the far side, in crossings (a crossing is worth 1).
    return (GRID - 1 - s[PY]) / (GRID - 1);
  },

  rolloutAction(_s: Int32Array, rng: Rng): number {
    // Mostly up, sometimes wait: closer to how a good player crosses than uniform moves.
    const u = rng.next();
    return u < 0.7 ? A.UP : u < 0.95 ? A.NOOP : A.DOWN;
  },

  observe(s: Int32Array, out: Uint8Array, o: number): void {
    out[o + (s[PY] * GRID + CHICKEN_X) * 7] = 1;
    for (let i = 0; i < NCARS; i++) {
      const c = CARS + i * CAR_WORDS;
      const y = i + 1;
      const x = s[c];
      const v = s[c + 1];
      out[o + (y * GRID + x) * 7 + 1] = 1;
      let tx = v > 0 ? x - 1 : x + 1;
      if (tx < 0) tx = GRID - 1;
      else if (tx >= GRID) tx = 0;
      out[o + (y * GRID + tx) * 7 + 1 + (v < 0 ? -v : v)] = 1;
    }
  },
};
