/**
 * The contract a miniature game implements (one file per game) and the state layout every game shares.
 *
 * A game keeps its whole state in one `Int32Array` (so that cloning is a `set`, serialising is a copy and a
 * vector of N environments is one array of N * stateSize words). The first {@link HEADER} words are common to
 * every game and owned by the environment wrapper; the rest is the game's own layout.
 */
import type { Rng } from "../../util/rng.js";

/** Grid side: every observation is [GRID, GRID, C] booleans indexed [y, x, channel], y = 0 at the top. */
export const GRID = 10;
/** Cells per channel plane. */
export const CELLS = GRID * GRID;
/** Size of the shared action set: 0 no-op, 1 left, 2 up, 3 right, 4 down, 5 fire. */
export const NUM_ACTIONS = 6;
/** Action names, indexed by action id. */
export const ACTION_NAMES = ["noop", "left", "up", "right", "down", "fire"] as const;
/** Action ids by name. */
export const A = { NOOP: 0, LEFT: 1, UP: 2, RIGHT: 3, DOWN: 4, FIRE: 5 } as const;
/** The largest channel count of the built-in games (Seaquest): the common width of padded observations. */
export const MAX_CHANNELS = 10;

/** State word 0: 1 once the episode has ended. */
export const H_TERMINAL = 0;
/** State word 1: the last executed action (sticky actions repeat it); kept across resets. */
export const H_LAST_ACTION = 1;
/** State word 2: 1 when difficulty ramping is on. */
export const H_RAMPING = 2;
/** State word 3: steps taken in the current episode. */
export const H_STEP = 3;
/** Number of header words; a game's own state starts here. */
export const HEADER = 4;

/** An RGB colour, 0..255 per component. */
export type Rgb = readonly [number, number, number];

/**
 * A game: pure functions over a state array. `step` receives the action actually executed (the environment
 * has already applied sticky actions) and the environment's generator, which drives all game randomness.
 */
export interface Game {
  /** Registry key, lower case (e.g. `breakout`). */
  readonly name: string;
  /** Display name (e.g. `Breakout`). */
  readonly title: string;
  /** Channel names; their count is C of the [10, 10, C] observation. */
  readonly channels: readonly string[];
  /** The actions that do something in this game (a subset of the six shared actions). */
  readonly minimalActions: readonly number[];
  /** Number of Int32 state words, header included. */
  readonly stateSize: number;
  /** One colour per channel for PNG/GIF frames. */
  readonly colors: readonly Rgb[];
  /** One character per channel for ASCII frames. */
  readonly glyphs: string;
  /** Channels in drawing order (later ones are drawn over earlier ones); default 0..C-1. */
  readonly drawOrder?: readonly number[];
  /** Starts an episode: writes the game words of `s` (words from HEADER on); the header is set by the caller. */
  reset(s: Int32Array, rng: Rng): void;
  /** Advances one step with the executed action; sets `s[H_TERMINAL]` on the end; returns the reward. */
  step(s: Int32Array, action: number, rng: Rng): number;
  /** Writes the observation: C bytes (0/1) per cell at `out[offset + (y*10 + x)*C + c]`; the caller zeroes it. */
  observe(s: Int32Array, out: Uint8Array, offset: number): void;
  /**
   * Planner hint (optional): a leaf value, an estimate of future reward the search horizon cannot see (e.g.
   * Seaquest's oxygen and divers), in reward units. Absent: 0.
   */
  heuristic?(s: Int32Array): number;
  /**
   * Planner hint (optional): a cheap default policy for rollouts (e.g. Breakout's paddle following the ball).
   * Absent: uniform random minimal actions. It must draw randomness only from `rng`.
   */
  rolloutAction?(s: Int32Array, rng: Rng): number;
}

/** The number of observation channels of a game. */
export function channelCount(game: Game): number {
  return game.channels.length;
}

/** Bytes of one unpacked observation (one byte per boolean). */
export function observationSize(game: Game): number {
  return CELLS * game.channels.length;
}
