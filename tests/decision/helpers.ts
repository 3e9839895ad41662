/** Test helpers: environments with hand-built states. */
import { Env } from "../../src/decision/games/env.js";
import { getGame } from "../../src/decision/games/registry.js";

/** A reset environment of a game with sticky actions off (so that steps are exactly the chosen actions). */
export function freshEnv(name: string, seed = 1): Env {
  return new Env(getGame(name), { seed, sticky: 0 }).reset();
}

/** The observation channel value at (y, x, c). */
export function cell(env: Env, y: number, x: number, c: number): number {
  const C = env.game.channels.length;
  return env.observe()[(y * 10 + x) * C + c];
}
